// The log follower against the demo API server: waiting → streaming, restarts, a dropped
// connection resumed without duplicates, the server's own messages, ranges, bounded memory.
import assert from 'node:assert/strict';
import {afterEach, beforeEach, test} from 'node:test';
import type {DemoCluster} from '../../demo/index.js';
import type {ContainerState, Pod} from '../../source/model/k8s-types.js';
import type {ClusterSession, LogEntry, LogFollower, LogNotice} from '../../source/kube/types.js';
import {closeTestSession, createPod, openTestSession, podWatchOpen, waitFor} from './helpers.js';

let demo: DemoCluster;
let session: ClusterSession;

beforeEach(async () => ({demo, session} = await openTestSession()));
afterEach(() => closeTestSession(demo, session));

const lines = (follower: LogFollower) => follower.entries().flatMap(entry => (entry.type === 'line' ? [entry.line.text] : []));
const notices = (follower: LogFollower) => follower.entries().flatMap(entry => (entry.type === 'notice' ? [entry.notice] : []));
/** Lines and notices in order, notices as `[kind]`. */
const transcript = (follower: LogFollower) =>
	follower.entries().map((entry: LogEntry) => (entry.type === 'line' ? `${entry.line.instance}:${entry.line.text}` : `[${entry.notice.kind}]`));
const logRequests = () => demo.audit.entries.filter(entry => entry.path.endsWith('/log'));

function setState(pod: string, state: ContainerState, extra: {containerID?: string; restartCount?: number; lastState?: ContainerState} = {}): void {
	demo.store.update('pods', 'default', pod, draft => {
		const status = (draft as unknown as Pod).status!.containerStatuses![0]!;
		status.state = state;
		if (extra.containerID === undefined) delete status.containerID;
		else status.containerID = extra.containerID;
		if (extra.restartCount !== undefined) status.restartCount = extra.restartCount;
		if (extra.lastState) status.lastState = extra.lastState;
	});
}

const running = {running: {startedAt: '2026-01-01T00:00:00Z'}};

