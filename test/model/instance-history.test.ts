import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Pod} from '../../source/model/k8s-types.js';
import {MAX_INSTANCES_PER_CONTAINER, observePod, PodHistoryStore, type PodHistory} from '../../source/model/instance-history.js';
import {NOW, SECOND, makePod, running, terminated, waiting} from '../fixtures/pods.js';

// A crash-looping init container seen by the watch: instance k runs, fails, waits in back-off.
const id = (k: number) => `containerd://crash-${k}`;
function crashPod(k: number, phase: 'running' | 'failed' | 'backoff', uid = 'uid-crash'): Pod {
	const startedAgo = (n: number) => (100 - n * 10) * SECOND;
	const state = phase === 'running'
		? running(startedAgo(k))
		: phase === 'failed'
			? terminated(127, 'Error', startedAgo(k), startedAgo(k) - SECOND, {containerID: id(k)})
			: waiting('CrashLoopBackOff');
	const previous = phase === 'backoff' ? k : k - 1;
	const pod = makePod({
		name: 'crash', uid, nodeName: 'node-1', createdAgo: 200 * SECOND, initContainers: ['crash'], containers: ['app'], phase: 'Pending',
		init: [{
			name: 'crash', state, restartCount: k, containerID: phase === 'backoff' ? id(k) : id(k),
			...(previous >= 0 ? {lastState: terminated(127, 'Error', startedAgo(previous), startedAgo(previous) - SECOND, {containerID: id(previous)})} : {}),
		}],
		main: [{name: 'app', state: waiting('PodInitializing')}],
	});
	return pod;
}

test('observePod keeps every instance the watch showed, oldest first, with its outcome', () => {
	let history: PodHistory | undefined;
	for (let k = 0; k <= 6; k++) {
		for (const phase of ['running', 'failed', 'backoff'] as const) history = observePod(history, crashPod(k, phase), NOW);
	}
	const instances = history!.containers.crash!;
	assert.equal(instances.length, 7);
	assert.deepEqual(instances.map(i => i.id), [0, 1, 2, 3, 4, 5, 6].map(id));
	assert.ok(instances.every(i => i.exitCode === 127 && i.reason === 'Error' && i.finishedAt! - i.startedAt! === SECOND));
	assert.equal(history!.uid, 'uid-crash');
	// The app container never started: nothing recorded for it.
	assert.equal(history!.containers.app, undefined);
});

test('a running instance gains its finish when it terminates; unchanged updates return the same object', () => {
	const first = observePod(undefined, crashPod(0, 'running'), NOW);
	assert.equal(first.containers.crash![0]!.finishedAt, undefined);
	assert.equal(observePod(first, crashPod(0, 'running'), NOW + 1000), first);
	const after = observePod(first, crashPod(0, 'failed'), NOW + 2000);
	assert.notEqual(after, first);
	assert.equal(after.containers.crash!.length, 1);
	assert.equal(after.containers.crash![0]!.exitCode, 127);
	assert.equal(after.containers.crash![0]!.firstSeen, NOW, 'first sighting is kept');
	assert.equal(first.containers.crash![0]!.exitCode, undefined, 'the old history is not mutated');
	assert.equal(after.since, first.since);
});

test('history is bounded per container and restarts for a new pod uid', () => {
	let history: PodHistory | undefined;
	for (let k = 0; k < MAX_INSTANCES_PER_CONTAINER + 15; k++) history = observePod(history, crashPod(k, 'backoff'), NOW);
	const instances = history!.containers.crash!;
	assert.equal(instances.length, MAX_INSTANCES_PER_CONTAINER);
	assert.equal(instances[instances.length - 1]!.id, id(MAX_INSTANCES_PER_CONTAINER + 14));
	const fresh = observePod(history, crashPod(0, 'running', 'uid-other'), NOW);
	assert.equal(fresh.uid, 'uid-other');
	assert.equal(fresh.containers.crash!.length, 1);
});

test('StartError instances (startedAt 1970) are kept by their finish time', () => {
	const pod = makePod({
		name: 's', initContainers: ['bad'], phase: 'Pending',
		init: [{name: 'bad', state: {terminated: {exitCode: 128, reason: 'StartError', startedAt: '1970-01-01T00:00:00Z', finishedAt: '2026-03-01T11:59:50Z'}}}],
	});
	const instance = observePod(undefined, pod, NOW).containers.bad![0]!;
	assert.equal(instance.startedAt, undefined);
	assert.equal(instance.finishedAt, Date.parse('2026-03-01T11:59:50Z'));
	assert.equal(instance.reason, 'StartError');
});

test('PodHistoryStore keeps the most recently updated pods up to its cap', () => {
	const store = new PodHistoryStore(3);
	for (const uid of ['a', 'b', 'c']) store.observe(crashPod(0, 'running', uid), NOW);
	store.observe(crashPod(0, 'failed', 'a'), NOW); // a is fresh again
	store.observe(crashPod(0, 'running', 'd'), NOW); // evicts b, the least recently updated
	assert.equal(store.size, 3);
	assert.equal(store.get('b'), undefined);
	assert.ok(store.get('a'));
	assert.equal(store.get('a')!.containers.crash![0]!.exitCode, 127);
	store.forget('a');
	assert.equal(store.get('a'), undefined);
	assert.equal(store.size, 2);
});
