// The pod table's data: a pod watch for the namespace, summarised and refreshed at a bounded
// rate (a watch may deliver hundreds of events a second; the screen gets at most one frame per
// REFRESH_MS, never more than REFRESH_MS behind), filtered, sorted, with the selection following
// the selected pod by uid.
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import type {ClusterSession, ConnectionState, ResourceWatch} from '../kube/types.js';
import type {Pod} from '../model/k8s-types.js';
import {healthCounts, summarizePod, type PodSummary} from '../model/pod-health.js';
import {selectedIndexFor, selectRows, type SortOrder} from '../views/pods/rows.js';

export const REFRESH_MS = 100;
/** Ages, step times and "stuck" move with the clock even when nothing else changes. */
const CLOCK_MS = 1000;

export interface PodTableOptions {
	session: ClusterSession;
	/** undefined = all namespaces. */
	namespace: string | undefined;
	stuckAfterMs: number;
	filter?: RegExp;
	initOnly: boolean;
	sort: SortOrder;
	/** While another screen covers the table: keep the watch, skip the work of refreshing. */
	paused: boolean;
}

export interface PodCounts {
	pods: number;
	initializing: number;
	failing: number;
	stuck: number;
}

export interface PodTable {
	rows: PodSummary[];
	/** Pods in the namespace before filtering. */
	total: number;
	counts: PodCounts;
	connection: ConnectionState;
	synced: boolean;
	selectedIndex: number;
	selected: PodSummary | undefined;
	/** Moves the selection to a row index (clamped). */
	selectIndex(index: number): void;
}

interface Snapshot {
	summaries: PodSummary[];
	connection: ConnectionState;
	synced: boolean;
}

interface CacheEntry {
	pod: Pod;
	summary: PodSummary;
	at: number;
}

const EMPTY: Snapshot = {summaries: [], connection: {kind: 'connecting', since: Date.now()}, synced: false};

function summarize(watch: ResourceWatch<Pod>, cache: Map<string, CacheEntry>, stuckAfterMs: number, now: number): PodSummary[] {
	const items = watch.items();
	const summaries: PodSummary[] = [];
	for (const [uid, pod] of items) {
		let entry = cache.get(uid);
		if (!entry || entry.pod !== pod || now - entry.at >= CLOCK_MS) {
			entry = {pod, summary: summarizePod(pod, now, {stuckAfterMs}), at: now};
			cache.set(uid, entry);
		}
		summaries.push(entry.summary);
	}
	if (cache.size > items.size) for (const uid of cache.keys()) if (!items.has(uid)) cache.delete(uid);
	return summaries;
}

export function usePodTable({session, namespace, stuckAfterMs, filter, initOnly, sort, paused}: PodTableOptions): PodTable {
	const [snapshot, setSnapshot] = useState<Snapshot>(EMPTY);
	const pausedRef = useRef(paused);
	const scheduleRef = useRef<() => void>(() => {});

	useEffect(() => {
		const watch = session.watchPods(namespace);
		const cache = new Map<string, CacheEntry>();
		let timer: NodeJS.Timeout | undefined;
		let lastFlush = 0;
		let stopped = false;
		const flush = () => {
			timer = undefined;
			if (stopped || pausedRef.current) return;
			lastFlush = Date.now();
			setSnapshot({summaries: summarize(watch, cache, stuckAfterMs, lastFlush), connection: watch.state, synced: watch.synced});
		};
		const schedule = () => {
			if (timer || stopped || pausedRef.current) return;
			timer = setTimeout(flush, Math.max(0, lastFlush + REFRESH_MS - Date.now()));
		};
		scheduleRef.current = schedule;
		setSnapshot({...EMPTY, connection: watch.state});
		const unsubscribe = watch.subscribe(schedule);
		const clock = setInterval(schedule, CLOCK_MS);
		schedule();
		return () => {
			stopped = true;
			if (timer) clearTimeout(timer);
			clearInterval(clock);
			unsubscribe();
			watch.stop();
		};
	}, [session, namespace, stuckAfterMs]);

	useEffect(() => {
		pausedRef.current = paused;
		if (!paused) scheduleRef.current();
	}, [paused]);

	const rows = useMemo(
		() => selectRows(snapshot.summaries, {filter, initOnly, sort, allNamespaces: namespace === undefined}),
		[snapshot.summaries, filter, initOnly, sort, namespace],
	);
	const counts = useMemo(() => {
		const {pods, initializing, failing, stuck} = healthCounts(snapshot.summaries);
		return {pods, initializing, failing, stuck};
	}, [snapshot.summaries]);

	const [selectedUid, setSelectedUid] = useState<string>();
	const lastIndex = useRef(0);
	const selectedIndex = selectedIndexFor(rows, selectedUid, lastIndex.current);
	lastIndex.current = Math.max(0, selectedIndex);
	const rowsRef = useRef(rows);
	rowsRef.current = rows;
	const selectIndex = useCallback((index: number) => {
		const current = rowsRef.current;
		if (current.length === 0) return;
		const clamped = Math.min(Math.max(0, index), current.length - 1);
		lastIndex.current = clamped;
		setSelectedUid(current[clamped].uid);
	}, []);

	return {
		rows,
		total: snapshot.summaries.length,
		counts,
		connection: snapshot.connection,
		synced: snapshot.synced,
		selectedIndex,
		selected: selectedIndex >= 0 ? rows[selectedIndex] : undefined,
		selectIndex,
	};
}
