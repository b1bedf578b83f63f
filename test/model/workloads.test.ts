// The workload model: pods matched to workloads by ownerReferences and split by revision,
// kubectl's columns, and the WHY from the pods' verdicts — table-driven.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Pod} from '../../source/model/k8s-types.js';
import {podVerdict} from '../../source/model/verdict.js';
import {ALL_KIND_COLUMNS, KIND_COLUMNS} from '../../source/model/workloads/columns.js';
import {kindOfCommand, workloadPath} from '../../source/model/workloads/kinds.js';
import {workloadPods} from '../../source/model/workloads/pods.js';
import type {Workload} from '../../source/model/workloads/types.js';
import {workloadWhy} from '../../source/model/workloads/why.js';
import {ownerChain} from '../../source/model/workloads/owner-chain.js';
import {ago, makePod, MINUTE, NOW, SECOND} from '../fixtures/pods.js';
import {ownedPod, workload} from '../fixtures/workloads.js';

const deadline = {type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "api-2" has timed out progressing.'};
const api = (status = {}) => workload({kind: 'Deployment', name: 'api', replicas: 3, revision: 2, status});
const rs = (deployment: Workload, revision: number, createdAgo: number) => workload({kind: 'ReplicaSet', name: `api-${revision}`, revision, owner: deployment, createdAgo, replicas: revision === 2 ? 1 : 3});
const serving = (owner: Workload, count: number, prefix = owner.metadata.name) => Array.from({length: count}, (_, index) => ownedPod(`${prefix}-${index}`, owner, 'serving'));

interface Case {
	name: string;
	workload: Workload;
	replicaSets?: Workload[];
	pods: Pod[];
	why: string;
	health: string;
}

function rolloutCase(): Case {
	const deployment = api({conditions: [deadline]});
	const old = rs(deployment, 1, 30 * MINUTE);
	const fresh = rs(deployment, 2, 6 * MINUTE);
	return {
		name: 'a stuck rollout: the new pods\' cause, the old revision serving, the deadline',
		workload: deployment,
		replicaSets: [old, fresh],
		pods: [...serving(old, 3), ownedPod('api-2-x', fresh, 'init-crashloop')],
		why: 'rollout stuck 6m (ProgressDeadlineExceeded): 0/3 new pods ready, 1 failing at init 1/1 migrate-db (exit 127: command not found); old revision 3/3 serving',
		health: 'init-failing',
	};
}

function cases(): Case[] {
	const healthy = workload({kind: 'Deployment', name: 'web', replicas: 3, revision: 1});
	const healthyRs = workload({kind: 'ReplicaSet', name: 'web-1', revision: 1, owner: healthy});
	const rolling = api();
	const rollingOld = rs(rolling, 1, 30 * MINUTE);
	const rollingNew = rs(rolling, 2, 6 * MINUTE);
	const late = api({conditions: [deadline]});
	const lateOld = rs(late, 1, 30 * MINUTE);
	const lateNew = rs(late, 2, 6 * MINUTE);
	const fleet = workload({kind: 'Deployment', name: 'shop-api', replicas: 2, revision: 1});
	const fleetRs = workload({kind: 'ReplicaSet', name: 'shop-api-1', revision: 1, owner: fleet});
	const sts = workload({kind: 'StatefulSet', name: 'web', replicas: 3});
	const failedJob = workload({kind: 'Job', name: 'report-sync', spec: {backoffLimit: 3}, status: {failed: 4, conditions: [{type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded'}]}});
	const failingJob = workload({kind: 'Job', name: 'report-sync', spec: {backoffLimit: 3}, status: {failed: 2, active: 1}});
	const ds = workload({kind: 'DaemonSet', name: 'log-agent', status: {desiredNumberScheduled: 3, numberReady: 2}});
	return [
		rolloutCase(),
		{name: 'a healthy Deployment says nothing', workload: healthy, replicaSets: [healthyRs], pods: serving(healthyRs, 3), why: '', health: 'healthy'},
		{name: 'a rollout on its way', workload: rolling, replicaSets: [rollingOld, rollingNew], pods: [...serving(rollingOld, 2), ...serving(rollingNew, 1)], why: 'rolling out 6m: 1/3 new pods ready; old revision 2/3 serving', health: 'initializing'},
		{name: 'past the deadline without a pod cause', workload: late, replicaSets: [lateOld, lateNew], pods: serving(lateOld, 3), why: 'rollout stuck 6m (ProgressDeadlineExceeded): 0/3 new pods ready; old revision 3/3 serving', health: 'stuck'},
		{name: 'no rollout, every pod stuck the same way', workload: fleet, replicaSets: [fleetRs], pods: [ownedPod('shop-api-1-a', fleetRs, 'init-crashloop'), ownedPod('shop-api-1-b', fleetRs, 'init-crashloop')], why: '0/2 pods ready, 2 failing at init 1/1 migrate-db (exit 127: command not found)', health: 'init-failing'},
		{name: 'a StatefulSet: the pod stuck in init and the ones OrderedReady holds back', workload: sts, pods: [ownedPod('web-0', sts, 'serving'), ownedPod('web-1', sts, 'init-waiting')], why: 'pod web-1 stuck in init 1/1 wait-for-peer (running 6m, no restarts), web-2 not started (OrderedReady)', health: 'stuck'},
		{name: 'a Job past its backoffLimit', workload: failedJob, pods: [0, 1, 2, 3].map(index => ownedPod(`report-sync-${index}`, failedJob, 'init-failed')), why: 'backoffLimit reached: init 1/1 fetch-config (exit 1) ×4', health: 'init-failing'},
		{name: 'a Job still retrying', workload: failingJob, pods: [0, 1].map(index => ownedPod(`report-sync-${index}`, failingJob, 'init-failed')), why: 'failing: init 1/1 fetch-config (exit 1) ×2 (backoffLimit 3)', health: 'init-failing'},
		{name: 'a DaemonSet failing on one node', workload: ds, pods: [ownedPod('log-agent-a', ds, 'serving', {}, 'demo-node'), ownedPod('log-agent-b', ds, 'serving', {}, 'demo-worker-1'), ownedPod('log-agent-c', ds, 'init-crashloop', {}, 'demo-worker-2')], why: '1/3 pods on demo-worker-2: init 1/1 migrate-db (exit 127: command not found)', health: 'init-failing'},
	];
}

describe('workload WHY', () => {
	for (const c of cases()) {
		it(c.name, () => {
			const why = workloadWhy(c.workload, workloadPods(c.workload, c.pods, c.replicaSets), pod => podVerdict(pod, NOW), NOW);
			assert.equal(why.text, c.why);
			assert.equal(why.health, c.health);
		});
	}
});

describe('workload pods', () => {
	it('splits a Deployment\'s pods by revision, new first, and leaves other owners\' pods out', () => {
		const c = rolloutCase();
		const stranger = workload({kind: 'ReplicaSet', name: 'api-2', revision: 2, owner: workload({kind: 'Deployment', name: 'other'})});
		stranger.metadata.uid = 'uid-other-rs';
		const groups = workloadPods(c.workload, [...c.pods, ownedPod('api-2-y', stranger, 'serving')], [...c.replicaSets!, stranger]).groups;
		assert.deepEqual(groups.map(group => [group.role, group.revision, group.replicaSet?.metadata.name, group.pods.map(pod => pod.metadata.name)]), [
			['new', '2', 'api-2', ['api-2-x']],
			['old', '1', 'api-1', ['api-1-0', 'api-1-1', 'api-1-2']],
		]);
	});

	it('splits a StatefulSet\'s pods by controller-revision-hash against updateRevision', () => {
		const sts = workload({kind: 'StatefulSet', name: 'web', replicas: 3, status: {updateRevision: 'web-b'}});
		const pods = [ownedPod('web-0', sts, 'serving', {'controller-revision-hash': 'web-a'}), ownedPod('web-2', sts, 'serving', {'controller-revision-hash': 'web-b'}), ownedPod('web-10', sts, 'serving', {'controller-revision-hash': 'web-b'})];
		assert.deepEqual(workloadPods(sts, pods).groups.map(group => [group.role, group.revision, group.pods.map(pod => pod.metadata.name)]), [
			['new', 'web-b', ['web-2', 'web-10']],
			['old', 'web-a', ['web-0']],
		]);
	});

	it('a DaemonSet\'s by pod-template-generation against its generation', () => {
		const ds = workload({kind: 'DaemonSet', name: 'agent', generation: 2});
		const pods = [ownedPod('agent-a', ds, 'serving', {'pod-template-generation': '1'}), ownedPod('agent-b', ds, 'serving', {'pod-template-generation': '2'})];
		assert.deepEqual(workloadPods(ds, pods).groups.map(group => [group.role, group.pods.map(pod => pod.metadata.name)]), [['new', ['agent-b']], ['old', ['agent-a']]]);
	});
});

describe('kubectl columns', () => {
	const cells = (w: Workload, columns = KIND_COLUMNS[w.kind as keyof typeof KIND_COLUMNS]) => Object.fromEntries(columns.map(column => [column.title, column.cell(w, NOW)]));
	const table: Array<[string, Workload, Record<string, string>]> = [
		['Deployment', workload({kind: 'Deployment', name: 'api', replicas: 3, createdAgo: 6 * MINUTE, status: {readyReplicas: 3, updatedReplicas: 1, availableReplicas: 3}}), {'READY': '3/3', 'UP-TO-DATE': '1', 'AVAILABLE': '3', 'AGE': '6m'}],
		['StatefulSet', workload({kind: 'StatefulSet', name: 'web', replicas: 3, createdAgo: 90 * SECOND, status: {readyReplicas: 1}}), {'READY': '1/3', 'AGE': '90s'}],
		['DaemonSet', workload({kind: 'DaemonSet', name: 'agent', status: {desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2}}), {'DESIRED': '3', 'CURRENT': '3', 'READY': '2', 'UP-TO-DATE': '3', 'AVAILABLE': '2', 'AGE': '30m'}],
		['failed Job', workload({kind: 'Job', name: 'sync', spec: {completions: 1}, status: {startTime: ago(5 * MINUTE), conditions: [{type: 'Failed', status: 'True'}]}}), {'STATUS': 'Failed', 'COMPLETIONS': '0/1', 'DURATION': '5m', 'AGE': '30m'}],
		['complete Job', workload({kind: 'Job', name: 'sync', spec: {completions: 2}, status: {succeeded: 2, startTime: ago(5 * MINUTE), completionTime: ago(4 * MINUTE), conditions: [{type: 'Complete', status: 'True'}]}}), {'STATUS': 'Complete', 'COMPLETIONS': '2/2', 'DURATION': '60s', 'AGE': '30m'}],
	];
	for (const [name, object, expected] of table) it(name, () => assert.deepEqual(cells(object), expected));

	it(':workloads shows one READY per kind', () => {
		const job = workload({kind: 'Job', name: 'sync', spec: {completions: 1}, status: {succeeded: 1}});
		assert.deepEqual(cells(job, ALL_KIND_COLUMNS), {'READY': '1/1', 'UP-TO-DATE': '', 'AVAILABLE': '', 'AGE': '30m'});
	});
});

describe('workload kinds', () => {
	it('commands name kinds as kubectl does', () => {
		assert.deepEqual(['deploy', 'sts', 'ds', 'jobs', 'workloads', 'rs', 'pods'].map(kindOfCommand), ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'all', 'ReplicaSet', undefined]);
	});
	it('paths', () => {
		assert.equal(workloadPath('Job', 'rollout', 'report-sync'), '/apis/batch/v1/namespaces/rollout/jobs/report-sync');
		assert.equal(workloadPath('Deployment', undefined), '/apis/apps/v1/deployments');
	});
});

describe('owner chain', () => {
	const deployment = workload({kind: 'Deployment', name: 'api', revision: 2});
	const replicaSet = workload({kind: 'ReplicaSet', name: 'api-7d9f8b6c5', revision: 2, owner: deployment});
	const pod = ownedPod('api-7d9f8b6c5-x2k4q', replicaSet, 'serving', {'pod-template-hash': '7d9f8b6c5'});
	const table: Array<[string, Pod, Workload | undefined, string | undefined]> = [
		['with the ReplicaSet read: its Deployment and revision', pod, replicaSet, 'Pod api-7d9f8b6c5-x2k4q ← ReplicaSet api-7d9f8b6c5 ← Deployment api (revision 2)'],
		['before the read: the Deployment by name pattern', pod, undefined, 'Pod api-7d9f8b6c5-x2k4q ← ReplicaSet api-7d9f8b6c5 ← Deployment api'],
		['a StatefulSet\'s pod', ownedPod('web-1', workload({kind: 'StatefulSet', name: 'web'}), 'serving'), undefined, 'Pod web-1 ← StatefulSet web'],
		['a bare pod has none', makePod({name: 'solo'}), undefined, undefined],
	];
	for (const [name, subject, controller, expected] of table) it(name, () => assert.equal(ownerChain(subject, controller), expected));
});
