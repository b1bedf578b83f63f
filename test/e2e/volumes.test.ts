// Stuck on storage (issue 18), end to end on the demo's volume-pending scenario: claims the
// scheduler cannot bind (no StorageClass, a StorageClass that does not exist) and a ReadWriteOnce
// volume still attached to another node. The table (pod alone) and the drill-down and `initk9
// report` (which GET the claim and its StorageClass) each say it. Build first (`npm run build`).
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {openPod, rowOf, runCli, startApp, stopApp, until} from './harness.js';

let demo: DemoCluster;

before(async () => {
	demo = await startDemoCluster({scenarios: ['volume-pending'], speed: 4});
});
after(async () => {
	await demo?.stop();
});

const flat = (lines: string[]) => lines.join(' ').replace(/\s+/g, ' ');

/** `initk9 report POD` against the demo. */
const report = (pod: string) => runCli(['report', '--kubeconfig', demo.kubeconfigPath, pod]);

test('volume-pending: the table says why each pod waits on storage', async () => {
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'volumes', '--stuck-after', '5s'], cols: 200, rows: 20, env: {TZ: 'UTC'}});
	try {
		await app.waitFor(/reader\s+0\/1\s+Init:0\/1/, 30_000);
		await app.waitFor(() => /unbound immediate PersistentVolumeClaims/.test(rowOf(app, 'reports') ?? ''), 30_000);
		assert.match(rowOf(app, 'cache') ?? '', /Pending.*unbound immediate PersistentVolumeClaims/);
		await app.waitFor(() => /1\/1\s+Running/.test(rowOf(app, 'writer') ?? ''), 30_000);
		await app.waitFor(() => /⧗/.test(rowOf(app, 'reader') ?? ''), 30_000);
		assert.match(rowOf(app, 'reader') ?? '', /sandbox and volumes not ready after \d+s, no container created/);
	} finally {
		await stopApp(app);
	}
});

test('volume-pending: the drill-down names the claim the scheduler cannot bind', async () => {
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'volumes', '--stuck-after', '5s'], cols: 200, rows: 40, env: {TZ: 'UTC'}});
	try {
		await app.waitFor(/cache\s+0\/1\s+Pending/, 30_000);
		await openPod(app, 'cache');
		await app.waitFor(() => /Blocked before init: not scheduled — volume data: PVC cache-data is Pending: StorageClass fast-ssd does not exist/.test(flat(app.screen())), 30_000);
		assert.match(flat(app.screen()), /pod has unbound immediate PersistentVolumeClaims/, 'the scheduler\'s message stays as evidence');
	} finally {
		await stopApp(app);
	}
});

test('volume-pending: the drill-down names the node-bound volume and the pod holding it', async () => {
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'volumes', '--stuck-after', '5s'], cols: 200, rows: 40, env: {TZ: 'UTC'}});
	try {
		await app.waitFor(/reader\s+0\/1\s+Init:0\/1/, 30_000);
		await openPod(app, 'reader');
		await app.waitFor(() => /Blocked before init: volume pvc-\S+ is still attached to another node \(used by writer\)/.test(flat(app.screen())), 60_000);
		assert.match(flat(app.screen()), /Multi-Attach error for volume "pvc-\S+" Volume is already used by pod\(s\) writer/, 'the attach/detach controller\'s event is the evidence');
	} finally {
		await stopApp(app);
	}
});

test('volume-pending: initk9 report reads the claims (GET) and says what is wrong with each', async () => {
	const reports = await until(async () => {
		const run = await report('volumes/reports');
		return /PVC reports-data/.test(run.stdout) ? run : undefined;
	});
	assert.equal(reports.status, 0, reports.stderr);
	assert.match(reports.stdout, /^\*\*Blocked before init: not scheduled — volume data: PVC reports-data is Pending: no StorageClass set \(and no default\)/m);
	assert.match(reports.stdout, /^- \*\*ERROR\*\* not scheduled \(Unschedulable\) — 0\/3 nodes are available: pod has unbound immediate PersistentVolumeClaims\./m);
	const reader = await until(async () => {
		const run = await report('volumes/reader');
		return /Multi-Attach/.test(run.stdout) ? run : undefined;
	});
	assert.match(reader.stdout, /^- \*\*ERROR\*\* volume pvc-\S+ is still attached to another node \(used by writer\)/m);
	const cache = await report('volumes/cache');
	assert.match(cache.stdout, /^- \*\*ERROR\*\* volume data: PVC cache-data is Pending: StorageClass fast-ssd does not exist$/m);
	const storage = demo.audit.entries.filter(entry => /persistentvolumeclaims|storageclasses/.test(entry.path));
	assert.ok(storage.some(entry => entry.path === '/api/v1/namespaces/volumes/persistentvolumeclaims/reports-data'), 'the claim was read');
	assert.ok(storage.some(entry => entry.path === '/apis/storage.k8s.io/v1/storageclasses/fast-ssd'), 'the Pending claim\'s StorageClass was read');
	assert.deepEqual(demo.audit.entries.filter(entry => entry.method !== 'GET'), [], 'initk9 sent only GETs');
});
