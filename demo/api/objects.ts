// Objects as they go over the wire: top-level objects carry kind/apiVersion, list items do not.
import type {StoredObject} from '../store.js';
import type {ResourceInfo} from './resources.js';

export function withKind(info: ResourceInfo, object: StoredObject): StoredObject {
	return {kind: info.kind, apiVersion: 'v1', ...withoutKind(object)} as StoredObject;
}

export function withoutKind(object: StoredObject): StoredObject {
	if (!('kind' in object) && !('apiVersion' in object)) return object;
	const {kind: _kind, apiVersion: _apiVersion, ...rest} = object;
	return rest as StoredObject;
}

export const objectKey = (object: StoredObject) => `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
