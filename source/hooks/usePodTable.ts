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
	/** While another screen covers the table: keep the watch, refresh only once a second (the header's counts). */
	paused: boolean;
	/** Called in the same tick as the table's own update, so the header never lags the rows. */
	onStatus?(status: PodTableStatus): void;
}

export interface PodTableStatus {
	connection: ConnectionState;
	counts: PodCounts;
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
	/** Moves the selection to a row index (clamped; Infinity = the last row). */
	selectIndex(index: number): void;
	/** Moves the selection by rows (from the latest selection, even before it is drawn). */
	moveBy(delta: number): void;
}

interface Snapshot {
	summaries: PodSummary[];
	counts: PodCounts;
	connection: ConnectionState;
	synced: boolean;
}

interface CacheEntry {
	pod: Pod;
	summary: PodSummary;
	at: number;
}

const EMPTY: Snapshot = {summaries: [], counts: {pods: 0, initializing: 0, failing: 0, stuck: 0}, connection: {kind: 'connecting', since: Date.now()}, synced: false};

function countsOf(summaries: PodSummary[]): PodCounts {
	const {pods, initializing, failing, stuck} = healthCounts(summaries);
	return {pods, initializing, failing, stuck};
}

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

export function usePodTable({session, namespace, stuckAfterMs, filter, initOnly, sort, paused, onStatus}: PodTableOptions): PodTable {
	const [snapshot, setSnapshot] = useState<Snapshot>(EMPTY);
	const pausedRef = useRef(paused);
	const onStatusRef = useRef(onStatus);
	onStatusRef.current = onStatus;
	const scheduleRef = useRef<() => void>(() => {});

	useEffect(() => {
		const watch = session.watchPods(namespace);
		const cache = new Map<string, CacheEntry>();
		let timer: NodeJS.Timeout | undefined;
		let lastFlush = 0;
		let stopped = false;
		const publish = (next: Snapshot) => {
			// Both updates in one tick: React batches them into one frame.
			setSnapshot(next);
			onStatusRef.current?.({connection: next.connection, counts: next.counts});
		};
		const flush = () => {
			timer = undefined;
			if (stopped) return;
			lastFlush = Date.now();
			const summaries = summarize(watch, cache, stuckAfterMs, lastFlush);
			publish({summaries, counts: countsOf(summaries), connection: watch.state, synced: watch.synced});
		};
		const schedule = () => {
			if (timer || stopped) return;
			const interval = pausedRef.current ? CLOCK_MS : REFRESH_MS;
			timer = setTimeout(flush, Math.max(0, lastFlush + interval - Date.now()));
		};
		scheduleRef.current = () => {
			// Paused → visible: do not wait out the slow interval.
			if (timer) clearTimeout(timer);
			timer = undefined;
			schedule();
		};
		publish({...EMPTY, connection: watch.state});
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
		scheduleRef.current();
	}, [paused]);

	const rows = useMemo(
		() => selectRows(snapshot.summaries, {filter, initOnly, sort, allNamespaces: namespace === undefined}),
		[snapshot.summaries, filter, initOnly, sort, namespace],
	);

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
	const moveBy = useCallback((delta: number) => selectIndex(lastIndex.current + delta), [selectIndex]);

	return {
		rows,
		total: snapshot.summaries.length,
		counts: snapshot.counts,
		connection: snapshot.connection,
		synced: snapshot.synced,
		selectedIndex,
		selected: selectedIndex >= 0 ? rows[selectedIndex] : undefined,
		selectIndex,
		moveBy,
	};
}
