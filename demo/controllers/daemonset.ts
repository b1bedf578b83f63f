// The DaemonSet controller (pkg/controller/daemon): one pod per node, pinned to its node by a
// required node affinity on metadata.name (the default scheduler then binds it), with the
// daemon tolerations; a template change replaces pods node by node within maxUnavailable.
import type {Pod} from '../../source/model/k8s-types.js';
import type {ClusterStore} from '../store.js';
import {computeHash} from './hash.js';
import {asWorkload, createPodFromTemplate, deletePod, isAvailable, isReady, ownedBy, ownerReference, scaledValue, writeStatus, type ClusterClock} from './pods.js';
import {recordEvent} from './events.js';
import type {WorkloadObject} from './types.js';

const daemonTolerations = [
	{key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute'},
	{key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute'},
	{key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule'},
	{key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule'},
	{key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule'},
	{key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule'},
];

/** The node a daemon pod is for: its nodeName, else the node its affinity requires. */
export function daemonPodNode(pod: Pod): string | undefined {
	if (pod.spec.nodeName) return pod.spec.nodeName;
	const affinity = pod.spec.affinity as {nodeAffinity?: {requiredDuringSchedulingIgnoredDuringExecution?: {nodeSelectorTerms?: Array<{matchFields?: Array<{key: string; operator: string; values?: string[]}>}>}}} | undefined;
	const field = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.find(f => f.key === 'metadata.name' && f.operator === 'In');
	return field?.values?.[0];
}

function nodeAffinity(node: string) {
	return {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchFields: [{key: 'metadata.name', operator: 'In', values: [node]}]}]}}};
}

export function syncDaemonSet(store: ClusterStore, clock: ClusterClock, ds: WorkloadObject): void {
	const namespace = ds.metadata.namespace ?? 'default';
	const nodes = store.list('nodes').items.map(node => node.metadata.name).sort();
	const hash = computeHash(ds.spec?.template, ds.status?.collisionCount);
	const generation = String(ds.metadata.generation ?? 1);
	const owner = ownerReference('DaemonSet', 'apps/v1', ds);
	const target = {kind: 'DaemonSet', apiVersion: 'apps/v1', object: ds};
	const remove = (pod: Pod) => {
		deletePod(store, pod);
		recordEvent(store, 'daemonset-controller', target, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
	};
	const byNode = new Map<string, Pod>();
	for (const pod of ownedBy<Pod>(store, 'pods', namespace, ds.metadata.uid ?? '')) {
		const node = daemonPodNode(pod);
		if (!node || !nodes.includes(node) || byNode.has(node)) remove(pod);
		else byNode.set(node, pod);
	}
	for (const node of nodes) {
		const pod = byNode.get(node);
		if (pod?.status?.phase === 'Failed') {
			remove(pod);
			byNode.delete(node);
		}
		if (!byNode.has(node)) {
			const template = ds.spec?.template ?? {};
			const created = createPodFromTemplate(store, namespace, template, owner, {
				generateName: `${ds.metadata.name}-`,
				labels: {'controller-revision-hash': hash, 'pod-template-generation': generation},
				spec: {affinity: nodeAffinity(node), tolerations: [...((template.spec?.tolerations as object[] | undefined) ?? []), ...daemonTolerations]},
			});
			byNode.set(node, created);
			recordEvent(store, 'daemonset-controller', target, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
		}
	}
	const minReady = ds.spec?.minReadySeconds ?? 0;
	const pods = [...byNode.values()];
	const maxUnavailable = Math.max(1, scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, nodes.length, false));
	if (ds.spec?.updateStrategy?.type !== 'OnDelete') {
		const unavailable = pods.filter(pod => !isAvailable(pod, minReady, clock)).length;
		const stale = pods.filter(pod => pod.metadata.labels?.['controller-revision-hash'] !== hash);
		// Unavailable stale pods go first; then available ones within maxUnavailable.
		let budget = maxUnavailable - unavailable;
		for (const pod of stale.sort((a, b) => Number(isAvailable(a, minReady, clock)) - Number(isAvailable(b, minReady, clock)))) {
			if (isAvailable(pod, minReady, clock)) {
				if (budget <= 0) break;
				budget--;
			}
			remove(pod);
			byNode.delete(daemonPodNode(pod)!);
		}
	}
	const fresh = store.get('daemonsets', namespace, ds.metadata.name);
	if (!fresh) return;
	const current = asWorkload(fresh);
	const live = [...byNode.values()];
	const available = live.filter(pod => isAvailable(pod, minReady, clock)).length;
	const status: Record<string, unknown> = {
		currentNumberScheduled: live.length,
		numberMisscheduled: 0,
		desiredNumberScheduled: nodes.length,
		numberReady: live.filter(isReady).length,
		observedGeneration: current.metadata.generation ?? 1,
		updatedNumberScheduled: live.filter(pod => pod.metadata.labels?.['controller-revision-hash'] === hash).length,
	};
	if (available > 0) status.numberAvailable = available;
	if (nodes.length - available > 0) status.numberUnavailable = nodes.length - available;
	writeStatus(store, 'daemonsets', current, status);
}
