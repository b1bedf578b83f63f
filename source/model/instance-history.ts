// What the watch has shown of each container's instances since initk9 started. The API keeps
// only the current and the previous instance of a container (state + lastState); a crash loop's
// earlier runs are gone from it. Feeding every pod update through observePod keeps them, bounded:
// at most MAX_INSTANCES_PER_CONTAINER per container, and PodHistoryStore caps the number of pods.

import type {ContainerStatus, Pod} from './k8s-types.js';
import {timestampMs, ZERO_TIME} from './container-state.js';

export interface ObservedInstance {
	/** containerID, or `name@startedAt` when the runtime gave none. */
	id: string;
	/** Epoch ms; undefined when unknown (StartError reports 1970-01-01). */
	startedAt?: number;
	finishedAt?: number;
	exitCode?: number;
	reason?: string;
	/** When initk9 first saw this instance. */
	firstSeen: number;
}

export interface PodHistory {
	uid: string;
	/** When the first update of this pod was observed. */
	since: number;
	/** Per container name, oldest instance first. */
	containers: Readonly<Record<string, readonly ObservedInstance[]>>;
}

export const MAX_INSTANCES_PER_CONTAINER = 50;

interface Seen {
	id: string;
	startedAt?: number;
	finishedAt?: number;
	exitCode?: number;
	reason?: string;
}

function realTime(timestamp: string | null | undefined): number | undefined {
	const at = timestampMs(timestamp);
	return at === ZERO_TIME || at <= 0 ? undefined : at;
}

function fallbackId(name: string, at: number | undefined): string | undefined {
	return at === undefined ? undefined : `${name}@${at}`;
}

/**
 * The one identity of a container run, for the history and the timeline alike: its containerID,
 * else `name@start` (start = startedAt, else finishedAt) when the runtime gave none.
 */
export function runIdentity(name: string, containerID: string | undefined, start: number | undefined): string | undefined {
	return containerID || fallbackId(name, start);
}

function seenInstances(status: ContainerStatus, out: Seen[]): void {
	const last = status.lastState?.terminated;
	if (last) {
		const startedAt = realTime(last.startedAt);
		const finishedAt = realTime(last.finishedAt);
		const id = runIdentity(status.name, last.containerID, startedAt ?? finishedAt);
		if (id) out.push({id, startedAt, finishedAt, exitCode: last.exitCode, reason: last.reason});
	}
	const state = status.state;
	if (state?.terminated) {
		const terminated = state.terminated;
		const startedAt = realTime(terminated.startedAt);
		const finishedAt = realTime(terminated.finishedAt);
		const id = runIdentity(status.name, terminated.containerID || status.containerID, startedAt ?? finishedAt);
		if (id) out.push({id, startedAt, finishedAt, exitCode: terminated.exitCode, reason: terminated.reason});
	} else if (state?.running) {
		const startedAt = realTime(state.running.startedAt);
		const id = runIdentity(status.name, status.containerID, startedAt);
		if (id) out.push({id, startedAt});
	}
}

function same(a: ObservedInstance, b: Seen): boolean {
	return a.startedAt === b.startedAt && a.finishedAt === b.finishedAt && a.exitCode === b.exitCode && a.reason === b.reason;
}

function merge(list: readonly ObservedInstance[] | undefined, seen: Seen[], now: number): readonly ObservedInstance[] | undefined {
	let next: ObservedInstance[] | undefined;
	for (const instance of seen) {
		const current = next ?? list ?? [];
		const index = current.findIndex(known => known.id === instance.id);
		if (index >= 0) {
			const known = current[index]!;
			if (same(known, instance)) continue;
			// A later update only adds facts (finishedAt, exit code); never forget one.
			const updated: ObservedInstance = {
				id: known.id,
				firstSeen: known.firstSeen,
				startedAt: instance.startedAt ?? known.startedAt,
				finishedAt: instance.finishedAt ?? known.finishedAt,
				exitCode: instance.exitCode ?? known.exitCode,
				reason: instance.reason ?? known.reason,
			};
			if (same(known, updated)) continue;
			next = current === next ? next : [...current];
			next[index] = updated;
		} else {
			next = current === next ? next : [...current];
			next.push({...instance, firstSeen: now});
		}
	}
	if (!next) return list;
	next.sort((a, b) => (a.startedAt ?? a.finishedAt ?? a.firstSeen) - (b.startedAt ?? b.finishedAt ?? b.firstSeen));
	return next.length > MAX_INSTANCES_PER_CONTAINER ? next.slice(next.length - MAX_INSTANCES_PER_CONTAINER) : next;
}

/** Record the container instances visible in this pod update. Returns `history` itself when nothing new was seen. */
export function observePod(history: PodHistory | undefined, pod: Pod, now: number): PodHistory {
	const uid = pod.metadata.uid ?? `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;
	const base = history && history.uid === uid ? history : undefined;
	let containers: Record<string, readonly ObservedInstance[]> | undefined;
	const seen: Seen[] = [];
	const statuses = [pod.status?.initContainerStatuses, pod.status?.containerStatuses];
	for (const list of statuses) {
		if (!list) continue;
		for (const status of list) {
			seen.length = 0;
			seenInstances(status, seen);
			if (seen.length === 0) continue;
			const before = (containers ?? base?.containers)?.[status.name];
			const after = merge(before, seen, now);
			if (after !== before && after) {
				containers ??= {...base?.containers};
				containers[status.name] = after;
			}
		}
	}
	if (base && !containers) return base;
	return {uid, since: base?.since ?? now, containers: containers ?? base?.containers ?? {}};
}

/** The histories the app holds: keyed by pod uid, the least recently updated pods dropped first. */
export class PodHistoryStore {
	readonly #histories = new Map<string, PodHistory>();

	constructor(readonly maxPods = 1000) {}

	observe(pod: Pod, now: number): PodHistory {
		const uid = pod.metadata.uid ?? `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;
		const before = this.#histories.get(uid);
		const after = observePod(before, pod, now);
		// Map keeps insertion order: re-inserting marks the pod as most recently seen.
		this.#histories.delete(uid);
		this.#histories.set(uid, after);
		if (this.#histories.size > this.maxPods) {
			const oldest = this.#histories.keys().next().value;
			if (oldest !== undefined) this.#histories.delete(oldest);
		}
		return after;
	}

	get(uid: string): PodHistory | undefined {
		return this.#histories.get(uid);
	}

	forget(uid: string): void {
		this.#histories.delete(uid);
	}

	get size(): number {
		return this.#histories.size;
	}
}
