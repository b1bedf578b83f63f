// The npm package as `npm install -g` gets it: `npm pack` of this checkout (after the build), then
// installed from the tarball into a temporary prefix. Only the bundle ships, no runtime dependency
// is left to install, and the install stays small; the installed bins run, all three names.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What the installed package may take on disk; it was 106 MB with tsc's output and the dependencies. */
const MAX_INSTALL_BYTES = 6 * 1024 * 1024;
/** The files a package may hold: the bundle, its chunks and lazily required packages, the docs. */
const ALLOWED = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^CHANGELOG\.md$/, /^dist\/initk9\.js$/, /^dist\/chunks\/[\w.-]+\.js$/, /^dist\/lazy\/[\w.-]+\.cjs$/];

let dir: string;
let files: string[];
let tarball: string;
let prefix: string;

const npm = (args: string[], cwd: string) => spawnSync('npm', args, {cwd, encoding: 'utf8', timeout: 180_000, env: {...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false'}});

function bytesUnder(path: string): number {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.size;
	return readdirSync(path).reduce((sum, entry) => sum + bytesUnder(join(path, entry)), 0);
}

before(() => {
	dir = mkdtempSync(join(tmpdir(), 'initk9-npm-'));
	const packed = npm(['pack', '--json', '--pack-destination', dir], ROOT);
	assert.equal(packed.status, 0, packed.stderr);
	const [info] = JSON.parse(packed.stdout) as Array<{filename: string; files: Array<{path: string}>}>;
	files = info!.files.map(file => file.path).sort();
	tarball = join(dir, info!.filename);
	prefix = join(dir, 'prefix');
	// --offline: a package without dependencies installs from its tarball alone.
	const installed = npm(['install', '-g', '--offline', '--prefix', prefix, tarball], dir);
	assert.equal(installed.status, 0, installed.stderr);
});

after(() => {
	if (dir) rmSync(dir, {recursive: true, force: true});
});

test('the package holds the bundle and the docs, not tsc output or source maps', () => {
	const unexpected = files.filter(file => !ALLOWED.some(pattern => pattern.test(file)));
	assert.deepEqual(unexpected, []);
	for (const required of ['dist/initk9.js', 'README.md', 'LICENSE', 'CHANGELOG.md']) assert.ok(files.includes(required), required);
	assert.ok(files.some(file => file.startsWith('dist/chunks/')) && files.some(file => file.startsWith('dist/lazy/')));
});

test('no runtime dependencies: the bundle contains them', () => {
	const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
	for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies']) assert.equal(manifest[field], undefined, field);
	const installedModules = join(prefix, 'lib', 'node_modules', 'initk9', 'node_modules');
	assert.throws(() => statSync(installedModules), 'nothing installed under the package');
});

test(`the install is under ${MAX_INSTALL_BYTES / 1024 / 1024} MB`, () => {
	const bytes = bytesUnder(join(prefix, 'lib', 'node_modules'));
	assert.ok(bytes < MAX_INSTALL_BYTES, `${(bytes / 1024 / 1024).toFixed(1)} MB installed`);
});

test('the installed bins run: initk9, kubectl-initk9, kubectl_complete-initk9', () => {
	const run = (name: string, args: string[]) => spawnSync(join(prefix, 'bin', name), args, {encoding: 'utf8', timeout: 30_000});
	for (const name of ['initk9', 'kubectl-initk9']) {
		const version = run(name, ['--version']);
		assert.equal(version.status, 0, version.stderr);
		assert.match(version.stdout, /^initk9 \d+\.\d+\.\d+ \(commit /);
	}
	// kubectl runs it with the words after `kubectl initk9`, the last one being completed.
	const completion = run('kubectl_complete-initk9', ['rep']);
	assert.equal(completion.stdout, 'report\n:4\n');
});
