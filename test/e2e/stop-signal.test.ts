// Stop signals (KEP-4960), end to end on the demo's stop-signal scenario: at activeDeadlineSeconds
// the kubelet fails nightly-report (DeadlineExceeded) and stops init container wait-for-ledger with
// its image's STOPSIGNAL SIGINT; it dies of it, exit 130. The table's row and the drill-down
// explain the 130 with that signal — the kubelet's stop, not a crash — and say why the kubelet
// stopped it. Build first (`npm run build`).
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {flatScreen, KEYS, openPod, rowOf, startApp, stopApp} from './harness.js';

let demo: DemoCluster;

before(async () => {
	demo = await startDemoCluster({scenarios: ['stop-signal'], speed: 10});
});
after(async () => {
	await demo?.stop();
});

test('stop-signal: exit 130 is the kubelet stopping wait-for-ledger with its SIGINT at the active deadline, not a crash', async () => {
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'reports'], cols: 220, rows: 50, env: {TZ: 'UTC'}});
	try {
		await app.waitFor(() => /\sInit:Error\s/.test(rowOf(app, 'nightly-report') ?? ''), 90_000);
		await app.waitFor(() => /wait-for-ledger: exit 130 \(stopped by the kubelet with SIGINT/.test(rowOf(app, 'nightly-report') ?? ''), 30_000);

		await openPod(app, 'nightly-report');
		await app.waitFor(() => /Blocked at init 1\/1 wait-for-ledger: exits 130 \(stopped by the kubelet with SIGINT, its stop signal \(containerStatuses\[\]\.stopSignal\) — not a crash\)/.test(flatScreen(app)), 30_000);
		const screen = flatScreen(app);
		assert.match(screen, /The kubelet stopped it: the pod failed with DeadlineExceeded — Pod was active on the node longer than the specified deadline \(activeDeadlineSeconds 45\)\./);
		assert.match(screen, /Exit 130 = 128\+2: SIGINT, the stop signal the runtime reports — the kubelet stopped it/);
		await app.press(KEYS.escape);
	} finally {
		await stopApp(app);
	}
});
