// Where the simulated kubelet reads and writes. Async so that the same kubelet can drive the
// demo's in-memory store or a real kube-apiserver over HTTP (issue 8 writes httpBackend).
import type {Endpoints, KubeEvent, Pod, PodStatus, Service} from '../source/model/k8s-types.js';
import {qosClass} from './kubelet/qos.js';
import {resourceByName} from './api/resources.js';
import {createObject, deleteObject, patchObject} from './api/writes.js';
import {ClusterStore, type StoredObject} from './store.js';

/** The log store's write side (demo/logs.ts LogStore has this shape). */
export interface LogSink {
	append(namespace: string, pod: string, container: string, containerID: string, text: string, at?: number): void;
}

export interface ConfigMapData {
	data?: Record<string, string>;
}

export interface ClusterBackend {
	ensureNamespace(name: string): Promise<void>;
	/** Returns the stored pod (uid, creationTimestamp set). */
	createPod(pod: Pod): Promise<Pod>;
	getPod(namespace: string, name: string): Promise<Pod | undefined>;
	/** Replaces the pod's status (the `pods/status` subresource); `annotations` are merged into metadata when given. */
	updatePodStatus(namespace: string, name: string, status: PodStatus, annotations?: Record<string, string>): Promise<Pod | undefined>;
	deletePod(namespace: string, name: string): Promise<void>;
	listPods(namespace?: string): Promise<Pod[]>;
	/** Create or replace by name. */
	upsertEvent(event: KubeEvent): Promise<void>;
	getService(namespace: string, name: string): Promise<Service | undefined>;
	getEndpoints(namespace: string, name: string): Promise<Endpoints | undefined>;
	getConfigMap(namespace: string, name: string): Promise<ConfigMapData | undefined>;
	appendLog(namespace: string, pod: string, container: string, containerID: string, text: string, at: number): void;
	/** Binds an unscheduled pod to a node (the scheduler's `pods/binding`). Optional: without it the kubelet leaves nodeName unset. */
	bindPod?(namespace: string, name: string, nodeName: string): Promise<Pod | undefined>;
	/** Scenarios create and remove the Services their init containers wait for. */
	upsertService?(service: Service): Promise<void>;
	upsertEndpoints?(endpoints: Endpoints): Promise<void>;
	deleteService?(namespace: string, name: string): Promise<void>;
	deleteEndpoints?(namespace: string, name: string): Promise<void>;
	/** Any kind of the registry through the API's own create path (defaults, generation); scenarios make workloads with it. */
	createObject?(resource: string, object: WireObject): Promise<WireObject>;
	getObject?(resource: string, namespace: string | undefined, name: string): Promise<WireObject | undefined>;
	/** A strategic merge patch, as `kubectl patch` sends it. */
	patchObject?(resource: string, namespace: string | undefined, name: string, patch: object): Promise<WireObject>;
	deleteObject?(resource: string, namespace: string | undefined, name: string): Promise<void>;
}

/** An object of any kind as the API sends it. */
export type WireObject = StoredObject;

const asStored = (object: {metadata: {name: string}; [key: string]: unknown}) => object as unknown as StoredObject;

function info(resource: string) {
	const found = resourceByName.get(resource);
	if (!found) throw new Error(`unknown resource ${resource}`);
	return found;
}

/** The demo server's backend: reads and writes the ClusterStore directly. */
export function memoryBackend(store: ClusterStore, logs: LogSink): ClusterBackend {
	return {
		async ensureNamespace(name) {
			if (store.get('namespaces', undefined, name)) return;
			// As the API server stores it: the immutable name label, the kubernetes finalizer, Active.
			store.create('namespaces', {apiVersion: 'v1', kind: 'Namespace', metadata: {name, labels: {'kubernetes.io/metadata.name': name}}, spec: {finalizers: ['kubernetes']}, status: {phase: 'Active'}});
		},
		async createPod(pod) {
			// As the API server defaults it: a new pod is Pending with its QoS class.
			const status = pod.status ?? {phase: 'Pending', qosClass: qosClass(pod)};
			return store.create('pods', asStored({apiVersion: 'v1', kind: 'Pod', ...pod, status})) as unknown as Pod;
		},
		async getPod(namespace, name) {
			return store.get('pods', namespace, name) as unknown as Pod | undefined;
		},
		async updatePodStatus(namespace, name, status, annotations) {
			const updated = store.update('pods', namespace, name, draft => {
				draft['status'] = status;
				if (annotations) {
					const meta = draft.metadata as {annotations?: Record<string, string>};
					meta.annotations = {...meta.annotations, ...annotations};
				}
			});
			return updated as unknown as Pod | undefined;
		},
		async deletePod(namespace, name) {
			store.delete('pods', namespace, name);
		},
		async listPods(namespace) {
			return store.list('pods', namespace).items as unknown as Pod[];
		},
		async upsertEvent(event) {
			store.put('events', asStored({apiVersion: 'v1', kind: 'Event', ...event}));
		},
		async getService(namespace, name) {
			return store.get('services', namespace, name) as unknown as Service | undefined;
		},
		async getEndpoints(namespace, name) {
			return store.get('endpoints', namespace, name) as unknown as Endpoints | undefined;
		},
		async getConfigMap(namespace, name) {
			return store.get('configmaps', namespace, name) as unknown as ConfigMapData | undefined;
		},
		appendLog(namespace, pod, container, containerID, text, at) {
			logs.append(namespace, pod, container, containerID, text, at);
		},
		async bindPod(namespace, name, nodeName) {
			return store.update('pods', namespace, name, draft => {
				(draft['spec'] as {nodeName?: string}).nodeName = nodeName;
			}) as unknown as Pod | undefined;
		},
		async upsertService(service) {
			store.put('services', asStored({apiVersion: 'v1', kind: 'Service', ...service}));
		},
		async upsertEndpoints(endpoints) {
			store.put('endpoints', asStored({apiVersion: 'v1', kind: 'Endpoints', ...endpoints}));
		},
		async deleteService(namespace, name) {
			store.delete('services', namespace, name);
		},
		async deleteEndpoints(namespace, name) {
			store.delete('endpoints', namespace, name);
		},
		async createObject(resource, object) {
			return createObject(store, info(resource), object.metadata.namespace, JSON.stringify(object), false);
		},
		async getObject(resource, namespace, name) {
			return store.get(resource, namespace, name);
		},
		async patchObject(resource, namespace, name, patch) {
			return patchObject(store, info(resource), namespace, name, 'application/strategic-merge-patch+json', JSON.stringify(patch), false);
		},
		async deleteObject(resource, namespace, name) {
			if (store.get(resource, namespace, name)) deleteObject(store, info(resource), namespace, name, false);
		},
	};
}
