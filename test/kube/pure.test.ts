// The pieces of kube/ that need no server: stream splitting, the log ring, resume
// de-duplication, back-off, container instances and error messages.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {Backoff} from '../../source/kube/backoff.js';
import {containerInstance} from '../../source/kube/container-instance.js';
import {ApiError, NetworkError, StalledError, describeError, networkError} from '../../source/kube/errors.js';
import {LineSplitter} from '../../source/kube/line-splitter.js';
import {ResumeFilter, sinceTimeOf, splitTimestamp, timeKey} from '../../source/kube/log-line.js';
import {LogRing} from '../../source/kube/log-ring.js';
import {StringPool} from '../../source/kube/string-pool.js';
import {resolveTunables} from '../../source/kube/tunables.js';
import {InitError} from '../../source/kube/types.js';
import type {LogEntry} from '../../source/kube/types.js';
import {makePod} from '../fixtures/pods.js';

test('LineSplitter: lines split across chunks, multi-byte characters split mid-sequence, CRLF, last line without newline', () => {
	const out: string[] = [];
	const splitter = new LineSplitter(line => out.push(line));
	const bytes = Buffer.from('{"a":1}\n{"b":"é€😀"}\r\npartial', 'utf8');
	for (let index = 0; index < bytes.length; index++) splitter.push(bytes.subarray(index, index + 1));
	assert.deepEqual(out, ['{"a":1}', '{"b":"é€😀"}']);
	splitter.end();
	assert.deepEqual(out, ['{"a":1}', '{"b":"é€😀"}', 'partial']);
});

test('LineSplitter: a 1 MB line in 64 KB chunks arrives whole; junk without newlines is cut at the cap', () => {
	const out: string[] = [];
	const splitter = new LineSplitter(line => out.push(line), 4 * 1024 * 1024);
	const big = Buffer.from(`${'y'.repeat(1024 * 1024)}\nnext\n`);
	for (let offset = 0; offset < big.length; offset += 65536) splitter.push(big.subarray(offset, offset + 65536));
	assert.deepEqual(out.map(line => line.length), [1024 * 1024, 4]);
	const capped: string[] = [];
	const small = new LineSplitter(line => capped.push(line), 1000);
	for (let index = 0; index < 5; index++) small.push(Buffer.alloc(300, 0xff));
	assert.equal(capped.length, 1, 'one piece emitted once the cap was reached');
});

test('LogRing: keeps the newest `cap` entries, counts dropped lines, entries() is stable between pushes', () => {
	const ring = new LogRing(3);
	const line = (seq: number): LogEntry => ({type: 'line', line: {seq, text: `l${seq}`, instance: 1}});
	for (let seq = 1; seq <= 10; seq++) ring.push(line(seq));
	const entries = ring.entries();
	assert.deepEqual(entries.map(entry => (entry.type === 'line' ? entry.line.seq : 0)), [8, 9, 10]);
	assert.equal(ring.dropped, 7);
	assert.equal(ring.entries(), entries);
	ring.push(line(11));
	assert.notEqual(ring.entries(), entries);
	assert.deepEqual(entries.map(entry => (entry.type === 'line' ? entry.line.seq : 0)), [8, 9, 10], 'a snapshot handed out never changes');
	assert.throws(() => new LogRing(0), RangeError);
});

test('LogRing: 20,000 lines/s ingest with a reader at 10/s keeps the cap (time printed, judged in bench/)', () => {
	// 10 s of ingest at 20,000 lines/s with 100 reads. How fast is judged in bench/ (the log
	// firehose); here the figure is printed (a clock on a busy machine measures the neighbours).
	let elapsed = Number.POSITIVE_INFINITY;
	for (let round = 0; round < 3; round++) {
		const ring = new LogRing(50_000);
		const started = performance.now();
		for (let seq = 1; seq <= 200_000; seq++) {
			ring.push({type: 'line', line: {seq, text: 'some log line of ordinary length, with a few words', instance: 1}});
			if (seq % 2000 === 0) assert.equal(ring.entries().length, Math.min(seq, 50_000));
		}
		elapsed = Math.min(elapsed, performance.now() - started);
		assert.equal(ring.dropped, 150_000);
	}
	console.log(`# LogRing: 200,000 lines with 100 reads in ${elapsed.toFixed(0)} ms (best of 3)`);
});

