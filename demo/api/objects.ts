// Objects as they go over the wire: top-level objects carry kind/apiVersion, list items do not.
import type {ClusterStore, StoredObject} from '../store.js';
import {apiVersionOf, type ResourceInfo} from './resources.js';
import {notFound} from './status.js';

export function withKind(info: ResourceInfo, object: StoredObject): StoredObject {
	return {kind: info.kind, apiVersion: apiVersionOf(info), ...withoutKind(object)} as StoredObject;
}

export function withoutKind(object: StoredObject): StoredObject {
	if (!('kind' in object) && !('apiVersion' in object)) return object;
	const {kind: _kind, apiVersion: _apiVersion, ...rest} = object;
	return rest as StoredObject;
}

export const objectKey = (object: StoredObject) => `${object.metadata.namespace ?? ''}/${object.metadata.name}`;

/** The stored object, or 404 `<resource> "<name>" not found`. */
export function existingObject(store: ClusterStore, info: ResourceInfo, namespace: string | undefined, name: string): StoredObject {
	const object = store.get(info.resource, namespace, name);
	if (!object) throw notFound(info.resource, name);
	return object;
}
