// create / replace / patch / delete of the core/v1 resources (kubectl create, apply, label, delete).
import {randomBytes} from 'node:crypto';
import type {ClusterStore, StoredObject} from '../store.js';
import {existingObject, withKind} from './objects.js';
import type {ResourceInfo} from './resources.js';
import {ApiError, badRequest, notFound} from './status.js';

export function requireNamespace(store: ClusterStore, namespace: string): void {
	if (!store.get('namespaces', undefined, namespace)) throw notFound('namespaces', namespace);
}

const nameAlphabet = 'bcdfghjklmnpqrstvwxz2456789';
function generatedSuffix(): string {
	return Array.from(randomBytes(5), byte => nameAlphabet[byte % nameAlphabet.length]).join('');
}

function defaults(info: ResourceInfo, object: StoredObject): void {
	if (info.resource === 'pods') {
		const spec = (object.spec ??= {}) as Record<string, unknown>;
		spec.restartPolicy ??= 'Always';
		spec.schedulerName ??= 'default-scheduler';
		spec.serviceAccountName ??= 'default';
		spec.terminationGracePeriodSeconds ??= 30;
		spec.dnsPolicy ??= 'ClusterFirst';
		object.status ??= {phase: 'Pending', qosClass: 'BestEffort'};
	}
	if (info.resource === 'namespaces') object.status ??= {phase: 'Active'};
	if (info.resource === 'services') {
		const spec = (object.spec ??= {}) as Record<string, unknown>;
		spec.type ??= 'ClusterIP';
		spec.clusterIP ??= `10.96.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;
	}
}

export function createObject(store: ClusterStore, info: ResourceInfo, namespace: string | undefined, body: string, dryRun: boolean): StoredObject {
	let object: StoredObject;
	try {
		object = JSON.parse(body) as StoredObject;
	} catch (error) {
		throw badRequest(`the object provided is unrecognized (must be of type ${info.kind}): couldn't get version/kind; json parse error: ${(error as Error).message}`);
	}
	if (!object || typeof object !== 'object' || typeof object.metadata !== 'object' || object.metadata === null) {
		throw new ApiError(422, `${info.kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
	}
	if (object.kind !== undefined && object.kind !== info.kind) {
		throw badRequest(`the API version in the data (${String(object.apiVersion)}) does not match the expected API version (v1)`);
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
		throw new ApiError(409, `${info.resource} "${name}" already exists`, 'AlreadyExists', {name, kind: info.resource});
	}
	delete object.metadata.resourceVersion;
	delete object.metadata.uid;
	delete object.metadata.creationTimestamp;
	defaults(info, object);
	const {kind: _kind, apiVersion: _apiVersion, ...rest} = object;
	if (dryRun) return withKind(info, {...rest, metadata: {...object.metadata, uid: 'dry-run', creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z')}} as StoredObject);
	return withKind(info, store.create(info.resource, rest as StoredObject));
}

export function deleteObject(store: ClusterStore, info: ResourceInfo, namespace: string | undefined, name: string, dryRun: boolean): StoredObject {
	const object = existingObject(store, info, namespace, name);
	if (dryRun) return withKind(info, object);
	if (info.resource === 'namespaces') {
		for (const kind of ['pods', 'events', 'services', 'endpoints', 'configmaps'] as const) {
			for (const item of store.list(kind, name).items) store.delete(kind, name, item.metadata.name);
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
	new ApiError(409, `Operation cannot be fulfilled on ${info.resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`, 'Conflict', {name, kind: info.resource});

/** PUT: replaces the object; a stale metadata.resourceVersion is a 409 Conflict. */
export function replaceObject(store: ClusterStore, info: ResourceInfo, namespace: string | undefined, name: string, body: string, dryRun: boolean): StoredObject {
	const current = existingObject(store, info, namespace, name);
	const object = parseBody(info, body) as StoredObject;
	if (!object.metadata || object.metadata.name !== name) throw badRequest(`the name of the object (${String(object.metadata?.name)}) does not match the name on the URL (${name})`);
	const rv = object.metadata.resourceVersion;
	if (rv && rv !== current.metadata.resourceVersion) throw conflict(info, name);
	if (namespace !== undefined) object.metadata.namespace = namespace;
	const {kind: _kind, apiVersion: _apiVersion, ...rest} = object;
	if (dryRun) return withKind(info, {...rest, metadata: {...object.metadata, uid: current.metadata.uid}} as StoredObject);
	return withKind(info, store.put(info.resource, rest as StoredObject));
}

/** RFC 7386 JSON merge patch; strategic-merge directives (`$…` keys) are dropped. */
function mergePatch(target: unknown, patch: unknown): unknown {
	if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return patch;
	const result: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? {...(target as Record<string, unknown>)} : {};
	for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
		if (key.startsWith('$')) continue;
		if (value === null) delete result[key];
		else result[key] = mergePatch(result[key], value);
	}
	return result;
}

/**
 * PATCH with `application/merge-patch+json` or `application/strategic-merge-patch+json` (applied as
 * a merge patch: lists are replaced, not merged by key — enough for labels, annotations, data).
 */
export function patchObject(store: ClusterStore, info: ResourceInfo, namespace: string | undefined, name: string, contentType: string, body: string, dryRun: boolean): StoredObject {
	if (!/^application\/(merge-patch|strategic-merge-patch)\+json/.test(contentType)) {
		throw new ApiError(415, `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json, application/apply-patch+cbor`, 'UnsupportedMediaType');
	}
	const current = existingObject(store, info, namespace, name);
	const patch = parseBody(info, body);
	const patchedMeta = patch.metadata as {resourceVersion?: string} | undefined;
	if (patchedMeta?.resourceVersion && patchedMeta.resourceVersion !== current.metadata.resourceVersion) throw conflict(info, name);
	const merged = mergePatch(current, patch) as StoredObject;
	merged.metadata = {...merged.metadata, name, uid: current.metadata.uid, creationTimestamp: current.metadata.creationTimestamp};
	if (namespace !== undefined) merged.metadata.namespace = namespace;
	const {kind: _kind, apiVersion: _apiVersion, ...rest} = merged;
	if (dryRun) return withKind(info, rest as StoredObject);
	return withKind(info, store.put(info.resource, rest as StoredObject));
}
