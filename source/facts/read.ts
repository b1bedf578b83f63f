// The reads behind a pod's facts, through the session (GET only): log tails, Service lookups and
// the owning controller's pod template. Both drivers use these — live (hooks/usePodDetails.ts)
// and once (facts/gather.ts) — so they read the same things the same way.
import type {ClusterSession} from '../kube/types.js';
import type {PodTemplateSource} from '../model/bisect.js';
import type {LogRead} from '../model/facts.js';
import {serviceLookup, type ContainerLog, type ServiceLookup} from '../model/findings/index.js';
import type {Pod, PodSpec} from '../model/k8s-types.js';

function message(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** One log tail; a failed read keeps the server's message (and `lines`, e.g. the last ones seen). */
export async function readLogTail(session: ClusterSession, namespace: string, pod: string, read: LogRead, lines: readonly string[] = []): Promise<ContainerLog> {
	try {
		return {lines: await session.readLog({namespace, pod, container: read.container, previous: read.previous, tailLines: read.tailLines, follow: false}), previous: read.previous};
	} catch (error) {
		return {lines, previous: read.previous, error: message(error)};
	}
}

export async function lookUpService(session: ClusterSession, target: {namespace: string; name: string}): Promise<ServiceLookup> {
	try {
		const [service, endpoints] = await Promise.all([session.getService(target.namespace, target.name), session.getEndpoints(target.namespace, target.name)]);
		return serviceLookup(service, endpoints);
	} catch (error) {
		return {error: message(error)};
	}
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
