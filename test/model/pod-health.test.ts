import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Pod} from '../../source/model/k8s-types.js';
import {HEALTH_SYMBOLS, healthCounts, progressCell, summarizePod, type PodHealth} from '../../source/model/pod-health.js';
import {DEFAULT_STUCK_AFTER_MS} from '../../source/model/verdict.js';
import {
	MINUTE, NOW, SECOND, ago, completedJob, conditions, healthyPlain, imagePullBackOff, makePod, running, scenario1, scenario2,
	scenario3, scenario4, schedulingGated, sidecarMigrating, sidecarRunning, terminated, terminatingPod, unschedulable, waiting,
} from '../fixtures/pods.js';

const at = (p: Pod, opts?: {stuckAfterMs: number}) => summarizePod(p, NOW, opts);
const pick = (p: Pod, opts?: {stuckAfterMs: number}) => {
	const s = at(p, opts);
	return {health: s.health, symbol: s.symbol, progress: s.progress, why: s.why};
};

const initPod = (state: ReturnType<typeof waiting>, extra: {restartCount?: number; lastState?: ReturnType<typeof terminated>; phase?: string; restartPolicy?: string} = {}) => makePod({
	name: 'p', nodeName: 'node-1', createdAgo: 5 * MINUTE, startedAgo: 5 * MINUTE, initContainers: ['init-a', 'init-b'], containers: ['app'],
	phase: extra.phase ?? 'Pending', restartPolicy: extra.restartPolicy,
	conditions: conditions({initialized: false, ready: false, incomplete: ['init-a', 'init-b'], unready: ['app']}),
	init: [{name: 'init-a', state, restartCount: extra.restartCount, lastState: extra.lastState}, {name: 'init-b', state: waiting('PodInitializing')}],
	main: [{name: 'app', state: waiting('PodInitializing')}],
});

test('scenario 1: every stage of a healthy start is initializing, then healthy', () => {
	assert.deepEqual(pick(scenario1.pending), {health: 'initializing', symbol: '◐', progress: '▱▱ 0/2', why: undefined});
	assert.deepEqual(pick(scenario1.init0), {health: 'initializing', symbol: '◐', progress: '▱▱ 0/2', why: undefined});
	assert.deepEqual(pick(scenario1.init1), {health: 'initializing', symbol: '◐', progress: '▰▱ 1/2', why: undefined});
	assert.deepEqual(pick(scenario1.podInitializing), {health: 'initializing', symbol: '◐', progress: '▰▰ 2/2', why: undefined});
	assert.deepEqual(pick(scenario1.running), {health: 'healthy', symbol: '●', progress: '▰▰ 2/2', why: undefined});
});

test('stepSince is when the current init step began: running start, or the previous step finishing', () => {
	assert.equal(at(scenario1.init0).stepSince, Date.parse(ago(1 * SECOND)));
	assert.equal(at(scenario1.init1).stepSince, Date.parse(ago(2 * SECOND)));
	// PodInitializing: the app has been waiting since the last init container finished.
	assert.equal(at(scenario1.podInitializing).stepSince, Date.parse(ago(1 * SECOND)));
	// No container status yet: since the pod was created (no startTime either).
	assert.equal(at(scenario1.pending).stepSince, Date.parse(ago(1 * SECOND)));
	assert.equal(at(scenario1.running).stepSince, undefined);
	// init-b waits for init-a: its wait began when init-a finished.
	const second = initPod(terminated(0, 'Completed', 4 * MINUTE, 3 * MINUTE));
	second.status!.initContainerStatuses![1]!.state = waiting('PodInitializing');
	assert.equal(at(second).stepSince, Date.parse(ago(3 * MINUTE)));
	assert.equal(at(second).health, 'stuck');
	assert.equal(at(second).why, 'init-b: not started after 3m');
});

test('scenario 2: exit 127 crash loop is init-failing with the exit code explained', () => {
	assert.deepEqual(pick(scenario2.crashLoop), {
		health: 'init-failing', symbol: '✖', progress: '▰▰▱ 2/3',
		why: 'init-failed-test: exit 127 (command not found), CrashLoopBackOff',
	});
	assert.equal(at(scenario2.crashLoop).restartCount, 6);
	assert.deepEqual(pick(scenario2.error), {
		health: 'init-failing', symbol: '✖', progress: '▰▰▱ 2/3', why: 'init-failed-test: exit 127 (command not found)',
	});
});

