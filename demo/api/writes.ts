// create / replace / patch / delete (kubectl create, apply, label, scale, set image, rollout
// restart/undo, delete) for every writable kind of the registry, and the `status` and `scale`
// subresources of the workload kinds.
import {randomBytes} from 'node:crypto';
import {parse as parseYaml} from 'yaml';
import type {WorkloadObject} from '../controllers/types.js';
import {formatLabelSelector} from '../printers/workloads.js';
import {nowRfc3339, type ClusterStore, type StoredObject} from '../store.js';
import {existingObject, withKind} from './objects.js';
import {jsonPatch, mergePatch, strategicMerge} from './patch.js';
import {apiVersionOf, resources, type ResourceInfo} from './resources.js';
import {ApiError, badRequest, notFound} from './status.js';

/** What a write changes: the object (spec, metadata) or its `status` subresource. */
export type WriteTarget = 'main' | 'status';

export function requireNamespace(store: ClusterStore, namespace: string): void {
	if (!store.get('namespaces', undefined, namespace)) throw notFound('namespaces', namespace);
}

const nameAlphabet = 'bcdfghjklmnpqrstvwxz2456789';
/** Five characters of utilrand.String: the suffix of a generateName. */
export function generatedSuffix(): string {
	return Array.from(randomBytes(5), byte => nameAlphabet[byte % nameAlphabet.length]).join('');
}

function parseObject(info: ResourceInfo, body: string): StoredObject {
	let object: StoredObject;
	try {
		object = JSON.parse(body) as StoredObject;
	} catch (error) {
		throw badRequest(`the object provided is unrecognized (must be of type ${info.kind}): couldn't get version/kind; json parse error: ${(error as Error).message}`);
	}
	return object;
}

