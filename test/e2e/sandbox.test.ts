// Before the first init container (issue 18), end to end: the demo's sandbox-runtime pod (a
// RuntimeClass handler the node does not have) in the table — initializing, then stuck with the
// stage as its WHY — and in the drill-down, whose headline names the cause from the events.
// Build first (`npm run build`).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {startDemoCluster} from '../../demo/index.js';
import {KEYS, rowOf, startApp, stopApp} from './harness.js';

test('sandbox-runtime: Init:0/1 stuck before its sandbox; the drill-down names the runtime handler', async () => {
	const demo = await startDemoCluster({scenarios: ['sandbox-runtime'], speed: 4});
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'sandbox', '--stuck-after', '5s'], cols: 160, rows: 30, env: {TZ: 'UTC'}});
	try {
		await app.waitFor(/myapp-kata\s+0\/1\s+Init:0\/1/, 30_000);
		await app.waitFor(/⧗\s+myapp-kata\s+0\/1\s+Init:0\/1\s+0\s/, 30_000);
		assert.match(rowOf(app, 'myapp-kata') ?? '', /sandbox and volumes not ready after \d+s, no container created/);
		assert.match(app.screen()[1]!, /stuck 1/);
		await app.press(KEYS.enter);
		const flat = () => app.screen().join(' ').replace(/\s+/g, ' ');
		await app.waitFor(() => /Blocked before init: sandbox not created — runtime handler kata is not configured on the node/.test(flat()), 30_000);
		assert.match(flat(), /no runtime for "kata" is configured/, 'the kubelet\'s event is shown as evidence');
		assert.doesNotMatch(flat(), /press l/, 'no logs offered: no container ever ran');
	} finally {
		await stopApp(app);
		await demo.stop();
	}
});

test('sandbox-cni: the node\'s IP range is exhausted — the table says stuck before the sandbox, the drill-down names the range', async () => {
	const demo = await startDemoCluster({scenarios: ['sandbox-cni'], speed: 10});
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'network', '--stuck-after', '5s'], cols: 160, rows: 30, env: {TZ: 'UTC'}});
	try {
		await app.waitFor(/⧗\s+payments-worker\s+0\/1\s+Init:0\/1\s+0\s/, 30_000);
		assert.match(rowOf(app, 'payments-worker') ?? '', /sandbox and volumes not ready after \d+s, no container created/);
		await app.press(KEYS.enter);
		const flat = () => app.screen().join(' ').replace(/\s+/g, ' ');
		await app.waitFor(() => /Blocked before init: sandbox not created — the node's pod IP range is exhausted \(10\.244\.102\.1-10\.244\.102\.254\)/.test(flat()), 30_000);
		// Every retry names a new sandbox: after ten the kubelet's aggregator combines them, and the count still adds up.
		await app.waitFor(() => /Kubelet \((\d+)×\): \(combined from similar events\): Failed to create pod sandbox: .*failed to setup network for sandbox/.test(flat()), 60_000);
		assert.match(flat(), /no IP addresses available in range set/);
	} finally {
		await stopApp(app);
		await demo.stop();
	}
});
