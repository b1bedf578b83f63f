// The resource registry: every kind the demo API server serves is one entry here — its group,
// version, names, scope, short names, categories, printer (the `kubectl get` columns), field
// selectors, subresources and API-server defaulting. The store, discovery, the router, OpenAPI,
// list/watch/Table and the writes all read it; adding a kind is adding an entry.
import {corePrinters} from '../printers/core.js';
import {storagePrinters} from '../printers/storage.js';
import {daemonSetPrinter, deploymentPrinter, jobPrinter, replicaSetPrinter, statefulSetPrinter} from '../printers/workloads.js';
import type {StoredObject} from '../store.js';
import type {Printer} from '../table.js';
import {defaultClaim, defaultDaemonSet, defaultDeployment, defaultJob, defaultPod, defaultReplicaSet, defaultService, defaultStatefulSet, defaultStorageClass} from './defaults.js';

export type Subresource = 'status' | 'scale' | 'log';

export interface ResourceInfo {
	/** '' for the core group. */
	group: string;
	version: string;
	/** The plural, lower-case resource name (`deployments`). */
	resource: string;
	kind: string;
	listKind: string;
	namespaced: boolean;
	shortNames?: string[];
	categories?: string[];
	/** Clients may create, update, patch and delete these. */
	writable: boolean;
	subresources?: Subresource[];
	printer: Printer;
	/** Field selectors beyond metadata.name and metadata.namespace. */
	fieldLabels?: string[];
	/** API-server defaulting and validation on create (throws an ApiError when invalid). */
	defaults?(object: StoredObject): void;
	/** Spec changes bump metadata.generation (status writes never do). */
	generation?: boolean;
}

const podFieldLabels = ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'];
const eventFieldLabels = ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'];

const core = (entry: Omit<ResourceInfo, 'group' | 'version' | 'listKind'>): ResourceInfo => ({group: '', version: 'v1', listKind: `${entry.kind}List`, ...entry});
const apps = (entry: Omit<ResourceInfo, 'group' | 'version' | 'listKind' | 'namespaced' | 'writable'>): ResourceInfo =>
	({group: 'apps', version: 'v1', listKind: `${entry.kind}List`, namespaced: true, writable: true, generation: true, categories: ['all'], ...entry});

