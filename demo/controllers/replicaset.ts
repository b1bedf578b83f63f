// The ReplicaSet controller (pkg/controller/replicaset): keeps spec.replicas pods of the template
// alive, owned by the ReplicaSet (controller: true, blockOwnerDeletion), named `<rs>-<5 chars>`;
// scales down the least useful pods first; reports replicas, ready and available counts.
import type {Pod} from '../../source/model/k8s-types.js';
import type {ClusterStore} from '../store.js';
import {asWorkload, createPodFromTemplate, deletePod, isActive, isAvailable, isReady, ownedBy, ownerReference, withoutZeros, writeStatus, type ClusterClock} from './pods.js';
import {recordEvent} from './events.js';
import type {WorkloadObject} from './types.js';

/** controller.ActivePods ordering: the pod to delete first sorts first. */
function deletionRank(pod: Pod): number[] {
	const created = Date.parse(pod.metadata.creationTimestamp ?? '') || 0;
	return [pod.spec.nodeName ? 1 : 0, pod.status?.phase === 'Running' ? 1 : 0, isReady(pod) ? 1 : 0, -created];
}

function compareRanks(a: number[], b: number[]): number {
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
	return 0;
}

export function syncReplicaSet(store: ClusterStore, clock: ClusterClock, rs: WorkloadObject): void {
	const namespace = rs.metadata.namespace ?? 'default';
	const uid = rs.metadata.uid ?? '';
	let pods = ownedBy<Pod>(store, 'pods', namespace, uid).filter(isActive);
	const wanted = rs.spec?.replicas ?? 1;
	const target = {kind: 'ReplicaSet', apiVersion: 'apps/v1', object: rs};
	if (pods.length < wanted) {
		const owner = ownerReference('ReplicaSet', 'apps/v1', rs);
		for (let i = pods.length; i < wanted; i++) {
			const pod = createPodFromTemplate(store, namespace, rs.spec?.template ?? {}, owner, {generateName: `${rs.metadata.name}-`});
			pods.push(pod);
			recordEvent(store, 'replicaset-controller', target, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
		}
	} else if (pods.length > wanted) {
		const doomed = [...pods].sort((a, b) => compareRanks(deletionRank(a), deletionRank(b))).slice(0, pods.length - wanted);
		for (const pod of doomed) {
			deletePod(store, pod);
			recordEvent(store, 'replicaset-controller', target, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
		}
		pods = pods.filter(pod => !doomed.includes(pod));
	}
	const minReady = rs.spec?.minReadySeconds ?? 0;
	const selector = rs.spec?.selector?.matchLabels ?? {};
	const fresh = store.get('replicasets', namespace, rs.metadata.name);
	if (!fresh) return;
	const current = asWorkload(fresh);
	writeStatus(store, 'replicasets', current, withoutZeros({
		replicas: pods.length,
		fullyLabeledReplicas: pods.filter(pod => Object.entries(selector).every(([k, v]) => pod.metadata.labels?.[k] === v)).length,
		readyReplicas: pods.filter(isReady).length,
		availableReplicas: pods.filter(pod => isAvailable(pod, minReady, clock)).length,
		observedGeneration: current.metadata.generation ?? 1,
	}, ['replicas']));
}
