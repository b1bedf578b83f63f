// The StatefulSet controller (pkg/controller/statefulset): pods `<sts>-0 … <sts>-N-1` with stable
// names; OrderedReady (the default) creates ordinal i only once every lower ordinal is Running and
// Ready, and scales down from the highest; Parallel creates them all at once. A template change
// rolls pods from the highest ordinal down, one at a time, each waiting for the rest to be Ready.
import type {Pod} from '../../source/model/k8s-types.js';
import type {ClusterStore} from '../store.js';
import {computeHash} from './hash.js';
import {asWorkload, createPodFromTemplate, deletePod, isAvailable, isReady, ownedBy, ownerReference, withoutZeros, writeStatus, type ClusterClock} from './pods.js';
import {recordEvent} from './events.js';
import type {WorkloadObject} from './types.js';

const REVISION_LABEL = 'controller-revision-hash';

const ordinalOf = (sts: WorkloadObject, pod: Pod) => {
	const match = new RegExp(`^${sts.metadata.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`).exec(pod.metadata.name);
	return match ? Number(match[1]) : -1;
};
const runningAndReady = (pod: Pod) => pod.status?.phase === 'Running' && isReady(pod);
const revisionOfPod = (pod: Pod) => pod.metadata.labels?.[REVISION_LABEL];

export function syncStatefulSet(store: ClusterStore, clock: ClusterClock, sts: WorkloadObject): void {
	const namespace = sts.metadata.namespace ?? 'default';
	const replicas = sts.spec?.replicas ?? 1;
	const parallel = sts.spec?.podManagementPolicy === 'Parallel';
	const updateRevision = `${sts.metadata.name}-${computeHash(sts.spec?.template, sts.status?.collisionCount ?? 0)}`;
	const pods = new Map<number, Pod>();
	for (const pod of ownedBy<Pod>(store, 'pods', namespace, sts.metadata.uid ?? '')) {
		const ordinal = ordinalOf(sts, pod);
		if (ordinal >= 0) pods.set(ordinal, pod);
	}
	const owner = ownerReference('StatefulSet', 'apps/v1', sts);
	const target = {kind: 'StatefulSet', apiVersion: 'apps/v1', object: sts};
	const create = (ordinal: number) => {
		const name = `${sts.metadata.name}-${ordinal}`;
		const pod = createPodFromTemplate(store, namespace, sts.spec?.template ?? {}, owner, {
			name,
			labels: {[REVISION_LABEL]: updateRevision, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(ordinal)},
			spec: {hostname: name, ...(sts.spec?.serviceName ? {subdomain: sts.spec.serviceName} : {})},
		});
		pods.set(ordinal, pod);
		recordEvent(store, 'statefulset-controller', target, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${sts.metadata.name} successful`);
	};
	const remove = (pod: Pod) => {
		deletePod(store, pod);
		recordEvent(store, 'statefulset-controller', target, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} successful`);
	};

	let blocked = false;
	for (let ordinal = 0; ordinal < replicas; ordinal++) {
		const pod = pods.get(ordinal);
		if (pod?.status?.phase === 'Failed') {
			// A failed pod is deleted and recreated.
			remove(pod);
			pods.delete(ordinal);
			if (!parallel) break;
			continue;
		}
		if (!pod) {
			if (blocked) break;
			create(ordinal);
			if (!parallel) break;
			continue;
		}
		if (!parallel && !runningAndReady(pod)) {
			blocked = true;
			break;
		}
	}
	if (!blocked) {
		// Scale down: the highest ordinal first, once everything below is Running and Ready.
		const extra = [...pods.keys()].filter(ordinal => ordinal >= replicas).sort((a, b) => b - a);
		for (const ordinal of parallel ? extra : extra.slice(0, 1)) {
			remove(pods.get(ordinal)!);
			pods.delete(ordinal);
		}
	}
	const allReady = [...Array(replicas).keys()].every(ordinal => pods.has(ordinal) && runningAndReady(pods.get(ordinal)!));
	const partition = sts.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
	if (allReady && sts.spec?.updateStrategy?.type !== 'OnDelete') {
		// Rolling update: the highest ordinal not yet on the update revision is replaced.
		const stale = [...pods.entries()].filter(([ordinal, pod]) => ordinal >= partition && ordinal < replicas && revisionOfPod(pod) !== updateRevision).sort((a, b) => b[0] - a[0])[0];
		if (stale) {
			remove(stale[1]);
			pods.delete(stale[0]);
		}
	}

	const fresh = store.get('statefulsets', namespace, sts.metadata.name);
	if (!fresh) return;
	const current = asWorkload(fresh);
	const list = [...pods.values()];
	const updated = list.filter(pod => revisionOfPod(pod) === updateRevision).length;
	const previous = current.status?.currentRevision ?? updateRevision;
	const currentRevision = updated === replicas && list.length === replicas && list.every(runningAndReady) ? updateRevision : previous;
	writeStatus(store, 'statefulsets', current, withoutZeros({
		observedGeneration: current.metadata.generation ?? 1,
		replicas: list.length,
		readyReplicas: list.filter(isReady).length,
		currentReplicas: list.filter(pod => revisionOfPod(pod) === currentRevision).length,
		updatedReplicas: updated,
		currentRevision,
		updateRevision,
		collisionCount: current.status?.collisionCount ?? 0,
		availableReplicas: list.filter(pod => isAvailable(pod, current.spec?.minReadySeconds ?? 0, clock)).length,
	}, ['replicas', 'availableReplicas', 'collisionCount']));
}
