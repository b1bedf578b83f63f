// Container restart rules (KEP-5307), end to end on the demo's restart-rules scenario: under pod
// restartPolicy Never, init container fetch restarts in place when it exits 42 (its rule) and
// fails the pod when it exits 1. The demo kubelet and the diagnosis read the same rule
// (model/restart-rules.ts); the table and the drill-down say which happened and why.
// Build first (`npm run build`).
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {KEYS, openPod, rowOf, startApp, stopApp} from './harness.js';

let demo: DemoCluster;

before(async () => {
	demo = await startDemoCluster({scenarios: ['restart-rules'], speed: 4});
});
after(async () => {
	await demo?.stop();
});

const flat = (lines: string[]) => lines.join(' ').replace(/\s+/g, ' ');

test('restart-rules: the rule restarts fetch in place under restartPolicy Never; exit 1 fails the pod', async () => {
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'training'], cols: 200, rows: 40, env: {TZ: 'UTC'}});
	try {
		// STATUS can come from the server's printed row before the full pod gives WHY (`…` until then).
		await app.waitFor(() => /Init:CrashLoopBackOff.*fetch/.test(rowOf(app, 'train-retry') ?? '') && /Init:Error.*fetch/.test(rowOf(app, 'train-fatal') ?? ''), 60_000);
		await openPod(app, 'train-retry');
		await app.waitFor(() => /Restarted: exit 42 matches restart rule \(exit code In \[42\]\): fetch restarts in place\./.test(flat(app.screen())), 30_000);
		assert.match(flat(app.screen()), /Blocked at init 1\/1 fetch: exits 42/);
		await app.press(KEYS.escape);
		await app.waitFor(/NAME\S*\s+READY\s+STATUS/, 30_000);
		await openPod(app, 'train-fatal');
		await app.waitFor(() => /Not restarted: exit 1 matches no restart rule; fetch's restartPolicy Never: not restarted, so the pod fails\./.test(flat(app.screen())), 30_000);
		assert.match(flat(app.screen()), /Blocked at init 1\/1 fetch: exits 1/);
	} finally {
		await stopApp(app);
	}
});
