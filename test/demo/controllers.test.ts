// The demo's controllers with the simulated kubelet, time compressed (speed 20): rolling updates
// within maxSurge/maxUnavailable, ProgressDeadlineExceeded, StatefulSet OrderedReady, one DaemonSet
// pod per node, Job backoffLimit under restartPolicy Never and OnFailure, the template hash.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {memoryBackend} from '../../demo/backend.js';
import {computeHash, safeEncodeString} from '../../demo/controllers/hash.js';
import type {WorkloadObject} from '../../demo/controllers/types.js';
import type {Pod} from '../../source/model/k8s-types.js';
import {until} from './server-fixtures.js';

let cluster: DemoCluster;
const ns = 'ctl';
before(async () => {
	cluster = await startDemoCluster({scenarios: [], speed: 20, tls: false});
	await memoryBackend(cluster.store, cluster.logs).ensureNamespace(ns);
});
after(() => cluster.stop());

const backend = () => memoryBackend(cluster.store, cluster.logs);
const get = (resource: string, name: string) => cluster.store.get(resource, ns, name) as unknown as WorkloadObject | undefined;
const pods = (app: string) => (cluster.store.list('pods', ns).items as unknown as Pod[]).filter(pod => pod.metadata.labels?.app === app);
const condition = (object: WorkloadObject | undefined, type: string) => object?.status?.conditions?.find(c => c.type === type);

function template(app: string, init?: string, image = 'nginx:1.27') {
	return {
		metadata: {labels: {app}},
		spec: {
			...(init ? {initContainers: [{name: 'init', image: 'busybox:1.28', command: ['sh', '-c', init]}]} : {}),
			containers: [{name: app, image}],
		},
	};
}

