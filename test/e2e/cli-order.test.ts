// Command-line conventions: global flags before or after the subcommand, exit 2 with the usage
// for every bad flag or value, and a no-kubeconfig error that points at the demo.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runCli, startApp, startDemo, type DemoCluster} from './harness.js';

let cluster: DemoCluster;
const stateHome = mkdtempSync(join(tmpdir(), 'initk9-cli-order-'));

before(async () => {
	cluster = await startDemo({scenarios: ['exit-127'], speed: 20});
});
after(async () => {
	await cluster?.stop();
});

/** initk9 with its own state directory and CI unset. */
const run = (args: string[], env: Record<string, string | undefined> = {}) => runCli(args, {XDG_STATE_HOME: stateHome, CI: undefined, ...env});

test('--kubeconfig before the report subcommand works as after it', async () => {
	const before = await run(['--kubeconfig', cluster.kubeconfigPath, 'report', 'default/myapp-pod', '--format', 'json']);
	assert.equal(before.status, 0, before.stderr);
	const after = await run(['report', 'default/myapp-pod', '--format', 'json', '--kubeconfig', cluster.kubeconfigPath]);
	assert.equal(after.status, 0, after.stderr);
	assert.equal(JSON.parse(before.stdout).pod.name, 'myapp-pod');
	assert.equal(JSON.parse(after.stdout).pod.name, 'myapp-pod');
});

test('--kubeconfig and -n before the causes subcommand work as after it', async () => {
	const before = await run(['--kubeconfig', cluster.kubeconfigPath, '-n', 'default', 'causes', '--format', 'json']);
	assert.equal(before.status, 0, before.stderr);
	const after = await run(['causes', '--format', 'json', '-n', 'default', '--kubeconfig', cluster.kubeconfigPath]);
	assert.equal(after.status, 0, after.stderr);
	assert.ok(Array.isArray((JSON.parse(before.stdout) as {groups: unknown}).groups));
	assert.deepEqual(Object.keys(JSON.parse(before.stdout) as object), Object.keys(JSON.parse(after.stdout) as object));
});

test('every bad flag or value: one initk9 line, the usage, exit 2', async () => {
	const cases: Array<[string[], RegExp]> = [
		[['--demo', '--scenario', 'bogus'], /^initk9: --scenario: unknown scenario "bogus" \(known: .*exit-127/],
		[['demo', '--scenario', 'bogus'], /^initk9: --scenario: unknown scenario "bogus"/],
		[['--scenario', 'exit-127', 'demo', '--speed', '0'], /^initk9: --speed: "0" is not a positive number/],
		[['report', 'default/myapp-pod', '--format', 'xml', '--kubeconfig', cluster.kubeconfigPath], /^initk9: --format: "xml" is not markdown or json/],
		[['-A', 'report', 'default/myapp-pod'], /^initk9: .*-A/],
		[['--stuck-after', 'soon'], /^initk9: --stuck-after: "soon" is not a duration/],
	];
	for (const [args, first] of cases) {
		const result = await run(args);
		assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
		assert.match(result.stderr.split('\n')[0]!, first, args.join(' '));
		assert.match(result.stderr, /\nUsage:\n/, args.join(' '));
		assert.doesNotMatch(result.stderr, /at .*\.js:\d+/);
	}
});

test('no kubeconfig anywhere: the error suggests the demo', async () => {
	const home = mkdtempSync(join(tmpdir(), 'initk9-no-home-'));
	const app = await startApp({args: [], cols: 120, rows: 10, env: {HOME: home, KUBECONFIG: undefined}});
	const {code} = await app.exit;
	assert.notEqual(code, 0);
	assert.match(app.text(), /initk9: no kubeconfig found: .*initk9 --demo/s);
});
