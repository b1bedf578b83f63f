// Whole-pod in-place restart (KEP-5532), end to end on the demo's pod-restart scenario: worker
// exits 88, its RestartAllContainers rule makes the kubelet restart the whole pod in place. While
// AllContainersRestarting is True the drill-down says so (a pod restart, same uid — not a new pod);
// the table shows the Running pod back at Init:0/1, then Running with its restarts counted.
// The scenario loops (every exit 88 restarts the pod again), so each wait below has a window
// every cycle. Build first (`npm run build`).
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import type {Pod} from '../../source/model/k8s-types.js';
import {KEYS, openPod, rowOf, startApp, stopApp} from './harness.js';

let demo: DemoCluster;

before(async () => {
	demo = await startDemoCluster({scenarios: ['pod-restart']});
});
after(async () => {
	await demo?.stop();
});

const flat = (lines: string[]) => lines.join(' ').replace(/\s+/g, ' ');

test('pod-restart: the table shows Running → Init:0/1 → Running in the same pod; the drill-down names the restart in place', async () => {
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'batch'], cols: 200, rows: 50, env: {TZ: 'UTC'}});
	try {
		await app.waitFor(() => /\sRunning\s/.test(rowOf(app, 'worker-0') ?? ''), 60_000);
		const uid = (demo.store.get('pods', 'batch', 'worker-0') as unknown as Pod).metadata.uid;
		await app.waitFor(() => /Init:0\/1/.test(rowOf(app, 'worker-0') ?? ''), 60_000);
		await app.waitFor(() => /\sRunning\s+[1-9]/.test(rowOf(app, 'worker-0') ?? ''), 60_000);
		assert.equal((demo.store.get('pods', 'batch', 'worker-0') as unknown as Pod).metadata.uid, uid, 'the same pod');
		await openPod(app, 'worker-0');
		await app.waitFor(() => /Restarting in place: .* the pod is restarting all its containers in place: worker exited 88 \(exit 88 matches restart rule \(exit code In \[88\]\): all containers restart in place, init containers first \(RestartAllContainers\)\)/.test(flat(app.screen())), 90_000);
		const screen = flat(app.screen());
		assert.match(screen, /Condition AllContainersRestarting \(RestartAllContainersStarted\): container exited with restart policy rule/);
		assert.ok(screen.includes(`The same pod (uid ${uid} unchanged) runs its init containers again from the first; it is not a new pod.`), screen);
		await app.press(KEYS.escape);
	} finally {
		await stopApp(app);
	}
});
