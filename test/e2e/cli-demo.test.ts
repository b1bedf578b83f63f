// `initk9 demo` (the demo cluster alone, for kubectl) and `initk9 --demo` (the TUI on it).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {createServer} from 'node:net';
import {CLI, restoredAtExit, startApp} from './harness.js';

function env() {
	const copy = {...process.env};
	delete copy.CI;
	return copy;
}

test('initk9 demo prints its kubeconfig and a kubectl line, serves kubectl, stops on SIGINT', async () => {
	const child = spawn(process.execPath, [CLI, 'demo', '--scenario', 'exit-127', '--speed', '4'], {env: env(), stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
	try {
		const deadline = Date.now() + 20_000;
		while (!/kubectl --kubeconfig (\S+) get pods -A -w/.test(stdout) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 50));
		const kubeconfig = /kubectl --kubeconfig (\S+) get pods -A -w/.exec(stdout)?.[1];
		assert.ok(kubeconfig, stdout);
		assert.match(stdout, new RegExp(`kubeconfig: ${kubeconfig}`));
		assert.match(stdout, new RegExp(`initk9 --kubeconfig ${kubeconfig} -A`));
		let pods = '';
		while (!/myapp-pod\s+0\/1\s+Init:/.test(pods) && Date.now() < deadline) {
			pods = spawnSync('kubectl', ['--kubeconfig', kubeconfig, 'get', 'pods'], {encoding: 'utf8'}).stdout;
		}
		assert.match(pods, /myapp-pod\s+0\/1\s+Init:/);
	} finally {
		child.kill('SIGINT');
	}
	assert.equal(await exited, 0);
});

test('initk9 demo: an unknown scenario or a port in use is one line, non-zero', async () => {
	const unknown = spawnSync(process.execPath, [CLI, 'demo', '--scenario', 'nope'], {encoding: 'utf8', env: env(), timeout: 20_000});
	// A bad value: one line naming the known ones, then the usage, exit 2 (as for every bad flag).
	assert.equal(unknown.status, 2);
	assert.match(unknown.stderr, /^initk9: --scenario: unknown scenario "nope" \(known: [^)]+\)\n\nUsage:\n/);

	const blocker = createServer();
	await new Promise<void>(resolve => blocker.listen(0, '127.0.0.1', resolve));
	const {port} = blocker.address() as {port: number};
	try {
		const busy = spawnSync(process.execPath, [CLI, 'demo', '--port', String(port)], {encoding: 'utf8', env: env(), timeout: 20_000});
		assert.notEqual(busy.status, 0);
		assert.equal(busy.stderr, `initk9: port ${port} is already in use\n`);
	} finally {
		blocker.close();
	}
});

test('initk9 --demo opens the TUI on the demo cluster with every namespace: each scenario on the first screen', async () => {
	const app = await startApp({args: ['--demo', '--scenario', 'exit-127,dependency-wait'], cols: 120, rows: 16});
	try {
		await app.waitFor(/ctx initk9-demo\s+ns all/, 20_000);
		await app.waitFor(/NAMESPACE\s+NAME↑?\s+READY/);
		await app.waitFor(/default\s+myapp-pod\s+0\/1\s+Init:/);
		await app.waitFor(/staging\s+myapp-waiting\s+0\/1\s+Init:0\/2/);
	} finally {
		app.kill('SIGTERM');
	}
	await app.exit;
	assert.deepEqual(restoredAtExit(app.output()), {leftAlternateScreen: true, cursorShown: true});
});

test('initk9 --demo -n default opens that namespace only', async () => {
	const app = await startApp({args: ['--demo', '-n', 'default', '--scenario', 'exit-127,dependency-wait'], cols: 120, rows: 16});
	try {
		await app.waitFor(/ctx initk9-demo\s+ns default/, 20_000);
		await app.waitFor(/myapp-pod\s+0\/1\s+Init:/);
		assert.doesNotMatch(app.text(), /NAMESPACE|myapp-waiting/);
	} finally {
		app.kill('SIGTERM');
	}
	await app.exit;
	assert.deepEqual(restoredAtExit(app.output()), {leftAlternateScreen: true, cursorShown: true});
});

test('initk9 --demo with an unknown scenario fails before the screen opens', async () => {
	const app = await startApp({args: ['--demo', '--scenario', 'nope'], cols: 100, rows: 60});
	const {code} = await app.exit;
	assert.equal(code, 2);
	assert.match(app.text().trim(), /^initk9: --scenario: unknown scenario "nope"/);
	assert.ok(!app.output().includes('\u001B[?1049h'));
});
