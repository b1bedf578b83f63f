// Watches on the demo API server: wire format, resourceVersion semantics, selector transitions,
// 410 Expired, bookmarks, timeouts, and the watch faults.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {api, openStream, runningPod, until} from './server-fixtures.js';

let cluster: DemoCluster;
before(async () => {
	cluster = await startDemoCluster({kubelet: false, tls: false, bookmarkIntervalMs: 300});
	cluster.store.create('namespaces', {metadata: {name: 'team-a'}, status: {phase: 'Active'}});
	cluster.store.create('pods', runningPod('web'));
	cluster.store.create('pods', runningPod('db', 'team-a'));
});
after(() => cluster.stop());

const setPhase = (name: string, phase: string, namespace = 'default') =>
	cluster.store.update<any>('pods', namespace, name, pod => {
		pod.status.phase = phase;
	});

describe('watch', () => {
	test('without resourceVersion: synthetic ADDED for every object, then changes, one JSON object per line', async () => {
		const watch = await openStream(cluster, '/api/v1/namespaces/default/pods?watch=1');
		assert.equal(watch.status, 200);
		await until('initial ADDED', () => watch.lines.length >= 1);
		setPhase('web', 'Failed');
		await until('MODIFIED', () => watch.lines.length >= 2);
		watch.close();
		const [added, modified] = watch.events;
		assert.equal(added.type, 'ADDED');
		assert.equal(added.object.kind, 'Pod');
		assert.equal(added.object.apiVersion, 'v1');
		assert.equal(added.object.metadata.name, 'web');
		assert.equal(modified.type, 'MODIFIED');
		assert.equal(modified.object.status.phase, 'Failed');
		assert.equal(watch.lines.length, 2, 'the team-a pod is out of scope');
	});

	test('from resourceVersion N: only the changes after N, then live ones', async () => {
		const from = cluster.store.resourceVersion;
		setPhase('web', 'Running');
		cluster.store.create('pods', runningPod('api'));
		const watch = await openStream(cluster, `/api/v1/pods?watch=true&resourceVersion=${from}`);
		await until('two replayed events', () => watch.lines.length >= 2);
		cluster.store.delete('pods', 'default', 'api');
		await until('DELETED', () => watch.lines.length >= 3);
		watch.close();
		assert.deepEqual(
			watch.events.map(e => `${e.type} ${e.object.metadata.name}`),
			['MODIFIED web', 'ADDED api', 'DELETED api'],
		);
	});

	test('objects that stop or start matching a selector arrive as DELETED / ADDED', async () => {
		const watch = await openStream(cluster, `/api/v1/pods?watch=1&resourceVersion=${cluster.store.resourceVersion}&fieldSelector=status.phase%3DRunning`);
		setPhase('db', 'Failed', 'team-a');
		setPhase('db', 'Running', 'team-a');
		await until('two events', () => watch.lines.length >= 2);
		watch.close();
		assert.deepEqual(watch.events.map(e => `${e.type} ${e.object.metadata.name} ${e.object.status.phase}`), ['DELETED db Running', 'ADDED db Running']);
		assert.ok(Number(watch.events[0].object.metadata.resourceVersion) > 0);
	});

	test('a resourceVersion older than the history: 200 and one ERROR event with Status 410 Expired, then the end', async () => {
		const old = cluster.store.resourceVersion;
		setPhase('web', 'Succeeded');
		cluster.faults.expireHistory();
		const watch = await openStream(cluster, `/api/v1/namespaces/default/pods?watch=1&resourceVersion=${old}`);
		await watch.done;
		assert.equal(watch.status, 200);
		assert.deepEqual(watch.events, [
			{
				type: 'ERROR',
				object: {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${old} (${cluster.store.resourceVersion})`, reason: 'Expired', code: 410},
			},
		]);
	});

	test('bookmarks carry only the resourceVersion, in an empty object of the watched kind', async () => {
		const watch = await openStream(cluster, `/api/v1/namespaces/default/pods?watch=1&allowWatchBookmarks=true&resourceVersion=${cluster.store.resourceVersion}`);
		await until('a bookmark', () => watch.lines.length >= 1, 30_000);
		watch.close();
		assert.deepEqual(watch.events[0], {
			type: 'BOOKMARK',
			object: {kind: 'Pod', apiVersion: 'v1', metadata: {resourceVersion: cluster.store.resourceVersion, creationTimestamp: null}, spec: {containers: null}, status: {}},
		});
		const plain = await openStream(cluster, `/api/v1/namespaces/default/pods?watch=1&resourceVersion=${cluster.store.resourceVersion}&timeoutSeconds=1`);
		await plain.done;
		assert.deepEqual(plain.lines, [], 'no bookmarks unless allowed');
	});

	test('with allowWatchBookmarks a bookmark comes about 2 s before the deadline', async () => {
		const quiet = await startDemoCluster({kubelet: false, tls: false, bookmarkIntervalMs: 60_000});
		try {
			const started = Date.now();
			const watch = await openStream(quiet, `/api/v1/namespaces/default/pods?watch=1&allowWatchBookmarks=true&timeoutSeconds=3&resourceVersion=${quiet.store.resourceVersion}`);
			let ended = false;
			void watch.done.then(() => {
				ended = true;
			});
			await until('the bookmark', () => watch.lines.length >= 1, 10_000);
			const at = Date.now() - started;
			// Not before ~1 s (2 s before the 3 s deadline), and before the watch ends: a busy machine
			// can only make it later, so the upper bound is the end of the watch, not a clock.
			assert.ok(at >= 900, `bookmark after ${at} ms`);
			assert.equal(ended, false, 'the bookmark came before the watch ended');
			await watch.done;
			assert.deepEqual(watch.events.map(e => e.type), ['BOOKMARK']);
		} finally {
			await quiet.stop();
		}
	});

	test('sendInitialEvents: ADDED for the current state, then the initial-events-end bookmark', async () => {
		const watch = await openStream(cluster, '/api/v1/namespaces/team-a/pods?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&resourceVersion=');
		await until('two events', () => watch.lines.length >= 2);
		watch.close();
		assert.deepEqual(watch.events.map(e => `${e.type} ${e.object.metadata.name ?? ''}`), ['ADDED db', 'BOOKMARK ']);
		assert.deepEqual(watch.events[1].object.metadata.annotations, {'k8s.io/initial-events-end': 'true'});
	});

	test('namespace status is a subresource, not a namespace named "status"', async () => {
		const response = await api(cluster, '/api/v1/namespaces/team-a/status');
		assert.equal(response.json.kind, 'Namespace');
		assert.equal(response.json.metadata.name, 'team-a');
	});

	test('timeoutSeconds ends the response normally', async () => {
		const started = Date.now();
		const watch = await openStream(cluster, '/api/v1/namespaces/team-a/pods?watch=1&timeoutSeconds=1');
		await watch.done;
		const elapsed = Date.now() - started;
		assert.ok(elapsed >= 900, `closed after ${elapsed} ms`);
		assert.equal(watch.events.length, 1);
	});

	test('watch events as Table rows when the Accept header asks for a Table', async () => {
		const watch = await openStream(cluster, '/api/v1/namespaces/default/pods?watch=1', 'application/json;as=Table;v=v1;g=meta.k8s.io');
		await until('initial row', () => watch.lines.length >= 1);
		setPhase('web', 'Running');
		await until('second row', () => watch.lines.length >= 2);
		watch.close();
		const [first, second] = watch.events;
		assert.equal(first.object.kind, 'Table');
		assert.equal(first.object.columnDefinitions[2].name, 'Status');
		assert.equal(first.object.rows[0].cells[0], 'web');
		assert.deepEqual(second.object.columnDefinitions, []);
		assert.equal(second.object.rows[0].cells[2], 'Running');
	});
});

describe('watch faults', () => {
	test('closeWatches ends every open watch', async () => {
		const a = await openStream(cluster, '/api/v1/pods?watch=1');
		const b = await openStream(cluster, '/api/v1/namespaces/default/pods?watch=1');
		await until('both started', () => a.lines.length > 0 && b.lines.length > 0);
		cluster.faults.closeWatches();
		await Promise.all([a.done, b.done]);
		assert.ok(a.ended && b.ended);
	});

	test('stallWatches: sockets stay open and nothing is sent, not even bookmarks; new watches stall too', async () => {
		const open = await openStream(cluster, `/api/v1/namespaces/default/pods?watch=1&allowWatchBookmarks=true&resourceVersion=${cluster.store.resourceVersion}`);
		cluster.faults.stallWatches(true);
		const fresh = await openStream(cluster, '/api/v1/namespaces/default/pods?watch=1&allowWatchBookmarks=true');
		setPhase('web', 'Failed');
		await new Promise(resolve => setTimeout(resolve, 800));
		assert.deepEqual(open.lines, []);
		assert.deepEqual(fresh.lines, []);
		assert.ok(!open.ended && !fresh.ended);
		cluster.faults.stallWatches(false);
		const after = await openStream(cluster, '/api/v1/namespaces/default/pods?watch=1');
		await until('a fresh watch works again', () => after.lines.length > 0);
		for (const watch of [open, fresh, after]) watch.close();
	});
});
