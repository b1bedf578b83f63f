// The command line as a user meets it: help, version, bad flags, no terminal, quitting.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CLI, restoredAtExit, startApp} from './harness.js';

function run(args: string[]) {
	const env = {...process.env};
	delete env.CI;
	return spawnSync(process.execPath, [CLI, ...args], {encoding: 'utf8', env, stdio: ['pipe', 'pipe', 'pipe'], timeout: 20_000});
}

test('--help prints the usage and exits 0', () => {
	const result = run(['--help']);
	assert.equal(result.status, 0);
	assert.match(result.stdout, /^Usage:/);
	assert.match(result.stdout, /initk9 demo \[--port N\]/);
});

const VERSION_LINE = /^initk9 \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}(?:-dirty)?|unknown)\)\n$/;

test('--version prints the package version and the commit the bundle was built from', () => {
	const result = run(['--version']);
	assert.equal(result.status, 0);
	const commit = VERSION_LINE.exec(result.stdout)?.[1];
	assert.ok(commit, result.stdout);
	const insideGit = spawnSync('git', ['rev-parse', 'HEAD'], {encoding: 'utf8'}).status === 0;
	if (!insideGit) return assert.equal(commit, 'unknown');
	// Built in this checkout: HEAD when built, so HEAD or one of its ancestors (a build is older than later commits).
	const ancestor = spawnSync('git', ['merge-base', '--is-ancestor', commit.replace(/-dirty$/, ''), 'HEAD']);
	assert.equal(ancestor.status, 0, `${commit} is not a commit of this checkout's history`);
});

test('an unknown flag: one error line, the usage, exit 2', () => {
	const result = run(['--frobnicate']);
	assert.equal(result.status, 2);
	const [first, second] = result.stderr.split('\n');
	assert.equal(first, 'initk9: unknown flag --frobnicate');
	assert.equal(second, '');
	assert.match(result.stderr, /Usage:/);
	assert.doesNotMatch(result.stderr, /at .*\.js:\d+/);
});

test('a bad value: one error line, exit 2', () => {
	const result = run(['--stuck-after', 'soon']);
	assert.equal(result.status, 2);
	assert.match(result.stderr.split('\n')[0], /^initk9: --stuck-after: "soon" is not a duration/);
	const demo = run(['demo', '--port', 'http']);
	assert.equal(demo.status, 2);
	assert.match(demo.stderr.split('\n')[0], /^initk9: --port: "http" is not a port number/);
});

test('stdout not a terminal: a clear one-line error, non-zero exit', () => {
	const result = run(['--demo']);
	assert.equal(result.status, 1);
	assert.equal(result.stderr, 'initk9: stdout is not a terminal: initk9 is a full-screen UI (for plain text, use `initk9 report NS/POD`)\n');
});

test('a failure before the screen opens is one line and leaves the terminal as it was', async () => {
	const app = await startApp({args: ['--kubeconfig', '/nonexistent/initk9-kubeconfig'], cols: 80, rows: 20});
	const {code} = await app.exit;
	assert.notEqual(code, 0);
	const lines = app.text().split('\n').filter(line => line.trim());
	assert.equal(lines.length, 1, app.text());
	assert.match(lines[0], /^initk9: /);
	assert.equal(app.onAlternateScreen(), false);
	const restored = restoredAtExit(app.output());
	assert.ok(!app.output().includes('\u001B[?1049h') || restored.leftAlternateScreen);
});

test('as a kubectl plugin: `kubectl initk9` runs the same program', () => {
	const bin = mkdtempSync(join(tmpdir(), 'initk9-plugin-'));
	symlinkSync(CLI, join(bin, 'kubectl-initk9'));
	const env: NodeJS.ProcessEnv = {...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`};
	delete env.CI;
	const version = spawnSync('kubectl', ['initk9', '--version'], {encoding: 'utf8', env, timeout: 20_000});
	assert.equal(version.status, 0, version.stderr);
	assert.match(version.stdout, VERSION_LINE);
	const bad = spawnSync('kubectl', ['initk9', '--frobnicate'], {encoding: 'utf8', env, timeout: 20_000});
	assert.equal(bad.status, 2);
	assert.match(bad.stderr, /^initk9: unknown flag --frobnicate\n/);
});