/** Validates, defaults and stores a new object (also the create half of server-side apply). */
function createFrom(store: ClusterStore, info: ResourceInfo, namespace: string | undefined, object: StoredObject, dryRun: boolean): StoredObject {
	if (!object || typeof object !== 'object' || typeof object.metadata !== 'object' || object.metadata === null) {
		throw new ApiError(422, `${info.kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
	}
	if ((object.kind !== undefined && object.kind !== info.kind) || (object.apiVersion !== undefined && object.apiVersion !== apiVersionOf(info))) {
		throw badRequest(`the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${apiVersionOf(info)})`);
	}
	if (namespace !== undefined) {
		if (object.metadata.namespace && object.metadata.namespace !== namespace) {
			throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
		}
		object.metadata.namespace = namespace;
		requireNamespace(store, namespace);
	} else {
		delete object.metadata.namespace;
	}
	if (!object.metadata.name) {
		const prefix = object.metadata.generateName;
		if (typeof prefix !== 'string' || prefix === '') throw new ApiError(422, `${info.kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
		object.metadata.name = prefix + generatedSuffix();
	}
	const name = object.metadata.name;
	if (store.get(info.resource, namespace, name)) {
		throw new ApiError(409, `${info.resource}${info.group ? `.${info.group}` : ''} "${name}" already exists`, 'AlreadyExists', {name, group: info.group, kind: info.resource});
	}
	delete object.metadata.resourceVersion;
	delete object.metadata.uid;
	delete object.metadata.creationTimestamp;
	if (info.generation) object.metadata.generation = 1;
	info.defaults?.(object);
	const {kind: _kind, apiVersion: _apiVersion, ...rest} = object;
	if (dryRun) return withKind(info, {...rest, metadata: {...object.metadata, uid: object.metadata.uid ?? 'dry-run', creationTimestamp: nowRfc3339()}} as StoredObject);
	return withKind(info, store.create(info.resource, rest as StoredObject));
}

export function createObject(store: ClusterStore, info: ResourceInfo, namespace: string | undefined, body: string, dryRun: boolean): StoredObject {
	return createFrom(store, info, namespace, parseObject(info, body), dryRun);
}

export function deleteObject(store: ClusterStore, info: ResourceInfo, namespace: string | undefined, name: string, dryRun: boolean): StoredObject {
	const object = existingObject(store, info, namespace, name);
	if (dryRun) return withKind(info, object);
	if (info.resource === 'namespaces') {
		for (const kind of resources) {
			if (!kind.namespaced) continue;
			for (const item of store.list(kind.resource, name).items) store.delete(kind.resource, name, item.metadata.name);
		}
	}
	return withKind(info, store.delete(info.resource, namespace, name)!);
}

function parseBody(info: ResourceInfo, body: string): Record<string, unknown> {
	try {
		const parsed = JSON.parse(body) as unknown;
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
	} catch {
		// fall through
	}
	throw badRequest(`the object provided is unrecognized (must be of type ${info.kind})`);
}

const conflict = (info: ResourceInfo, name: string) =>
	new ApiError(409, `Operation cannot be fulfilled on ${info.resource}${info.group ? `.${info.group}` : ''} "${name}": the object has been modified; please apply your changes to the latest version and try again`, 'Conflict', {name, group: info.group, kind: info.resource});

/**
 * Stores `next` in place of `current`: identity fields stay; for kinds with a status subresource a
 * write to the object keeps the status (and bumps metadata.generation when the spec changed),
 * a write to `status` changes nothing else.
 */
function commit(store: ClusterStore, info: ResourceInfo, current: StoredObject, next: StoredObject, target: WriteTarget, dryRun: boolean): StoredObject {
	const {kind: _kind, apiVersion: _apiVersion, ...rest} = next;
	let object = rest as StoredObject;
	const hasStatus = info.generation === true;
	if (target === 'status') {
		object = {...current, status: object.status};
	} else if (hasStatus) {
		object.status = current.status;
		const generation = (current.metadata.generation as number | undefined) ?? 1;
		object.metadata = {...object.metadata, generation: JSON.stringify(object.spec) === JSON.stringify(current.spec) ? generation : generation + 1};
	}
	object.metadata = {...object.metadata, name: current.metadata.name, uid: current.metadata.uid, creationTimestamp: current.metadata.creationTimestamp};
	if (current.metadata.namespace !== undefined) object.metadata.namespace = current.metadata.namespace;
	// Defaulting runs on every write, so a container added by a patch is defaulted like a created one.
	if (target === 'main' && info.generation) info.defaults?.(object);
	if (dryRun) return withKind(info, object);
	return withKind(info, store.put(info.resource, object));
}

/** PUT: replaces the object (or its status); a stale metadata.resourceVersion is a 409 Conflict. */
export function replaceObject(store: ClusterStore, info: ResourceInfo, namespace: string | undefined, name: string, body: string, dryRun: boolean, target: WriteTarget = 'main'): StoredObject {
	const current = existingObject(store, info, namespace, name);
	const object = parseBody(info, body) as StoredObject;
	if (!object.metadata || object.metadata.name !== name) throw badRequest(`the name of the object (${String(object.metadata?.name)}) does not match the name on the URL (${name})`);
	const rv = object.metadata.resourceVersion;
	if (rv && rv !== current.metadata.resourceVersion) throw conflict(info, name);
	return commit(store, info, current, object, target, dryRun);
}

const patchTypes = 'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json, application/apply-patch+cbor';

/** The patched object: merge, strategic merge or JSON patch by Content-Type. */
function applyPatch(info: ResourceInfo, current: StoredObject, contentType: string, body: string): StoredObject {
	if (/^application\/json-patch\+json/.test(contentType)) {
		let operations: unknown;
		try {
			operations = JSON.parse(body);
		} catch (error) {
			throw badRequest(`the server rejected our request due to an error in our request: ${(error as Error).message}`);
		}
		return jsonPatch(current, operations) as StoredObject;
	}
	const patch = parseBody(info, body);
	const patchedMeta = patch.metadata as {resourceVersion?: string} | undefined;
	if (patchedMeta?.resourceVersion && patchedMeta.resourceVersion !== current.metadata.resourceVersion) throw conflict(info, current.metadata.name);
	if (/^application\/merge-patch\+json/.test(contentType)) return mergePatch(current, patch) as StoredObject;
	return strategicMerge(current, patch) as StoredObject;
}

/**
 * PATCH of the object or its status: merge, strategic merge, JSON patch, or server-side apply
 * (`application/apply-patch+yaml`, applied as a strategic merge of the whole configuration;
 * it creates the object when there is none). No managedFields are tracked.
 */
export function patchObject(store: ClusterStore, info: ResourceInfo, namespace: string | undefined, name: string, contentType: string, body: string, dryRun: boolean, target: WriteTarget = 'main'): StoredObject {
	if (/^application\/apply-patch\+yaml/.test(contentType)) {
		let applied: StoredObject;
		try {
			applied = parseYaml(body) as StoredObject;
		} catch (error) {
			throw badRequest(`error decoding YAML: ${(error as Error).message}`);
		}
		if (!applied || typeof applied !== 'object' || !applied.metadata) throw badRequest('the object provided is unrecognized');
		const current = store.get(info.resource, namespace, name);
		if (!current) return createFrom(store, info, namespace, {...applied, metadata: {...applied.metadata, name}}, dryRun);
		return commit(store, info, current, strategicMerge(current, {...applied, kind: undefined, apiVersion: undefined}) as StoredObject, target, dryRun);
	}
	if (!/^application\/(merge-patch|strategic-merge-patch|json-patch)\+json/.test(contentType)) {
		throw new ApiError(415, `the body of the request was in an unknown format - accepted media types include: ${patchTypes}`, 'UnsupportedMediaType');
	}
	const current = existingObject(store, info, namespace, name);
	return commit(store, info, current, applyPatch(info, current, contentType, body), target, dryRun);
}

/** The `autoscaling/v1 Scale` of a Deployment, ReplicaSet or StatefulSet. */
export function scaleOf(info: ResourceInfo, object: StoredObject): object {
	const workload = object as unknown as WorkloadObject;
	const {name, namespace, uid, resourceVersion, creationTimestamp} = workload.metadata;
	return {
		kind: 'Scale',
		apiVersion: 'autoscaling/v1',
		metadata: {name, namespace, uid, resourceVersion, creationTimestamp},
		spec: {replicas: workload.spec?.replicas ?? 0},
		status: {replicas: workload.status?.replicas ?? 0, selector: formatLabelSelector(workload.spec?.selector).replace(/^<none>$/, '')},
	};
}

/** GET, PUT or PATCH of `<resource>/scale`: only spec.replicas is written. */
export function writeScale(store: ClusterStore, info: ResourceInfo, namespace: string | undefined, name: string, method: string, contentType: string, body: string, dryRun: boolean): object {
	const current = existingObject(store, info, namespace, name);
	if (method === 'GET') return scaleOf(info, current);
	const scale = scaleOf(info, current) as StoredObject;
	const next = (method === 'PUT' ? parseBody(info, body) : applyPatch(info, scale, contentType, body)) as {spec?: {replicas?: unknown}; metadata?: {resourceVersion?: string}};
	if (method === 'PUT' && next.metadata?.resourceVersion && next.metadata.resourceVersion !== current.metadata.resourceVersion) throw conflict(info, name);
	const replicas = next.spec?.replicas;
	if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
		throw new ApiError(422, `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`, 'Invalid');
	}
	const updated = commit(store, info, current, {...current, spec: {...(current.spec as object), replicas}}, 'main', dryRun);
	return scaleOf(info, updated);
}
