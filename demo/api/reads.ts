// list and get of the core/v1 resources (JSON or Table), with selectors and pagination.
import type {ClusterStore, StoredObject} from '../store.js';
import {toTable} from '../table.js';
import {existingObject, objectKey, withKind, withoutKind} from './objects.js';
import type {ResourceInfo} from './resources.js';
import {fieldMatcher, labelMatcher} from './selectors.js';
import {ApiError, badRequest} from './status.js';
import {queryInt} from './http.js';

export interface ListRequest {
	info: ResourceInfo;
	namespace: string | undefined;
	query: URLSearchParams;
	table: boolean;
}

interface ContinueToken {
	rv: number;
	/** The key (namespace/name) of the last item already returned. */
	start: string;
}

const encodeContinue = (token: ContinueToken) => Buffer.from(JSON.stringify({v: 'meta.k8s.io/v1', rv: token.rv, start: token.start})).toString('base64url');

function decodeContinue(text: string): ContinueToken {
	try {
		const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as {rv?: unknown; start?: unknown};
		if (typeof parsed.rv === 'number' && typeof parsed.start === 'string') return {rv: parsed.rv, start: parsed.start};
	} catch {
		// fall through
	}
	throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

const tooOldContinue =
	'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

export function listObjects(store: ClusterStore, request: ListRequest): object {
	const {info, namespace, query} = request;
	const labels = labelMatcher(query.get('labelSelector'));
	const fields = fieldMatcher(info.resource, query.get('fieldSelector'));
	const limit = queryInt(query, 'limit') ?? 0;
	const continueParam = query.get('continue');
	const rvMatch = query.get('resourceVersionMatch');
	const rvParam = query.get('resourceVersion');
	if (rvMatch && !rvParam) throw new ApiError(422, `ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided`);
	if (rvMatch === 'Exact' && rvParam && rvParam !== '0' && store.isExpired(Number(rvParam))) {
		throw new ApiError(410, 'The resourceVersion for the provided list is too old.', 'Expired');
	}
	let start: string | undefined;
	let listRv = Number(store.resourceVersion);
	if (continueParam) {
		const token = decodeContinue(continueParam);
		if (store.isExpired(token.rv)) {
			throw new ApiError(410, tooOldContinue, 'Expired');
		}
		start = token.start;
		listRv = token.rv;
	}
	const selected: StoredObject[] = [];
	for (const object of store.list(info.resource, namespace).items) {
		if (start !== undefined && objectKey(object) <= start) continue;
		if (labels(object) && fields(object)) selected.push(object);
	}
	selected.sort((a, b) => {
		const ka = objectKey(a);
		const kb = objectKey(b);
		return ka < kb ? -1 : ka > kb ? 1 : 0;
	});
	const metadata: {resourceVersion: string; continue?: string; remainingItemCount?: number} = {resourceVersion: String(listRv)};
	let page = selected;
	if (limit > 0 && selected.length > limit) {
		page = selected.slice(0, limit);
		metadata.continue = encodeContinue({rv: listRv, start: objectKey(page[page.length - 1]!)});
		metadata.remainingItemCount = selected.length - limit;
	}
	if (request.table) return toTable(info.resource, info.kind, page, metadata, {includeObject: query.get('includeObject') ?? 'Metadata', withColumns: true});
	return {kind: info.listKind, apiVersion: 'v1', metadata, items: page.map(withoutKind)};
}

export function getObject(store: ClusterStore, info: ResourceInfo, namespace: string | undefined, name: string, table: boolean, query: URLSearchParams): object {
	const object = existingObject(store, info, namespace, name);
	if (table) return toTable(info.resource, info.kind, [object], {resourceVersion: store.resourceVersion}, {includeObject: query.get('includeObject') ?? 'Metadata', withColumns: true});
	return withKind(info, object);
}

