// The header and the table when watches keep stalling while lists answer, and the reconnect key
// after a burst of server errors: the built initk9 in a pseudo-terminal against the demo server's
// faults, with the watchdog, back-off and poll interval shortened through INITK9_* variables.
import {after, before, test} from 'node:test';
import {KEYS, startApp, startDemo, stopApp} from './harness.js';
import type {DemoCluster} from '../../demo/index.js';

let demo: DemoCluster;
before(async () => {
	demo = await startDemo({kubelet: false, bookmarkIntervalMs: 300});
});
after(() => demo.stop());

const WATCHDOG_MS = 1500;

function pod(name: string) {
	return {
		apiVersion: 'v1', kind: 'Pod',
		metadata: {name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: new Date().toISOString()},
		spec: {containers: [{name: 'app', image: 'busybox'}], nodeName: 'node-1'},
		status: {phase: 'Running', conditions: [{type: 'Ready', status: 'True'}], containerStatuses: [{name: 'app', ready: true, restartCount: 0, image: 'busybox', imageID: '', state: {running: {startedAt: new Date().toISOString()}}}]},
	};
}

test('watches hang but lists answer: a change shows within the watchdog plus a few seconds, then polling is said, then watching again once healed', async () => {
	demo.store.put('pods', pod('first') as never);
	const app = await startApp({
		args: ['--kubeconfig', demo.kubeconfigPath],
		cols: 140,
		rows: 14,
		env: {INITK9_WATCHDOG_MS: String(WATCHDOG_MS), INITK9_BACKOFF_MS: '100,800', INITK9_POLL_MS: '1000', INITK9_WATCH_TIMEOUT_SECONDS: '60'},
	});
	try {
		await app.waitFor(/● live/, 20_000);
		await app.waitFor(/\sfirst\s/);
		demo.faults.stallWatches(true);
		demo.store.put('pods', pod('made-during-stall') as never);
		await app.waitFor(/\smade-during-stall\s/, WATCHDOG_MS + 8000);
		await app.waitFor(/◐ polling: watch stalled/, 30_000);
		demo.store.put('pods', pod('made-while-polling') as never);
		await app.waitFor(/\smade-while-polling\s/, 15_000);
		demo.faults.stallWatches(false);
		await app.waitFor(/● live/, 30_000);
		demo.store.put('pods', pod('made-after-heal') as never);
		await app.waitFor(/\smade-after-heal\s/, 15_000);
	} finally {
		await stopApp(app);
		demo.faults.stallWatches(false);
		for (const name of ['first', 'made-during-stall', 'made-while-polling', 'made-after-heal']) demo.store.delete('pods', 'default', name);
	}
});

test('Ctrl-R after a burst of server errors reconnects at once instead of waiting out the back-off', async () => {
	demo.store.put('pods', pod('before-burst') as never);
	// The first retry would wait 30–60 s: only the key can bring the change in time.
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath], cols: 140, rows: 14, env: {INITK9_BACKOFF_MS: '60000,60000', INITK9_WATCH_TIMEOUT_SECONDS: '60'}});
	try {
		await app.waitFor(/● live/, 20_000);
		await app.waitFor(/\sbefore-burst\s/);
		// A watch ended within its first second is paced as a short close: let this one be older.
		await new Promise(resolve => setTimeout(resolve, 1500));
		demo.faults.failNext(1, 503);
		demo.faults.closeWatches();
		await app.waitFor(/◌ stale \d+s: server errors, reconnecting/, 15_000);
		demo.store.put('pods', pod('after-burst') as never);
		await app.press(KEYS.ctrlR);
		await app.waitFor(/reconnecting now \(back-off reset\)/, 10_000);
		await app.waitFor(/\safter-burst\s/, 20_000);
		await app.waitFor(/● live/, 20_000);
	} finally {
		await stopApp(app);
		for (const name of ['before-burst', 'after-burst']) demo.store.delete('pods', 'default', name);
	}
});
