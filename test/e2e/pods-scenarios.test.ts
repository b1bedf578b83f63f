// The article's scenarios on the pod table, in a real terminal, against the demo cluster.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {rowOf, startApp, startDemo, statusOf, stopApp} from './harness.js';

/** ANSI palette indexes chalk uses for the named colours. */
const RED = 1;
const YELLOW = 3;
const CYAN = 6;

test('scenario 1: Init:0/2 → Init:1/2 → PodInitializing → Running, initializing in its own style', async () => {
	const demo = await startDemo({scenarios: ['healthy']});
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath], cols: 120, rows: 20});
	try {
		const seen: string[] = [];
		let initStyle;
		const deadline = Date.now() + 40_000;
		while (!seen.includes('Running') && Date.now() < deadline) {
			await app.waitFor(() => true);
			const status = statusOf(app, 'myapp-healthy');
			if (status && status !== seen[seen.length - 1]) seen.push(status);
			if (status === 'Init:0/2' && !initStyle) initStyle = app.styleOf('Init:0/2');
			await new Promise(resolve => setTimeout(resolve, 30));
		}
		const wanted = ['Init:0/2', 'Init:1/2', 'PodInitializing', 'Running'];
		assert.deepEqual(seen.filter(status => wanted.includes(status)), wanted, `statuses seen: ${seen.join(' → ')}`);
		assert.equal(initStyle?.fg, CYAN, 'initializing is cyan');
		assert.equal(initStyle?.bold, false, 'initializing is not bold');
		assert.match(rowOf(app, 'myapp-healthy') ?? '', /^\s*●\s+myapp-healthy\s+1\/1\s+Running\s+0\s/);
	} finally {
		await stopApp(app);
		await demo.stop();
	}
});

test('scenario 2: Init:Error / Init:CrashLoopBackOff in the failing style, with why', async () => {
	const demo = await startDemo({scenarios: ['exit-127'], speed: 4});
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath], cols: 140, rows: 20});
	try {
		await app.waitFor(/myapp-pod\s+0\/1\s+Init:(Error|CrashLoopBackOff)/, 30_000);
		const row = rowOf(app, 'myapp-pod')!;
		assert.match(row, /^\s*✖\s/, 'the failing symbol');
		assert.match(row, /▰▰▱ 2\/3/, 'init progress');
		assert.match(row, /init-failed-test: exit 127 \(command not found\)/);
		const status = statusOf(app, 'myapp-pod')!;
		const style = app.styleOf(status)!;
		assert.equal(style.fg, RED);
		assert.equal(style.bold, true);
		assert.match(app.screen()[1], /failing 1/);
		await app.waitFor(/myapp-pod\s+0\/1\s+Init:CrashLoopBackOff\s+[1-9]/, 30_000);
	} finally {
		await stopApp(app);
		await demo.stop();
	}
});

test('scenario 3: the pod waiting for a missing Service is marked stuck after --stuck-after', async () => {
	const demo = await startDemo({scenarios: ['dependency-wait']});
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'staging', '--stuck-after', '4s'], cols: 140, rows: 20});
	try {
		await app.waitFor(/◐\s+myapp-waiting\s+0\/1\s+Init:0\/2/, 15_000);
		await app.waitFor(/⧗\s+myapp-waiting\s+0\/1\s+Init:0\/2\s+0\s/, 15_000);
		const row = rowOf(app, 'myapp-waiting')!;
		assert.match(row, /init-myservice/);
		const style = app.styleOf('Init:0/2')!;
		assert.equal(style.fg, YELLOW, 'stuck is yellow');
		assert.equal(style.bold, true);
		assert.match(app.screen()[1], /stuck 1/);
	} finally {
		await stopApp(app);
		await demo.stop();
	}
});