test('scenario 3: a step running for longer than the threshold without failing is stuck', () => {
	assert.deepEqual(pick(scenario3(12 * MINUTE)), {
		health: 'stuck', symbol: '⧗', progress: '▱▱ 0/2', why: 'init-myservice: running 12m, no restarts',
	});
	assert.equal(at(scenario3(12 * MINUTE)).stepSince, Date.parse(ago(12 * MINUTE)));
	// The threshold: 2 minutes by default, configurable.
	assert.equal(DEFAULT_STUCK_AFTER_MS, 120_000);
	assert.equal(at(scenario3(119 * SECOND)).health, 'initializing');
	assert.equal(at(scenario3(121 * SECOND)).health, 'stuck');
	assert.equal(at(scenario3(60 * SECOND), {stuckAfterMs: 30_000}).health, 'stuck');
	assert.equal(at(scenario3(12 * MINUTE), {stuckAfterMs: 60 * MINUTE}).health, 'initializing');
	// Restarted before, running again for long: stuck, and the restarts are told.
	const rerun = initPod(running(10 * MINUTE), {restartCount: 2, lastState: terminated(1, 'Error', 11 * MINUTE, 10 * MINUTE + 5 * SECOND)});
	assert.equal(at(rerun).why, 'init-a: running 10m, 2 restarts');
});

test('a crash-looping init container running again between back-offs stays init-failing', () => {
	const again = initPod(running(3 * SECOND), {restartCount: 2, lastState: terminated(137, 'OOMKilled', 20 * SECOND, 15 * SECOND)});
	assert.deepEqual(pick(again), {health: 'init-failing', symbol: '✖', progress: '▱▱ 0/2', why: 'init-a: OOMKilled (exit 137), 2 restarts, running again'});
	const waitingToRun = initPod({waiting: {reason: 'PodInitializing'}}, {restartCount: 1, lastState: terminated(127, 'Error', 20 * SECOND, 15 * SECOND)});
	assert.equal(at(waitingToRun).health, 'init-failing');
	assert.match(at(waitingToRun).why ?? '', /^init-a: exit 127 \(command not found\), 1 restart, restarting$/);
});

test('scenario 4: all init containers completed but the app crashes → app-failing', () => {
	assert.deepEqual(pick(scenario4), {health: 'app-failing', symbol: '!', progress: '▰▰ 2/2', why: 'myapp-container: exit 1, CrashLoopBackOff'});
});

test('every Init:<failure> form is init-failing with a short why', () => {
	const cases: Array<[Pod, string, string]> = [
		[imagePullBackOff, 'Init:ImagePullBackOff', "init: image busybox:1.28-typo can't be pulled (ImagePullBackOff)"],
		[initPod(waiting('ErrImagePull', 'rpc error')), 'Init:ErrImagePull', "init-a: image busybox:1.28 can't be pulled (ErrImagePull)"],
		[initPod(waiting('InvalidImageName')), 'Init:InvalidImageName', 'init-a: image busybox:1.28 is not a valid name'],
		[initPod(terminated(137, 'OOMKilled', 10 * SECOND, 5 * SECOND)), 'Init:OOMKilled', 'init-a: OOMKilled (exit 137)'],
		[initPod(terminated(3, undefined, 10 * SECOND, 5 * SECOND)), 'Init:ExitCode:3', 'init-a: exit 3'],
		[initPod(terminated(128, 'StartError', 10 * SECOND, 5 * SECOND)), 'Init:StartError', 'init-a: StartError, exit 128 (could not start the process)'],
		[initPod(terminated(126, 'Error', 10 * SECOND, 5 * SECOND)), 'Init:Error', 'init-a: exit 126 (command not executable)'],
		[initPod(waiting('CreateContainerConfigError', 'secret "db-pass" not found')), 'Init:CreateContainerConfigError', 'init-a: CreateContainerConfigError: secret "db-pass" not found'],
		[initPod(waiting('RunContainerError', 'exec: "x": executable file not found in $PATH')), 'Init:RunContainerError', 'init-a: RunContainerError: exec: "x": executable file not found in $PATH'],
		[initPod(terminated(1, 'Error', 10 * SECOND, 5 * SECOND), {phase: 'Failed', restartPolicy: 'Never'}), 'Init:Error', 'init-a: exit 1'],
	];
	for (const [p, status, why] of cases) {
		const s = at(p);
		assert.equal(s.status, status);
		assert.equal(s.health, 'init-failing', status);
		assert.equal(s.symbol, '✖');
		assert.equal(s.why, why);
	}
});

