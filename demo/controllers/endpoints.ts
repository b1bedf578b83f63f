// The Endpoints controller: for every Service with a selector, its Endpoints list the matching
// pods' IPs (Ready ones under `addresses`, the rest under `notReadyAddresses`). Services without
// a selector keep the Endpoints someone wrote by hand.
import type {Endpoints, Pod, Service} from '../../source/model/k8s-types.js';
import type {ClusterStore, StoredObject} from '../store.js';
import {isReady, isTerminating} from './pods.js';

export function syncEndpoints(store: ClusterStore, service: Service): void {
	const selector = service.spec?.selector;
	if (!selector || Object.keys(selector).length === 0) return;
	const namespace = service.metadata.namespace ?? 'default';
	const pods = (store.list('pods', namespace).items as unknown as Pod[]).filter(pod => pod.status?.podIP && !isTerminating(pod) && Object.entries(selector).every(([k, v]) => pod.metadata.labels?.[k] === v));
	const address = (pod: Pod) => ({ip: pod.status!.podIP!, ...(pod.spec.nodeName ? {nodeName: pod.spec.nodeName} : {}), targetRef: {kind: 'Pod', namespace, name: pod.metadata.name, uid: pod.metadata.uid}});
	const ready = pods.filter(isReady).map(address);
	const notReady = pods.filter(pod => !isReady(pod)).map(address);
	const ports = (service.spec?.ports ?? []).map(port => ({...(port.name ? {name: port.name} : {}), port: typeof port.targetPort === 'number' ? port.targetPort : port.port, protocol: port.protocol ?? 'TCP'}));
	const subsets = ready.length + notReady.length === 0 ? [] : [{...(ready.length ? {addresses: ready} : {}), ...(notReady.length ? {notReadyAddresses: notReady} : {}), ports}];
	const existing = store.get('endpoints', namespace, service.metadata.name) as unknown as Endpoints | undefined;
	if (existing && JSON.stringify(existing.subsets ?? []) === JSON.stringify(subsets)) return;
	const endpoints = {metadata: {name: service.metadata.name, namespace, labels: service.metadata.labels ?? {}}, ...(subsets.length ? {subsets} : {})};
	store.put('endpoints', endpoints as unknown as StoredObject);
}
