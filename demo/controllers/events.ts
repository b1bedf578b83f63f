// Controller events (core/v1, as kube-controller-manager's recorders write them): `source.component`
// is the controller (`deployment-controller`, `replicaset-controller` …), identical events
// aggregate into one with a growing count, as client-go's recorder does.
import {eventName} from '../events.js';
import {nowRfc3339, type ClusterStore, type StoredObject} from '../store.js';
import type {WorkloadObject} from './types.js';

interface Seen {
	name: string;
	count: number;
	firstTimestamp: string;
}

const seenByStore = new WeakMap<ClusterStore, Map<string, Seen>>();

export interface EventTarget {
	kind: string;
	apiVersion: string;
	object: WorkloadObject;
}

export function recordEvent(store: ClusterStore, component: string, target: EventTarget, type: 'Normal' | 'Warning', reason: string, message: string): void {
	let seen = seenByStore.get(store);
	if (!seen) seenByStore.set(store, (seen = new Map()));
	const {metadata} = target.object;
	const key = [metadata.uid, type, reason, message].join('\u0000');
	const now = nowRfc3339();
	const entry = seen.get(key);
	const current = entry ? {...entry, count: entry.count + 1} : {name: eventName(metadata.name), count: 1, firstTimestamp: now};
	seen.set(key, current);
	store.put('events', {
		metadata: {name: current.name, namespace: metadata.namespace},
		involvedObject: {kind: target.kind, namespace: metadata.namespace, name: metadata.name, uid: metadata.uid, apiVersion: target.apiVersion, resourceVersion: metadata.resourceVersion},
		reason,
		message,
		type,
		count: current.count,
		firstTimestamp: current.firstTimestamp,
		lastTimestamp: now,
		eventTime: null,
		source: {component},
		reportingComponent: component,
		reportingInstance: '',
	} as unknown as StoredObject);
}
