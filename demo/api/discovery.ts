// Discovery documents (`/version`, `/api`, `/apis`, `/api/v1`, `/apis/<group>[/<version>]`): the
// legacy (unaggregated) forms, generated from the resource registry. kubectl asks for aggregated
// discovery first and falls back to these when the answer is not an APIGroupDiscoveryList.
import {apiGroups, coreResourceList, resourceList, versionInfo} from './resources.js';

const serverAddress = [{clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1'}];

function apiGroup(name: string, version: string): object {
	const groupVersion = {groupVersion: `${name}/${version}`, version};
	return {name, versions: [groupVersion], preferredVersion: groupVersion};
}

function groupDocuments(): Record<string, () => object> {
	const documents: Record<string, () => object> = {};
	for (const group of apiGroups()) {
		documents[`/apis/${group.name}`] = () => ({kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group.name, group.version)});
		documents[`/apis/${group.name}/${group.version}`] = () => resourceList(group.name, group.version);
	}
	return documents;
}

export const discovery: Record<string, () => object> = {
	'/version': () => versionInfo,
	'/api': () => ({kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: serverAddress}),
	'/api/v1': coreResourceList,
	'/apis': () => ({kind: 'APIGroupList', apiVersion: 'v1', groups: apiGroups().map(group => apiGroup(group.name, group.version))}),
	...groupDocuments(),
	'/healthz': () => ({}),
	'/livez': () => ({}),
	'/readyz': () => ({}),
};
