// What the controllers share: ownership, pod readiness and availability in cluster time, and
// creating a pod from a template the way the API server would store it.
import type {OwnerReference, Pod} from '../../source/model/k8s-types.js';
import {admitPodSpec} from '../api/admission.js';
import {defaultPodSpec} from '../api/defaults.js';
import {generatedSuffix} from '../api/writes.js';
import {qosClass} from '../kubelet/qos.js';
import {nowRfc3339, type ClusterStore, type StoredObject} from '../store.js';
import type {PodTemplate, WorkloadCondition, WorkloadObject} from './types.js';

/** Cluster time: wall-clock durations scaled by the demo's speed (timestamps stay wall-clock). */
export class ClusterClock {
	constructor(readonly speed: number) {}

	/** Seconds of cluster time since an RFC3339 timestamp (0 when absent). */
	secondsSince(timestamp: string | undefined | null): number {
		if (!timestamp) return 0;
		const at = Date.parse(timestamp);
		return Number.isNaN(at) ? 0 : ((Date.now() - at) / 1000) * this.speed;
	}
}

export const asPod = (object: StoredObject) => object as unknown as Pod;
export const asWorkload = (object: StoredObject) => object as unknown as WorkloadObject;

export function controllerRef(object: {metadata: {ownerReferences?: OwnerReference[]}}): OwnerReference | undefined {
	return object.metadata.ownerReferences?.find(ref => ref.controller);
}

/** Objects of `resource` in `namespace` whose controller is the object with `uid`. */
export function ownedBy<T>(store: ClusterStore, resource: string, namespace: string, uid: string): T[] {
	return store.list(resource, namespace).items.filter(item => controllerRef(item as never)?.uid === uid) as T[];
}

export const isTerminating = (pod: Pod) => !!pod.metadata.deletionTimestamp;
export const isFinished = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
export const isActive = (pod: Pod) => !isTerminating(pod) && !isFinished(pod);

function readyCondition(pod: Pod) {
	return pod.status?.conditions?.find(c => c.type === 'Ready');
}

export const isReady = (pod: Pod) => readyCondition(pod)?.status === 'True';

/** Ready for at least minReadySeconds (podutil.IsPodAvailable). */
export function isAvailable(pod: Pod, minReadySeconds: number, clock: ClusterClock): boolean {
	if (!isReady(pod)) return false;
	return minReadySeconds === 0 || clock.secondsSince(readyCondition(pod)?.lastTransitionTime) >= minReadySeconds;
}

export function ownerReference(kind: string, apiVersion: string, owner: WorkloadObject): OwnerReference & {blockOwnerDeletion: boolean} {
	return {apiVersion, kind, name: owner.metadata.name, uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true};
}

export interface NewPod {
	/** A fixed name (StatefulSet) or a generateName prefix (the rest). */
	name?: string;
	generateName?: string;
	labels?: Record<string, string>;
	annotations?: Record<string, string>;
	/** Merged into the template's spec (hostname, affinity …). */
	spec?: Record<string, unknown>;
}

/** Creates a pod from `template` owned by `owner`, as the API server stores a controller's pod. */
export function createPodFromTemplate(store: ClusterStore, namespace: string, template: PodTemplate, owner: OwnerReference, options: NewPod): Pod {
	const spec = structuredClone(template.spec ?? {containers: []});
	defaultPodSpec(spec);
	const name = options.name ?? `${options.generateName}${generatedSuffix()}`;
	const labels = {...template.metadata?.labels, ...options.labels};
	const annotations = {...template.metadata?.annotations, ...options.annotations};
	const pod: Pod = {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			name,
			...(options.generateName ? {generateName: options.generateName} : {}),
			namespace,
			...(Object.keys(labels).length > 0 ? {labels} : {}),
			...(Object.keys(annotations).length > 0 ? {annotations} : {}),
			ownerReferences: [owner],
		},
		spec: admitPodSpec({...spec, ...options.spec}),
	};
	pod.status = {phase: 'Pending', qosClass: qosClass(pod)};
	const {apiVersion: _a, kind: _k, ...stored} = pod;
	return store.create('pods', stored as unknown as StoredObject) as unknown as Pod;
}

