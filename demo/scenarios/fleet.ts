// Namespace `shop`, pods in replicas (issue 15's cause groups):
// - Deployment api, 20 replicas, all blocked at init 3/3 migrate-db: exit 127 (command not found).
// - On one node (demo-worker-2) the registry mirror is broken: the pods of orders, inventory and
//   recommendations placed there cannot pull from registry.shop.internal (ErrImagePull ↔
//   ImagePullBackOff); their replicas on the other nodes run.
// - notifications and email-worker wait in init for Service rabbitmq, which does not exist
//   (the rabbitmq Deployment runs). Fix: `kubectl -n shop create service clusterip rabbitmq --tcp=5672:5672`
//   (or `kubectl -n shop expose deployment rabbitmq --port 5672`).
// - Healthy around them: web (4), auth (2), rabbitmq (1) and the DaemonSet log-agent (one per node).
import {container, shell} from './manifests.js';
import type {Scenario} from './types.js';
import {canCreateWorkloads, daemonSet, deployment, ensureObject} from './workloads.js';

export const FLEET_NAMESPACE = 'shop';
const ns = FLEET_NAMESPACE;
export const REGISTRY = 'registry.shop.internal';

/** What containerd says when the node cannot reach the registry. */
export function registryTimeout(image: string): string {
	const [repository = '', tag = 'latest'] = image.slice(REGISTRY.length + 1).split(':');
	return `rpc error: code = Unknown desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": failed to do request: Head "https://${REGISTRY}/v2/${repository}/manifests/${tag}": dial tcp 10.40.0.15:443: i/o timeout`;
}

const waitForRabbit = shell('wait-for-rabbitmq', 'until nslookup rabbitmq.shop.svc.cluster.local; do echo waiting for rabbitmq; sleep 2; done');

export const fleet: Scenario = {
	name: 'fleet',
	summary: 'namespace shop: 20 api replicas at init migrate-db exit 127, a node whose registry mirror is down (3 workloads ImagePullBackOff), 2 workloads waiting for Service rabbitmq, healthy replicas around them',
	async play(ctx) {
		if (!canCreateWorkloads(ctx)) return;
		await ctx.backend.ensureNamespace(ns);
		const brokenNode = ctx.nodes[ctx.nodes.length - 1]!;
		ctx.breakRegistry(brokenNode, `${REGISTRY}/`, registryTimeout);
		ctx.addProgramRule({namespace: ns, pod: /^api-/, container: 'migrate-db', program: {logs: ['sh: migrate-db: not found'], runSeconds: 0.5, exitCode: 127}});

		const workloads = [
			deployment('api', {
				namespace: ns,
				replicas: 20,
				initContainers: [
					shell('check-config', 'echo checking config && sleep 1 && echo config ok'),
					shell('warm-cache', 'echo warming cache && sleep 1 && echo cache warm'),
					shell('migrate-db', 'migrate-db up --database "$DATABASE_URL"', {image: 'ghcr.io/shop/api:2.3.0', env: [{name: 'DATABASE_URL', value: 'postgres://api@postgres.shop.svc:5432/shop'}]}),
				],
				containers: [container('api', 'ghcr.io/shop/api:2.3.0', {ports: [{containerPort: 8080, protocol: 'TCP'}]})],
			}),
			...['orders', 'inventory', 'recommendations'].map((name, i) => deployment(name, {
				namespace: ns,
				replicas: 3,
				containers: [container(name, `${REGISTRY}/shop/${name}:4.${i + 1}.0`, {ports: [{containerPort: 8080, protocol: 'TCP'}]})],
			})),
			...['notifications', 'email-worker'].map(name => deployment(name, {
				namespace: ns,
				replicas: 2,
				initContainers: [waitForRabbit],
				containers: [container(name, `ghcr.io/shop/${name}:1.6.0`)],
			})),
			deployment('rabbitmq', {namespace: ns, replicas: 1, containers: [container('rabbitmq', 'rabbitmq:3.13-management', {ports: [{containerPort: 5672, protocol: 'TCP'}]})]}),
			deployment('web', {namespace: ns, replicas: 4, containers: [container('web', 'nginx:1.27', {ports: [{containerPort: 80, protocol: 'TCP'}]})]}),
			deployment('auth', {namespace: ns, replicas: 2, containers: [container('auth', 'ghcr.io/shop/auth:3.2.1')]}),
		];
		for (const object of workloads) await ensureObject(ctx, 'deployments', object);
		await ensureObject(ctx, 'daemonsets', daemonSet('log-agent', {namespace: ns, containers: [container('log-agent', 'fluent/fluent-bit:3.1.9')]}));
	},
};
