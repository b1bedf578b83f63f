// A pod watch against the demo API server survives every fault the server can inject, and
// afterwards holds exactly the server's pods (uid + resourceVersion). Only GETs are ever sent.
import assert from 'node:assert/strict';
import {afterEach, beforeEach, test} from 'node:test';
import type {DemoCluster} from '../../demo/index.js';
import {startDemoCluster} from '../../demo/index.js';
import {openSession} from '../../source/kube/session.js';
import type {ClusterSession, ConnectionState} from '../../source/kube/types.js';
import {closeTestSession, converged, createPod, openTestSession, podWatchOpen, testTunables, waitFor, watchedPods} from './helpers.js';

let demo: DemoCluster;
let session: ClusterSession;

beforeEach(async () => ({demo, session} = await openTestSession()));
afterEach(() => closeTestSession(demo, session));

const requestsSince = (index: number) => demo.audit.entries.slice(index).map(entry => `${entry.path}?${entry.query}`);
const isWatch = (request: string) => /[?&]watch=1/.test(request);

function recordStates(watch: {state: ConnectionState; subscribe(listener: () => void): () => void}): ConnectionState[] {
	const states: ConnectionState[] = [];
	watch.subscribe(() => {
		if (states.at(-1) !== watch.state) states.push(watch.state);
	});
	return states;
}

test('lists, then follows adds, changes and deletes; a normal close is followed by a re-watch, not a relist', async () => {
	createPod(demo, 'a');
	createPod(demo, 'b');
	const watch = session.watchPods('default');
	await converged(demo, watch, 'default');
	assert.equal(watch.synced, true);
	createPod(demo, 'c');
	demo.store.update('pods', 'default', 'a', draft => {
		(draft as {metadata: {labels?: Record<string, string>}}).metadata.labels = {changed: 'yes'};
	});
	demo.store.delete('pods', 'default', 'b');
	await converged(demo, watch, 'default');
	assert.deepEqual([...watch.items().values()].map(pod => pod.metadata.name).sort(), ['a', 'c']);

	const before = demo.audit.entries.length;
	demo.faults.closeWatches();
	createPod(demo, 'd');
	await converged(demo, watch, 'default');
	const after = requestsSince(before);
	assert.ok(after.length >= 1 && after.every(isWatch), `expected only re-watches, got ${after.join(', ')}`);
	assert.match(after[0]!, /resourceVersion=\d+/);
	assert.match(after[0]!, /allowWatchBookmarks=true/);
	assert.match(after[0]!, /timeoutSeconds=30/);
});

test('a silent stall is noticed by the watchdog after its silence, then the watch reconnects', async () => {
	createPod(demo, 'a');
	const watch = session.watchPods('default');
	await converged(demo, watch, 'default');
	const states = recordStates(watch);
	demo.faults.stallWatches(true);
	createPod(demo, 'b');
	// Generous deadlines: a busy machine only delays the watchdog's timer (the default watchdog,
	// 150 s, would still miss them). How soon it fires is the timer's business, not an outcome.
	await waitFor('the watchdog to fire', () => watch.state.kind === 'reconnecting', 30_000);
	const state = watch.state as Extract<ConnectionState, {kind: 'reconnecting'}>;
	const silence = /^no data from the server for (\d+(?:\.\d)?)s$/.exec(state.lastError);
	assert.ok(silence, state.lastError);
	// It fired for silence: at least the watchdog's time since the last byte (rounded to 0.1 s).
	assert.ok(Number(silence[1]) * 1000 >= testTunables.watchdogMs! - 50, `fired after ${silence[1]} s of silence`);
	// While stalled, new watches are established but silent: the watch must not claim to be live.
	await waitFor('a second watchdog round', () => demo.audit.entries.filter(entry => isWatch(`${entry.path}?${entry.query}`)).length >= 3, 30_000);
	assert.notEqual(watch.state.kind, 'live');
	demo.faults.stallWatches(false);
	await converged(demo, watch, 'default');
	assert.ok(states.some(recorded => recorded.kind === 'reconnecting'));
});

