import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {ContainerState, ContainerStatus, Pod} from '../../source/model/k8s-types.js';
import {printPod} from '../../source/model/pod-status.js';
import {
	MINUTE, NOW, SECOND, ago, completedJob, condition, conditions, imagePullBackOff, makePod, running, scenario1, scenario2,
	scenario3, scenario4, schedulingGated, sidecarMigrating, sidecarRunning, terminated, terminatingPod, unschedulable, waiting,
} from '../fixtures/pods.js';
import {TestPrintNonTerminatedPod, TestPrintPod, TestPrintPodConditions, TestPrintPodList, TestPrintPodWithRestartableInitContainer, cs, pod, RUN, sidecar, unnamed, type Cells, type WideCells} from '../fixtures/print-pod-vectors.js';

const cells = (p: Pod): Cells => {
	const r = printPod(p, NOW);
	return [r.name, r.ready, r.status, r.restarts, r.age];
};

test('printPod reproduces upstream TestPrintPod (+ errorReason cases)', () => {
	for (const [p, want] of TestPrintPod) assert.deepEqual(cells(p), want, p.metadata.name);
});

test('printPod reproduces upstream TestPrintPodWithRestartableInitContainer', () => {
	for (const [p, want] of TestPrintPodWithRestartableInitContainer) assert.deepEqual(cells(p), want, p.metadata.name);
});

test('printPod reproduces upstream TestPrintPodConditions, TestPrintNonTerminatedPod and TestPrintPodList', () => {
	for (const [p, want] of [...TestPrintPodConditions, ...TestPrintNonTerminatedPod, ...TestPrintPodList]) assert.deepEqual(cells(p), want, p.metadata.name);
});

test('printPod reproduces upstream TestPrintPodwide (IP, node, nominated node, readiness gates)', () => {
	const gates = {readinessGates: [{conditionType: 'condition1'}, {conditionType: 'condition2'}, {conditionType: 'condition3'}]};
	const withGates = (ips: string[]): Pod => ({
		metadata: {name: 'test1'},
		spec: {containers: unnamed(2), nodeName: 'test1', ...gates},
		status: {
			phase: 'podPhase', podIPs: ips.map(ip => ({ip})), nominatedNodeName: 'node1',
			conditions: [condition('condition1', 'False'), condition('condition2', 'True')],
			containerStatuses: [cs({ready: true, restartCount: 3, state: RUN}), cs({restartCount: 3})],
		},
	});
	const vectors: Array<[Pod, WideCells]> = [
		[withGates(['1.1.1.1']), ['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/3']],
		[withGates(['1.1.1.1', '2001:db8::']), ['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/3']],
		[pod('test2', {containers: 2, phase: 'podPhase', statuses: [cs({ready: true, restartCount: 3, state: RUN}), cs({restartCount: 3, state: waiting('ContainerWaitingReason')})]}),
			['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>', '<none>', '<none>', '<none>', '<none>']],
	];
	for (const [p, want] of vectors) {
		const r = printPod(p, NOW);
		assert.deepEqual([r.name, r.ready, r.status, r.restarts, r.age, r.ip, r.node, r.nominatedNode, r.readinessGates], want);
	}
});

// k8s-semantics.md §1.4b, every row. Rows 1–8: init-myservice, init-mydb, myapp-container.
const INIT2 = ['init-myservice', 'init-mydb'];
const articlePod = (o: {phase?: string; init: Array<Partial<ContainerStatus>>; main?: ContainerState; initialized?: boolean}): Pod => makePod({
	name: 'myapp-pod', createdAgo: 6 * MINUTE, initContainers: INIT2, containers: ['myapp-container'], phase: o.phase ?? 'Pending',
	...(o.initialized === undefined ? {} : {conditions: conditions({initialized: o.initialized, ready: false})}),
	init: o.init.map((s, i) => ({name: INIT2[i]!, ...s})) as never,
	main: [{name: 'myapp-container', state: o.main ?? waiting('PodInitializing')}],
});
const sidecarPod = (o: {phase?: string; sidecar: Partial<ContainerStatus>; migrate: Partial<ContainerStatus>; app?: Partial<ContainerStatus>; initialized: boolean; ready?: boolean}): Pod => makePod({
	name: 'mesh', createdAgo: 6 * MINUTE, initContainers: [{name: 'istio-proxy', restartPolicy: 'Always'}, {name: 'migrate'}], containers: ['app'],
	phase: o.phase ?? 'Pending', conditions: conditions({initialized: o.initialized, ready: o.ready ?? false}),
	init: [{name: 'istio-proxy', ...o.sidecar}, {name: 'migrate', ...o.migrate}] as never,
	main: [{name: 'app', state: waiting('PodInitializing'), ...o.app}] as never,
});
const lastFail = (finished: number): ContainerState => terminated(1, 'Error', finished + SECOND, finished);

