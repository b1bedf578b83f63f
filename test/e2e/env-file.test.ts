// Env files (KEP-3721 fileKeyRef), end to end on the demo's env-file scenario: render-env writes
// /env/app.env without DB_PASSWORD, so the kubelet cannot build invoice-api's environment. The
// table's row is the app's CreateContainerConfigError with the writer as suspect; the drill-down
// names the file, the key, the writer and the kubelet's message; the checklist pre-marks its
// env-file step failed. Build first (`npm run build`).
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import type {Pod} from '../../source/model/k8s-types.js';
import {flatScreen, KEYS, openPod, rowOf, startApp, stopApp} from './harness.js';

let demo: DemoCluster;

before(async () => {
	demo = await startDemoCluster({scenarios: ['env-file']});
});
after(async () => {
	await demo?.stop();
});

test('env-file: the row blames init render-env; the drill-down names app.env, DB_PASSWORD and the kubelet\'s message; the checklist step failed', async () => {
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'billing'], cols: 220, rows: 50, env: {TZ: 'UTC'}});
	try {
		await app.waitFor(() => /\s0\/1\s+CreateContainerConfigError\s/.test(rowOf(app, 'invoice-api') ?? ''), 60_000);
		await app.waitFor(() => /suspect init render-env: env file app\.env \(key DB_PASSWORD\)/.test(rowOf(app, 'invoice-api') ?? ''), 30_000);
		const uid = (demo.store.get('pods', 'billing', 'invoice-api') as unknown as Pod).metadata.uid;

		await openPod(app, 'invoice-api');
		await app.waitFor(() => /Blocked at app 1\/1 invoice-api: CreateContainerConfigError — env file app\.env has no key DB_PASSWORD, written by init render-env/.test(flatScreen(app)), 30_000);
		const screen = flatScreen(app);
		assert.ok(screen.includes(`Kubelet: environment variable key "DB_PASSWORD" not found in file "/var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~empty-dir/envdir/app.env"`), screen);
		assert.match(screen, /invoice-api reads env DB_PASSWORD = key DB_PASSWORD of app\.env in volume envdir/);
		assert.match(screen, /init render-env: exited 0 \(Completed\)/);

		await app.press('c');
		await app.waitFor(/Checklist billing\/invoice-api\s+\d\/\d/, 30_000);
		await app.waitFor(/1\. Env files written by init containers\s+FAILED \(pre-marked by the evidence\)/, 30_000);
		await app.waitFor('invoice-api reads env DB_PASSWORD = key DB_PASSWORD of app.env in volume envdir; written by render-env');
		await app.press(KEYS.escape);
	} finally {
		await stopApp(app);
	}
});