test('410 Expired on re-watch → relist; pods deleted meanwhile are gone from the store', async () => {
	for (const name of ['a', 'b', 'c']) createPod(demo, name);
	const watch = session.watchPods('default');
	await converged(demo, watch, 'default');
	await demo.faults.down();
	demo.store.delete('pods', 'default', 'a');
	demo.store.delete('pods', 'default', 'b');
	createPod(demo, 'd');
	demo.faults.expireHistory();
	const before = demo.audit.entries.length;
	await demo.faults.up();
	await converged(demo, watch, 'default');
	const after = requestsSince(before);
	const expired = demo.audit.entries.slice(before).findIndex(entry => /watch=1/.test(entry.query));
	assert.ok(expired >= 0, 'a watch was tried first');
	assert.ok(after.slice(expired + 1).some(request => !isWatch(request)), `expected a relist after the 410: ${after.join(', ')}`);
	assert.deepEqual([...watch.items().values()].map(pod => pod.metadata.name).sort(), ['c', 'd']);
});

test('a burst of 500s: reconnecting with attempts and the server message, then converges', async () => {
	createPod(demo, 'a');
	const watch = session.watchPods('default');
	await converged(demo, watch, 'default');
	const states = recordStates(watch);
	demo.faults.failNext(6);
	demo.faults.closeWatches();
	createPod(demo, 'b');
	await converged(demo, watch, 'default');
	const reconnecting = states.filter((state): state is Extract<ConnectionState, {kind: 'reconnecting'}> => state.kind === 'reconnecting');
	assert.ok(reconnecting.length >= 2, `states: ${JSON.stringify(states)}`);
	assert.deepEqual(reconnecting.map(state => state.attempt).slice(0, 3), [1, 2, 3].slice(0, Math.min(3, reconnecting.length)));
	assert.equal(reconnecting[0]!.lastError, 'server error (500): Internal error occurred: injected failure');
	assert.ok(reconnecting.every(state => state.since === reconnecting[0]!.since), 'since = when the trouble began');
});

test('server down for seconds, pods deleted while disconnected, back up → converges', async () => {
	for (const name of ['a', 'b', 'c']) createPod(demo, name);
	const watch = session.watchPods('default');
	await converged(demo, watch, 'default');
	await demo.faults.down();
	demo.store.delete('pods', 'default', 'b');
	createPod(demo, 'e');
	demo.store.update('pods', 'default', 'c', draft => {
		(draft as unknown as {status: {phase: string}}).status.phase = 'Succeeded';
	});
	await waitFor('reconnecting', () => watch.state.kind === 'reconnecting', 30_000);
	await waitFor('several failed attempts', () => watch.state.kind === 'reconnecting' && watch.state.attempt >= 3, 30_000);
	const state = watch.state as Extract<ConnectionState, {kind: 'reconnecting'}>;
	assert.equal(state.lastError, `cannot reach ${demo.url}: connection refused`);
	await new Promise(resolve => setTimeout(resolve, 1500));
	await demo.faults.up();
	await converged(demo, watch, 'default');
	assert.deepEqual([...watch.items().values()].map(pod => pod.metadata.name).sort(), ['a', 'c', 'e']);
	assert.equal([...watch.items().values()].find(pod => pod.metadata.name === 'c')!.status!.phase, 'Succeeded');
});