const workedExamples: Array<[string, Pod, [string, string, string]]> = [
	['init[0] running', articlePod({init: [{state: running(5 * SECOND)}, {state: waiting('PodInitializing')}]}), ['0/1', 'Init:0/2', '0']],
	['init[0] CrashLoopBackOff', articlePod({init: [{state: waiting('CrashLoopBackOff'), restartCount: 3, lastState: lastFail(25 * SECOND)}, {state: waiting('PodInitializing')}]}),
		['0/1', 'Init:CrashLoopBackOff', '3 (25s ago)']],
	['init[0] terminated Error', articlePod({init: [{state: terminated(1, 'Error', 46 * SECOND, 45 * SECOND), restartCount: 2, lastState: lastFail(45 * SECOND)}, {state: waiting('PodInitializing')}]}),
		['0/1', 'Init:Error', '2 (45s ago)']],
	['init[0] OOMKilled', articlePod({init: [{state: terminated(137, 'OOMKilled', 9 * SECOND, 8 * SECOND)}, {state: waiting('PodInitializing')}]}), ['0/1', 'Init:OOMKilled', '0']],
	['init[0] exit 3 without reason', articlePod({init: [{state: terminated(3, undefined, 9 * SECOND, 8 * SECOND)}, {state: waiting('PodInitializing')}]}), ['0/1', 'Init:ExitCode:3', '0']],
	['init[0] signal without reason', articlePod({init: [{state: {terminated: {exitCode: 137, signal: 9}}}, {state: waiting('PodInitializing')}]}), ['0/1', 'Init:Signal:9', '0']],
	['init[1] ImagePullBackOff', articlePod({init: [{state: terminated(0, 'Completed', 9 * SECOND, 8 * SECOND), ready: true}, {state: waiting('ImagePullBackOff')}]}),
		['0/1', 'Init:ImagePullBackOff', '0']],
	['both init Completed, Initialized=True', articlePod({initialized: true, init: [
		{state: terminated(0, 'Completed', 9 * SECOND, 8 * SECOND), ready: true}, {state: terminated(0, 'Completed', 7 * SECOND, 6 * SECOND), ready: true},
	]}), ['0/1', 'PodInitializing', '0']],
	['phase Failed, restartPolicy Never, init Error', articlePod({phase: 'Failed', init: [{state: terminated(1, 'Error', 9 * SECOND, 8 * SECOND)}, {state: waiting('PodInitializing')}]}),
		['0/1', 'Init:Error', '0']],
	['sidecar started+ready, migrate running', sidecarPod({initialized: false, sidecar: {state: running(20 * SECOND), started: true, ready: true}, migrate: {state: running(10 * SECOND)}}),
		['1/2', 'Init:1/2', '0']],
	['sidecar running, started=false', sidecarPod({initialized: false, sidecar: {state: running(20 * SECOND), started: false}, migrate: {state: waiting('PodInitializing')}}),
		['0/2', 'Init:0/2', '0']],
	['Initialized=True, sidecar CrashLoopBackOff after init', sidecarPod({
		phase: 'Running', initialized: true,
		sidecar: {state: waiting('CrashLoopBackOff'), restartCount: 4, lastState: lastFail(30 * SECOND), started: false},
		migrate: {state: terminated(0, 'Completed', 5 * MINUTE, 5 * MINUTE - SECOND), ready: true},
		app: {state: running(4 * MINUTE), ready: true, started: true},
	}), ['1/2', 'Init:CrashLoopBackOff', '4 (30s ago)']],
	['all good; sidecar restarted once, migrate had 2 restarts', sidecarPod({
		phase: 'Running', initialized: true, ready: true,
		sidecar: {state: running(5 * MINUTE), restartCount: 1, lastState: lastFail(5 * MINUTE), started: true, ready: true},
		migrate: {state: terminated(0, 'Completed', 4 * MINUTE, 4 * MINUTE - SECOND), ready: true, restartCount: 2, lastState: lastFail(4 * MINUTE + 30 * SECOND)},
		app: {state: running(3 * MINUTE), ready: true, started: true},
	}), ['2/2', 'Running', '1 (5m ago)']],
	['Evicted with ContainerStatusUnknown', makePod({name: 'e', createdAgo: MINUTE, phase: 'Failed', reason: 'Evicted',
		main: [{name: 'app', state: terminated(137, 'ContainerStatusUnknown', 50 * SECOND, 40 * SECOND)}]}), ['0/1', 'ContainerStatusUnknown', '0']],
	['Evicted without container statuses', makePod({name: 'e', createdAgo: MINUTE, phase: 'Failed', reason: 'Evicted'}), ['0/1', 'Evicted', '0']],
	['unscheduled', unschedulable, ['0/1', 'Pending', '0']],
	['deleted on a lost node', makePod({name: 'lost', createdAgo: MINUTE, deletedAgo: SECOND, phase: 'Running', reason: 'NodeLost',
		main: [{name: 'app', state: running(50 * SECOND)}]}), ['0/1', 'Unknown', '0']],
];

