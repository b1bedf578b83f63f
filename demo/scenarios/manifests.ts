// Pod manifests as `kubectl create` would leave them after API-server defaulting, so describe
// and the diagnosis see what they would see on a real cluster.
import {randomUUID} from 'node:crypto';
import type {Container, Endpoints, Pod, PodSpec, Service} from '../../source/model/k8s-types.js';
import {admitPodSpec, SERVICE_ACCOUNT_PATH} from '../api/admission.js';
import type {ScenarioContext} from './types.js';

export function container(name: string, image: string, fields: Partial<Container> = {}): Container {
	return {
		name,
		image,
		imagePullPolicy: 'IfNotPresent',
		resources: {},
		terminationMessagePath: '/dev/termination-log',
		terminationMessagePolicy: 'File',
		...fields,
	};
}

/** A busybox container running `sh -c SCRIPT`. */
export function shell(name: string, script: string, fields: Partial<Container> = {}): Container {
	return container(name, 'busybox:1.28', {command: ['sh', '-c', script], ...fields});
}

/** The article's dependency loop (the Kubernetes docs' init-container example). */
export function waitScript(service: string): string {
	return `until nslookup ${service}.$(cat ${SERVICE_ACCOUNT_PATH}/namespace).svc.cluster.local; do echo waiting for ${service}; sleep 2; done`;
}

export interface PodOptions {
	namespace?: string;
	labels?: Record<string, string>;
	initContainers?: Container[];
	containers: Container[];
	spec?: Partial<PodSpec>;
	owner?: {kind: string; name: string};
}

export function pod(name: string, options: PodOptions): Pod {
	const spec = admitPodSpec({
		...(options.initContainers ? {initContainers: options.initContainers} : {}),
		containers: options.containers,
		restartPolicy: 'Always',
		terminationGracePeriodSeconds: 30,
		dnsPolicy: 'ClusterFirst',
		serviceAccountName: 'default',
		securityContext: {},
		schedulerName: 'default-scheduler',
		...options.spec,
	});
	const metadata: Pod['metadata'] = {name, namespace: options.namespace ?? 'default'};
	if (options.labels) metadata.labels = options.labels;
	if (options.owner) {
		metadata.ownerReferences = [{apiVersion: options.owner.kind === 'Job' ? 'batch/v1' : 'apps/v1', kind: options.owner.kind, name: options.owner.name, uid: randomUUID(), controller: true, blockOwnerDeletion: true} as NonNullable<Pod['metadata']['ownerReferences']>[number]];
		metadata.generateName = name.slice(0, name.lastIndexOf('-') + 1);
	}
	return {apiVersion: 'v1', kind: 'Pod', metadata, spec};
}

/** The app container of the demo's pods: says hello, then sleeps. */
export function appContainer(): Container {
	return shell('myapp-container', 'echo The app is running! && sleep 3600');
}

/**
 * A pod whose story is its init containers: labelled `app: <name>`, the demo's app container
 * after them.
 */
export function initStepsPod(name: string, initContainers: Container[], options: Omit<PodOptions, 'labels' | 'initContainers' | 'containers'> = {}): Pod {
	return pod(name, {...options, labels: {app: name}, initContainers, containers: [appContainer()]});
}

/** The article's pod: init-myservice and init-mydb wait for their Services, then the app says hello. */
export function articlePod(name: string, options: {namespace?: string; extraInit?: Container[]} = {}): Pod {
	const extraInit = options.extraInit ?? [];
	return pod(name, {
		...(options.namespace ? {namespace: options.namespace} : {}),
		labels: {'app.kubernetes.io/name': 'MyApp'},
		initContainers: [shell('init-myservice', waitScript('myservice')), shell('init-mydb', waitScript('mydb')), ...extraInit],
		containers: [appContainer()],
	});
}

function clusterIP(name: string): string {
	let hash = 7;
	for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) & 0xffff;
	return `10.96.${(hash >> 8) & 0xff}.${(hash & 0xff) || 1}`;
}

/** A ClusterIP Service with one ready endpoint, as the article's `myservice` / `mydb`. */
export async function createServiceWithEndpoints(ctx: ScenarioContext, namespace: string, name: string, port: number): Promise<void> {
	const service: Service = {
		apiVersion: 'v1', kind: 'Service',
		metadata: {name, namespace},
		spec: {clusterIP: clusterIP(name), ports: [{protocol: 'TCP', port: 80, targetPort: port}], type: 'ClusterIP'},
	};
	const endpoints: Endpoints = {
		apiVersion: 'v1', kind: 'Endpoints',
		metadata: {name, namespace},
		subsets: [{addresses: [{ip: `10.244.9.${(port % 200) + 10}`}], ports: [{port, protocol: 'TCP'}]}],
	};
	await ctx.backend.upsertService?.(service);
	await ctx.backend.upsertEndpoints?.(endpoints);
}

/** Deletes a leftover pod of an earlier run (a scenario's pods have fixed names). */
export async function replacePod(ctx: ScenarioContext, namespace: string, name: string): Promise<void> {
	if (await ctx.backend.getPod(namespace, name)) await ctx.deletePod(namespace, name);
}