test('splitTimestamp / timeKey / sinceTimeOf', () => {
	assert.deepEqual(splitTimestamp('2026-01-01T10:00:00.123456789Z hello world'), {time: '2026-01-01T10:00:00.123456789Z', text: 'hello world'});
	assert.deepEqual(splitTimestamp('2026-01-01T10:00:00.123456789Z '), {time: '2026-01-01T10:00:00.123456789Z', text: ''});
	assert.deepEqual(splitTimestamp('not a timestamp here'), {text: 'not a timestamp here'});
	assert.ok(timeKey('2026-01-01T10:00:00.000000002Z') > timeKey('2026-01-01T10:00:00.000000001Z'));
	assert.ok(timeKey('2026-01-01T10:00:01Z') > timeKey('2026-01-01T10:00:00.999999999Z'));
	assert.equal(timeKey('2026-01-01T12:00:00.5+02:00'), timeKey('2026-01-01T10:00:00.500000000Z'));
	assert.equal(sinceTimeOf('2026-01-01T10:00:07.999999999Z'), '2026-01-01T10:00:07Z');
});

test('ResumeFilter: drops the repeated second, keeps genuinely new lines with the same timestamp', () => {
	const filter = new ResumeFilter();
	const t1 = '2026-01-01T10:00:00.100000000Z';
	const t2 = '2026-01-01T10:00:00.200000000Z';
	for (const line of [{time: t1, text: 'a'}, {time: t2, text: 'x'}, {time: t2, text: 'x'}]) filter.seen(line);
	filter.resume();
	const replay = [{time: t1, text: 'a'}, {time: t2, text: 'x'}, {time: t2, text: 'x'}, {time: t2, text: 'x'}, {time: t2, text: 'y'}, {time: '2026-01-01T10:00:01.000000000Z', text: 'z'}];
	const kept = replay.filter(line => {
		if (filter.isRepeat(line)) return false;
		filter.seen(line);
		return true;
	});
	assert.deepEqual(kept.map(line => line.text), ['x', 'y', 'z']);
	// A second resume still knows all four lines at t2... and the later z.
	filter.resume();
	assert.equal(filter.isRepeat({time: '2026-01-01T10:00:01.000000000Z', text: 'z'}), true);
	assert.equal(filter.isRepeat({time: '2026-01-01T10:00:02.000000000Z', text: 'z'}), false);
});

test('Backoff: doubles from base to cap with jitter in [d/2, d], reset starts over', () => {
	const low = new Backoff(100, 1000, () => 0);
	assert.deepEqual([1, 2, 3, 4, 5, 6].map(() => low.next()), [50, 100, 200, 400, 500, 500]);
	const high = new Backoff(100, 1000, () => 1);
	assert.deepEqual([1, 2, 3].map(() => high.next()), [100, 200, 400]);
	high.reset();
	assert.equal(high.attempt, 0);
	assert.equal(high.next(), 100);
});

test('tunables: environment variables, options win', () => {
	const fromEnv = resolveTunables({}, {INITK9_WATCH_TIMEOUT_SECONDS: '7', INITK9_WATCHDOG_MS: '900', INITK9_BACKOFF_MS: '20,300'});
	assert.equal(fromEnv.watchTimeoutSeconds(), 7);
	assert.equal(fromEnv.watchdogMs, 900);
	assert.deepEqual([fromEnv.backoffBaseMs, fromEnv.backoffCapMs], [20, 300]);
	assert.equal(resolveTunables({watchdogMs: 5}, {INITK9_WATCHDOG_MS: '900'}).watchdogMs, 5);
	const defaults = resolveTunables({}, {INITK9_WATCHDOG_MS: 'junk'});
	assert.equal(defaults.watchdogMs, 150_000);
	const timeout = defaults.watchTimeoutSeconds();
	assert.ok(timeout >= 300 && timeout < 600);
});

test('containerInstance: which instance the kubelet serves logs for', () => {
	const pod = (main: Parameters<typeof makePod>[0]['main']) => makePod({name: 'p', main});
	assert.deepEqual(containerInstance(pod([{name: 'app', state: {running: {}}, containerID: 'c://2', restartCount: 1}]), 'app'), {logID: 'c://2', instance: 2, running: true, previous: undefined});
	const crashLoop = containerInstance(pod([{name: 'app', state: {waiting: {reason: 'CrashLoopBackOff'}}, restartCount: 3, lastState: {terminated: {exitCode: 1, containerID: 'c://3'}}}]), 'app');
	assert.equal(crashLoop?.logID, 'c://3');
	// k8s-semantics §3.1: in back-off, lastState is the newest (exited) instance and restartCount is
	// that instance's count, so it is number restartCount + 1 (the demo kubelet agrees).
	assert.equal(crashLoop?.instance, 4);
	assert.equal(crashLoop?.terminated?.exitCode, 1);
	const init = makePod({name: 'p', init: [{name: 'init', state: {waiting: {reason: 'PodInitializing'}}}]});
	assert.deepEqual(containerInstance(init, 'init'), {logID: undefined, instance: 1, running: false, waiting: {reason: 'PodInitializing'}});
	assert.equal(containerInstance(init, 'other'), undefined);
});

