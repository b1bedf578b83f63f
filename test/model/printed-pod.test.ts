// A printed row (the server's Table) must give the same row and, where STATUS alone decides it,
// the same health as the full pod: the first screen must not tell a different story.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Pod, PrintedRow} from '../../source/model/k8s-types.js';
import {summarizePod, type PodHealth} from '../../source/model/pod-health.js';
import {printPod} from '../../source/model/pod-status.js';
import {healthOfPrintedStatus, summarizePrintedPod} from '../../source/model/printed-pod.js';
import {TestPrintNonTerminatedPod, TestPrintPod, TestPrintPodConditions, TestPrintPodList, TestPrintPodWithRestartableInitContainer} from '../fixtures/print-pod-vectors.js';
import {
	MINUTE, NOW, completedJob, healthyPlain, imagePullBackOff, longWait, scenario1, scenario2, scenario3, scenario4, schedulingGated,
	sidecarMigrating, sidecarRunning, terminatingPod, unschedulable,
} from '../fixtures/pods.js';

/** The row a kube-apiserver prints for this pod (its Table cells by column name). */
function printedRowOf(pod: Pod): PrintedRow {
	const row = printPod(pod, NOW);
	return {
		metadata: pod.metadata,
		cells: {
			Name: row.name, Ready: row.ready, Status: row.status, Restarts: row.restarts, Age: row.age,
			IP: row.ip, Node: row.node, 'Nominated Node': row.nominatedNode, 'Readiness Gates': row.readinessGates,
		},
	};
}

/** Stuck needs the step's start time, which a printed row does not carry. */
const provisionalHealth = (health: PodHealth): PodHealth => (health === 'stuck' ? 'initializing' : health);

const fixturePods: Array<[string, Pod]> = [
	...Object.entries(scenario1).map(([stage, pod]) => [`scenario 1 ${stage}`, pod] as [string, Pod]),
	...Object.entries(scenario2).map(([stage, pod]) => [`scenario 2 ${stage}`, pod as Pod] as [string, Pod]),
	['scenario 3 (stuck 12m)', scenario3()],
	['scenario 3 (waiting 30s)', scenario3(30_000)],
	['scenario 4', scenario4],
	['image pull back-off', imagePullBackOff],
	['sidecar migrating', sidecarMigrating],
	['sidecar running', sidecarRunning],
	['completed job', completedJob],
	['terminating', terminatingPod],
	['scheduling gated', schedulingGated],
	['unschedulable', unschedulable],
	['healthy', healthyPlain],
	['long wait', longWait(40 * MINUTE)],
];

const scheduledVectors = [...TestPrintPod, ...TestPrintPodWithRestartableInitContainer, ...TestPrintPodConditions, ...TestPrintNonTerminatedPod, ...TestPrintPodList].map(([pod]) => [`upstream ${pod.metadata.name}`, pod] as [string, Pod]);

test('a printed row shows exactly kubectl\'s cells (the upstream printPod vectors and the article\'s pods)', () => {
	for (const [label, pod] of [...fixturePods, ...scheduledVectors]) {
		const full = summarizePod(pod, NOW);
		const printed = summarizePrintedPod(printedRowOf(pod), NOW);
		assert.deepEqual(
			[printed.name, printed.namespace, printed.ready, printed.status, printed.restarts, printed.age, printed.ip, printed.node, printed.uid],
			[full.name, full.namespace, full.ready, full.status, full.restarts, full.age, full.ip, full.node, full.uid],
			label,
		);
		assert.equal(printed.provisional, true, label);
		assert.equal(printed.why, undefined, label);
		assert.equal(printed.stepSince, undefined, label);
	}
});

test('the health a printed row gives is the full pod\'s, stuck aside (the article\'s pods and the fixtures)', () => {
	for (const [label, pod] of fixturePods) {
		const full = summarizePod(pod, NOW);
		const printed = summarizePrintedPod(printedRowOf(pod), NOW);
		assert.equal(printed.health, provisionalHealth(full.health), `${label}: ${full.status}`);
		if (/^Init:\d+\/\d+$/.test(full.status)) assert.equal(printed.progress, full.progress, label);
	}
});

test('STATUS strings → health, table-driven', () => {
	const cases: Array<[string, {scheduled?: boolean; deleting?: boolean}, PodHealth, number?, number?]> = [
		['Init:0/2', {}, 'initializing', 0, 2],
		['Init:1/3', {}, 'initializing', 1, 3],
		['Init:CrashLoopBackOff', {}, 'init-failing'],
		['Init:Error', {}, 'init-failing'],
		['Init:ExitCode:127', {}, 'init-failing'],
		['Init:Signal:9', {}, 'init-failing'],
		['Init:OOMKilled', {}, 'init-failing'],
		['Init:ImagePullBackOff', {}, 'init-failing'],
		['Init:ErrImagePull', {}, 'init-failing'],
		['Init:CreateContainerConfigError', {}, 'init-failing'],
		['Init:ContainerCreating', {}, 'initializing'],
		['PodInitializing', {}, 'initializing'],
		['ContainerCreating', {}, 'initializing'],
		['Pending', {scheduled: false}, 'pending'],
		['Pending', {scheduled: true}, 'initializing'],
		['SchedulingGated', {}, 'pending'],
		['Running', {}, 'healthy'],
		['NotReady', {}, 'healthy'],
		['Completed', {}, 'completed'],
		['Succeeded', {}, 'completed'],
		['Terminating', {}, 'terminating'],
		['Running', {deleting: true}, 'terminating'],
		['CrashLoopBackOff', {}, 'app-failing'],
		['Error', {}, 'app-failing'],
		['OOMKilled', {}, 'app-failing'],
		['ImagePullBackOff', {}, 'app-failing'],
		['CreateContainerConfigError', {}, 'app-failing'],
		['Evicted', {}, 'app-failing'],
		['Failed', {}, 'app-failing'],
	];
	for (const [status, {scheduled = true, deleting = false}, health, done = 0, total = 0] of cases) {
		assert.deepEqual(healthOfPrintedStatus(status, scheduled, deleting), {health, initDone: done, initTotal: total}, status);
	}
});

test('cells as servers send them: RESTARTS as a number (before 1.22), control characters, missing cells', () => {
	const row: PrintedRow = {
		metadata: {name: 'web', namespace: 'shop', uid: 'u1', creationTimestamp: new Date(NOW - 5 * MINUTE).toISOString()},
		cells: {Name: 'web', Ready: '0/1', Status: 'Init:Error\u001b[2J', Restarts: 3, Age: '5m'},
	};
	const summary = summarizePrintedPod(row, NOW);
	assert.equal(summary.restarts, '3');
	assert.equal(summary.restartCount, 3);
	assert.equal(summary.status, 'Init:Error [2J');
	assert.equal(summary.health, 'init-failing');
	assert.equal(summary.age, '5m');
	assert.equal(summary.ip, '<none>');
	assert.equal(summary.node, '<none>');
	const noTime = summarizePrintedPod({metadata: {name: 'x'}, cells: {Status: 'Running', Age: '12d'}}, NOW);
	assert.equal(noTime.age, '12d', 'the server\'s AGE cell when metadata has no creationTimestamp');
	assert.equal(noTime.uid, '/x');
});
