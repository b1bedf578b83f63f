// The Endpoints controller: for every Service with a selector, its Endpoints list the matching
// pods' IPs (Ready ones under `addresses`, the rest under `notReadyAddresses`). Endpoints someone
// wrote by hand (no `last-change-trigger-time` annotation) are left alone while no pod matches,
// so scenarios and tests can still stand in for a backend that is not a pod of the cluster.
import type {Endpoints, Pod, Service} from '../../source/model/k8s-types.js';
import {nowRfc3339, type ClusterStore, type StoredObject} from '../store.js';
import {isReady, isTerminating} from './pods.js';

const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

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
	const managed = existing?.metadata.annotations?.[TRIGGER_TIME] !== undefined;
	if (pods.length === 0 && !managed) return;
	if (existing && managed && JSON.stringify(existing.subsets ?? []) === JSON.stringify(subsets)) return;
	const metadata = {name: service.metadata.name, namespace, labels: service.metadata.labels ?? {}, annotations: {[TRIGGER_TIME]: nowRfc3339()}};
	const endpoints = {metadata, ...(subsets.length ? {subsets} : {})};
	store.put('endpoints', endpoints as unknown as StoredObject);
}
