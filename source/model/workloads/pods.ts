// Which pods belong to a workload, and which revision each runs: pods are matched by their
// controller ownerReference (a Deployment's through its ReplicaSets), the revision of a
// Deployment's ReplicaSet is its `deployment.kubernetes.io/revision` annotation, a StatefulSet's
// and DaemonSet's the pod's `controller-revision-hash` / `pod-template-generation`. Pure.
import type {ObjectMeta, Pod} from '../k8s-types.js';
import {REVISION_ANNOTATION, type Workload} from './types.js';

export interface RevisionGroup {
	/** new: runs the workload's current template; old: an earlier one. */
	role: 'new' | 'old';
	/** `2` for a Deployment's revision, the hash or generation otherwise; undefined when unknown. */
	revision?: string;
	/** The ReplicaSet behind a Deployment's revision. */
	replicaSet?: Workload;
	pods: Pod[];
}

export interface WorkloadPods {
	/** New first, then old revisions newest first. Always has a `new` group (maybe empty). */
	groups: RevisionGroup[];
}

function controllerOf(meta: ObjectMeta): {kind: string; name: string; uid: string} | undefined {
	return meta.ownerReferences?.find(reference => reference.controller) ?? undefined;
}

/** Owned by `owner`: the controller reference names it (by uid when both have one, else by name). */
export function isControlledBy(meta: ObjectMeta, owner: Workload): boolean {
	const controller = controllerOf(meta);
	if (!controller || controller.kind !== owner.kind) return false;
	if (controller.uid && owner.metadata.uid) return controller.uid === owner.metadata.uid;
	return controller.name === owner.metadata.name;
}

export function revisionOf(object: {metadata: ObjectMeta}): number {
	const value = Number(object.metadata.annotations?.[REVISION_ANNOTATION]);
	return Number.isFinite(value) ? value : 0;
}

const sameNamespace = (a: {metadata: ObjectMeta}, b: {metadata: ObjectMeta}) => (a.metadata.namespace ?? '') === (b.metadata.namespace ?? '');

function byName(a: Pod, b: Pod): number {
	return a.metadata.name.localeCompare(b.metadata.name, 'en', {numeric: true});
}

/** A Deployment's ReplicaSets, newest revision first; the first is the current one when it matches the Deployment's revision. */
export function replicaSetsOf(deployment: Workload, replicaSets: Iterable<Workload>): Workload[] {
	const owned: Workload[] = [];
	for (const rs of replicaSets) if (sameNamespace(rs, deployment) && isControlledBy(rs.metadata, {...deployment, kind: 'Deployment'})) owned.push(rs);
	return owned.sort((a, b) => revisionOf(b) - revisionOf(a));
}

function deploymentPods(deployment: Workload, pods: readonly Pod[], replicaSets: Iterable<Workload>): WorkloadPods {
	const sets = replicaSetsOf(deployment, replicaSets);
	const current = revisionOf(deployment) || (sets[0] ? revisionOf(sets[0]) : 0);
	const groups: RevisionGroup[] = sets.map(rs => ({
		role: revisionOf(rs) === current ? 'new' : 'old',
		revision: String(revisionOf(rs)),
		replicaSet: rs,
		pods: pods.filter(pod => sameNamespace(pod, rs) && isControlledBy(pod.metadata, {...rs, kind: 'ReplicaSet'})).sort(byName),
	}));
	const kept = groups.filter(group => group.role === 'new' || group.pods.length > 0);
	if (!kept.some(group => group.role === 'new')) kept.unshift({role: 'new', revision: current ? String(current) : undefined, pods: []});
	return {groups: kept.sort((a, b) => (a.role === b.role ? 0 : a.role === 'new' ? -1 : 1))};
}

/** The label that tells a pod's revision, and the workload's current value of it. */
function currentRevision(workload: Workload): {label: string; value: string | undefined} | undefined {
	if (workload.kind === 'StatefulSet') return {label: 'controller-revision-hash', value: workload.status?.updateRevision};
	const generation = workload.metadata.generation;
	if (workload.kind === 'DaemonSet') return {label: 'pod-template-generation', value: typeof generation === 'number' ? String(generation) : undefined};
	return undefined;
}

export function workloadPods(workload: Workload, pods: Iterable<Pod>, replicaSets: Iterable<Workload> = []): WorkloadPods {
	const list = [...pods];
	if (workload.kind === 'Deployment') return deploymentPods(workload, list, replicaSets);
	const owned = list.filter(pod => sameNamespace(pod, workload) && isControlledBy(pod.metadata, workload)).sort(byName);
	const current = currentRevision(workload);
	if (!current?.value) return {groups: [{role: 'new', pods: owned}]};
	const fresh: Pod[] = [];
	const old = new Map<string, Pod[]>();
	for (const pod of owned) {
		const revision = pod.metadata.labels?.[current.label];
		if (revision === undefined || revision === current.value) fresh.push(pod);
		else old.set(revision, [...(old.get(revision) ?? []), pod]);
	}
	return {groups: [{role: 'new', revision: current.value, pods: fresh}, ...[...old].map(([revision, group]) => ({role: 'old' as const, revision, pods: group}))]};
}