test('printPod gives every worked example of k8s-semantics §1.4b', () => {
	for (const [what, p, want] of workedExamples) {
		const r = printPod(p, NOW);
		assert.deepEqual([r.ready, r.status, r.restarts], want, what);
	}
});

test('the article scenarios print as kubectl shows them', () => {
	const rows = (p: Pod) => {
		const r = printPod(p, NOW);
		return [r.ready, r.status, r.restarts, r.age];
	};
	assert.deepEqual(rows(scenario1.pending), ['0/1', 'Pending', '0', '1s']);
	assert.deepEqual(rows(scenario1.init0), ['0/1', 'Init:0/2', '0', '3s']);
	assert.deepEqual(rows(scenario1.init1), ['0/1', 'Init:1/2', '0', '9s']);
	assert.deepEqual(rows(scenario1.podInitializing), ['0/1', 'PodInitializing', '0', '10s']);
	assert.deepEqual(rows(scenario1.running), ['1/1', 'Running', '0', '12s']);
	assert.deepEqual(rows(scenario2.crashLoop).slice(0, 3), ['0/1', 'Init:CrashLoopBackOff', '6 (25s ago)']);
	assert.deepEqual(rows(scenario2.error).slice(0, 3), ['0/1', 'Init:Error', '6 (3m6s ago)']);
	assert.deepEqual(rows(scenario3(12 * MINUTE)), ['0/1', 'Init:0/2', '0', '12m']);
	assert.deepEqual(rows(scenario4), ['0/1', 'CrashLoopBackOff', '4 (39s ago)', '4m']);
	assert.deepEqual(rows(imagePullBackOff), ['0/1', 'Init:ImagePullBackOff', '0', '3m']);
	assert.deepEqual(rows(sidecarMigrating), ['1/2', 'Init:1/2', '0', '30s']);
	assert.deepEqual(rows(sidecarRunning), ['2/2', 'Running', '0', '5m']);
	assert.deepEqual(rows(completedJob), ['0/1', 'Completed', '0', '120m']);
	assert.deepEqual(rows(terminatingPod), ['1/1', 'Terminating', '0', '60m']);
	assert.deepEqual(rows(schedulingGated), ['0/1', 'SchedulingGated', '0', '10m']);
});

test('AGE: <unknown> without creationTimestamp, <invalid> in the future, namespace passed through', () => {
	const future = makePod({name: 'f', createdAgo: -5 * SECOND});
	assert.equal(printPod(future, NOW).age, '<invalid>');
	const nearFuture = makePod({name: 'f', createdAgo: -1 * SECOND});
	assert.equal(printPod(nearFuture, NOW).age, '0s');
	const none = makePod({name: 'n'});
	assert.equal(printPod(none, NOW).age, '<unknown>');
	assert.equal(printPod(makePod({name: 'n', namespace: 'kube-system'}), NOW).namespace, 'kube-system');
});

test('RESTARTS: a 1970 finishedAt is a real instant, an absent one is Go zero time', () => {
	const epoch = pod('t', {phase: 'Running', statuses: [cs({restartCount: 1, state: RUN, lastState: {terminated: {exitCode: 1, finishedAt: '1970-01-01T00:00:00Z'}}})]});
	assert.equal(printPod(epoch, NOW).restarts, '1 (56y ago)');
	const absent = pod('t', {phase: 'Running', statuses: [cs({restartCount: 1, state: RUN, lastState: {terminated: {exitCode: 1}}})]});
	assert.equal(printPod(absent, NOW).restarts, '1');
});