test('stop() really stops: state stopped, no request afterwards, faults do not restart it', async () => {
	createPod(demo, 'a');
	const watch = session.watchPods('default');
	await converged(demo, watch, 'default');
	await podWatchOpen(demo);
	let calls = 0;
	watch.subscribe(() => calls++);
	watch.stop();
	assert.equal(watch.state.kind, 'stopped');
	const before = demo.audit.entries.length;
	const callsAfterStop = calls;
	demo.faults.closeWatches();
	createPod(demo, 'b');
	// Absence can only be shown over time: several back-off periods.
	await new Promise(resolve => setTimeout(resolve, 800));
	assert.deepEqual(requestsSince(before), []);
	assert.equal(calls, callsAfterStop);
	assert.deepEqual(watchedPods(watch).length, 1);
});

test('pages are stored as they arrive; 1,200 pods in 3 pages; a 1 MB object arrives intact', async t => {
	for (let index = 0; index < 1200; index++) createPod(demo, `p-${String(index).padStart(4, '0')}`);
	const big = 'x'.repeat(1024 * 1024);
	// Pages of 500 here (5,000 by default) to see them paginate.
	const paged = await openSession({kubeconfig: demo.kubeconfigPath, env: {}, tunables: {...testTunables, pageSize: 500}});
	t.after(() => paged.close());
	const watch = paged.watchPods('default');
	const sizesBeforeSync: number[] = [];
	watch.subscribe(() => {
		if (!watch.synced) sizesBeforeSync.push(watch.items().size);
	});
	await converged(demo, watch, 'default', 20_000);
	assert.ok(sizesBeforeSync.includes(500) && sizesBeforeSync.includes(1000), `sizes seen before sync: ${sizesBeforeSync.join(',')}`);
	const lists = demo.audit.entries.filter(entry => entry.path === '/api/v1/namespaces/default/pods' && !/watch=1/.test(entry.query) && !/as=Table/.test(entry.accept ?? ''));
	assert.equal(lists.length, 3);
	assert.match(lists[1]!.query, /continue=/);

	demo.store.update('pods', 'default', 'p-0001', draft => {
		(draft as {metadata: {annotations?: Record<string, string>}}).metadata.annotations = {big};
	});
	await converged(demo, watch, 'default');
	const pod = [...watch.items().values()].find(candidate => candidate.metadata.name === 'p-0001')!;
	assert.equal(pod.metadata.annotations?.big?.length, big.length);
});

test('cluster-scope list forbidden → state forbidden with the message; namespaces that work are offered', async () => {
	demo.store.put('namespaces', {metadata: {name: 'team-a'}} as never);
	createPod(demo, 'a', 'team-a');
	demo.faults.restrictNamespaces(['team-a']);
	const all = session.watchPods(undefined);
	await waitFor('forbidden', () => all.state.kind === 'forbidden', 30_000);
	assert.deepEqual(all.state, {kind: 'forbidden', message: 'forbidden: user "demo" cannot list pods at cluster scope (all namespaces)'});
	// The user's kubeconfig context names the namespace they work in.
	const scoped = await openSession({kubeconfig: demo.kubeconfigPath, env: {}, namespace: 'team-a', tunables: testTunables});
	try {
		assert.deepEqual(await scoped.listNamespaces(), ['team-a']);
	} finally {
		scoped.close();
	}
	const teamA = session.watchPods('team-a');
	await converged(demo, teamA, 'team-a');
	demo.faults.restrictNamespaces(undefined);
	assert.deepEqual(await session.listNamespaces(), ['default', 'kube-system', 'team-a']);
	await converged(demo, all);
});

test('events of one pod and one pod by name are watched the same way', async () => {
	createPod(demo, 'a');
	createPod(demo, 'b');
	const one = session.watchPod('default', 'a');
	await waitFor('pod a', () => one.synced && one.items().size === 1);
	assert.equal([...one.items().values()][0]!.metadata.name, 'a');
	const event = (name: string, pod: string) => ({
		metadata: {name, namespace: 'default'},
		involvedObject: {kind: 'Pod', name: pod, namespace: 'default'},
		reason: 'Started',
		message: `Started container for ${pod}`,
		type: 'Normal',
	});
	demo.store.create('events', event('e1', 'a') as never);
	demo.store.create('events', event('e2', 'b') as never);
	const events = session.watchPodEvents('default', 'a');
	await waitFor('event e1', () => events.synced && events.items().size === 1);
	demo.store.create('events', event('e3', 'a') as never);
	demo.store.create('events', event('e4', 'b') as never);
	await waitFor('event e3', () => events.items().size === 2);
	assert.deepEqual([...events.items().values()].map(item => item.metadata.name).sort(), ['e1', 'e3']);
	demo.store.delete('pods', 'default', 'a');
	await waitFor('pod a deleted', () => one.items().size === 0);
});