test('native sidecars: started counts as done; a sidecar failing after start-up is app-failing', () => {
	assert.deepEqual(pick(sidecarMigrating), {health: 'initializing', symbol: '◐', progress: '▰▱ 1/2', why: undefined});
	assert.deepEqual(pick(sidecarRunning), {health: 'healthy', symbol: '●', progress: '▰▰ 2/2', why: undefined});
	const crashing = structuredClone(sidecarRunning);
	const proxy = crashing.status!.initContainerStatuses![0]!;
	proxy.state = waiting('CrashLoopBackOff', 'back-off 40s restarting failed container=istio-proxy');
	proxy.lastState = terminated(1, 'Error', 50 * SECOND, 45 * SECOND);
	proxy.started = false;
	proxy.restartCount = 3;
	const s = at(crashing);
	assert.equal(s.status, 'Init:CrashLoopBackOff');
	assert.equal(s.health, 'app-failing');
	assert.equal(s.why, 'istio-proxy (sidecar): exit 1, CrashLoopBackOff');
	// A sidecar whose startup probe never passes holds start-up: stuck after the threshold.
	const probing = structuredClone(sidecarMigrating);
	const sidecarStatus = probing.status!.initContainerStatuses![0]!;
	sidecarStatus.started = false;
	sidecarStatus.state = running(5 * MINUTE);
	assert.equal(at(probing).health, 'stuck');
	assert.equal(at(probing).why, 'istio-proxy (sidecar): running 5m, not started (startup probe), no restarts');
});

test('pending, completed, terminating and healthy pods', () => {
	assert.deepEqual(pick(schedulingGated), {health: 'pending', symbol: '○', progress: '', why: 'scheduling gated: example.com/gate'});
	assert.deepEqual(pick(unschedulable), {health: 'pending', symbol: '○', progress: '', why: 'Unschedulable: 0/3 nodes are available: 3 Insufficient memory.'});
	assert.deepEqual(pick(completedJob), {health: 'completed', symbol: '✔', progress: '', why: undefined});
	assert.deepEqual(pick(terminatingPod), {health: 'terminating', symbol: '✝', progress: '', why: undefined});
	assert.deepEqual(pick(healthyPlain), {health: 'healthy', symbol: '●', progress: '', why: undefined});
	const s = at(healthyPlain);
	assert.equal(s.initDone, 0);
	assert.equal(s.initTotal, 0);
	assert.equal(s.createdAt, Date.parse(ago(3 * 24 * 60 * MINUTE)));
	assert.equal(s.uid, 'uid-web');
});

