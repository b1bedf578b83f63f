// Workload manifests for scenarios (Deployments, StatefulSets, DaemonSets, Jobs) and creating them
// through the API's create path, so the demo's controllers make their pods as on a real cluster.
import type {Container} from '../../source/model/k8s-types.js';
import type {WireObject} from '../backend.js';
import type {IntOrString} from '../controllers/types.js';
import type {ScenarioContext} from './types.js';

export interface WorkloadOptions {
	namespace: string;
	replicas?: number;
	initContainers?: Container[];
	containers: Container[];
	/** Extra pod labels besides `app: <name>`. */
	labels?: Record<string, string>;
}

function podTemplate(name: string, options: WorkloadOptions, spec: Record<string, unknown> = {}) {
	return {
		metadata: {labels: {app: name, ...options.labels}},
		spec: {...(options.initContainers ? {initContainers: options.initContainers} : {}), containers: options.containers, ...spec},
	};
}

const meta = (name: string, namespace: string) => ({name, namespace, labels: {app: name}});

export function deployment(name: string, options: WorkloadOptions & {maxSurge?: IntOrString; maxUnavailable?: IntOrString; progressDeadlineSeconds?: number}): WireObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: meta(name, options.namespace),
		spec: {
			replicas: options.replicas ?? 1,
			selector: {matchLabels: {app: name}},
			...(options.maxSurge !== undefined || options.maxUnavailable !== undefined ? {strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: options.maxSurge ?? '25%', maxUnavailable: options.maxUnavailable ?? '25%'}}} : {}),
			...(options.progressDeadlineSeconds !== undefined ? {progressDeadlineSeconds: options.progressDeadlineSeconds} : {}),
			template: podTemplate(name, options),
		},
	};
}

export function statefulSet(name: string, options: WorkloadOptions & {serviceName: string}): WireObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'StatefulSet',
		metadata: meta(name, options.namespace),
		spec: {replicas: options.replicas ?? 1, serviceName: options.serviceName, selector: {matchLabels: {app: name}}, template: podTemplate(name, options)},
	};
}

export function daemonSet(name: string, options: WorkloadOptions): WireObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'DaemonSet',
		metadata: meta(name, options.namespace),
		spec: {selector: {matchLabels: {app: name}}, template: podTemplate(name, options)},
	};
}

export function job(name: string, options: WorkloadOptions & {backoffLimit: number; restartPolicy: 'Never' | 'OnFailure'}): WireObject {
	return {
		apiVersion: 'batch/v1',
		kind: 'Job',
		metadata: {name, namespace: options.namespace},
		spec: {backoffLimit: options.backoffLimit, template: {spec: {...podTemplate(name, options).spec, restartPolicy: options.restartPolicy}}},
	};
}

/** Whether this backend can create workloads (the demo's own store can; a real API server path may not). */
export function canCreateWorkloads(ctx: ScenarioContext): boolean {
	return ctx.backend.createObject !== undefined && ctx.backend.getObject !== undefined;
}

/** Creates the object unless one of that name exists already (a scenario played again keeps it). */
export async function ensureObject(ctx: ScenarioContext, resource: string, object: WireObject): Promise<void> {
	const {namespace, name} = object.metadata;
	if (await ctx.backend.getObject!(resource, namespace, name)) return;
	await ctx.backend.createObject!(resource, object);
}

/** Waits (cluster time) until `done` holds for the object; false when the kubelet stops or `seconds` pass. */
export async function waitForObject(ctx: ScenarioContext, resource: string, namespace: string, name: string, done: (object: WireObject) => boolean, seconds: number): Promise<boolean> {
	for (let waited = 0; waited < seconds; waited++) {
		const object = await ctx.backend.getObject!(resource, namespace, name);
		if (object && done(object)) return true;
		if (!(await ctx.sleep(1))) return false;
	}
	return false;
}