test('read-only lookups: getPod/getService/getEndpoints/getObject, undefined on 404', async () => {
	createPod(demo, 'a');
	demo.store.create('services', {metadata: {name: 'db', namespace: 'default'}, spec: {selector: {app: 'db'}, ports: [{port: 5432}]}} as never);
	demo.store.create('endpoints', {metadata: {name: 'db', namespace: 'default'}, subsets: []} as never);
	assert.equal((await session.getPod('default', 'a'))?.metadata.name, 'a');
	assert.equal(await session.getPod('default', 'missing'), undefined);
	assert.deepEqual((await session.getService('default', 'db'))?.spec?.selector, {app: 'db'});
	assert.equal(await session.getService('default', 'nope'), undefined);
	assert.equal((await session.getEndpoints('default', 'db'))?.metadata.name, 'db');
	assert.equal(await session.getEndpoints('default', 'nope'), undefined);
	assert.equal(((await session.getObject('/api/v1/namespaces/default')) as {metadata: {name: string}}).metadata.name, 'default');
	assert.equal(await session.getObject('/apis/apps/v1/namespaces/default/replicasets/nope'), undefined);
	await assert.rejects(session.getObject('../etc/passwd'), /not an API path/);
	demo.faults.failNext(1, 503);
	await assert.rejects(session.getPod('default', 'a'), {name: 'ApiError', code: 503});
});

test('a quiet watch is not cut by the idle timeout of plain GETs sharing its keep-alive connection', async () => {
	const quiet = await startDemoCluster({kubelet: false, bookmarkIntervalMs: 0});
	const quietSession = await openSession({kubeconfig: quiet.kubeconfigPath, env: {}, tunables: {...testTunables, requestTimeoutMs: 500, watchdogMs: 20_000}});
	try {
		for (let index = 0; index < 3; index++) await quietSession.getPod('default', 'x');
		const watch = quietSession.watchPods('default');
		await waitFor('live', () => watch.state.kind === 'live');
		// Silence for several request timeouts: the watch must stay the same connection.
		await new Promise(resolve => setTimeout(resolve, 2000));
		assert.equal(watch.state.kind, 'live');
		assert.equal(quiet.audit.entries.filter(entry => /watch=1/.test(entry.query)).length, 1);
	} finally {
		quietSession.close();
		await quiet.stop();
	}
});

test('managedFields are not kept, from the list or from a watch event', async () => {
	const managed = [{manager: 'kubectl', operation: 'Apply', fieldsV1: {'f:spec': {'f:containers': {}}}}];
	const withManaged = (name: string) => {
		createPod(demo, name);
		demo.store.update('pods', 'default', name, draft => {
			(draft as {metadata: {managedFields?: unknown}}).metadata.managedFields = managed;
		});
	};
	withManaged('listed');
	const watch = session.watchPods('default');
	await converged(demo, watch, 'default');
	withManaged('watched');
	await converged(demo, watch, 'default');
	assert.equal(demo.store.list('pods', 'default').items.filter(pod => (pod.metadata as {managedFields?: unknown}).managedFields).length, 2, 'the server has them');
	const kept = [...watch.items().values()].map(pod => [pod.metadata.name, 'managedFields' in pod.metadata]);
	assert.deepEqual(kept.sort(), [['listed', false], ['watched', false]]);
});
