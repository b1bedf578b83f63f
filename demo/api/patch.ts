// The PATCH body formats the API server accepts: JSON merge patch (RFC 7386), strategic merge
// patch (lists of containers, env, volumes … merged by their patchMergeKey, with the `$patch`,
// `$retainKeys`, `$deleteFromPrimitiveList` and `$setElementOrder` directives), and JSON patch
// (RFC 6902, what `kubectl rollout undo` sends).
import {badRequest, ApiError} from './status.js';

type Json = unknown;
type JsonMap = Record<string, Json>;

const isMap = (value: Json): value is JsonMap => !!value && typeof value === 'object' && !Array.isArray(value);

/** RFC 7386: maps merge, null deletes, everything else (lists included) replaces. */
export function mergePatch(target: Json, patch: Json): Json {
	if (!isMap(patch)) return patch;
	const result: JsonMap = isMap(target) ? {...target} : {};
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete result[key];
		else result[key] = mergePatch(result[key], value);
	}
	return result;
}

/** patchMergeKey of the list fields of the core and apps types (by field name; `ports` by content). */
const mergeKeys: Record<string, string> = {
	containers: 'name',
	initContainers: 'name',
	ephemeralContainers: 'name',
	env: 'name',
	volumes: 'name',
	volumeMounts: 'mountPath',
	volumeDevices: 'devicePath',
	imagePullSecrets: 'name',
	ownerReferences: 'uid',
	conditions: 'type',
	hostAliases: 'ip',
	topologySpreadConstraints: 'topologyKey',
	resourceClaims: 'name',
};
/** Primitive lists with patchStrategy merge. */
const mergedPrimitiveLists = new Set(['finalizers']);

function listMergeKey(field: string, items: Json[]): string | undefined {
	if (field === 'ports') return items.some(item => isMap(item) && 'containerPort' in item) ? 'containerPort' : 'port';
	return mergeKeys[field];
}

function mergeList(field: string, current: Json, patch: Json[]): Json[] {
	const base = Array.isArray(current) ? current : [];
	if (patch.some(item => isMap(item) && item.$patch === 'replace')) return patch.filter(item => !(isMap(item) && item.$patch === 'replace'));
	if (mergedPrimitiveLists.has(field)) return [...base, ...patch.filter(item => !base.includes(item))];
	const key = listMergeKey(field, patch);
	if (!key) return patch.map(item => strategicMerge(undefined, item));
	const result = [...base];
	for (const item of patch) {
		if (!isMap(item)) continue;
		const index = result.findIndex(existing => isMap(existing) && existing[key] === item[key]);
		if (item.$patch === 'delete') {
			if (index >= 0) result.splice(index, 1);
			continue;
		}
		if (index >= 0) result[index] = strategicMerge(result[index], item);
		else result.push(strategicMerge(undefined, item));
	}
	return result;
}

/** A strategic merge patch applied to `target` (the API server's strategicpatch.StrategicMergePatch). */
export function strategicMerge(target: Json, patch: Json): Json {
	if (!isMap(patch)) return patch;
	if (patch.$patch === 'replace') {
		const {$patch: _directive, ...rest} = patch;
		return strategicMerge(undefined, rest);
	}
	const result: JsonMap = isMap(target) ? {...target} : {};
	for (const [key, value] of Object.entries(patch)) {
		if (key.startsWith('$deleteFromPrimitiveList/')) {
			const field = key.slice('$deleteFromPrimitiveList/'.length);
			const remove = new Set(Array.isArray(value) ? value : []);
			if (Array.isArray(result[field])) result[field] = (result[field] as Json[]).filter(item => !remove.has(item));
			continue;
		}
		if (key.startsWith('$')) continue;
		if (value === null) delete result[key];
		else if (isMap(value) && value.$patch === 'delete') delete result[key];
		else if (Array.isArray(value)) result[key] = mergeList(key, result[key], value);
		else result[key] = strategicMerge(result[key], value);
	}
	const retain = patch.$retainKeys;
	if (Array.isArray(retain)) {
		for (const key of Object.keys(result)) if (!retain.includes(key)) delete result[key];
	}
	return result;
}

function pointer(path: string): string[] {
	if (path === '') return [];
	if (!path.startsWith('/')) throw badRequest(`the server rejected our request due to an error in our request: invalid JSON pointer ${JSON.stringify(path)}`);
	return path.slice(1).split('/').map(part => part.replaceAll('~1', '/').replaceAll('~0', '~'));
}

interface Operation {
	op: string;
	path: string;
	value?: Json;
	from?: string;
}

function parent(doc: Json, parts: string[], path: string): {container: JsonMap | Json[]; key: string} {
	let node = doc;
	for (const part of parts.slice(0, -1)) {
		node = Array.isArray(node) ? node[Number(part)] : isMap(node) ? node[part] : undefined;
		if (node === undefined) throw new ApiError(422, `the server rejected our request due to an error in our request: replace operation does not apply: doc is missing path: ${path}: missing value`, 'Invalid');
	}
	if (!Array.isArray(node) && !isMap(node)) throw new ApiError(422, `doc is missing path: ${path}`, 'Invalid');
	return {container: node, key: parts[parts.length - 1]!};
}

function getAt(doc: Json, path: string): Json {
	let node = doc;
	for (const part of pointer(path)) node = Array.isArray(node) ? node[Number(part)] : isMap(node) ? node[part] : undefined;
	return node;
}

/** RFC 6902 JSON patch (add, remove, replace, move, copy, test) applied to a copy of `target`. */
export function jsonPatch(target: Json, operations: Json): Json {
	if (!Array.isArray(operations)) throw badRequest('the server rejected our request due to an error in our request: json: cannot unmarshal object into Go value of type jsonpatch.Patch');
	let doc = structuredClone(target);
	for (const raw of operations as Operation[]) {
		const {op, path} = raw;
		const value = op === 'move' || op === 'copy' ? structuredClone(getAt(doc, raw.from ?? '')) : structuredClone(raw.value);
		if (op === 'move') doc = jsonPatch(doc, [{op: 'remove', path: raw.from}]);
		if (op === 'test') {
			if (JSON.stringify(getAt(doc, path)) !== JSON.stringify(value)) throw new ApiError(422, `the server rejected our request due to an error in our request: testing value ${path} failed: test failed`, 'Invalid');
			continue;
		}
		const parts = pointer(path);
		if (parts.length === 0) {
			if (op === 'remove') doc = undefined;
			else doc = value;
			continue;
		}
		const {container, key} = parent(doc, parts, path);
		if (Array.isArray(container)) {
			const index = key === '-' ? container.length : Number(key);
			if (op === 'remove') container.splice(index, 1);
			else if (op === 'replace') container[index] = value;
			else container.splice(index, 0, value);
		} else if (op === 'remove') {
			delete container[key];
		} else if (op === 'add' || op === 'replace' || op === 'move' || op === 'copy') {
			if (op === 'replace' && !(key in container)) throw new ApiError(422, `the server rejected our request due to an error in our request: replace operation does not apply: doc is missing key: ${path}: missing value`, 'Invalid');
			container[key] = value;
		} else {
			throw badRequest(`the server rejected our request due to an error in our request: Unexpected kind: ${op}`);
		}
	}
	return doc;
}