describe('hash', () => {
	test('pod-template-hash: SafeEncodeString of the FNV-32a decimal; equal templates hash equal, the collision count changes it', () => {
		// '0' is byte 48: 48 % 27 = 21 → '4'; '9' is byte 57: 57 % 27 = 3 → 'f'.
		assert.equal(safeEncodeString('0123456789'), '456789bcdf');
		const a = computeHash({spec: {containers: [{name: 'a', image: 'x'}]}, metadata: {labels: {app: 'a'}}});
		const b = computeHash({metadata: {labels: {app: 'a'}}, spec: {containers: [{image: 'x', name: 'a'}]}});
		assert.equal(a, b);
		assert.match(a, /^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
		assert.notEqual(computeHash({x: 1}, 1), computeHash({x: 1}));
	});
});

describe('Deployment', () => {
	test('a rolling update never exceeds replicas + maxSurge pods nor drops below replicas - maxUnavailable available', async () => {
		await backend().createObject!('deployments', {metadata: {name: 'roll', namespace: ns}, spec: {replicas: 4, strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}, selector: {matchLabels: {app: 'roll'}}, template: template('roll')}});
		await until('4 available', () => get('deployments', 'roll')?.status?.availableReplicas === 4, 30_000);
		let maxDesired = 0;
		let minAvailable = Infinity;
		const unsubscribe = cluster.store.subscribe(change => {
			if (change.kind !== 'replicasets') return;
			const sets = cluster.store.list('replicasets', ns).items.map(o => o as unknown as WorkloadObject).filter(rs => rs.metadata.name.startsWith('roll-'));
			maxDesired = Math.max(maxDesired, sets.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0));
			minAvailable = Math.min(minAvailable, sets.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0));
		});
		try {
			await backend().patchObject!('deployments', ns, 'roll', {spec: {template: {spec: {containers: [{name: 'roll', image: 'nginx:1.28'}]}}}});
			await until('rolled out', () => {
				const d = get('deployments', 'roll');
				return d?.status?.observedGeneration === 2 && d.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2' && d.status.updatedReplicas === 4 && d.status.replicas === 4 && d.status.availableReplicas === 4 && condition(d, 'Progressing')?.reason === 'NewReplicaSetAvailable';
			}, 60_000);
		} finally {
			unsubscribe();
		}
		assert.equal(maxDesired, 5, 'surged by exactly one');
		assert.ok(minAvailable >= 4, `available never below 4 (min ${minAvailable})`);
		const d = get('deployments', 'roll')!;
		assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
		assert.equal(d.status?.observedGeneration, 2);
		const sets = cluster.store.list('replicasets', ns).items.map(o => o as unknown as WorkloadObject).filter(rs => rs.metadata.name.startsWith('roll-'));
		assert.deepEqual(sets.map(rs => [rs.metadata.annotations?.['deployment.kubernetes.io/revision'], rs.spec?.replicas]).sort(), [['1', 0], ['2', 4]]);
		for (const pod of pods('roll')) {
			const hash = pod.metadata.labels!['pod-template-hash']!;
			assert.equal(pod.metadata.ownerReferences?.[0]?.name, `roll-${hash}`);
			assert.equal(pod.metadata.ownerReferences?.[0]?.uid, sets.find(rs => rs.metadata.name === `roll-${hash}`)?.metadata.uid);
		}
	});

	test('no progress for progressDeadlineSeconds: Progressing False ProgressDeadlineExceeded; old pods keep serving with maxUnavailable 0', async () => {
		await backend().createObject!('deployments', {metadata: {name: 'late', namespace: ns}, spec: {replicas: 2, progressDeadlineSeconds: 20, strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}, selector: {matchLabels: {app: 'late'}}, template: template('late')}});
		await until('2 available', () => get('deployments', 'late')?.status?.availableReplicas === 2, 30_000);
		await backend().patchObject!('deployments', ns, 'late', {spec: {template: {spec: {initContainers: [{name: 'init', image: 'busybox:1.28', command: ['sh', '-c', 'migrate-db up']}]}}}});
		const d = await until('deadline exceeded', () => {
			const current = get('deployments', 'late');
			return condition(current, 'Progressing')?.reason === 'ProgressDeadlineExceeded' ? current : undefined;
		}, 60_000);
		assert.deepEqual({...condition(d, 'Progressing'), lastUpdateTime: undefined, lastTransitionTime: undefined}, {type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${(await newest('late')).metadata.name}" has timed out progressing.`, lastUpdateTime: undefined, lastTransitionTime: undefined});
		assert.equal(condition(d, 'Available')?.status, 'True');
		assert.deepEqual([d.status?.replicas, d.status?.updatedReplicas, d.status?.availableReplicas], [3, 1, 2]);
		// The deadline is 1 s of wall time at speed 20: on a busy machine the new pod may not have failed yet.
		const stuck = await until('the new pod restarted its init container', () => {
			const found = pods('late').filter(pod => pod.spec.initContainers?.length);
			return found.length === 1 && (found[0]!.status?.initContainerStatuses?.[0]?.restartCount ?? 0) >= 1 ? found : undefined;
		}, 60_000);
		assert.equal(stuck[0]!.status?.initContainerStatuses?.[0]?.lastState?.terminated?.exitCode ?? stuck[0]!.status?.initContainerStatuses?.[0]?.state?.terminated?.exitCode, 127);
	});
});

async function newest(prefix: string): Promise<WorkloadObject> {
	const sets = cluster.store.list('replicasets', ns).items.map(o => o as unknown as WorkloadObject).filter(rs => rs.metadata.name.startsWith(`${prefix}-`));
	return sets.sort((a, b) => Number(b.metadata.annotations?.['deployment.kubernetes.io/revision']) - Number(a.metadata.annotations?.['deployment.kubernetes.io/revision']))[0]!;
}

