// The log view's data: a log follower for one container, the pod (for the container picker and
// its states) and the pod's events (for the waiting state). Each source may change thousands of
// times a second; the view reads them on a coalesced timer (at most 10 frames a second), never
// per line, so a flood of log lines cannot starve key handling.
import {useEffect, useMemo, useRef, useState} from 'react';
import {useSession} from '../app-context.js';
import type {LogEntry, LogFollower, LogNotice} from '../kube/types.js';
import type {KubeEvent, Pod} from '../model/k8s-types.js';

/** Frames per second at most for data-driven re-renders. */
export const LOG_REFRESH_MS = 100;

/**
 * Re-reads `read()` at most every `intervalMs` after `subscribe`'s listener fired (and once at
 * start). Returns the latest value.
 */
function useCoalesced<T>(subscribe: ((listener: () => void) => () => void) | undefined, read: () => T, intervalMs = LOG_REFRESH_MS): T {
	const [value, setValue] = useState<T>(read);
	const readRef = useRef(read);
	readRef.current = read;
	useEffect(() => {
		setValue(readRef.current());
		if (!subscribe) return;
		let dirty = false;
		const unsubscribe = subscribe(() => {
			dirty = true;
		});
		const timer = setInterval(() => {
			if (!dirty) return;
			dirty = false;
			setValue(readRef.current());
		}, intervalMs);
		return () => {
			clearInterval(timer);
			unsubscribe();
		};
	}, [subscribe, intervalMs]);
	return value;
}

export interface LogStreamRequest {
	namespace: string;
	pod: string;
	/** Nothing is streamed until a container is known. */
	container: string | undefined;
	previous: boolean;
	tailLines?: number;
	sinceSeconds?: number;
	bufferLines?: number;
}

export interface LogStreamSnapshot {
	entries: readonly LogEntry[];
	received: number;
	dropped: number;
	lastNotice: LogNotice | undefined;
	/** Which request these entries answer (changes reset scroll state). */
	requestKey: string;
}

const EMPTY: readonly LogEntry[] = [];

export function useLogStream(request: LogStreamRequest): LogStreamSnapshot {
	const session = useSession();
	const {namespace, pod, container, previous, tailLines, sinceSeconds, bufferLines} = request;
	const requestKey = JSON.stringify([namespace, pod, container, previous, tailLines, sinceSeconds]);
	const follower = useMemo<LogFollower | undefined>(() => {
		if (!container) return undefined;
		return session.followLog({namespace, pod, container, previous, tailLines, sinceSeconds, bufferLines, follow: !previous});
		// requestKey covers the options.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [session, requestKey, bufferLines]);
	useEffect(() => () => follower?.stop(), [follower]);
	const subscribe = useMemo(() => (follower ? (listener: () => void) => follower.subscribe(listener) : undefined), [follower]);
	const snapshot = useCoalesced(subscribe, () => ({
		entries: follower ? follower.entries() : EMPTY,
		received: follower?.received ?? 0,
		dropped: follower?.dropped ?? 0,
		lastNotice: follower?.lastNotice,
		requestKey,
	}));
	// Until the new follower's first read lands, never show the previous request's lines.
	return snapshot.requestKey === requestKey ? snapshot : {entries: EMPTY, received: 0, dropped: 0, lastNotice: undefined, requestKey};
}

export interface WatchedPod {
	pod: Pod | undefined;
	/** The first list arrived: `pod === undefined` now means "not found". */
	synced: boolean;
}

/** One pod, kept current by a watch (coalesced). */
export function useWatchedPod(namespace: string, name: string): WatchedPod {
	const session = useSession();
	const watch = useMemo(() => session.watchPod(namespace, name), [session, namespace, name]);
	useEffect(() => () => watch.stop(), [watch]);
	const subscribe = useMemo(() => (listener: () => void) => watch.subscribe(listener), [watch]);
	return useCoalesced(subscribe, () => {
		let found: Pod | undefined;
		for (const pod of watch.items().values()) if (pod.metadata.name === name) found = pod;
		return {pod: found, synced: watch.synced};
	}, 250);
}

/** The pod's events (all containers), kept current by a watch (coalesced). */
export function usePodEvents(namespace: string, podName: string): readonly KubeEvent[] {
	return usePodEventsWatch(namespace, podName).events;
}

/** A pod's events and whether their first list has arrived (a watch that cannot list counts as done). */
export function usePodEventsWatch(namespace: string, podName: string): {events: readonly KubeEvent[]; synced: boolean} {
	const session = useSession();
	const watch = useMemo(() => session.watchPodEvents(namespace, podName), [session, namespace, podName]);
	useEffect(() => () => watch.stop(), [watch]);
	const subscribe = useMemo(() => (listener: () => void) => watch.subscribe(listener), [watch]);
	return useCoalesced(subscribe, () => ({events: [...watch.items().values()], synced: watch.synced || watch.state.kind === 'forbidden' || watch.state.kind === 'stopped'}), 500);
}
