// A busy cluster around the broken pods: a `shop` namespace of healthy Deployment/StatefulSet
// pods (owner-like names), a finished Job pod, and a few healthy pods in default.
import type {ContainerProgram} from '../kubelet/programs.js';
import {container, pod, shell} from './manifests.js';
import type {ScenarioContext, Scenario} from './types.js';

interface Workload {
	namespace: string;
	name: string;
	app: string;
	image: string;
	owner: {kind: string; name: string};
	log: string;
}

const deployment = (namespace: string, app: string, hash: string, id: string, image: string, log: string): Workload =>
	({namespace, name: `${app}-${hash}-${id}`, app, image, owner: {kind: 'ReplicaSet', name: `${app}-${hash}`}, log});

const statefulSet = (namespace: string, app: string, index: number, image: string, log: string): Workload =>
	({namespace, name: `${app}-${index}`, app, image, owner: {kind: 'StatefulSet', name: app}, log});

export const busyWorkloads: readonly Workload[] = [
	deployment('shop', 'frontend', '7d9c5b8f6d', 'x2kqp', 'nginx:1.27', '10.244.0.1 - - "GET / HTTP/1.1" 200 615'),
	deployment('shop', 'frontend', '7d9c5b8f6d', 'm8zrt', 'nginx:1.27', '10.244.0.1 - - "GET / HTTP/1.1" 200 615'),
	deployment('shop', 'frontend', '7d9c5b8f6d', 'q4wbn', 'nginx:1.27', '10.244.0.1 - - "GET /healthz HTTP/1.1" 200 2'),
	deployment('shop', 'cart', '5f6b9c7d48', 'h7vlc', 'redis:7.2', 'cart: 12 active carts'),
	deployment('shop', 'cart', '5f6b9c7d48', 'p2ndx', 'redis:7.2', 'cart: 9 active carts'),
	deployment('shop', 'checkout', '6c8d7f9b5c', 'tk3sw', 'ghcr.io/shop/checkout:2.4.1', 'checkout: processed order'),
	deployment('shop', 'checkout', '6c8d7f9b5c', 'zb9fq', 'ghcr.io/shop/checkout:2.4.1', 'checkout: processed order'),
	deployment('shop', 'catalog', '84b7c6d9f5', 'jw6mr', 'ghcr.io/shop/catalog:1.9.0', 'catalog: served 42 products'),
	deployment('shop', 'catalog', '84b7c6d9f5', 'c5lxk', 'ghcr.io/shop/catalog:1.9.0', 'catalog: served 17 products'),
	deployment('shop', 'payments', '9d5f7c6b84', 'r8gnv', 'ghcr.io/shop/payments:3.0.2', 'payments: heartbeat ok'),
	deployment('shop', 'payments', '9d5f7c6b84', 'f3kph', 'ghcr.io/shop/payments:3.0.2', 'payments: heartbeat ok'),
	deployment('shop', 'search', '58c9d6b7f4', 'v6tzq', 'ghcr.io/shop/search:0.8.3', 'search: index fresh'),
	statefulSet('shop', 'postgres', 0, 'postgres:16.4', 'LOG:  checkpoint complete'),
	statefulSet('shop', 'redis', 0, 'redis:7.2', 'Background saving terminated with success'),
	deployment('default', 'api-gateway', '6f7c9d8b5d', 'n4xwz', 'nginx:1.27', '10.244.0.1 - - "GET /api HTTP/1.1" 200 87'),
	deployment('default', 'nginx', '7c5ddbdf54', 'kd2vh', 'nginx:1.27', '10.244.0.1 - - "GET / HTTP/1.1" 200 615'),
];

async function startWorkload(ctx: ScenarioContext, workload: Workload, index: number): Promise<void> {
	const program: ContainerProgram = {
		image: {seconds: 1 + (index % 4) * 0.7, sizeBytes: 40_000_000 + index * 3_141_593},
		logs: [`${workload.app} started`],
		repeat: {every: 5 + (index % 5) * 2, lines: [workload.log]},
	};
	await ctx.runPod(pod(workload.name, {
		namespace: workload.namespace,
		labels: {app: workload.app, ...(workload.owner.kind === 'ReplicaSet' ? {'pod-template-hash': workload.owner.name.slice(workload.app.length + 1)} : {'apps.kubernetes.io/pod-index': '0'})},
		owner: workload.owner,
		containers: [container(workload.app, workload.image)],
	}), {[workload.app]: program});
}

export const busy: Scenario = {
	name: 'busy',
	summary: 'namespace shop (and a few in default): healthy Deployment pods, StatefulSets and a Completed Job pod',
	namespaces: [...new Set(busyWorkloads.map(workload => workload.namespace))],
	async play(ctx) {
		for (const [index, workload] of busyWorkloads.entries()) {
			if (await ctx.backend.getPod(workload.namespace, workload.name)) await ctx.deletePod(workload.namespace, workload.name);
			await startWorkload(ctx, workload, index);
		}
		const job = 'db-migrate-28891230-7xk2p';
		if (await ctx.backend.getPod('shop', job)) await ctx.deletePod('shop', job);
		await ctx.runPod(pod(job, {
			namespace: 'shop',
			labels: {'batch.kubernetes.io/job-name': 'db-migrate-28891230', 'job-name': 'db-migrate-28891230'},
			owner: {kind: 'Job', name: 'db-migrate-28891230'},
			containers: [shell('migrate', 'echo migrating schema && sleep 3 && echo schema up to date')],
			spec: {restartPolicy: 'Never'},
		}));
	},
};
