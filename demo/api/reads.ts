// list and get of the core/v1 resources (JSON or Table), with selectors and snapshot-consistent pagination.
import {lowerBound, snapshotsOf, type Snapshot} from '../list-snapshots.js';
import type {ClusterStore, Kind, StoredObject} from '../store.js';
import {toTable} from '../table.js';
import {ContinueExpired, decodeContinue, encodeContinue} from './continue-token.js';
import {existingObject, withKind, withoutKind} from './objects.js';
import {apiVersionOf, type ResourceInfo} from './resources.js';
import {fieldMatcher, labelMatcher} from './selectors.js';
import {ApiError, badRequest} from './status.js';
import {queryInt} from './http.js';

export interface ListRequest {
	info: ResourceInfo;
	namespace: string | undefined;
	query: URLSearchParams;
	table: boolean;
}

type ListMetadata = {resourceVersion: string; continue?: string; remainingItemCount?: number};

/** 422 on the ListOptions, like ValidateListOptions (one error, or several in brackets). */
function invalidListOptions(errors: string[]): ApiError {
	const causes = errors.map(message => ({type: 'FieldValueForbidden', message: `Forbidden: ${message}`, field: 'resourceVersionMatch'}));
	const text = errors.map(message => `resourceVersionMatch: Forbidden: ${message}`);
	const joined = text.length === 1 ? text[0]! : `[${text.join(', ')}]`;
	return new ApiError(422, `ListOptions.meta.k8s.io "" is invalid: ${joined}`, 'Invalid', {kind: 'ListOptions', group: 'meta.k8s.io', causes});
}

function validateListOptions(rvParam: string, rvMatch: string, continueParam: string): void {
	if (!rvMatch) return;
	const errors: string[] = [];
	if (!rvParam) errors.push('resourceVersionMatch is forbidden unless resourceVersion is provided');
	if (continueParam) errors.push('resourceVersionMatch is forbidden when continue is provided');
	if (rvMatch === 'Exact' && rvParam === '0') errors.push('resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
	if (errors.length > 0) throw invalidListOptions(errors);
}

const tooLarge = (rv: number, current: string) =>
	new ApiError(504, `Timeout: Too large resource version: ${rv}, current: ${current}`, 'Timeout', {causes: [{type: 'ResourceVersionTooLarge', message: 'Too large resource version'}]});

/** Where a list reads from: its snapshot, and the key (absolute) it resumes at. */
interface ListSource {
	snapshot: Snapshot;
	startKey: string;
}

function listSource(store: ClusterStore, kind: Kind, prefix: string, query: URLSearchParams, limit: number): ListSource {
	const snapshots = snapshotsOf(store);
	const continueParam = query.get('continue') ?? '';
	const rvParam = query.get('resourceVersion') ?? '';
	const rvMatch = query.get('resourceVersionMatch') ?? '';
	validateListOptions(rvParam, rvMatch, continueParam);
	if (continueParam) {
		const token = decodeContinue(continueParam);
		if (rvParam && rvParam !== '0') throw badRequest('specifying resource version is not allowed when using continue');
		const startKey = prefix + token.start;
		// rv -1 (handed back with a 410): the rest of the list from the latest state.
		if (token.rv < 0) return {snapshot: snapshots.current(kind), startKey};
		const snapshot = snapshots.at(kind, token.rv);
		if (snapshot === 'expired') throw new ContinueExpired(token.start);
		if (snapshot === 'future') throw tooLarge(token.rv, store.resourceVersion);
		return {snapshot, startKey};
	}
	// An exact read: resourceVersionMatch=Exact, or (legacy) a resourceVersion with a limit.
	if (rvParam && rvParam !== '0' && (rvMatch === 'Exact' || (!rvMatch && limit > 0))) {
		const rv = Number(rvParam);
		if (!Number.isSafeInteger(rv) || rv < 0) throw badRequest(`invalid resource version: strconv.ParseUint: parsing ${JSON.stringify(rvParam)}: invalid syntax`);
		const snapshot = snapshots.at(kind, rv);
		if (snapshot === 'expired') throw new ApiError(410, 'The resourceVersion for the provided list is too old.', 'Expired');
		if (snapshot === 'future') throw tooLarge(rv, store.resourceVersion);
		return {snapshot, startKey: prefix};
	}
	return {snapshot: snapshots.current(kind), startKey: prefix};
}

/** The first key after every key that starts with `prefix` ('' = no prefix: the end). */
const prefixEnd = (prefix: string) => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/**
 * A list page as the watch cache cuts it (cacher.go GetList): from the snapshot at the first
 * page's resourceVersion, `limit` matching objects after the continue key; remainingItemCount only
 * without selectors (with them the server cannot count cheaply and leaves it out).
 */
export function listObjects(store: ClusterStore, request: ListRequest): object {
	const {info, namespace, query} = request;
	const labelSelector = query.get('labelSelector') ?? '';
	const fieldSelector = query.get('fieldSelector') ?? '';
	const labels = labelMatcher(labelSelector);
	const fields = fieldMatcher(info, fieldSelector);
	const selecting = labelSelector.trim() !== '' || fieldSelector.trim() !== '';
	let limit = Math.max(0, queryInt(query, 'limit') ?? 0);
	// The watch cache ignores the limit of a list from resourceVersion "0" (computeListLimit).
	if (query.get('resourceVersion') === '0' && !query.get('continue')) limit = 0;
	const prefix = namespace !== undefined && info.namespaced ? `${namespace}/` : '';
	const {snapshot, startKey} = listSource(store, info.resource, prefix, query, limit);
	const {keys, objects} = snapshot;
	const from = lowerBound(keys, startKey);
	const to = prefix ? lowerBound(keys, prefixEnd(prefix)) : keys.length;

	let page: readonly StoredObject[];
	let lastKey = '';
	let hasMore = false;
	let remainingItemCount: number | undefined;
	if (!selecting) {
		const count = Math.max(0, to - from);
		const size = limit > 0 ? Math.min(limit, count) : count;
		page = objects.slice(from, from + size);
		if (size > 0) lastKey = keys[from + size - 1]!;
		hasMore = size < count;
		if (hasMore) remainingItemCount = count - size;
	} else {
		const selected: StoredObject[] = [];
		for (let i = from; i < to; i++) {
			// Reaching an object past a full page is how the server learns there is more.
			if (limit > 0 && selected.length >= limit) {
				hasMore = true;
				break;
			}
			const object = objects[i]!;
			if (labels(object) && fields(object)) {
				selected.push(object);
				lastKey = keys[i]!;
			}
		}
		page = selected;
	}

	const metadata: ListMetadata = {resourceVersion: String(snapshot.rv)};
	if (hasMore) {
		metadata.continue = encodeContinue({rv: snapshot.rv, start: `${lastKey.slice(prefix.length)}\u0000`});
		if (remainingItemCount !== undefined) metadata.remainingItemCount = remainingItemCount;
		snapshotsOf(store).keep(info.resource, snapshot);
	}
	if (request.table) return toTable(info, page, metadata, {includeObject: query.get('includeObject') ?? 'Metadata', withColumns: true});
	return {kind: info.listKind, apiVersion: apiVersionOf(info), metadata, items: page.map(withoutKind)};
}

export function getObject(store: ClusterStore, info: ResourceInfo, namespace: string | undefined, name: string, table: boolean, query: URLSearchParams): object {
	const object = existingObject(store, info, namespace, name);
	if (table) return toTable(info, [object], {resourceVersion: store.resourceVersion}, {includeObject: query.get('includeObject') ?? 'Metadata', withColumns: true});
	return withKind(info, object);
}

