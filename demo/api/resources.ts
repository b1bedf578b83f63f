// The resources the demo API server serves: their kinds, scope, verbs and short names.
import type {Kind} from '../store.js';

export interface ResourceInfo {
	resource: Kind;
	kind: string;
	listKind: string;
	namespaced: boolean;
	shortNames?: string[];
	/** Clients may POST and DELETE these. */
	writable: boolean;
}

const readVerbs = ['get', 'list', 'watch'];
const writeVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const resources: ReadonlyArray<ResourceInfo> = [
	{resource: 'namespaces', kind: 'Namespace', listKind: 'NamespaceList', namespaced: false, shortNames: ['ns'], writable: true},
	{resource: 'nodes', kind: 'Node', listKind: 'NodeList', namespaced: false, shortNames: ['no'], writable: false},
	{resource: 'pods', kind: 'Pod', listKind: 'PodList', namespaced: true, shortNames: ['po'], writable: true},
	{resource: 'events', kind: 'Event', listKind: 'EventList', namespaced: true, shortNames: ['ev'], writable: true},
	{resource: 'services', kind: 'Service', listKind: 'ServiceList', namespaced: true, shortNames: ['svc'], writable: true},
	{resource: 'endpoints', kind: 'Endpoints', listKind: 'EndpointsList', namespaced: true, shortNames: ['ep'], writable: true},
	{resource: 'configmaps', kind: 'ConfigMap', listKind: 'ConfigMapList', namespaced: true, shortNames: ['cm'], writable: true},
];

export const resourceByName = new Map<string, ResourceInfo>(resources.map(r => [r.resource, r]));

/** `/api/v1` APIResourceList. */
export function coreResourceList(): object {
	const list: object[] = [];
	for (const r of resources) {
		list.push({
			name: r.resource,
			singularName: r.kind.toLowerCase(),
			namespaced: r.namespaced,
			kind: r.kind,
			verbs: r.writable ? writeVerbs : readVerbs,
			...(r.shortNames ? {shortNames: r.shortNames} : {}),
			...(r.resource === 'pods' ? {categories: ['all']} : {}),
			...(r.resource === 'services' ? {categories: ['all']} : {}),
		});
		if (r.resource === 'pods') {
			list.push({name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get']});
			list.push({name: 'pods/status', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get', 'patch', 'update']});
		}
		if (r.resource === 'namespaces') {
			list.push({name: 'namespaces/status', singularName: '', namespaced: false, kind: 'Namespace', verbs: ['get', 'patch', 'update']});
		}
	}
	return {kind: 'APIResourceList', groupVersion: 'v1', resources: list};
}

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
