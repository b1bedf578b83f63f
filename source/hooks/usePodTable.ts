// The pod table's data: a pod watch for the namespace, summarised and refreshed at a bounded
// rate (a watch may deliver hundreds of events a second; the screen gets at most one frame per
// REFRESH_MS, never more than REFRESH_MS behind), filtered, sorted, with the selection following
// the selected pod by uid.
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import type {ClusterSession, ConnectionState, ResourceWatch} from '../kube/types.js';
import type {Pod} from '../model/k8s-types.js';
import {healthCounts, summarizePod, type PodHealth, type PodSummary} from '../model/pod-health.js';
import {selectedIndexFor, selectRows, type SortOrder} from '../views/pods/rows.js';

export const REFRESH_MS = 100;
/** Ages, step times and "stuck" move with the clock even when nothing else changes. */
const CLOCK_MS = 1000;
/** Frames while the first list is still loading, after its first page is drawn. */
const LOADING_MS = 500;

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
	/**
	 * Rows the screen shows at most. With it, a refresh in which only pods off screen changed (and
	 * no count) draws no frame: under a watch storm most changes are to rows nobody sees.
	 */
	visibleRows?: number;
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

interface Summarized {
	summaries: PodSummary[];
	/** Pods added or removed since the last call. */
	membershipChanged: boolean;
	/** Summaries made anew (pod changed, or aged a clock tick), with the ones they replace. */
	changed: Array<{before: PodSummary | undefined; after: PodSummary}>;
}

/** Healths whose summary changes with the clock alone (durations in WHY, stuck after a threshold). */
const CLOCK_DRIVEN: ReadonlySet<PodHealth> = new Set<PodHealth>(['initializing', 'stuck', 'init-failing', 'pending', 'app-failing', 'terminating']);

/**
 * Summaries for every pod: made anew when the pod changed, and after a clock tick (`tick`) for
 * pods whose health or WHY depends on the clock or that are on screen (`onScreen`: AGE, RESTARTS
 * "(5s ago)"); one tick re-summarizes them all in one refresh, so a tick costs one frame.
 */
function summarize(watch: ResourceWatch<Pod>, cache: Map<string, CacheEntry>, stuckAfterMs: number, now: number, tick: number, onScreen: (uid: string) => boolean): Summarized {
	const items = watch.items();
	const summaries: PodSummary[] = [];
	const changed: Summarized['changed'] = [];
	let membershipChanged = false;
	for (const [uid, pod] of items) {
		let entry = cache.get(uid);
		if (!entry || entry.pod !== pod || (entry.at < tick && (CLOCK_DRIVEN.has(entry.summary.health) || onScreen(uid)))) {
			if (!entry) membershipChanged = true;
			const before = entry?.summary;
			entry = {pod, summary: summarizePod(pod, now, {stuckAfterMs}), at: now};
			cache.set(uid, entry);
			changed.push({before, after: entry.summary});
		}
		summaries.push(entry.summary);
	}
	if (cache.size > items.size) {
		membershipChanged = true;
		for (const uid of cache.keys()) if (!items.has(uid)) cache.delete(uid);
	}
	return {summaries, membershipChanged, changed};
}

/** Same cells on screen (the STEP cell is drawn from stepSince and the clock). */
const sameRow = (a: PodSummary, b: PodSummary) =>
	a.name === b.name && a.namespace === b.namespace && a.ready === b.ready && a.status === b.status && a.restarts === b.restarts && a.age === b.age &&
	a.progress === b.progress && a.why === b.why && a.health === b.health && a.stepSince === b.stepSince;

const sameCounts = (a: PodCounts, b: PodCounts) => a.pods === b.pods && a.initializing === b.initializing && a.failing === b.failing && a.stuck === b.stuck;

export function usePodTable({session, namespace, stuckAfterMs, filter, initOnly, sort, paused, onStatus, visibleRows}: PodTableOptions): PodTable {
	// The state only asks for a frame; rows come from the newest summaries, also those no frame was
	// drawn for (a frame drawn for another reason, a key, shows them).
	const [, setSnapshot] = useState<Snapshot>(EMPTY);
	const latestRef = useRef<Snapshot>(EMPTY);
	const snapshot = latestRef.current;
	// Which rows may be on screen: the selected row ± the rows that fit (the view keeps the
	// selection in its window). Read by the refresh timer, written on every render.
	const onScreenRef = useRef<{rowIndex: ReadonlyMap<string, number> | undefined; selected: number; reach: number}>({rowIndex: undefined, selected: 0, reach: Infinity});
	const layoutRef = useRef({sort, filter, initOnly});
	layoutRef.current = {sort, filter, initOnly};
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
		let last: Snapshot = EMPTY;
		let tick = 0;
		/** Whether a pod's row may be on screen (no window known: every row may be). */
		const onScreen = (uid: string) => {
			const {rowIndex, selected, reach} = onScreenRef.current;
			if (!rowIndex || !Number.isFinite(reach)) return true;
			const index = rowIndex.get(uid);
			return index !== undefined && Math.abs(index - selected) <= reach;
		};
		/** Could this refresh change what the screen shows? */
		const visibleChange = (next: Snapshot, result: Summarized): boolean => {
			if (result.membershipChanged || next.synced !== last.synced || next.connection !== last.connection || !sameCounts(next.counts, last.counts)) return true;
			const {sort: order, initOnly: initOnlyNow} = layoutRef.current;
			for (const {before, after} of result.changed) {
				// A changed status can move a row (status sort) or in/out of the init-only view.
				if (!before || ((order.key === 'status' || initOnlyNow) && (before.health !== after.health || before.status !== after.status))) return true;
				if (!sameRow(before, after) && onScreen(after.uid)) return true;
			}
			return false;
		};
		const flush = () => {
			timer = undefined;
			if (stopped) return;
			lastFlush = Date.now();
			const result = summarize(watch, cache, stuckAfterMs, lastFlush, tick, onScreen);
			const next = {summaries: result.summaries, counts: countsOf(result.summaries), connection: watch.state, synced: watch.synced};
			latestRef.current = next;
			if (pausedRef.current || visibleChange(next, result)) {
				last = next;
				publish(next);
			}
		};
		const schedule = () => {
			if (stopped) return;
			// The first list just completed: the whole table now, not after the interval.
			const listed = watch.synced && !last.synced;
			if (timer && !listed) return;
			if (timer) clearTimeout(timer);
			let interval = pausedRef.current ? CLOCK_MS : REFRESH_MS;
			// While the first list arrives page by page: the first rows at once, then progress now and
			// then (every frame of a growing table delays the rest of the list).
			if (!watch.synced && last.summaries.length > 0) interval = LOADING_MS;
			timer = setTimeout(flush, listed ? 0 : Math.max(0, lastFlush + interval - Date.now()));
		};
		scheduleRef.current = () => {
			// Paused → visible: do not wait out the slow interval.
			if (timer) clearTimeout(timer);
			timer = undefined;
			schedule();
		};
		latestRef.current = last = {...EMPTY, connection: watch.state};
		publish(last);
		const unsubscribe = watch.subscribe(schedule);
		const clock = setInterval(() => {
			tick = Date.now();
			schedule();
		}, CLOCK_MS);
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
	const rowIndex = useMemo(() => (visibleRows === undefined ? undefined : new Map(rows.map((row, index) => [row.uid, index]))), [rows, visibleRows]);
	onScreenRef.current = {rowIndex, selected: Math.max(0, selectedIndex), reach: visibleRows ?? Infinity};
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
