// The reads behind a pod's facts, through the session (GET only): log tails, Service lookups and
// the owning controller's pod template. Both drivers use these — live (hooks/usePodDetails.ts)
// and once (facts/gather.ts) — so they read the same things the same way.
import type {ClusterSession} from '../kube/types.js';
import type {PodTemplateSource} from '../model/bisect.js';
import type {LogRead} from '../model/facts.js';
import {isForbidden} from '../kube/errors.js';
import {serviceLookup, type ClaimLookup, type ContainerLog, type ServiceLookup} from '../model/findings/index.js';
import type {StorageClassLookup} from '../model/findings/types.js';
import type {Pod, PodSpec} from '../model/k8s-types.js';
import {isWorkloadKind, workloadPath} from '../model/workloads/kinds.js';
import {REVISION_ANNOTATION} from '../model/workloads/types.js';

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

interface ClaimObject {
	spec?: {storageClassName?: string; accessModes?: string[]; volumeName?: string};
	status?: {phase?: string};
}

interface StorageClassObject {
	provisioner?: string;
	volumeBindingMode?: string;
}

const failed = (error: unknown) => ({error: message(error), forbidden: isForbidden(error)});

async function lookUpStorageClass(session: ClusterSession, name: string): Promise<StorageClassLookup> {
	try {
		const found = await session.getObject(`/apis/storage.k8s.io/v1/storageclasses/${encodeURIComponent(name)}`) as StorageClassObject | undefined;
		return found ? {exists: true, provisioner: found.provisioner ?? '?', bindingMode: found.volumeBindingMode ?? 'Immediate'} : {exists: false};
	} catch (error) {
		return failed(error);
	}
}

/** A PersistentVolumeClaim (GET) and, while it is Pending, its StorageClass (GET); 403 is said as such. */
export async function lookUpClaim(session: ClusterSession, target: {namespace: string; name: string}): Promise<ClaimLookup> {
	try {
		const claim = await session.getObject(`/api/v1/namespaces/${encodeURIComponent(target.namespace)}/persistentvolumeclaims/${encodeURIComponent(target.name)}`) as ClaimObject | undefined;
		if (!claim) return {exists: false};
		const phase = claim.status?.phase ?? 'Pending';
		const storageClassName = claim.spec?.storageClassName || undefined;
		const storageClass = phase === 'Pending' && storageClassName ? await lookUpStorageClass(session, storageClassName) : undefined;
		return {exists: true, phase, accessModes: claim.spec?.accessModes ?? [], ...(storageClassName ? {storageClassName} : {}), ...(claim.spec?.volumeName ? {volumeName: claim.spec.volumeName} : {}), ...(storageClass ? {storageClass} : {})};
	} catch (error) {
		return failed(error);
	}
}

interface Controlled {
	metadata?: {name?: string; namespace?: string; annotations?: Record<string, string>; ownerReferences?: Array<{kind: string; name: string; controller?: boolean; apiVersion: string}>};
	spec?: {template?: {metadata?: PodTemplateSource['template']['metadata']; spec?: PodSpec}};
}


/**
 * The controller's pod template: a ReplicaSet's Deployment when the pod is of the Deployment's
 * current revision, else the ReplicaSet's own (an old revision's pod is bisected as it was made);
 * undefined when none or unreadable.
 */
export async function ownerTemplate(session: ClusterSession, pod: Pod): Promise<PodTemplateSource | undefined> {
	const namespace = pod.metadata.namespace ?? 'default';
	let reference: {kind: string; name: string} | undefined = pod.metadata.ownerReferences?.find(owner => owner.controller);
	let found: PodTemplateSource | undefined;
	let revision: string | undefined;
	for (let depth = 0; reference && depth < 2; depth++) {
		if (!isWorkloadKind(reference.kind)) break;
		const object = await session.getObject(workloadPath(reference.kind, namespace, reference.name)).catch(() => undefined) as Controlled | undefined;
		const spec = object?.spec?.template?.spec;
		if (!spec) break;
		if (depth > 0 && object?.metadata?.annotations?.[REVISION_ANNOTATION] !== revision) break;
		found = {kind: reference.kind, namespace, name: reference.name, template: {metadata: object.spec?.template?.metadata, spec}};
		revision = object?.metadata?.annotations?.[REVISION_ANNOTATION];
		reference = object?.metadata?.ownerReferences?.find(owner => owner.controller && owner.kind === 'Deployment');
	}
	return found;
}