export const resources: ReadonlyArray<ResourceInfo> = [
	core({resource: 'namespaces', kind: 'Namespace', namespaced: false, shortNames: ['ns'], writable: true, subresources: ['status'], printer: corePrinters.namespaces, fieldLabels: ['status.phase'], defaults: object => void (object.status ??= {phase: 'Active'})}),
	core({resource: 'nodes', kind: 'Node', namespaced: false, shortNames: ['no'], writable: false, printer: corePrinters.nodes, fieldLabels: ['spec.unschedulable']}),
	core({resource: 'pods', kind: 'Pod', namespaced: true, shortNames: ['po'], categories: ['all'], writable: true, subresources: ['log', 'status'], printer: corePrinters.pods, fieldLabels: podFieldLabels, defaults: defaultPod}),
	core({resource: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'], writable: true, printer: corePrinters.events, fieldLabels: eventFieldLabels}),
	core({resource: 'services', kind: 'Service', namespaced: true, shortNames: ['svc'], categories: ['all'], writable: true, subresources: ['status'], printer: corePrinters.services, defaults: defaultService}),
	core({resource: 'endpoints', kind: 'Endpoints', namespaced: true, shortNames: ['ep'], writable: true, printer: corePrinters.endpoints}),
	core({resource: 'configmaps', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'], writable: true, printer: corePrinters.configmaps}),
	core({resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', namespaced: true, shortNames: ['pvc'], writable: true, subresources: ['status'], printer: storagePrinters.persistentvolumeclaims, defaults: defaultClaim}),
	core({resource: 'secrets', kind: 'Secret', namespaced: true, writable: true, printer: corePrinters.secrets, fieldLabels: ['type'], defaults: object => void (object.type ??= 'Opaque')}),
	apps({resource: 'deployments', kind: 'Deployment', shortNames: ['deploy'], subresources: ['status', 'scale'], printer: deploymentPrinter, defaults: defaultDeployment}),
	apps({resource: 'replicasets', kind: 'ReplicaSet', shortNames: ['rs'], subresources: ['status', 'scale'], printer: replicaSetPrinter, defaults: defaultReplicaSet}),
	apps({resource: 'statefulsets', kind: 'StatefulSet', shortNames: ['sts'], subresources: ['status', 'scale'], printer: statefulSetPrinter, defaults: defaultStatefulSet}),
	apps({resource: 'daemonsets', kind: 'DaemonSet', shortNames: ['ds'], subresources: ['status'], printer: daemonSetPrinter, defaults: defaultDaemonSet}),
	{group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses', kind: 'StorageClass', listKind: 'StorageClassList', namespaced: false, shortNames: ['sc'], writable: true, printer: storagePrinters.storageclasses, defaults: defaultStorageClass},
	{group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job', listKind: 'JobList', namespaced: true, writable: true, generation: true, categories: ['all'], subresources: ['status'], printer: jobPrinter, fieldLabels: ['status.successful'], defaults: defaultJob},
];

export const resourceByName = new Map<string, ResourceInfo>(resources.map(r => [r.resource, r]));

/** `v1`, `apps/v1`, `batch/v1`. */
export const apiVersionOf = (info: Pick<ResourceInfo, 'group' | 'version'>) => (info.group ? `${info.group}/${info.version}` : info.version);

/** The entry a request path names: `('', 'v1', 'pods')`, `('apps', 'v1', 'deployments')`. */
export function resourceAt(group: string, version: string, resource: string): ResourceInfo | undefined {
	const info = resourceByName.get(resource);
	return info && info.group === group && info.version === version ? info : undefined;
}

export function isClusterScoped(resource: string): boolean {
	return resourceByName.get(resource)?.namespaced === false;
}

/** The API groups besides core, in discovery order, with their versions' resources. */
export function apiGroups(): Array<{name: string; version: string; resources: ResourceInfo[]}> {
	const groups = new Map<string, {name: string; version: string; resources: ResourceInfo[]}>();
	for (const info of resources) {
		if (!info.group) continue;
		const key = `${info.group}/${info.version}`;
		if (!groups.has(key)) groups.set(key, {name: info.group, version: info.version, resources: []});
		groups.get(key)!.resources.push(info);
	}
	return [...groups.values()];
}

const readVerbs = ['get', 'list', 'watch'];
const writeVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** The APIResourceList of one group version (`/api/v1`, `/apis/apps/v1`). */
export function resourceList(group: string, version: string): object {
	const list: object[] = [];
	for (const r of resources) {
		if (r.group !== group || r.version !== version) continue;
		list.push({
			name: r.resource,
			singularName: r.kind.toLowerCase(),
			namespaced: r.namespaced,
			kind: r.kind,
			verbs: r.writable ? writeVerbs : readVerbs,
			...(r.shortNames ? {shortNames: r.shortNames} : {}),
			...(r.categories ? {categories: r.categories} : {}),
		});
		for (const sub of r.subresources ?? []) {
			if (sub === 'log') list.push({name: `${r.resource}/log`, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: ['get']});
			if (sub === 'status') list.push({name: `${r.resource}/status`, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: ['get', 'patch', 'update']});
			if (sub === 'scale') list.push({name: `${r.resource}/scale`, singularName: '', namespaced: r.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update']});
		}
	}
	return {kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf({group, version}), resources: list};
}

/** `/api/v1` APIResourceList. */
export const coreResourceList = () => resourceList('', 'v1');

export const versionInfo = {
	major: '1',
	minor: '32',
	gitVersion: 'v1.32.0-initk9-demo',
	gitCommit: '0000000000000000000000000000000000000000',
	gitTreeState: 'clean',
	buildDate: '2026-01-01T00:00:00Z',
	goVersion: 'go1.23.4',
	compiler: 'gc',
	platform: 'linux/amd64',
};
