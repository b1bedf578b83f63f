// The workload scenarios as a user meets them with kubectl (speed 10): rollout-stuck passes its
// progress deadline and is fixed live by `kubectl set image`; its StatefulSet and Job are stuck
// as described; fleet's cause groups show up on the nodes and owners described, and creating the
// missing Service resolves its group live.
import {after, before, describe, test} from 'node:test';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import assert from 'node:assert/strict';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {registryTimeout} from '../../demo/scenarios/fleet.js';
import type {Pod} from '../../source/model/k8s-types.js';
import {printPod} from '../../source/model/pod-status.js';
import {kubectl, until} from './server-fixtures.js';

const podsOf = (cluster: DemoCluster, namespace: string, prefix: string) =>
	(cluster.store.list('pods', namespace).items as unknown as Pod[]).filter(pod => pod.metadata.name.startsWith(prefix));
const statusOf = (pod: Pod) => printPod(pod, Date.now()).status;

describe('scenario rollout-stuck', () => {
	let cluster: DemoCluster;
	before(async () => {
		cluster = await startDemoCluster({scenarios: ['rollout-stuck'], speed: 10});
	});
	after(() => cluster.stop());
	const k = (...args: string[]) => kubectl(cluster, '-n', 'rollout', ...args);

	test('api: old revision 3/3 serving, the new pod stuck in init (exit 127), rollout status fails at the deadline; set image fixes it', async () => {
		await until('revision 2', async () => (await k('get', 'deploy', 'api', '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}')).stdout === '2', 60_000);
		const status = await k('rollout', 'status', 'deploy/api', '--timeout=90s');
		assert.equal(status.code, 1);
		assert.match(status.stderr, /error: deployment "api" exceeded its progress deadline/);
		const rows = (await k('get', 'deploy', 'api', '--no-headers')).stdout.trim().split(/\s+/);
		assert.deepEqual(rows.slice(0, 4), ['api', '3/3', '1', '3']);
		const stuck = podsOf(cluster, 'rollout', 'api-').filter(pod => pod.spec.initContainers?.length);
		assert.equal(stuck.length, 1);
		assert.match(statusOf(stuck[0]!), /^Init:(Error|CrashLoopBackOff)$/);
		const migrate = stuck[0]!.status!.initContainerStatuses![0]!;
		assert.equal(migrate.name, 'migrate-db');
		assert.equal((migrate.state?.terminated ?? migrate.lastState?.terminated)?.exitCode, 127);
		assert.match((await k('logs', stuck[0]!.metadata.name, '-c', 'migrate-db')).stdout, /sh: migrate-db: not found/);

		const fix = await k('set', 'image', 'deploy/api', 'migrate-db=ghcr.io/shop/api:1.9.1', 'api=ghcr.io/shop/api:1.9.1');
		assert.equal(fix.code, 0, fix.stderr);
		const fixed = await k('rollout', 'status', 'deploy/api', '--timeout=90s');
		assert.equal(fixed.code, 0, fixed.stderr);
		assert.match(fixed.stdout, /deployment "api" successfully rolled out/);
		const described = (await k('describe', 'deploy', 'api')).stdout;
		assert.match(described, /Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled down replica set api-\w+ from 3 to 2/);
	});

	test('web: web-0 Running, web-1 waits in init for Service web-peers, web-2 never created', async () => {
		await until('web-1 in init', () => podsOf(cluster, 'rollout', 'web-1')[0]?.status?.initContainerStatuses?.[0]?.state?.running, 60_000);
		await new Promise(resolve => setTimeout(resolve, 1000));
		assert.deepEqual(podsOf(cluster, 'rollout', 'web-').map(pod => [pod.metadata.name, statusOf(pod)]), [['web-0', 'Running'], ['web-1', 'Init:0/1']]);
		assert.match((await k('get', 'sts', 'web', '--no-headers')).stdout, /^web\s+1\/3\s/);
		// The fix: the headless Service selecting the StatefulSet's pods.
		const service = join(mkdtempSync(join(tmpdir(), 'initk9-web-peers-')), 'svc.yaml');
		writeFileSync(service, 'apiVersion: v1\nkind: Service\nmetadata: {name: web-peers}\nspec: {clusterIP: None, selector: {app: web}, ports: [{port: 80}]}\n');
		assert.equal((await k('apply', '-f', service)).code, 0);
		const rolled = await k('rollout', 'status', 'sts/web', '--timeout=90s');
		assert.equal(rolled.code, 0, rolled.stderr);
		assert.deepEqual(podsOf(cluster, 'rollout', 'web-').map(pod => pod.metadata.name), ['web-0', 'web-1', 'web-2']);
	});

	test('report-sync: every pod fails in init fetch-config; Failed BackoffLimitExceeded after 4 pods', async () => {
		await until('job failed', async () => (await k('get', 'job', 'report-sync', '-o', 'jsonpath={.status.conditions[?(@.type=="Failed")].reason}')).stdout === 'BackoffLimitExceeded', 90_000);
		const rows = (await k('get', 'job', 'report-sync', '--no-headers')).stdout.trim().split(/\s+/);
		assert.deepEqual(rows.slice(0, 3), ['report-sync', 'Failed', '0/1']);
		const pods = podsOf(cluster, 'rollout', 'report-sync-');
		assert.equal(pods.length, 4);
		for (const pod of pods) assert.equal(statusOf(pod), 'Init:Error');
		const described = (await k('describe', 'job', 'report-sync')).stdout;
		assert.match(described, /Normal\s+SuccessfulCreate\s+\S+\s+job-controller\s+Created pod: report-sync-\w{5}/);
		assert.match(described, /Warning\s+BackoffLimitExceeded\s+\S+\s+job-controller\s+Job has reached the specified backoff limit/);
	});
});

