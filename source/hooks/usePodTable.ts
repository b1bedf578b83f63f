// The pod table in React: the feed (pod-table-feed.ts) for a session and namespace, its published
// snapshot for the header, and the rows filtered, sorted, with the selection following the
// selected pod by uid.
import type {DiagnosisConfig} from '../model/verdict.js';
import {useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore} from 'react';
import type {ClusterSession, ConnectionState} from '../kube/types.js';
import type {PodSummary} from '../model/pod-health.js';
import type {PodHistoryStore} from '../model/instance-history.js';
import {selectedIndexFor, type SortOrder} from '../model/pod-rows.js';
import {updateSelection, type RowSelection} from '../model/row-selection.js';
import {useLastKeyAt} from '../input/InputProvider.js';
import {PodTableFeed, type PodCounts} from './pod-table-feed.js';

export {REFRESH_MS, type PodCounts} from './pod-table-feed.js';

export interface PodTableStatus {
	connection: ConnectionState;
	counts: PodCounts;
}

/**
 * One feed per session and namespace, started while mounted. The caller owns it (the root: the
 * header and the table read it in the same render).
 */
export function usePodTableFeed(session: ClusterSession, namespace: string | undefined, config: DiagnosisConfig, histories?: PodHistoryStore): PodTableFeed {
	const feed = useMemo(() => new PodTableFeed(session.watchPods(namespace), config, histories), [session, namespace, config, histories]);
	useEffect(() => {
		feed.start();
		return () => feed.stop();
	}, [feed]);
	return feed;
}

/** The header's view of the feed: connection and counts, as published. */
export function usePodTableStatus(feed: PodTableFeed): PodTableStatus {
	const snapshot = useSyncExternalStore(feed.subscribe, feed.published);
	return {connection: snapshot.connection, counts: snapshot.counts};
}

export interface PodTableOptions {
	filter?: RegExp;
	initOnly: boolean;
	/** Only these pods (by uid): one cause group's. */
	only?: ReadonlySet<string>;
	sort: SortOrder;
	/** While another screen covers the table: keep the watch, refresh only once a second (the header's counts). */
	paused: boolean;
	/**
	 * Rows the screen shows at most. With it, a refresh in which only pods off screen changed (and
	 * no count) draws no frame: under a watch storm most changes are to rows nobody sees.
	 */
	visibleRows?: number;
	/** undefined = all namespaces (rows sort by namespace first). */
	namespace: string | undefined;
}

export interface PodTable {
	rows: PodSummary[];
	/** Pods in the namespace before filtering. */
	total: number;
	counts: PodCounts;
	connection: ConnectionState;
	synced: boolean;
	/** Every pod is counted (printed rows or full objects), though maybe not synced yet. */
	counted: boolean;
	selectedIndex: number;
	selected: PodSummary | undefined;
	/** Moves the selection to a row index (clamped; Infinity = the last row). */
	selectIndex(index: number): void;
	/** Moves the selection by rows (from the latest selection, even before it is drawn). */
	moveBy(delta: number): void;
}

export function usePodTable(feed: PodTableFeed, {filter, initOnly, only, sort, paused, visibleRows, namespace}: PodTableOptions): PodTable {
	// The published snapshot only asks for a frame; rows come from the newest summaries, also those
	// no frame was drawn for (a frame drawn for another reason, a key, shows them).
	useSyncExternalStore(feed.subscribe, feed.published);
	const snapshot = feed.latest();
	const lastKeyAt = useLastKeyAt();

	useEffect(() => feed.setPaused(paused), [feed, paused]);

	// From the previous rows: only the summaries changed since are re-placed, and a filter typed
	// further filters the rows it has (no filter and sort of every pod on a key's frame).
	// (Its versions are one feed's: another feed starts afresh.)
	const selection = useRef<{feed: PodTableFeed; rows: RowSelection}>(undefined);
	const previous = selection.current?.feed === feed ? selection.current.rows : undefined;
	selection.current = {feed, rows: updateSelection(previous, snapshot.summaries, snapshot.version, {filter, initOnly, only, sort, allNamespaces: namespace === undefined}, feed.summarySource)};
	const rows = selection.current.rows.rows;

	// The selection follows a pod by uid: the one a key selected, or, once the rows are asked for
	// differently (filter, sort, scope), the one on screen before. So the pod a filter left selected
	// stays selected when the filter is cleared, even if no key was pressed (before any key and
	// query, the first row is selected, whichever pod it is).
	const [, setSelectedUid] = useState<string>();
	const anchor = useRef<string | undefined>(undefined);
	const shown = useRef<string | undefined>(undefined);
	const query = useRef<unknown[]>([]);
	const asked = [filter?.source, filter?.flags, initOnly, only, sort.key, sort.descending, namespace];
	if (asked.some((value, index) => value !== query.current[index])) {
		if (query.current.length > 0) anchor.current = shown.current;
		query.current = asked;
	}
	const lastIndex = useRef(0);
	const selectedIndex = selectedIndexFor(rows, anchor.current, lastIndex.current);
	lastIndex.current = Math.max(0, selectedIndex);
	shown.current = selectedIndex >= 0 ? rows[selectedIndex].uid : anchor.current;
	// Which rows may be on screen: the selected row ± the rows that fit (the view keeps the
	// selection in its window). Read by the feed's refresh, written on every render; the uids of
	// that window are gathered when the feed first asks (a few dozen, not an index of every row).
	const selected = Math.max(0, selectedIndex);
	const reach = visibleRows ?? Infinity;
	const visible = useMemo(() => {
		if (!Number.isFinite(reach)) return undefined;
		let uids: Set<string> | undefined;
		return () => (uids ??= new Set(rows.slice(Math.max(0, selected - reach), selected + reach + 1).map(row => row.uid)));
	}, [rows, selected, reach]);
	feed.setLayout({sort, filter, initOnly, restricted: only !== undefined, onScreen: visible ? uid => visible().has(uid) : () => true, visible, lastKeyAt});
	const rowsRef = useRef(rows);
	rowsRef.current = rows;
	const selectIndex = useCallback((index: number) => {
		const current = rowsRef.current;
		if (current.length === 0) return;
		const clamped = Math.min(Math.max(0, index), current.length - 1);
		lastIndex.current = clamped;
		anchor.current = current[clamped].uid;
		setSelectedUid(current[clamped].uid);
	}, []);
	const moveBy = useCallback((delta: number) => selectIndex(lastIndex.current + delta), [selectIndex]);

	return {
		rows,
		total: snapshot.summaries.length,
		counts: snapshot.counts,
		connection: snapshot.connection,
		synced: snapshot.synced,
		counted: snapshot.counted,
		selectedIndex,
		selected: selectedIndex >= 0 ? rows[selectedIndex] : undefined,
		selectIndex,
		moveBy,
	};
}