test('describeError: one line for every failure', () => {
	const forbidden = new ApiError(403, 'Forbidden', 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "prod"');
	assert.equal(describeError(forbidden, {verb: 'list', resource: 'pods', namespace: 'prod'}), 'forbidden: user "jane" cannot list pods in namespace "prod"');
	assert.equal(describeError(forbidden, {verb: 'watch', resource: 'pods', namespace: undefined}), 'forbidden: user "jane" cannot watch pods at cluster scope (all namespaces)');
	assert.equal(describeError(new ApiError(401, 'Unauthorized', 'Unauthorized')), 'unauthorized (401): the server rejected the credentials in the kubeconfig');
	assert.equal(describeError(new ApiError(404, 'NotFound', 'namespaces "x" not found')), 'namespace "x" not found');
	assert.equal(describeError(new ApiError(404, 'NotFound', 'pods "p" not found'), {resource: 'pods'}), 'pods "p" not found');
	assert.equal(describeError(new ApiError(503, 'ServiceUnavailable', 'the server is currently unable to handle the request')), 'server error (503): the server is currently unable to handle the request');
	assert.equal(describeError(new ApiError(400, 'BadRequest', 'container "app" in pod "p" is waiting to start: PodInitializing')), 'container "app" in pod "p" is waiting to start: PodInitializing');
	assert.equal(describeError(ApiError.fromBody(502, '<html>\n<body>Bad Gateway</body>\n</html>')), 'server error (502): <html>');
	assert.equal(describeError(networkError('https://k:6443', Object.assign(new Error('connect ECONNREFUSED'), {code: 'ECONNREFUSED'}))), 'cannot reach https://k:6443: connection refused');
	assert.equal(describeError(networkError('https://k:6443', Object.assign(new Error('getaddrinfo ENOTFOUND k'), {code: 'ENOTFOUND'}))), 'cannot reach https://k:6443: no such host');
	assert.equal(describeError(networkError('https://k:6443', Object.assign(new Error('certificate has expired'), {code: 'CERT_HAS_EXPIRED'}))), 'TLS error talking to https://k:6443: the server certificate has expired');
	assert.ok(networkError('s', Object.assign(new Error('x'), {code: 'ECONNRESET'})) instanceof NetworkError);
	assert.equal(describeError(new StalledError(12_345)), 'no data from the server for 12.3s');
	assert.equal(describeError(new InitError('already one line')), 'already one line');
	assert.equal(describeError(new Error('first\nsecond')), 'first');
	assert.equal(describeError('text'), 'text');
});

test('StringPool: a watch\'s objects keep their values; repeated short strings are pooled once, unique keys and long strings never', () => {
	const pool = new StringPool();
	const pods = [0, 1, 2].map(index => makePod({name: `web-${index}`, nodeName: 'node-1', phase: 'Running', main: [{name: 'app', state: {running: {startedAt: '2026-01-01T00:00:00Z'}}, containerID: `containerd://web-${index}`}]}));
	const copies = structuredClone(pods);
	for (const pod of pods) pool.share(pod);
	assert.deepEqual(pods, copies, 'values unchanged');
	const afterThree = pool.size;
	const fourth = makePod({name: 'web-3', nodeName: 'node-1', phase: 'Running', main: [{name: 'app', state: {running: {startedAt: '2026-01-01T00:00:00Z'}}, containerID: 'containerd://web-3'}]});
	pool.share(fourth);
	assert.equal(pool.size, afterThree + 1, 'only the new pod\'s name is new (its uid and containerID are never pooled)');

	const cases: Array<[string, unknown, number]> = [
		['a string in an array', {args: ['sleep', 'sleep']}, 1],
		['nested objects', {a: {b: {c: 'x'}}, d: 'x'}, 1],
		['unique keys are not pooled', {uid: 'u-1', resourceVersion: '7', containerID: 'c://1', podIP: '10.0.0.1', generateName: 'web-'}, 0],
		['a long string is not pooled', {script: 'x'.repeat(161)}, 0],
		['numbers, booleans and null are left alone', {n: 1, b: true, z: null}, 0],
	];
	for (const [what, value, added] of cases) {
		const fresh = new StringPool();
		const copy = structuredClone(value);
		fresh.share(value);
		assert.deepEqual(value, copy, what);
		assert.equal(fresh.size, added, what);
	}

	const small = new StringPool(3);
	small.share({a: 'one', b: 'two', c: 'three'});
	assert.equal(small.size, 3);
	small.share({d: 'four'});
	assert.equal(small.size, 1, 'a full pool starts over');
});