describe('scenario fleet', () => {
	let cluster: DemoCluster;
	before(async () => {
		cluster = await startDemoCluster({scenarios: ['fleet'], speed: 10});
	});
	after(() => cluster.stop());

	test('20 api replicas blocked at init 3/3 migrate-db with exit 127, owned by one ReplicaSet', async () => {
		const pods = await until('20 api pods crash-looping in init', () => {
			const api = podsOf(cluster, 'shop', 'api-');
			return api.length === 20 && api.every(pod => /^Init:(Error|CrashLoopBackOff)$/.test(statusOf(pod)) && (pod.status?.initContainerStatuses?.[2]?.restartCount ?? 0) >= 1) ? api : undefined;
		}, 90_000);
		const owners = new Set(pods.map(pod => pod.metadata.ownerReferences?.[0]?.name));
		assert.equal(owners.size, 1);
		assert.match([...owners][0]!, /^api-[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
		for (const pod of pods) {
			assert.match(pod.metadata.name, /^api-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
			const [first, second, third] = pod.status!.initContainerStatuses!;
			assert.equal(first!.state?.terminated?.reason, 'Completed');
			assert.equal(second!.state?.terminated?.reason, 'Completed');
			assert.equal(third!.name, 'migrate-db');
			assert.equal((third!.state?.terminated ?? third!.lastState?.terminated)?.exitCode, 127);
		}
	});

	test('one node cannot pull from the registry: the pods of orders, inventory and recommendations there are in ImagePullBackOff; their other replicas run', async () => {
		const broken = await until('three pull failures', () => {
			const failing = (cluster.store.list('pods', 'shop').items as unknown as Pod[]).filter(pod => /^(ErrImagePull|ImagePullBackOff)$/.test(statusOf(pod)));
			return failing.length === 3 ? failing : undefined;
		}, 90_000);
		assert.deepEqual(new Set(broken.map(pod => pod.spec.nodeName)), new Set(['demo-worker-2']));
		assert.deepEqual(broken.map(pod => pod.metadata.labels?.app).sort(), ['inventory', 'orders', 'recommendations']);
		const waiting = broken[0]!.status!.containerStatuses![0]!.state!.waiting!;
		const image = broken[0]!.spec.containers[0]!.image!;
		assert.ok(waiting.message?.endsWith(registryTimeout(image)), waiting.message);
		await until('the other replicas run', () => ['orders', 'inventory', 'recommendations'].every(app => podsOf(cluster, 'shop', `${app}-`).filter(pod => statusOf(pod) === 'Running').length === 2), 90_000);
	});

	test('notifications and email-worker wait for Service rabbitmq; kubectl create service creates it and they start', async () => {
		await until('both waiting in init', () => ['notifications', 'email-worker'].every(app => podsOf(cluster, 'shop', `${app}-`).filter(pod => statusOf(pod) === 'Init:0/1' && pod.status?.initContainerStatuses?.[0]?.state?.running).length === 2), 90_000);
		await until('rabbitmq ready', () => podsOf(cluster, 'shop', 'rabbitmq-').some(pod => statusOf(pod) === 'Running'), 90_000);
		const created = await kubectl(cluster, '-n', 'shop', 'create', 'service', 'clusterip', 'rabbitmq', '--tcp=5672:5672');
		assert.equal(created.code, 0, created.stderr);
		assert.equal(created.stdout.trim(), 'service/rabbitmq created');
		await until('both Running', () => ['notifications', 'email-worker'].every(app => podsOf(cluster, 'shop', `${app}-`).filter(pod => statusOf(pod) === 'Running').length === 2), 90_000);
	});
});
