// Watches that keep stalling while lists answer (a wedged watch cache, a proxy holding streams
// open without data), server-error bursts cut short by reconnect(), and log streams that go dead.
// Against the demo API server's faults; deadlines are generous, outcomes are conditions.
import assert from 'node:assert/strict';
import {afterEach, beforeEach, test} from 'node:test';
import type {DemoCluster} from '../../demo/index.js';
import {openSession} from '../../source/kube/session.js';
import type {Tunables} from '../../source/kube/tunables.js';
import type {ClusterSession, ConnectionState, LogFollower, ResourceWatch} from '../../source/kube/types.js';
import type {ContainerState, Pod} from '../../source/model/k8s-types.js';
import {converged, createPod, startTestCluster, testTunables, waitFor} from './helpers.js';

let demo: DemoCluster;
const sessions: ClusterSession[] = [];

beforeEach(async () => {
	demo = await startTestCluster();
});
afterEach(async () => {
	for (const session of sessions.splice(0)) session.close();
	assert.deepEqual(demo.audit.entries.filter(entry => entry.method !== 'GET').map(entry => entry.method), []);
	await demo.stop();
});

async function open(tunables: Partial<Tunables> = {}): Promise<ClusterSession> {
	const session = await openSession({kubeconfig: demo.kubeconfigPath, env: {}, tunables: {...testTunables, pollIntervalMs: 500, ...tunables}});
	sessions.push(session);
	return session;
}

const names = (watch: ResourceWatch<Pod>) => [...watch.items().values()].map(pod => pod.metadata.name).sort();
const lists = (from: number) => demo.audit.entries.slice(from).filter(entry => entry.path.endsWith('/pods') && !/watch=1/.test(entry.query)).length;

function recordStates(watch: ResourceWatch<Pod>): ConnectionState[] {
	const states: ConnectionState[] = [];
	watch.subscribe(() => {
		if (states.at(-1) !== watch.state) states.push(watch.state);
	});
	return states;
}

test('watches hang but lists answer: a change reaches the store within the watchdog plus a few seconds', async () => {
	// Polling is kept out of this one: the relist after each stall alone must bring the change.
	const session = await open({fallbackFailures: 1000});
	createPod(demo, 'a');
	const watch = session.watchPods('default');
	await converged(demo, watch, 'default');
	demo.faults.stallWatches(true);
	createPod(demo, 'b');
	await waitFor('b in the store although every watch stalls', () => names(watch).includes('b'), testTunables.watchdogMs! + 8000);
	assert.notEqual(watch.state.kind, 'live', 'no event flowed: the watch is not live');
	const state = watch.state as Extract<ConnectionState, {kind: 'reconnecting'}>;
	assert.match(state.cause, /^(watch stalled|listed, waiting for the watch)$/);
	demo.faults.stallWatches(false);
	await converged(demo, watch, 'default');
});

test('repeated stalls: polling with LIST (said so), changes shown while polling, watching again once the server heals', async () => {
	const session = await open();
	createPod(demo, 'a');
	const watch = session.watchPods('default');
	await converged(demo, watch, 'default');
	const states = recordStates(watch);
	demo.faults.stallWatches(true);
	await waitFor('polling after 3 stalls', () => watch.state.kind === 'polling', 30_000);
	assert.deepEqual(watch.state.kind === 'polling' ? watch.state.cause : undefined, 'watch stalled');
	const reconnects = states.filter(state => state.kind === 'reconnecting');
	assert.ok(reconnects.length >= 2, `reconnecting before polling: ${JSON.stringify(states)}`);

	const before = demo.audit.entries.length;
	createPod(demo, 'c');
	demo.store.delete('pods', 'default', 'a');
	await waitFor('the poll to show the change', () => names(watch).join() === 'c', 15_000);
	assert.equal(watch.state.kind, 'polling', 'still polling while watches stall');
	await waitFor('several polls', () => lists(before) >= 2, 15_000);

	demo.faults.stallWatches(false);
	createPod(demo, 'd');
	await waitFor('watching again', () => watch.state.kind === 'live', 30_000);
	await converged(demo, watch, 'default');
	// Live means a watch again, not more polls: no list for a while once live.
	const liveAt = demo.audit.entries.length;
	createPod(demo, 'e');
	await converged(demo, watch, 'default');
	assert.equal(lists(liveAt), 0, 'changes come by the watch');
	assert.deepEqual(names(watch), ['c', 'd', 'e']);
});

