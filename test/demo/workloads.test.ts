// Benchmark workloads: fast population with realistic statuses, steady churn, a numbered firehose.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Pod} from '../../source/model/k8s-types.js';
import {printPod} from '../../source/model/pod-status.js';
import {memoryBackend} from '../../demo/backend.js';
import {ClusterStore} from '../../demo/store.js';
import {advanceBy, freezeClock} from './virtual-clock.js';
import {CHANGED_AT_ANNOTATION, ensureLogPod, populate, setRestartCount, startChurn, startFirehose} from '../../demo/workloads.js';

test('populate: 10,000 pods over 50 namespaces in a few seconds, 10% in init states', async () => {
	const store = new ClusterStore();
	const backend = memoryBackend(store, {append() {}});
	const started = Date.now();
	const result = await populate(backend, {pods: 10_000, namespaces: 50, initFraction: 0.1});
	const elapsed = Date.now() - started;
	// How fast is for bench/ (a clock in a test measures the neighbours): reported, not judged.
	console.log(`# populate 10,000 pods: ${elapsed} ms`);
	assert.equal(result.namespaces.length, 50);
	assert.equal(store.list('namespaces').items.length, 50);
	const pods = store.list('pods').items as unknown as Pod[];
	assert.equal(pods.length, 10_000);
	assert.equal(new Set(pods.map(pod => `${pod.metadata.namespace}/${pod.metadata.name}`)).size, 10_000);
	const counts = new Map<string, number>();
	for (const pod of pods) {
		const status = printPod(pod, Date.now()).status;
		counts.set(status, (counts.get(status) ?? 0) + 1);
	}
	const initStates = ['Init:0/2', 'Init:1/2', 'Init:CrashLoopBackOff', 'PodInitializing'];
	assert.equal(initStates.reduce((sum, s) => sum + (counts.get(s) ?? 0), 0), 1000);
	for (const state of initStates) assert.ok((counts.get(state) ?? 0) >= 200, `${state}: ${counts.get(state)}`);
	assert.equal(counts.get('Running'), 9000);
});

test('churn: status updates at a steady rate, each stamped with the change time', async t => {
	const store = new ClusterStore();
	const backend = memoryBackend(store, {append() {}});
	await populate(backend, {pods: 500, namespaces: 5, initFraction: 0.1});
	// The churn paces itself by Date.now() and an interval: on a virtual clock the rate is exact.
	freezeClock(t.mock.timers);
	const startedAt = Date.now();
	const changed: string[] = [];
	const unsubscribe = store.subscribe(change => {
		if (change.type === 'MODIFIED') changed.push(change.object.metadata.name);
	});
	const churn = startChurn(backend, {perSecond: 200});
	await advanceBy(t.mock.timers, 1000);
	churn.stop();
	unsubscribe();
	assert.equal(churn.updates, 200, 'updates in 1 s at 200/s');
	assert.equal(changed.length, churn.updates);
	const pod = (store.list('pods').items as unknown as Pod[]).find(p => p.metadata.annotations?.[CHANGED_AT_ANNOTATION])!;
	const stamp = pod.metadata.annotations![CHANGED_AT_ANNOTATION];
	assert.ok(Date.parse(stamp) >= startedAt - 1000 && Date.parse(stamp) <= Date.now(), `stamped ${stamp}, during the churn`);
	assert.match(printPod(pod, Date.now()).restarts, /^\d+ \(\d+s ago\)$/);
	const after = churn.updates;
	await advanceBy(t.mock.timers, 100);
	assert.equal(churn.updates, after, 'stop() stops');
});

test('firehose: numbered lines at the requested rate, none lost', async () => {
	const store = new ClusterStore();
	const lines: string[] = [];
	const containerIDs = new Set<string>();
	const backend = memoryBackend(store, {
		append(_ns, _pod, _container, containerID, text) {
			containerIDs.add(containerID);
			lines.push(...text.split('\n'));
		},
	});
	const started = Date.now();
	const firehose = startFirehose(backend, {namespace: 'bench', pod: 'noisy', container: 'app', linesPerSecond: 20_000, total: 20_000});
	await firehose.done;
	const elapsed = Date.now() - started;
	// Paced: 20,000 lines at 20,000/s cannot take less than ~1 s (a busy machine only adds time).
	assert.ok(elapsed >= 900, `took ${elapsed} ms`);
	assert.equal(lines.length, 20_000);
	lines.forEach((line, i) => assert.ok(line.startsWith(`line ${String(i + 1).padStart(5, '0')} of 20000`), line));
	const pod = store.get('pods', 'bench', 'noisy') as unknown as Pod;
	assert.equal(printPod(pod, Date.now()).status, 'Running');
	assert.deepEqual([...containerIDs], [pod.status!.containerStatuses![0].containerID]);
});

test('churn leaves excluded pods alone; setRestartCount writes one visible change', async t => {
	const store = new ClusterStore();
	const backend = memoryBackend(store, {append() {}});
	const {pods} = await populate(backend, {pods: 40, namespaces: 2, initFraction: 0});
	const kept = pods.slice(0, 5).map(pod => `${pod.namespace}/${pod.name}`);
	freezeClock(t.mock.timers);
	const churn = startChurn(backend, {perSecond: 200, exclude: new Set(kept)});
	await advanceBy(t.mock.timers, 500);
	churn.stop();
	assert.equal(churn.updates, 100, 'every other pod churned, several times over');
	for (const key of kept) {
		const [namespace, name] = key.split('/');
		const pod = store.get('pods', namespace, name) as unknown as Pod;
		assert.equal(pod.metadata.annotations?.[CHANGED_AT_ANNOTATION], undefined, `${key} was churned`);
	}
	const [namespace, name] = kept[0].split('/');
	const before = store.get('pods', namespace, name) as unknown as Pod;
	const updated = await setRestartCount(backend, before, 4242, Date.now());
	assert.equal(updated?.status?.containerStatuses?.[0].restartCount, 4242);
	assert.match(printPod(updated!, Date.now()).restarts, /^4242 \(\d+s ago\)$/);
	assert.notEqual(updated?.status?.containerStatuses?.[0].containerID, before.status?.containerStatuses?.[0].containerID);
});

test('ensureLogPod: the firehose pod exists before any line, with the containerID its log is written to', async () => {
	const store = new ClusterStore();
	const written = new Set<string>();
	const backend = memoryBackend(store, {append(_ns, _pod, _container, containerID) {
		written.add(containerID);
	}});
	const containerID = await ensureLogPod(backend, {namespace: 'logs', pod: 'noisy', container: 'app'});
	assert.equal(await ensureLogPod(backend, {namespace: 'logs', pod: 'noisy', container: 'app'}), containerID, 'idempotent');
	const firehose = startFirehose(backend, {namespace: 'logs', pod: 'noisy', container: 'app', linesPerSecond: 1000, total: 50});
	await firehose.done;
	assert.ok(firehose.startedAt !== undefined && firehose.startedAt <= Date.now());
	assert.deepEqual([...written], [containerID]);
});