test('app containers: image pull, OOM, evicted, ContainerCreating for too long', () => {
	const app = (state: ReturnType<typeof waiting>, extra: {phase?: string; reason?: string; message?: string} = {}) => makePod({
		name: 'a', nodeName: 'node-1', createdAgo: 10 * MINUTE, startedAgo: 10 * MINUTE, phase: extra.phase ?? 'Running', reason: extra.reason,
		extraStatus: extra.message ? {message: extra.message} : {},
		conditions: conditions({initialized: true, ready: false, unready: ['app']}),
		main: [{name: 'app', state, restartCount: 0}],
	});
	assert.deepEqual(pick(app(waiting('ImagePullBackOff'))), {health: 'app-failing', symbol: '!', progress: '', why: "app: image busybox:1.28 can't be pulled (ImagePullBackOff)"});
	assert.equal(pick(app(terminated(137, 'OOMKilled', MINUTE, 30 * SECOND))).why, 'app: OOMKilled (exit 137)');
	const evicted = app(terminated(137, 'ContainerStatusUnknown', MINUTE, 30 * SECOND), {phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.'});
	assert.equal(pick(evicted).health, 'app-failing');
	const evictedBare = makePod({name: 'e', nodeName: 'node-1', createdAgo: MINUTE, phase: 'Failed', reason: 'Evicted', extraStatus: {message: 'The node was low on resource: memory.'}});
	assert.equal(pick(evictedBare).why, 'Evicted: The node was low on resource: memory.');
	assert.deepEqual(pick(app(waiting('ContainerCreating'), {phase: 'Pending'})), {health: 'stuck', symbol: '⧗', progress: '', why: 'app: not started after 10m'});
});

test('why is one safe line: control characters from the cluster are removed, long text cut', () => {
	const hostile = initPod(waiting('CreateContainerConfigError', 'secret "x"\u001b[2J\u001b]0;pwned\u0007 not found\nsecond line'));
	const why = at(hostile).why!;
	assert.doesNotMatch(why, /[\u0000-\u001f\u007f-\u009f]/);
	assert.ok(why.startsWith('init-a: CreateContainerConfigError: secret "x"'));
	const long = initPod(waiting('CreateContainerError', 'x'.repeat(500)));
	assert.ok(at(long).why!.length <= 160);
	assert.ok(at(long).why!.endsWith('…'));
});

test('symbols tell all eight classes apart and progress cells scale', () => {
	const symbols = Object.values(HEALTH_SYMBOLS);
	assert.equal(new Set(symbols).size, 8);
	assert.equal(progressCell(0, 0), '');
	assert.equal(progressCell(2, 3), '▰▰▱ 2/3');
	assert.equal(progressCell(10, 20), '▰▰▰▰▰▱▱▱▱▱ 10/20');
});

test('healthCounts adds up the header numbers', () => {
	const pods = [scenario1.init0, scenario2.crashLoop, scenario3(12 * MINUTE), scenario4, healthyPlain, completedJob, terminatingPod, unschedulable];
	const counts = healthCounts(pods.map(p => at(p)));
	assert.equal(counts.pods, 8);
	assert.equal(counts.initializing, 1);
	assert.equal(counts.failing, 2);
	assert.equal(counts.stuck, 1);
	const expected: Record<PodHealth, number> = {healthy: 1, initializing: 1, 'init-failing': 1, stuck: 1, 'app-failing': 1, pending: 1, completed: 1, terminating: 1};
	assert.deepEqual(counts.byHealth, expected);
});

test('5,000 pods summarize (time printed for reference)', () => {
	const templates = [scenario1.init1, scenario2.crashLoop, scenario3(), scenario4, healthyPlain, sidecarRunning];
	const pods = Array.from({length: 5000}, (_, i) => {
		const p = structuredClone(templates[i % templates.length]!);
		p.metadata.name = `pod-${i}`;
		p.metadata.uid = `uid-${i}`;
		return p;
	});
	for (const p of pods.slice(0, 500)) summarizePod(p, NOW); // warm up
	// The best of a few rounds: the machine is shared, a single round measures the neighbours.
	let best = Number.POSITIVE_INFINITY;
	for (let round = 0; round < 5; round++) {
		const start = performance.now();
		const summaries = pods.map(p => summarizePod(p, NOW));
		best = Math.min(best, performance.now() - start);
		assert.equal(summaries.length, 5000);
	}
	// A figure, not a verdict: speed is judged by `npm run bench`, never by a wall-clock window here.
	console.log(`# summarizePod: 5000 pods in ${best.toFixed(1)} ms (best of 5)`);
});

test('malformed pods do not throw', () => {
	const bare = {metadata: {name: 'x'}, spec: {}} as unknown as Pod;
	const s = summarizePod(bare, NOW);
	assert.equal(s.health, 'pending');
	assert.equal(s.age, '<unknown>');
	assert.equal(s.createdAt, 0);
	const scheduled = {metadata: {name: 'y', uid: 'u'}, spec: {nodeName: 'n'}, status: {phase: 'Running'}} as unknown as Pod;
	assert.equal(summarizePod(scheduled, NOW).health, 'initializing');
});
