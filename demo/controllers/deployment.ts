// The Deployment controller (pkg/controller/deployment), rolling update and recreate: finds or
// creates the new ReplicaSet (`<deploy>-<pod-template-hash>`, revision annotations), scales it up
// within maxSurge and the old ones down within maxUnavailable, and reports status with the
// Available and Progressing conditions — ProgressDeadlineExceeded once no progress was made for
// progressDeadlineSeconds of cluster time.
import type {ClusterStore, StoredObject} from '../store.js';
import {recordEvent} from './events.js';
import {canonicalJson, computeHash} from './hash.js';
import {asWorkload, ownedBy, ownerReference, scaledValue, setCondition, templateWithoutHash, withoutZeros, writeObject, writeStatus, type ClusterClock} from './pods.js';
import type {WorkloadObject, WorkloadStatus} from './types.js';

export const REVISION = 'deployment.kubernetes.io/revision';
const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';

/** The Deployment's annotations a ReplicaSet inherits (SetNewReplicaSetAnnotations): all but these. */
const notCopied = (key: string) => key === 'kubectl.kubernetes.io/last-applied-configuration' || key.startsWith('deployment.kubernetes.io/');
const inherited = (d: WorkloadObject) => Object.fromEntries(Object.entries(d.metadata.annotations ?? {}).filter(([key]) => !notCopied(key)));

const revisionOf = (rs: WorkloadObject) => Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0;
const specReplicas = (rs: WorkloadObject) => rs.spec?.replicas ?? 0;
const sum = (list: WorkloadObject[], value: (rs: WorkloadObject) => number) => list.reduce((total, rs) => total + value(rs), 0);

/** maxSurge and maxUnavailable resolved against spec.replicas (both 0 → unavailable 1). */
export function surgeAndUnavailable(d: WorkloadObject): {maxSurge: number; maxUnavailable: number} {
	const replicas = d.spec?.replicas ?? 1;
	if (d.spec?.strategy?.type === 'Recreate') return {maxSurge: 0, maxUnavailable: replicas};
	const rolling = d.spec?.strategy?.rollingUpdate ?? {};
	const maxSurge = scaledValue(rolling.maxSurge ?? '25%', replicas, true);
	let maxUnavailable = scaledValue(rolling.maxUnavailable ?? '25%', replicas, false);
	if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
	return {maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas)};
}

function setReplicas(store: ClusterStore, d: WorkloadObject, rs: WorkloadObject, replicas: number): WorkloadObject {
	const {maxSurge} = surgeAndUnavailable(d);
	const desired = String(d.spec?.replicas ?? 1);
	const max = String((d.spec?.replicas ?? 1) + maxSurge);
	if (specReplicas(rs) === replicas && rs.metadata.annotations?.[DESIRED_REPLICAS] === desired && rs.metadata.annotations?.[MAX_REPLICAS] === max) return rs;
	if (specReplicas(rs) !== replicas) scaledEvent(store, d, rs.metadata.name, specReplicas(rs), replicas);
	return writeObject(store, 'replicasets', rs, draft => {
		draft.spec!.replicas = replicas;
		draft.metadata.annotations = {...draft.metadata.annotations, [DESIRED_REPLICAS]: desired, [MAX_REPLICAS]: max};
	}) ?? rs;
}

function scaledEvent(store: ClusterStore, d: WorkloadObject, rs: string, from: number, to: number): void {
	const direction = to > from ? 'up' : 'down';
	recordEvent(store, 'deployment-controller', {kind: 'Deployment', apiVersion: 'apps/v1', object: d}, 'Normal', 'ScalingReplicaSet', `Scaled ${direction} replica set ${rs} from ${from} to ${to}`);
}

function createNewReplicaSet(store: ClusterStore, d: WorkloadObject, revision: number, replicas: number): WorkloadObject {
	const template = structuredClone(d.spec?.template ?? {});
	let collisionCount = d.status?.collisionCount;
	for (;;) {
		const hash = computeHash(template, collisionCount);
		const name = `${d.metadata.name}-${hash}`;
		if (!store.get('replicasets', d.metadata.namespace, name)) {
			const labels = {...template.metadata?.labels, 'pod-template-hash': hash};
			const {maxSurge} = surgeAndUnavailable(d);
			const rs = {
				metadata: {
					name,
					namespace: d.metadata.namespace,
					labels,
					annotations: {...inherited(d), [DESIRED_REPLICAS]: String(d.spec?.replicas ?? 1), [MAX_REPLICAS]: String((d.spec?.replicas ?? 1) + maxSurge), [REVISION]: String(revision)},
					ownerReferences: [ownerReference('Deployment', 'apps/v1', d)],
					generation: 1,
				},
				spec: {
					replicas,
					minReadySeconds: d.spec?.minReadySeconds ?? 0,
					selector: {...d.spec?.selector, matchLabels: {...d.spec?.selector?.matchLabels, 'pod-template-hash': hash}},
					template: {...template, metadata: {...template.metadata, labels}},
				},
				status: {replicas: 0},
			};
			const created = asWorkload(store.create('replicasets', rs as unknown as StoredObject));
			if (replicas > 0) scaledEvent(store, d, name, 0, replicas);
			if (collisionCount !== d.status?.collisionCount) writeStatus(store, 'deployments', d, {...d.status, collisionCount});
			return created;
		}
		collisionCount = (collisionCount ?? 0) + 1;
	}
}

