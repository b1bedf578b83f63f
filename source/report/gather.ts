// One-shot collection of the facts a report needs, through the session (read-only GETs): the
// pod, its events, the log lines the findings quote, the Services init containers wait for, and
// the owning controller's pod template for the bisect manifests.
import type {ClusterSession, ResourceWatch} from '../kube/types.js';
import {bisectPlan, type BisectPlan, type PodTemplateSource} from '../model/bisect.js';
import {logRequests, serviceLookup, servicesToLookUp, type ContainerLog, type ServiceLookup} from '../model/findings/index.js';
import {initSequence, type InitSequence} from '../model/init-sequence.js';
import type {KubeEvent, Pod, PodSpec} from '../model/k8s-types.js';
import {InitError} from '../kube/types.js';

export interface GatheredFacts {
	pod: Pod;
	events: KubeEvent[];
	logs: Record<string, ContainerLog>;
	services: Record<string, ServiceLookup>;
	bisect: BisectPlan;
	now: number;
}

const LOG_LINES = 20;

export async function gatherFacts(session: ClusterSession, namespace: string, name: string): Promise<GatheredFacts> {
	const pod = await session.getPod(namespace, name);
	if (!pod) throw new InitError(`pod "${name}" not found in namespace "${namespace}"`);
	const now = Date.now();
	const sequence = initSequence(pod, now);
	const [events, logs, services, owner] = await Promise.all([
		eventsOnce(session.watchPodEvents(namespace, name), pod.metadata.uid),
		readLogs(session, namespace, name, pod, sequence),
		lookUpServices(session, pod, sequence),
		ownerTemplate(session, pod),
	]);
	return {pod, events, logs, services, bisect: bisectPlan(pod, {owner}), now};
}

function eventsOnce(watch: ResourceWatch<KubeEvent>, uid: string | undefined, timeoutMs = 10_000): Promise<KubeEvent[]> {
	return new Promise(resolve => {
		const finish = () => {
			clearTimeout(timer);
			unsubscribe();
			const events = [...watch.items().values()].filter(event => !uid || !event.involvedObject.uid || event.involvedObject.uid === uid);
			watch.stop();
			resolve(events);
		};
		const check = () => {
			if (watch.synced || watch.state.kind === 'forbidden' || watch.state.kind === 'stopped') finish();
		};
		const timer = setTimeout(finish, timeoutMs);
		const unsubscribe = watch.subscribe(check);
		check();
	});
}

/** The failed instance of every failing container and the app containers' recent output. */
async function readLogs(session: ClusterSession, namespace: string, name: string, pod: Pod, sequence: InitSequence): Promise<Record<string, ContainerLog>> {
	const wanted = new Map(logRequests(sequence).map(request => [request.container, request.previous]));
	for (const status of pod.status?.containerStatuses ?? []) {
		if (!wanted.has(status.name) && (status.state?.running || status.lastState?.terminated)) wanted.set(status.name, !status.state?.running && Boolean(status.lastState?.terminated));
	}
	const entries = await Promise.all([...wanted].map(async ([container, previous]): Promise<[string, ContainerLog]> => {
		try {
			return [container, {lines: await session.readLog({namespace, pod: name, container, previous, tailLines: LOG_LINES, follow: false}), previous}];
		} catch (error) {
			return [container, {lines: [], previous, error: error instanceof Error ? error.message : String(error)}];
		}
	}));
	return Object.fromEntries(entries);
}

async function lookUpServices(session: ClusterSession, pod: Pod, sequence: InitSequence): Promise<Record<string, ServiceLookup>> {
	const targets = servicesToLookUp({pod, sequence});
	const entries = await Promise.all(targets.map(async (target): Promise<[string, ServiceLookup]> => {
		try {
			const [service, endpoints] = await Promise.all([session.getService(target.namespace, target.name), session.getEndpoints(target.namespace, target.name)]);
			return [`${target.namespace}/${target.name}`, serviceLookup(service, endpoints)];
		} catch (error) {
			return [`${target.namespace}/${target.name}`, {error: error instanceof Error ? error.message : String(error)}];
		}
	}));
	return Object.fromEntries(entries);
}

interface Controlled {
	metadata?: {name?: string; namespace?: string; ownerReferences?: Array<{kind: string; name: string; controller?: boolean; apiVersion: string}>};
	spec?: {template?: {metadata?: PodTemplateSource['template']['metadata']; spec?: PodSpec}};
}

const OWNER_PATHS: Record<string, string> = {
	ReplicaSet: 'apis/apps/v1/namespaces/%s/replicasets/%s',
	Deployment: 'apis/apps/v1/namespaces/%s/deployments/%s',
	StatefulSet: 'apis/apps/v1/namespaces/%s/statefulsets/%s',
	DaemonSet: 'apis/apps/v1/namespaces/%s/daemonsets/%s',
	Job: 'apis/batch/v1/namespaces/%s/jobs/%s',
};

/** The controller's pod template (a ReplicaSet's Deployment when there is one); undefined when none or unreadable. */
export async function ownerTemplate(session: ClusterSession, pod: Pod): Promise<PodTemplateSource | undefined> {
	const namespace = pod.metadata.namespace ?? 'default';
	let reference: {kind: string; name: string} | undefined = pod.metadata.ownerReferences?.find(owner => owner.controller);
	let found: PodTemplateSource | undefined;
	for (let depth = 0; reference && depth < 2; depth++) {
		const path = OWNER_PATHS[reference.kind];
		if (!path) break;
		const object = await session.getObject(`/${path.replace('%s', namespace).replace('%s', reference.name)}`).catch(() => undefined) as Controlled | undefined;
		const spec = object?.spec?.template?.spec;
		if (!spec) break;
		found = {kind: reference.kind, namespace, name: reference.name, template: {metadata: object.spec?.template?.metadata, spec}};
		reference = object.metadata?.ownerReferences?.find(owner => owner.controller && owner.kind === 'Deployment');
	}
	return found;
}
