// @kubernetes/client-node 1.4 (AppsV1Api, BatchV1Api, Watch) against the demo's workload kinds.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {AppsV1Api, BatchV1Api, KubeConfig, Watch} from '@kubernetes/client-node';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {until} from './server-fixtures.js';

let cluster: DemoCluster;
let kc: KubeConfig;
before(async () => {
	cluster = await startDemoCluster({scenarios: ['rollout-stuck'], speed: 10});
	kc = new KubeConfig();
	kc.loadFromFile(cluster.kubeconfigPath);
});
after(() => cluster.stop());

test('AppsV1Api lists and reads Deployments, ReplicaSets, StatefulSets; BatchV1Api the Job', async () => {
	const apps = kc.makeApiClient(AppsV1Api);
	const batch = kc.makeApiClient(BatchV1Api);
	const deployments = await until('api deployment listed', async () => {
		const list = await apps.listNamespacedDeployment({namespace: 'rollout'});
		return list.items.length > 0 ? list : undefined;
	}, 30_000);
	assert.deepEqual(deployments.items.map(d => d.metadata?.name), ['api']);
	const api = await apps.readNamespacedDeployment({namespace: 'rollout', name: 'api'});
	assert.equal(api.spec?.replicas, 3);
	assert.equal(api.spec?.strategy?.rollingUpdate?.maxUnavailable, 0);
	assert.equal(api.spec?.progressDeadlineSeconds, 60);
	const sets = await until('a ReplicaSet', async () => {
		const list = await apps.listNamespacedReplicaSet({namespace: 'rollout', labelSelector: 'app=api'});
		return list.items.length > 0 ? list : undefined;
	}, 30_000);
	assert.equal(sets.items[0]?.metadata?.ownerReferences?.[0]?.kind, 'Deployment');
	assert.equal(sets.items[0]?.metadata?.ownerReferences?.[0]?.uid, api.metadata?.uid);
	const sts = await apps.readNamespacedStatefulSet({namespace: 'rollout', name: 'web'});
	assert.equal(sts.spec?.podManagementPolicy, 'OrderedReady');
	const jobs = await batch.listNamespacedJob({namespace: 'rollout'});
	assert.deepEqual(jobs.items.map(j => j.metadata?.name), ['report-sync']);
	assert.equal(jobs.items[0]?.spec?.backoffLimit, 3);
	const all = await apps.listDeploymentForAllNamespaces();
	assert.ok(all.items.some(d => d.metadata?.namespace === 'rollout'));
});

test('Watch on /apis/apps/v1 deployments sees the status change as the rollout starts', async () => {
	const seen: Array<{type: string; generation?: number; revision?: string}> = [];
	const request = await new Watch(kc).watch(
		'/apis/apps/v1/namespaces/rollout/deployments',
		{},
		(type, object: {metadata?: {generation?: number; annotations?: Record<string, string>}}) => seen.push({type, generation: object.metadata?.generation, revision: object.metadata?.annotations?.['deployment.kubernetes.io/revision']}),
		() => undefined,
	);
	try {
		await until('revision 2 seen', () => seen.some(event => event.type === 'MODIFIED' && event.revision === '2'), 60_000);
		assert.equal(seen[0]?.type, 'ADDED');
		assert.ok(seen.some(event => event.generation === 2));
	} finally {
		request.abort();
	}
});