test('waiting container: the server message is reported, retried without giving up, and streaming starts when it runs', async () => {
	createPod(demo, 'p', 'default', [{name: 'app', state: {waiting: {reason: 'PodInitializing'}}}]);
	const follower = session.followLog({namespace: 'default', pod: 'p', container: 'app'});
	await waitFor('waiting notice', () => follower.lastNotice?.kind === 'waiting');
	assert.deepEqual(follower.lastNotice, {kind: 'waiting', reason: 'PodInitializing', message: 'container "app" in pod "p" is waiting to start: PodInitializing'});
	// k9s gives up after 20 tries; keep asking (the back-off caps, it does not stop).
	await waitFor('several retries', () => logRequests().length >= 4);
	assert.equal(notices(follower).length, 1, 'the same waiting state is reported once');

	setState('p', {waiting: {reason: 'CreateContainerConfigError', message: 'secret "db" not found'}});
	await waitFor('new waiting reason', () => follower.lastNotice?.kind === 'waiting' && follower.lastNotice.reason === 'CreateContainerConfigError');
	assert.deepEqual(follower.lastNotice, {kind: 'waiting', reason: 'CreateContainerConfigError', message: 'container "app" in pod "p" is waiting to start: CreateContainerConfigError'});

	demo.logs.append('default', 'p', 'app', 'containerd://p-1', 'hello\nworld\n');
	setState('p', running, {containerID: 'containerd://p-1'});
	await waitFor('lines', () => lines(follower).length === 2);
	demo.logs.append('default', 'p', 'app', 'containerd://p-1', 'live line\n');
	await waitFor('live line', () => lines(follower).length === 3);
	assert.deepEqual(transcript(follower), ['[waiting]', '[waiting]', '[streaming]', '1:hello', '1:world', '1:live line']);
	assert.deepEqual(notices(follower)[2], {kind: 'streaming', instance: 1, containerID: 'containerd://p-1'});
	const first = follower.entries().find(entry => entry.type === 'line');
	assert.match(first?.type === 'line' ? (first.line.time ?? '') : '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
	assert.ok(logRequests().every(entry => /timestamps=true/.test(entry.query)));
});

test('restart: the old instance to its last line, a marker with the exit code, then the new instance', async () => {
	createPod(demo, 'p', 'default', [{name: 'app', state: running, containerID: 'containerd://a'}]);
	demo.logs.append('default', 'p', 'app', 'containerd://a', 'a1\na2\n');
	const follower = session.followLog({namespace: 'default', pod: 'p', container: 'app'});
	await waitFor('first lines', () => lines(follower).length === 2);
	demo.logs.append('default', 'p', 'app', 'containerd://a', 'a3 (last words)\n');
	await waitFor('last words', () => lines(follower).length === 3);
	setState('p', {waiting: {reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container'}}, {
		containerID: 'containerd://a',
		restartCount: 0,
		lastState: {terminated: {exitCode: 137, reason: 'OOMKilled', containerID: 'containerd://a', finishedAt: '2026-01-01T00:01:00Z'}},
	});
	await waitFor('terminated notice', () => follower.lastNotice?.kind === 'terminated');
	assert.deepEqual(follower.lastNotice, {kind: 'terminated', reason: 'OOMKilled', exitCode: 137});
	demo.logs.append('default', 'p', 'app', 'containerd://b', 'b1\n');
	setState('p', running, {
		containerID: 'containerd://b',
		restartCount: 1,
		lastState: {terminated: {exitCode: 137, reason: 'OOMKilled', containerID: 'containerd://a', finishedAt: '2026-01-01T00:01:00Z'}},
	});
	await waitFor('new instance', () => lines(follower).includes('b1'));
	demo.logs.append('default', 'p', 'app', 'containerd://b', 'b2\n');
	await waitFor('b2', () => lines(follower).includes('b2'));
	assert.deepEqual(transcript(follower), ['[streaming]', '1:a1', '1:a2', '1:a3 (last words)', '[terminated]', '[restarted]', '[streaming]', '2:b1', '2:b2']);
	assert.deepEqual(notices(follower).slice(2), [
		{kind: 'restarted', instance: 2, exitCode: 137, reason: 'OOMKilled', finishedAt: '2026-01-01T00:01:00Z'},
		{kind: 'streaming', instance: 2, containerID: 'containerd://b'},
	]);
});

test('a restart seen only as a new containerID (running → running) is followed with a marker', async () => {
	createPod(demo, 'p', 'default', [{name: 'app', state: running, containerID: 'containerd://a'}]);
	demo.logs.append('default', 'p', 'app', 'containerd://a', 'a1\n');
	const follower = session.followLog({namespace: 'default', pod: 'p', container: 'app'});
	await waitFor('a1', () => lines(follower).length === 1);
	demo.logs.append('default', 'p', 'app', 'containerd://b', 'b1\n');
	setState('p', running, {containerID: 'containerd://b', restartCount: 1, lastState: {terminated: {exitCode: 1, reason: 'Error', containerID: 'containerd://a'}}});
	await waitFor('b1', () => lines(follower).includes('b1'));
	assert.deepEqual(transcript(follower), ['[streaming]', '1:a1', '[restarted]', '[streaming]', '2:b1']);
});

test('instances that ran between two pod events: the one the API still serves is read as previous, a lost one is named', async () => {
	createPod(demo, 'p', 'default', [{name: 'app', state: running, containerID: 'containerd://a'}]);
	demo.logs.append('default', 'p', 'app', 'containerd://a', 'a1\n');
	const follower = session.followLog({namespace: 'default', pod: 'p', container: 'app'});
	await waitFor('a1', () => lines(follower).length === 1);
	// One watch event: b (#2) and c (#3) both ran and ended; d (#4) runs now. The API keeps c as previous.
	for (const id of ['b', 'c', 'd']) demo.logs.append('default', 'p', 'app', `containerd://${id}`, `${id}1\n`);
	setState('p', running, {containerID: 'containerd://d', restartCount: 3, lastState: {terminated: {exitCode: 127, reason: 'Error', containerID: 'containerd://c', finishedAt: '2026-01-01T00:03:00Z'}}});
	await waitFor('d1', () => lines(follower).includes('d1'));
	assert.deepEqual(transcript(follower), ['[streaming]', '1:a1', '[unavailable]', '[restarted]', '[streaming]', '3:c1', '[terminated]', '[restarted]', '[streaming]', '4:d1']);
	assert.deepEqual(notices(follower).slice(1), [
		{kind: 'unavailable', instance: 2},
		{kind: 'restarted', instance: 3, exitCode: undefined, reason: undefined, finishedAt: undefined},
		{kind: 'streaming', instance: 3, containerID: 'containerd://c'},
		{kind: 'terminated', reason: 'Error', exitCode: 127},
		{kind: 'restarted', instance: 4, exitCode: 127, reason: 'Error', finishedAt: '2026-01-01T00:03:00Z'},
		{kind: 'streaming', instance: 4, containerID: 'containerd://d'},
	]);
	assert.ok(logRequests().some(entry => /previous=true/.test(entry.query)), 'the skipped instance was asked for as previous');
});

test('crash loop seen only in back-off: the last instance is shown, the one before it is named unavailable', async () => {
	createPod(demo, 'p', 'default', [{name: 'app', state: running, containerID: 'containerd://a'}]);
	demo.logs.append('default', 'p', 'app', 'containerd://a', 'a1\n');
	const follower = session.followLog({namespace: 'default', pod: 'p', container: 'app'});
	await waitFor('a1', () => lines(follower).length === 1);
	for (const id of ['b', 'c']) demo.logs.append('default', 'p', 'app', `containerd://${id}`, `${id}1\n`);
	// As the kubelet reports it: the newest (exited) instance c is lastState, restartCount counts it.
	setState('p', {waiting: {reason: 'CrashLoopBackOff'}}, {containerID: 'containerd://c', restartCount: 2, lastState: {terminated: {exitCode: 127, reason: 'Error', containerID: 'containerd://c'}}});
	await waitFor('c1', () => lines(follower).includes('c1'));
	await waitFor('terminated', () => follower.lastNotice?.kind === 'terminated');
	assert.deepEqual(transcript(follower), ['[streaming]', '1:a1', '[unavailable]', '[restarted]', '[streaming]', '3:c1', '[terminated]']);
	assert.deepEqual(notices(follower)[1], {kind: 'unavailable', instance: 2});
});

test('disconnect mid-stream: resumed with sinceTime, no line lost, none duplicated (same-timestamp lines too)', async () => {
	createPod(demo, 'p', 'default', [{name: 'app', state: running, containerID: 'containerd://a'}]);
	const at = Math.floor(Date.now() / 1000) * 1000 + 500;
	demo.logs.append('default', 'p', 'app', 'containerd://a', 'early\n', at - 2000);
	demo.logs.append('default', 'p', 'app', 'containerd://a', 'a\nsame\nsame\n', at);
	const follower = session.followLog({namespace: 'default', pod: 'p', container: 'app'});
	await waitFor('first lines', () => lines(follower).length === 4);
	await demo.faults.down();
	await waitFor('disconnected notice', () => follower.lastNotice?.kind === 'disconnected');
	demo.logs.append('default', 'p', 'app', 'containerd://a', 'same\nb\n', at);
	demo.logs.append('default', 'p', 'app', 'containerd://a', 'c\n', at + 1000);
	await demo.faults.up();
	await waitFor('resumed', () => lines(follower).length >= 7, 10_000);
	demo.logs.append('default', 'p', 'app', 'containerd://a', 'd\n');
	await waitFor('d', () => lines(follower).includes('d'));
	assert.deepEqual(lines(follower), ['early', 'a', 'same', 'same', 'same', 'b', 'c', 'd']);
	assert.deepEqual(
		transcript(follower).filter(item => item.startsWith('[')),
		['[streaming]', '[disconnected]', '[resumed]'],
	);
	const resumes = logRequests().filter(entry => /sinceTime=/.test(entry.query) && entry.status === 200);
	assert.ok(resumes.length >= 1);
	assert.match(decodeURIComponent(resumes[0]!.query), new RegExp(`sinceTime=${new Date(at - 500).toISOString().replace('.000Z', 'Z')}`));
});

test('previous with no previous instance: the server message verbatim (follower and readLog)', async () => {
	createPod(demo, 'p', 'default', [{name: 'app', state: running, containerID: 'containerd://a'}]);
	const follower = session.followLog({namespace: 'default', pod: 'p', container: 'app', previous: true});
	await waitFor('error', () => follower.lastNotice !== undefined);
	assert.deepEqual(follower.lastNotice, {kind: 'error', message: 'previous terminated container "app" in pod "p" not found'});
	await assert.rejects(session.readLog({namespace: 'default', pod: 'p', container: 'app', previous: true}), {
		name: 'InitError',
		message: 'previous terminated container "app" in pod "p" not found',
	});
	await assert.rejects(session.readLog({namespace: 'default', pod: 'nope', container: 'app'}), {name: 'InitError', message: 'pods "nope" not found'});
});

test('previous instance: its lines, labelled with its instance number, then how it ended', async () => {
	createPod(demo, 'p', 'default', [
		{name: 'app', state: running, containerID: 'containerd://c', restartCount: 2, lastState: {terminated: {exitCode: 1, reason: 'Error', containerID: 'containerd://b'}}},
	]);
	demo.logs.append('default', 'p', 'app', 'containerd://b', 'panic: boom\n');
	const follower = session.followLog({namespace: 'default', pod: 'p', container: 'app', previous: true});
	await waitFor('terminated', () => follower.lastNotice?.kind === 'terminated');
	assert.deepEqual(transcript(follower), ['[streaming]', '2:panic: boom', '[terminated]']);
	assert.deepEqual(notices(follower), [
		{kind: 'streaming', instance: 2, containerID: 'containerd://b'},
		{kind: 'terminated', reason: 'Error', exitCode: 1},
	]);
	assert.deepEqual(await session.readLog({namespace: 'default', pod: 'p', container: 'app', previous: true}), ['panic: boom']);
});

test('tailLines (0 too) and sinceSeconds shape the first request only', async () => {
	createPod(demo, 'p', 'default', [{name: 'app', state: running, containerID: 'containerd://a'}]);
	demo.logs.append('default', 'p', 'app', 'containerd://a', 'old\n', Date.now() - 120_000);
	demo.logs.append('default', 'p', 'app', 'containerd://a', 'one\ntwo\nthree\n');
	const none = session.followLog({namespace: 'default', pod: 'p', container: 'app', tailLines: 0});
	const two = session.followLog({namespace: 'default', pod: 'p', container: 'app', tailLines: 2});
	const recent = session.followLog({namespace: 'default', pod: 'p', container: 'app', sinceSeconds: 60});
	await waitFor('streams', () => [none, two, recent].every(follower => follower.lastNotice?.kind === 'streaming') && lines(recent).length === 3);
	demo.logs.append('default', 'p', 'app', 'containerd://a', 'new\n');
	await waitFor('new line everywhere', () => [none, two, recent].every(follower => lines(follower).includes('new')));
	assert.deepEqual(lines(none), ['new']);
	assert.deepEqual(lines(two), ['two', 'three', 'new']);
	assert.deepEqual(lines(recent), ['one', 'two', 'three', 'new']);
	assert.ok(logRequests().some(entry => /tailLines=0/.test(entry.query)), 'tailLines=0 is sent, not dropped');
	assert.deepEqual(await session.readLog({namespace: 'default', pod: 'p', container: 'app', tailLines: 1}), ['new']);
});

test('bounded ring: cap honoured, counts kept, a 1 MB line and binary junk pass through', async () => {
	createPod(demo, 'p', 'default', [{name: 'app', state: running, containerID: 'containerd://a'}]);
	const follower = session.followLog({namespace: 'default', pod: 'p', container: 'app', bufferLines: 100});
	await waitFor('streaming', () => follower.lastNotice?.kind === 'streaming');
	const big = 'x'.repeat(1024 * 1024);
	demo.logs.append('default', 'p', 'app', 'containerd://a', `${big}\n\u0000\u001b[31mred\u001b[0m\u00ff\ufffd junk\n`);
	demo.logs.append('default', 'p', 'app', 'containerd://a', Array.from({length: 1000}, (_, index) => `line ${index}`).join('\n'));
	await waitFor('all lines', () => follower.received === 1002);
	const entries = follower.entries();
	assert.equal(entries.length, 100);
	assert.equal(follower.dropped, 902);
	assert.equal(entries.at(-1)?.type === 'line' && entries.at(-1)!.type === 'line' ? (entries.at(-1) as {line: {text: string}}).line.text : '', 'line 999');
	assert.equal(follower.entries(), entries, 'unchanged buffer → the same array (cheap for a UI polling it)');

	const wide = session.followLog({namespace: 'default', pod: 'p', container: 'app'});
	await waitFor('all lines again', () => wide.received === 1002);
	const texts = lines(wide);
	assert.equal(texts[0]!.length, big.length);
	assert.equal(texts[1], '\u0000\u001b[31mred\u001b[0m\u00ff\ufffd junk');
});

test('stop() closes the stream and the pod watch; nothing is requested afterwards', async () => {
	createPod(demo, 'p', 'default', [{name: 'app', state: {waiting: {reason: 'ContainerCreating'}}}]);
	const follower = session.followLog({namespace: 'default', pod: 'p', container: 'app'});
	await waitFor('waiting', () => follower.lastNotice?.kind === 'waiting');
	// (Seen under load: the watch request reached the server after the count below was taken.)
	await podWatchOpen(demo);
	follower.stop();
	const before = demo.audit.entries.length;
	setState('p', running, {containerID: 'containerd://a'});
	await new Promise(resolve => setTimeout(resolve, 600));
	assert.equal(demo.audit.entries.length, before);
	assert.equal(lines(follower).length, 0);
	const last: LogNotice | undefined = follower.lastNotice;
	assert.equal(last?.kind, 'waiting');
});
