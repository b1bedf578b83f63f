// The pod list's first screen comes from the server's printer (a Table, as kubectl get asks for
// it); the full objects, listed from the first printed page on, replace the printed rows; the
// store still converges to the server.
import assert from 'node:assert/strict';
import {afterEach, beforeEach, test} from 'node:test';
import {openSession} from '../../source/kube/session.js';
import type {DemoCluster} from '../../demo/index.js';
import type {ClusterSession, PodListWatch} from '../../source/kube/types.js';
import {closeTestSession, converged, createPod, openTestSession, testTunables, waitFor} from './helpers.js';

let demo: DemoCluster;
let session: ClusterSession;

beforeEach(async () => ({demo, session} = await openTestSession()));
afterEach(() => closeTestSession(demo, session));

const isTable = (accept: string | undefined) => /as=Table/.test(accept ?? '');

/** What the watch shows at each notification: [printed rows, full objects, counted, synced]. */
function record(watch: PodListWatch): Array<[number, number, boolean, boolean]> {
	const seen: Array<[number, number, boolean, boolean]> = [];
	watch.subscribe(() => seen.push([watch.preview().size, watch.items().size, watch.counted, watch.synced]));
	return seen;
}

test('every pod is counted from the printed rows first, then the full objects replace them', async () => {
	for (let index = 0; index < 1200; index++) createPod(demo, `p-${String(index).padStart(4, '0')}`);
	// Printed pages of 500 here (5,000 by default) to see them paginate.
	const paged = await openSession({kubeconfig: demo.kubeconfigPath, env: {}, tunables: {...testTunables, printedPageSize: 500}});
	try {
		const watch = paged.watchPods(undefined);
		const seen = record(watch);
		await converged(demo, watch, undefined, 20_000);

		const countedAt = seen.findIndex(([, , counted]) => counted);
		assert.ok(countedAt >= 0, 'counted at some point');
		const [printed, full] = seen[countedAt]!;
		assert.equal(printed + full, 1200, 'every pod counted');
		assert.ok(seen.every(([rows, objects]) => rows + objects <= 1200), 'a pod is a printed row or a full object, never both');
		assert.ok(seen.some(([rows, objects]) => rows > 0 && objects === 0), 'printed rows before any full object');
		assert.equal(watch.preview().size, 0, 'no printed row left once synced');

		const lists = demo.audit.entries.filter(entry => entry.path === '/api/v1/pods' && !/watch=1/.test(entry.query));
		const tables = lists.filter(entry => isTable(entry.accept));
		assert.equal(tables.length, 3, 'printed rows in pages of printedPageSize');
		assert.match(tables[1]!.query, /continue=/);
		assert.match(tables[0]!.accept!, /^application\/json;as=Table;v=v1;g=meta\.k8s\.io/);
		// The full list starts once the first printed page is in, alongside the other printed pages.
		assert.ok(lists.indexOf(tables[0]!) < lists.findIndex(entry => !isTable(entry.accept)), 'the first Table page comes before the full list');
	} finally {
		paged.close();
	}
});

test('fullListAlongside: the full list runs alongside the printed pages; a pod is never counted twice', async () => {
	for (let index = 0; index < 1200; index++) createPod(demo, `p-${String(index).padStart(4, '0')}`);
	const paged = await openSession({kubeconfig: demo.kubeconfigPath, env: {}, tunables: {...testTunables, printedPageSize: 200, pageSize: 300, fullListAlongside: true}});
	try {
		const watch = paged.watchPods(undefined);
		const seen = record(watch);
		await converged(demo, watch, undefined, 20_000);
		assert.ok(seen.every(([rows, objects]) => rows + objects <= 1200), 'a pod is a printed row or a full object, never both');
		assert.ok(seen.some(([rows, objects]) => rows > 0 && objects === 0), 'printed rows before any full object');
		assert.equal(watch.preview().size, 0);
		const lists = demo.audit.entries.filter(entry => entry.path === '/api/v1/pods' && !/watch=1/.test(entry.query));
		const firstFull = lists.findIndex(entry => !isTable(entry.accept));
		assert.ok(lists.slice(firstFull).some(entry => isTable(entry.accept)), 'printed pages still asked for after the full list began');
	} finally {
		paged.close();
	}
});

test('a printed row has kubectl\'s cells and the pod\'s uid, so the full pod takes its place', async () => {
	createPod(demo, 'web', 'default', [{name: 'app', state: {waiting: {reason: 'CrashLoopBackOff'}}, restartCount: 4}]);
	const watch = session.watchPods('default');
	const rows: Array<{uid?: string; status: unknown; ready: unknown; restarts: unknown}> = [];
	watch.subscribe(() => {
		for (const row of watch.preview().values()) rows.push({uid: row.metadata.uid, status: row.cells['Status'], ready: row.cells['Ready'], restarts: row.cells['Restarts']});
	});
	await converged(demo, watch, 'default');
	const [pod] = demo.store.list('pods', 'default').items;
	assert.deepEqual(rows[0], {uid: pod!.metadata.uid, status: 'CrashLoopBackOff', ready: '0/1', restarts: '4'});
	assert.deepEqual([...watch.items().keys()], [pod!.metadata.uid]);
});

test('pods deleted and created between the printed list and the full list: the store converges', async () => {
	for (let index = 0; index < 800; index++) createPod(demo, `p-${String(index).padStart(4, '0')}`);
	const watch = session.watchPods('default');
	let changed = false;
	watch.subscribe(() => {
		if (changed || !watch.counted || watch.synced) return;
		changed = true;
		demo.store.delete('pods', 'default', 'p-0799');
		createPod(demo, 'late');
	});
	await converged(demo, watch, 'default');
	assert.ok(changed, 'changed the cluster while only the printed rows were complete');
	const names = [...watch.items().values()].map(pod => pod.metadata.name);
	assert.ok(names.includes('late') && !names.includes('p-0799'));
	assert.equal(watch.preview().size, 0);
});

test('a namespace the user cannot list: no printed rows, the full list reports forbidden', async () => {
	createPod(demo, 'a', 'team-a');
	demo.faults.restrictNamespaces(['team-a']);
	const watch = session.watchPods(undefined);
	await waitFor('forbidden', () => watch.state.kind === 'forbidden', 30_000);
	assert.equal(watch.preview().size, 0);
	assert.equal(watch.counted, false);
});

test('by default the printed list asks for 5,000 rows a page: one round trip for 1,200 pods', async () => {
	for (let index = 0; index < 1200; index++) createPod(demo, `q-${String(index).padStart(4, '0')}`);
	const watch = session.watchPods('default');
	await converged(demo, watch, 'default', 20_000);
	const tables = demo.audit.entries.filter(entry => entry.path === '/api/v1/namespaces/default/pods' && isTable(entry.accept));
	assert.deepEqual(tables.map(entry => /limit=(\d+)/.exec(entry.query)?.[1]), ['5000']);
});