export function deletePod(store: ClusterStore, pod: Pod): void {
	store.delete('pods', pod.metadata.namespace, pod.metadata.name);
}

/**
 * Sets a condition: lastTransitionTime changes only with its status, lastUpdateTime (`updateTime`)
 * with any change — or always with `updateTime: 'now'` (progress was made).
 */
export function setCondition(conditions: WorkloadCondition[], next: Omit<WorkloadCondition, 'lastTransitionTime' | 'lastUpdateTime' | 'lastProbeTime'>, options: {updateTime?: boolean | 'now'; probeTime?: boolean} = {}): WorkloadCondition[] {
	const now = nowRfc3339();
	const existing = conditions.find(c => c.type === next.type);
	const sameStatus = existing?.status === next.status;
	const same = sameStatus && existing?.reason === next.reason && existing?.message === next.message;
	const condition: WorkloadCondition = {
		type: next.type,
		status: next.status,
		...(options.updateTime ? {lastUpdateTime: same && existing?.lastUpdateTime && options.updateTime !== 'now' ? existing.lastUpdateTime : now} : {}),
		...(options.probeTime ? {lastProbeTime: sameStatus && existing?.lastProbeTime ? existing.lastProbeTime : now} : {}),
		lastTransitionTime: sameStatus && existing?.lastTransitionTime ? existing.lastTransitionTime : now,
		...(next.reason ? {reason: next.reason} : {}),
		...(next.message ? {message: next.message} : {}),
	};
	const index = conditions.findIndex(c => c.type === next.type);
	const result = [...conditions];
	if (index >= 0) result[index] = condition;
	else result.push(condition);
	return result;
}

/** Drops zero counts the API omits (`omitempty`), except the `keep` fields. */
export function withoutZeros(status: Record<string, unknown>, keep: readonly string[]): Record<string, unknown> {
	return Object.fromEntries(Object.entries(status).filter(([key, value]) => value !== undefined && (value !== 0 || keep.includes(key))));
}

/** Writes `status` when it differs from the stored one (a status write bumps no generation). */
export function writeStatus(store: ClusterStore, resource: string, object: WorkloadObject, status: Record<string, unknown>): void {
	if (JSON.stringify(status) === JSON.stringify(object.status ?? {})) return;
	store.update(resource, object.metadata.namespace, object.metadata.name, draft => {
		draft.status = status;
	});
}

/** Writes a spec or metadata change (generation + 1 when the spec changed). */
export function writeObject(store: ClusterStore, resource: string, object: WorkloadObject, mutate: (draft: WorkloadObject) => void): WorkloadObject | undefined {
	return store.update(resource, object.metadata.namespace, object.metadata.name, draft => {
		const workload = draft as unknown as WorkloadObject;
		const before = JSON.stringify(workload.spec);
		mutate(workload);
		if (JSON.stringify(workload.spec) !== before) workload.metadata.generation = (workload.metadata.generation ?? 1) + 1;
	}) as unknown as WorkloadObject | undefined;
}

/** Template equality ignoring the pod-template-hash label (deployment util EqualIgnoreHash). */
export function templateWithoutHash(template: PodTemplate | undefined): PodTemplate {
	const copy = structuredClone(template ?? {});
	if (copy.metadata?.labels) {
		delete copy.metadata.labels['pod-template-hash'];
	}
	return copy;
}

/** An int-or-percent (maxSurge, maxUnavailable) against `total`, rounded up or down. */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number {
	if (value === undefined) return 0;
	if (typeof value === 'number') return value;
	const percent = /^(\d+)%$/.exec(value);
	if (!percent) return Number(value) || 0;
	const exact = (Number(percent[1]) * total) / 100;
	return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