test('a burst of 5xx with a long back-off: reconnect() tries again at once and resets the back-off', async () => {
	// The first retry would wait 30–60 s: only reconnect() can make this converge in time.
	const session = await open({backoffBaseMs: 60_000, backoffCapMs: 60_000});
	createPod(demo, 'a');
	const watch = session.watchPods('default');
	await converged(demo, watch, 'default');
	// A watch ended within its first second counts as a short close (paced by its own back-off):
	// let this one be older, so the close below is an ordinary one.
	await new Promise(resolve => setTimeout(resolve, 1500));
	demo.faults.failNext(1, 503);
	demo.faults.closeWatches();
	await waitFor('reconnecting after the 503', () => watch.state.kind === 'reconnecting', 10_000);
	const state = watch.state as Extract<ConnectionState, {kind: 'reconnecting'}>;
	assert.equal(state.cause, 'server errors');
	assert.equal(state.lastError, 'server error (503): the server is currently unable to handle the request');
	createPod(demo, 'b');
	session.reconnect();
	await converged(demo, watch, 'default', 20_000);
	assert.deepEqual(names(watch), ['a', 'b']);
});

// --- the log follower ---

const running = {running: {startedAt: '2026-01-01T00:00:00Z'}};
const lineTexts = (follower: LogFollower) => follower.entries().flatMap(entry => (entry.type === 'line' ? [entry.line.text] : []));

function setState(pod: string, state: ContainerState): void {
	demo.store.update('pods', 'default', pod, draft => {
		(draft as unknown as Pod).status!.containerStatuses![0]!.state = state;
	});
}

test('log: a quiet running container is not a stall; a dead stream of an instance that ended is dropped and read to its end', async () => {
	const session = await open();
	createPod(demo, 'p', 'default', [{name: 'app', state: running, containerID: 'containerd://p-1'}]);
	demo.logs.append('default', 'p', 'app', 'containerd://p-1', 'one\n');
	const follower = session.followLog({namespace: 'default', pod: 'p', container: 'app'});
	await waitFor('first line', () => lineTexts(follower).join() === 'one');
	const logRequests = () => demo.audit.entries.filter(entry => entry.path.endsWith('/log')).length;
	const requests = logRequests();
	// Silent for several watchdog periods while the pod says it runs: the stream is left alone
	// (a quiet period in which nothing may happen; its length only sets how strong the check is).
	await new Promise(resolve => setTimeout(resolve, 3 * testTunables.watchdogMs!));
	demo.faults.stallLogs(true);
	demo.logs.append('default', 'p', 'app', 'containerd://p-1', 'two\nlast words\n');
	assert.equal(logRequests(), requests, 'a silent stream of a running container is not re-opened');
	demo.faults.stallLogs(false);
	// The pod says the instance ended; the dead stream never ends by itself.
	setState('p', {terminated: {exitCode: 3, reason: 'Error', containerID: 'containerd://p-1', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:01:00Z'}});
	await waitFor('the lines written while the stream was dead', () => lineTexts(follower).includes('last words'), 20_000);
	await waitFor('the end of the instance', () => follower.lastNotice?.kind === 'terminated', 10_000);
	assert.deepEqual(lineTexts(follower), ['one', 'two', 'last words']);
	assert.deepEqual(follower.lastNotice, {kind: 'terminated', reason: 'Error', exitCode: 3});
});

test('log: reconnect() re-opens a dead stream of a running container, without repeating a line', async () => {
	const session = await open();
	createPod(demo, 'p', 'default', [{name: 'app', state: running, containerID: 'containerd://p-1'}]);
	demo.logs.append('default', 'p', 'app', 'containerd://p-1', 'one\n');
	const follower = session.followLog({namespace: 'default', pod: 'p', container: 'app'});
	await waitFor('first line', () => lineTexts(follower).join() === 'one');
	demo.faults.stallLogs(true);
	demo.logs.append('default', 'p', 'app', 'containerd://p-1', 'two\n');
	demo.faults.stallLogs(false);
	demo.logs.append('default', 'p', 'app', 'containerd://p-1', 'three\n');
	assert.deepEqual(lineTexts(follower), ['one'], 'the dead stream delivers nothing');
	session.reconnect();
	await waitFor('the lines after reconnect', () => lineTexts(follower).includes('three'), 15_000);
	demo.logs.append('default', 'p', 'app', 'containerd://p-1', 'four\n');
	await waitFor('a live line', () => lineTexts(follower).includes('four'), 15_000);
	assert.deepEqual(lineTexts(follower), ['one', 'two', 'three', 'four']);
});