describe('StatefulSet', () => {
	test('OrderedReady: a pod stuck in init keeps the next ordinal from being created; the missing Service lets them start in order', async () => {
		await backend().createObject!('statefulsets', {metadata: {name: 'db', namespace: ns}, spec: {replicas: 3, serviceName: 'db', selector: {matchLabels: {app: 'db'}}, template: template('db', 'until nslookup db-peers; do sleep 2; done')}});
		await until('db-0 in init', () => pods('db')[0]?.status?.initContainerStatuses?.[0]?.state?.running, 30_000);
		// Several resyncs later, db-0 is still in init and db-1 does not exist.
		await new Promise(resolve => setTimeout(resolve, 1500));
		assert.deepEqual(pods('db').map(p => p.metadata.name), ['db-0']);
		assert.equal(get('statefulsets', 'db')?.status?.readyReplicas ?? 0, 0);
		await backend().upsertService!({metadata: {name: 'db-peers', namespace: ns}, spec: {clusterIP: '10.96.0.77', ports: [{port: 5432}]}});
		await backend().upsertEndpoints!({metadata: {name: 'db-peers', namespace: ns}, subsets: [{addresses: [{ip: '10.244.9.9'}], ports: [{port: 5432}]}]});
		await until('3 ready', () => get('statefulsets', 'db')?.status?.readyReplicas === 3, 60_000);
		const created = pods('db').map(p => [p.metadata.name, p.metadata.resourceVersion] as const);
		assert.deepEqual(created.map(c => c[0]).sort(), ['db-0', 'db-1', 'db-2']);
		for (const pod of pods('db')) {
			assert.equal(pod.metadata.labels?.['statefulset.kubernetes.io/pod-name'], pod.metadata.name);
			assert.equal(pod.spec.hostname, pod.metadata.name);
		}
	});
});

describe('DaemonSet', () => {
	test('one pod per node, pinned by node affinity', async () => {
		await backend().createObject!('daemonsets', {metadata: {name: 'agent', namespace: ns}, spec: {selector: {matchLabels: {app: 'agent'}}, template: template('agent')}});
		await until('3 ready', () => get('daemonsets', 'agent')?.status?.numberReady === 3, 30_000);
		assert.deepEqual(pods('agent').map(p => p.spec.nodeName).sort(), ['demo-node', 'demo-worker-1', 'demo-worker-2']);
		assert.equal(get('daemonsets', 'agent')?.status?.desiredNumberScheduled, 3);
	});
});

describe('Job', () => {
	const job = (name: string, restartPolicy: string, backoffLimit: number) => ({
		metadata: {name, namespace: ns},
		spec: {backoffLimit, template: {metadata: {labels: {app: name}}, spec: {restartPolicy, initContainers: [{name: 'fetch-config', image: 'busybox:1.28', command: ['sh', '-c', 'echo fetching && exit 1']}], containers: [{name: 'main', image: 'busybox:1.28', command: ['sh', '-c', 'echo hi']}]}}},
	});

	test('restartPolicy Never: a new pod per failure (after the back-off) until failed > backoffLimit, then Failed BackoffLimitExceeded', async () => {
		await backend().createObject!('jobs', job('never', 'Never', 2));
		const done = await until('failed', () => {
			const current = get('jobs', 'never');
			return condition(current, 'Failed') ? current : undefined;
		}, 60_000);
		assert.equal(condition(done, 'Failed')?.reason, 'BackoffLimitExceeded');
		assert.equal(condition(done, 'FailureTarget')?.reason, 'BackoffLimitExceeded');
		assert.equal(done.status?.failed, 3);
		assert.equal(pods('never').length, 3);
		assert.ok(pods('never').every(pod => pod.status?.phase === 'Failed'));
	});

	test('restartPolicy OnFailure: init restarts count against backoffLimit; the pod is removed when it fails', async () => {
		await backend().createObject!('jobs', job('onfailure', 'OnFailure', 2));
		const done = await until('failed', () => {
			const current = get('jobs', 'onfailure');
			return condition(current, 'Failed') ? current : undefined;
		}, 60_000);
		assert.equal(condition(done, 'Failed')?.reason, 'BackoffLimitExceeded');
		assert.equal(pods('onfailure').length, 0);
		assert.equal(done.status?.active, undefined);
	});
});
