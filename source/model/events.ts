// A pod's events as `kubectl describe` shows them (k8s-semantics.md §4.3): identical events merged
// (count summed, first/last kept), ages `4m14s (x4 over 6m)`, oldest first, warnings flagged.

import type {KubeEvent} from './k8s-types.js';
import {humanDuration} from './duration.js';
import {epochMs} from './init-sequence.js';

export interface EventRow {
	/** Stable key for rendering. */
	key: string;
	type: string;
	reason: string;
	/** `10m`, `2m (x5 over 9m55s)` */
	age: string;
	from: string;
	/** The event's message, trimmed. */
	message: string;
	/** kubectl ≥ 1.35: `<fieldPath>: <message>` when the event concerns one container. */
	describeMessage: string;
	fieldPath?: string;
	/** The container named by the fieldPath (`spec.initContainers{init-x}` → init-x). */
	container?: string;
	warning: boolean;
	count: number;
	/** Epoch ms of the first and last occurrence (0 = unknown). */
	firstSeen: number;
	lastSeen: number;
}

/** `spec.initContainers{init-x}` → `init-x`. */
export function containerOfFieldPath(fieldPath: string | undefined): string | undefined {
	return fieldPath?.match(/^spec\.(?:initContainers|containers|ephemeralContainers)\{([^}]+)\}/)?.[1];
}

interface Merged {
	event: KubeEvent;
	count: number;
	first: number;
	last: number;
	/** Sort key: events without lastTimestamp sort first (kubectl). */
	sortKey: number;
}

function firstOf(event: KubeEvent): number {
	return epochMs(event.eventTime) || epochMs(event.firstTimestamp);
}

function lastOf(event: KubeEvent): number {
	return epochMs(event.series?.lastObservedTime) || epochMs(event.lastTimestamp);
}

function countOf(event: KubeEvent): number {
	return event.series?.count ?? event.count ?? 1;
}

function fromOf(event: KubeEvent): string {
	return event.source?.component || event.reportingController || event.reportingComponent || '';
}

/** Identity used by the kubelet's event cache: source, object + fieldPath, type, reason, message. */
function identity(event: KubeEvent): string {
	const object = event.involvedObject;
	return [fromOf(event), object.uid ?? object.name ?? '', object.fieldPath ?? '', event.type ?? '', event.reason ?? '', (event.message ?? '').trim()].join('\u0000');
}

/** Events merged and sorted like describe; `now` is the clock ages are computed from. */
export function eventRows(events: Iterable<KubeEvent>, now: number): EventRow[] {
	const merged = new Map<string, Merged>();
	for (const event of events) {
		const key = identity(event);
		const first = firstOf(event);
		const last = lastOf(event);
		const existing = merged.get(key);
		if (!existing) {
			merged.set(key, {event, count: countOf(event), first, last, sortKey: epochMs(event.lastTimestamp) || epochMs(event.series?.lastObservedTime)});
			continue;
		}
		existing.count += countOf(event);
		if (first > 0 && (existing.first === 0 || first < existing.first)) existing.first = first;
		if (last > existing.last) {
			existing.last = last;
			existing.sortKey = last;
		}
	}
	const rows = [...merged.values()].sort((a, b) => a.sortKey - b.sortKey);
	return rows.map(({event, count, first, last}) => {
		const firstAge = first > 0 ? humanDuration(now - first) : '<unknown>';
		const lastAt = last || first;
		const age = count > 1 ? `${lastAt > 0 ? humanDuration(now - lastAt) : '<unknown>'} (x${count} over ${firstAge})` : firstAge;
		const message = (event.message ?? '').trim();
		const fieldPath = event.involvedObject.fieldPath || undefined;
		return {
			key: event.metadata.uid ?? event.metadata.name,
			type: event.type ?? '',
			reason: event.reason ?? '',
			age,
			from: fromOf(event),
			message,
			describeMessage: fieldPath ? `${fieldPath}: ${message}` : message,
			fieldPath,
			container: containerOfFieldPath(fieldPath),
			warning: event.type === 'Warning',
			count,
			firstSeen: first,
			lastSeen: lastAt,
		};
	});
}
