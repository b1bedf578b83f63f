// A minimal OpenAPI v3 document per group version: just enough for kubectl (create/apply, client
// dry-run) to see that the server validates fields itself (`fieldValidation` on PATCH), so it skips
// client-side schema validation that would need the full schemas.
import {apiGroups, resources, type ResourceInfo} from './resources.js';

const hash = 'initk9demo1';

/** `api/v1`, `apis/apps/v1`, … → the resources of that group version. */
function groupVersionPaths(): Map<string, ResourceInfo[]> {
	const paths = new Map<string, ResourceInfo[]>([['api/v1', resources.filter(r => r.group === '')]]);
	for (const group of apiGroups()) paths.set(`apis/${group.name}/${group.version}`, group.resources);
	return paths;
}

export function openapiRoot(): object {
	const paths: Record<string, object> = {};
	for (const path of groupVersionPaths().keys()) paths[path] = {serverRelativeURL: `/openapi/v3/${path}?hash=${hash}`};
	return {paths};
}

/** The document of `/openapi/v3/<path>`, or undefined for an unknown path. */
export function openapiGroupVersion(path: string): object | undefined {
	const infos = groupVersionPaths().get(path);
	if (!infos) return undefined;
	const paths: Record<string, object> = {};
	for (const info of infos) {
		const item = info.namespaced ? `/${path}/namespaces/{namespace}/${info.resource}/{name}` : `/${path}/${info.resource}/{name}`;
		const gvk = {group: info.group, version: info.version, kind: info.kind};
		const operation = (action: string) => ({
			operationId: `${action}${info.namespaced ? 'Namespaced' : ''}${info.kind}`,
			'x-kubernetes-action': action,
			'x-kubernetes-group-version-kind': gvk,
			parameters: [
				{name: 'dryRun', in: 'query', schema: {type: 'string', uniqueItems: true}},
				{name: 'fieldManager', in: 'query', schema: {type: 'string', uniqueItems: true}},
				{name: 'fieldValidation', in: 'query', schema: {type: 'string', uniqueItems: true}},
			],
			responses: {'200': {description: 'OK'}},
		});
		paths[item] = {get: operation('get'), put: operation('put'), patch: operation('patch'), delete: operation('delete')};
	}
	return {openapi: '3.0.0', info: {title: 'Kubernetes', version: 'v1.32.0'}, paths, components: {schemas: {}}};
}
