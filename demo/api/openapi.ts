// A minimal OpenAPI v3 document: just enough for kubectl (create/apply, client dry-run) to see
// that the server validates fields itself (`fieldValidation` on PATCH), so it skips client-side
// schema validation that would need the full schemas.
import {resources} from './resources.js';

const hash = 'initk9demo1';

export function openapiRoot(): object {
	return {paths: {'api/v1': {serverRelativeURL: `/openapi/v3/api/v1?hash=${hash}`}}};
}

export function openapiCoreV1(): object {
	const paths: Record<string, object> = {};
	for (const info of resources) {
		const item = info.namespaced ? `/api/v1/namespaces/{namespace}/${info.resource}/{name}` : `/api/v1/${info.resource}/{name}`;
		const gvk = {group: '', version: 'v1', kind: info.kind};
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