/** deploymentutil.DeploymentComplete. */
function complete(d: WorkloadObject, status: WorkloadStatus): boolean {
	const replicas = d.spec?.replicas ?? 1;
	return status.updatedReplicas === replicas && status.replicas === replicas && status.availableReplicas === replicas && (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 1);
}

/** deploymentutil.DeploymentProgressing: more updated, ready or available pods, or fewer old ones. */
function progressing(d: WorkloadObject, status: WorkloadStatus): boolean {
	const old = d.status ?? {};
	const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
	const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
	return (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld || (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

function rollingUpdate(store: ClusterStore, d: WorkloadObject, newRS: WorkloadObject, oldRSs: WorkloadObject[]): WorkloadObject[] {
	const replicas = d.spec?.replicas ?? 1;
	const {maxSurge, maxUnavailable} = surgeAndUnavailable(d);
	// Scale up the new ReplicaSet within maxSurge (NewRSNewReplicas).
	const all = [newRS, ...oldRSs];
	const total = sum(all, specReplicas);
	if (total < replicas + maxSurge && specReplicas(newRS) < replicas) {
		newRS = setReplicas(store, d, newRS, specReplicas(newRS) + Math.min(replicas + maxSurge - total, replicas - specReplicas(newRS)));
	} else if (specReplicas(newRS) > replicas) {
		newRS = setReplicas(store, d, newRS, replicas);
	}
	// Scale down old ones within maxUnavailable (reconcileOldReplicaSets).
	const allPods = sum([newRS, ...oldRSs], specReplicas);
	const minAvailable = replicas - maxUnavailable;
	const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
	let maxScaledDown = allPods - minAvailable - newUnavailable;
	const olds = [...oldRSs].sort((a, b) => Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? ''));
	const result: WorkloadObject[] = [];
	// First the old pods that are not available anyway (cleanupUnhealthyReplicas).
	for (let i = 0; i < olds.length; i++) {
		const rs = olds[i]!;
		const unhealthy = specReplicas(rs) - (rs.status?.availableReplicas ?? 0);
		if (maxScaledDown > 0 && unhealthy > 0) {
			const down = Math.min(maxScaledDown, unhealthy);
			olds[i] = setReplicas(store, d, rs, specReplicas(rs) - down);
			maxScaledDown -= down;
		}
	}
	// Then available old pods, as long as minAvailable stays available.
	const available = sum([newRS, ...olds], rs => rs.status?.availableReplicas ?? 0);
	let scaleDown = Math.max(0, Math.min(available - minAvailable, maxScaledDown));
	for (const rs of olds) {
		const down = Math.min(specReplicas(rs), scaleDown);
		result.push(down > 0 ? setReplicas(store, d, rs, specReplicas(rs) - down) : rs);
		scaleDown -= down;
	}
	return [newRS, ...result];
}

function recreate(store: ClusterStore, d: WorkloadObject, newRS: WorkloadObject, oldRSs: WorkloadObject[]): WorkloadObject[] {
	const olds = oldRSs.map(rs => setReplicas(store, d, rs, 0));
	const oldRunning = olds.some(rs => (rs.status?.replicas ?? 0) > 0);
	return [oldRunning ? newRS : setReplicas(store, d, newRS, d.spec?.replicas ?? 1), ...olds];
}

/** Keeps revisionHistoryLimit old ReplicaSets that have scaled to zero (the oldest go first). */
function cleanup(store: ClusterStore, d: WorkloadObject, oldRSs: WorkloadObject[]): void {
	const limit = d.spec?.revisionHistoryLimit ?? 10;
	const idle = oldRSs.filter(rs => specReplicas(rs) === 0 && (rs.status?.replicas ?? 0) === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
	for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) store.delete('replicasets', rs.metadata.namespace, rs.metadata.name);
}

export function syncDeployment(store: ClusterStore, clock: ClusterClock, d: WorkloadObject): void {
	const namespace = d.metadata.namespace ?? 'default';
	const owned = ownedBy<StoredObject>(store, 'replicasets', namespace, d.metadata.uid ?? '').map(asWorkload);
	const wanted = canonicalJson(templateWithoutHash(d.spec?.template));
	const matching = owned.filter(rs => canonicalJson(templateWithoutHash(rs.spec?.template)) === wanted).sort((a, b) => Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? ''));
	let newRS = matching[0];
	const oldRSs = owned.filter(rs => rs !== newRS);
	const maxOldRevision = Math.max(0, ...oldRSs.map(revisionOf));
	let conditions = d.status?.conditions ?? [];
	let createdNow = false;
	if (d.spec?.paused && !newRS) {
		writeStatus(store, 'deployments', d, {...d.status, observedGeneration: d.metadata.generation ?? 1});
		return;
	}
	if (!newRS) {
		const {maxSurge} = surgeAndUnavailable(d);
		const replicas = d.spec?.replicas ?? 1;
		const total = sum(oldRSs, specReplicas);
		const initial = oldRSs.length === 0 || d.spec?.strategy?.type === 'Recreate' ? (d.spec?.strategy?.type === 'Recreate' && total > 0 ? 0 : replicas) : Math.max(0, Math.min(replicas + maxSurge - total, replicas));
		newRS = createNewReplicaSet(store, d, maxOldRevision + 1, initial);
		createdNow = true;
		conditions = setCondition(conditions, {type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${newRS.metadata.name}"`}, {updateTime: true});
	} else if (revisionOf(newRS) <= maxOldRevision) {
		// A rollback to an older template: that ReplicaSet becomes the newest revision again.
		newRS = writeObject(store, 'replicasets', newRS, draft => {
			draft.metadata.annotations = {...draft.metadata.annotations, ...inherited(d), [REVISION]: String(maxOldRevision + 1)};
		}) ?? newRS;
		conditions = setCondition(conditions, {type: 'Progressing', status: 'True', reason: 'FoundNewReplicaSet', message: `Found new replica set "${newRS.metadata.name}"`}, {updateTime: true});
	}

	let all: WorkloadObject[];
	const activeOld = oldRSs.filter(rs => specReplicas(rs) > 0);
	if (d.spec?.paused) all = [newRS, ...oldRSs];
	else if (activeOld.length === 0) all = [setReplicas(store, d, newRS, d.spec?.replicas ?? 1), ...oldRSs];
	else if (d.spec?.strategy?.type === 'Recreate') all = recreate(store, d, newRS, oldRSs);
	else all = rollingUpdate(store, d, newRS, oldRSs);
	newRS = all[0]!;
	cleanup(store, d, all.slice(1));

	const fresh = store.get('deployments', namespace, d.metadata.name);
	if (!fresh) return;
	const current = asWorkload(fresh);
	const replicas = current.spec?.replicas ?? 1;
	const {maxUnavailable} = surgeAndUnavailable(current);
	const available = sum(all, rs => rs.status?.availableReplicas ?? 0);
	const status: WorkloadStatus = {
		observedGeneration: current.metadata.generation ?? 1,
		replicas: sum(all, rs => rs.status?.replicas ?? 0),
		updatedReplicas: newRS.status?.replicas ?? 0,
		readyReplicas: sum(all, rs => rs.status?.readyReplicas ?? 0),
		availableReplicas: available,
		unavailableReplicas: Math.max(0, replicas - available),
		...(current.status?.collisionCount !== undefined ? {collisionCount: current.status.collisionCount} : {}),
	};
	conditions = setCondition(conditions, available >= replicas - maxUnavailable
		? {type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.'}
		: {type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.'}, {updateTime: true});
	// Available first, Progressing second, as the controller orders them.
	conditions.sort((a, b) => (a.type === 'Available' ? -1 : b.type === 'Available' ? 1 : 0));
	const deadline = current.spec?.progressDeadlineSeconds;
	if (deadline !== undefined && !current.spec?.paused) {
		const progressingCondition = conditions.find(c => c.type === 'Progressing');
		const rsName = newRS.metadata.name;
		if (complete(current, status)) {
			conditions = setCondition(conditions, {type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.`}, {updateTime: true});
		} else if (!createdNow && progressing(current, status)) {
			conditions = setCondition(conditions, {type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rsName}" is progressing.`}, {updateTime: 'now'});
		} else if (progressingCondition && progressingCondition.reason !== 'ProgressDeadlineExceeded' && clock.secondsSince(progressingCondition.lastUpdateTime) > deadline) {
			conditions = setCondition(conditions, {type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rsName}" has timed out progressing.`}, {updateTime: true});
		} else if (!progressingCondition) {
			conditions = setCondition(conditions, {type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rsName}" is progressing.`}, {updateTime: true});
		}
	}
	const revision = String(revisionOf(newRS));
	if (current.metadata.annotations?.[REVISION] !== revision) {
		store.update('deployments', namespace, current.metadata.name, draft => {
			const meta = draft.metadata as {annotations?: Record<string, string>};
			meta.annotations = {...meta.annotations, [REVISION]: revision};
		});
	}
	const latest = store.get('deployments', namespace, current.metadata.name);
	if (latest) writeStatus(store, 'deployments', asWorkload(latest), {...withoutZeros(status as Record<string, unknown>, ['observedGeneration']), conditions});
}
