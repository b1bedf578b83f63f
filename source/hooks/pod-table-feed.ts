// The pod table's data outside React: a pod watch summarised and published at a bounded rate (a
// watch may deliver hundreds of events a second; the screen gets at most one frame per
// REFRESH_MS, never more than REFRESH_MS behind). The header's counts and the table read the same
// published snapshot, so they are drawn in the same frame — the very first one included, when the
// list has already counted every pod by the time the UI mounts.
import type {DiagnosisConfig} from '../model/verdict.js';
import type {ConnectionState, PodListWatch} from '../kube/types.js';
import type {Pod, PrintedRow} from '../model/k8s-types.js';
import {healthCounts, summarizePod, type PodHealth, type PodSummary} from '../model/pod-health.js';
import type {PodHistoryStore} from '../model/instance-history.js';
import {summarizePrintedPod} from '../model/printed-pod.js';
import {Listeners} from '../kube/listeners.js';
import {groupCauses, trackRecovered, type CauseGroup, type RecoveredGroup} from '../model/cause-groups.js';
import type {SortOrder} from '../model/pod-rows.js';

export const REFRESH_MS = 100;
/** Ages, step times and "stuck" move with the clock even when nothing else changes. */
const CLOCK_MS = 1000;
/**
 * While the first list is loading: how long the first rows wait for the rest (one frame of the
 * whole table beats a partial one that delays the rest: a frame costs tens of ms), then how often
 * a growing table is drawn.
 */
const LOADING_MS = 500;

export interface PodCounts {
	pods: number;
	initializing: number;
	failing: number;
	stuck: number;
	/** Cause groups (model/cause-groups.ts): twenty identical failures are one. */
	causes: number;
	/** Some rows are still the server's printed rows: no stuck count, STEP or WHY for them yet. */
	provisional: boolean;
}

/** The cause groups of the snapshot, and those that emptied a moment ago. */
export interface CauseSnapshot {
	groups: CauseGroup[];
	recovered: RecoveredGroup[];
}

export interface PodTableSnapshot {
	summaries: PodSummary[];
	counts: PodCounts;
	causes: CauseSnapshot;
	connection: ConnectionState;
	synced: boolean;
	/** Every pod is counted (printed rows or full objects), though maybe not synced yet. */
	counted: boolean;
}

/** What the table shows, for deciding whether a refresh needs a frame. */
export interface TableLayout {
	sort: SortOrder;
	filter?: RegExp;
	initOnly: boolean;
	/** Only the pods of one cause group. */
	restricted: boolean;
	/** Whether a pod's row may be on screen (every row may be when unknown). */
	onScreen(uid: string): boolean;
}

interface CacheEntry {
	/** What the summary was made from: the pod, or its printed row until the pod arrives. */
	source: Pod | PrintedRow;
	summary: PodSummary;
	/**
	 * The clock tick the summary is known current for: made in it, or found off screen and not
	 * clock-driven in it (checked once per tick, not at every refresh: at 30,000 pods that check
	 * was most of a refresh).
	 */
	tick: number;
}

interface Summarized {
	summaries: PodSummary[];
	/** Pods added or removed since the last call. */
	membershipChanged: boolean;
	/** Summaries made anew (pod changed, or aged a clock tick), with the ones they replace. */
	changed: Array<{before: PodSummary | undefined; after: PodSummary}>;
}

const NO_COUNTS: PodCounts = {pods: 0, initializing: 0, failing: 0, stuck: 0, causes: 0, provisional: false};
const NO_CAUSES: CauseSnapshot = {groups: [], recovered: []};

/** Healths whose summary changes with the clock alone (durations in WHY, stuck after a threshold). */
const CLOCK_DRIVEN: ReadonlySet<PodHealth> = new Set<PodHealth>(['initializing', 'stuck', 'init-failing', 'pending', 'app-failing', 'terminating']);

/** Pods whose earlier container runs the timeline may need: init containers, or any restart. */
function worthRemembering(pod: Pod): boolean {
	const status = pod.status;
	if (!status) return false;
	if (status.initContainerStatuses?.length) return true;
	for (const container of status.containerStatuses ?? []) if ((container.restartCount ?? 0) > 0) return true;
	return false;
}

function countsOf(summaries: PodSummary[], causes: number, provisional: boolean): PodCounts {
	const {pods, initializing, failing, stuck} = healthCounts(summaries);
	return {pods, initializing, failing, stuck, causes, provisional};
}

/** Same cells on screen (the STEP cell is drawn from stepSince and the clock). */
const sameRow = (a: PodSummary, b: PodSummary) =>
	a.name === b.name && a.namespace === b.namespace && a.ready === b.ready && a.status === b.status && a.restarts === b.restarts && a.age === b.age &&
	a.progress === b.progress && a.why === b.why && a.health === b.health && a.stepSince === b.stepSince && a.provisional === b.provisional;

const sameCounts = (a: PodCounts, b: PodCounts) =>
	a.pods === b.pods && a.initializing === b.initializing && a.failing === b.failing && a.stuck === b.stuck && a.causes === b.causes && a.provisional === b.provisional;

export class PodTableFeed {
	/** The newest summaries, also those no frame was drawn for (a frame drawn for another reason shows them). */
	private latestSnapshot: PodTableSnapshot;
	/** The last snapshot that asked for a frame. */
	private publishedSnapshot: PodTableSnapshot;
	private readonly cache = new Map<string, CacheEntry>();
	private readonly listeners = new Listeners();
	private layout: TableLayout | undefined;
	private paused = false;
	private timer: NodeJS.Timeout | undefined;
	private clock: NodeJS.Timeout | undefined;
	private unsubscribe: (() => void) | undefined;
	private lastFlush = 0;
	private tick = 0;
	/** When the first list started to arrive (its first notification). */
	private loadingSince: number | undefined;
	private running = false;

	constructor(
		readonly watch: PodListWatch,
		private readonly config: DiagnosisConfig,
		/** Where the container instances of pods that restart or have init containers are recorded. */
		private readonly histories?: PodHistoryStore,
	) {
		const empty: PodTableSnapshot = {summaries: [], counts: NO_COUNTS, causes: NO_CAUSES, connection: watch.state, synced: false, counted: false};
		this.latestSnapshot = this.publishedSnapshot = empty;
		// Already counted (the list was started before the UI): the first frame shows the table.
		if (watch.counted) {
			this.lastFlush = Date.now();
			this.latestSnapshot = this.publishedSnapshot = this.next(this.summarize(this.lastFlush));
		}
	}

	latest(): PodTableSnapshot {
		return this.latestSnapshot;
	}

	/** Stable between publications (for useSyncExternalStore). */
	published = (): PodTableSnapshot => this.publishedSnapshot;

	subscribe = (listener: () => void): (() => void) => this.listeners.add(listener);

	/** The view's layout, read at each refresh; call on every render. */
	setLayout(layout: TableLayout): void {
		this.layout = layout;
	}

	/** While another screen covers the table: refresh once a second (the header's counts), publish every refresh. */
	setPaused(paused: boolean): void {
		if (paused === this.paused) return;
		this.paused = paused;
		// Paused → visible: do not wait out the slow interval.
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		this.schedule();
	}

	start(): void {
		if (this.running) return;
		this.running = true;
		this.unsubscribe = this.watch.subscribe(() => this.schedule());
		this.clock = setInterval(() => {
			this.tick = Date.now();
			this.schedule();
		}, CLOCK_MS);
		this.schedule();
	}

	/** Stops refreshing and stops the watch. */
	stop(): void {
		this.running = false;
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		clearInterval(this.clock);
		this.unsubscribe?.();
		this.listeners.clear();
		this.watch.stop();
	}

	private schedule(): void {
		if (!this.running) return;
		const last = this.publishedSnapshot;
		// Every pod just got counted, or the first list completed: the whole table now, not after the interval.
		const listed = (this.watch.counted && !last.counted) || (this.watch.synced && !last.synced);
		if (this.timer && !listed) return;
		if (this.timer) clearTimeout(this.timer);
		const now = Date.now();
		let due = this.lastFlush + (this.paused ? CLOCK_MS : REFRESH_MS);
		if (!this.watch.counted) {
			this.loadingSince ??= now;
			due = Math.max(this.loadingSince, this.lastFlush) + LOADING_MS;
		} else if (!this.watch.synced) {
			due = this.lastFlush + LOADING_MS;
		}
		this.timer = setTimeout(() => this.flush(), listed ? 0 : Math.max(0, due - now));
	}

	private flush(): void {
		this.timer = undefined;
		if (!this.running) return;
		this.lastFlush = Date.now();
		const result = this.summarize(this.lastFlush);
		const next = this.next(result);
		this.latestSnapshot = next;
		if (this.paused || this.visibleChange(next, result)) {
			this.publishedSnapshot = next;
			this.listeners.notify();
		}
	}

	private next(result: Summarized): PodTableSnapshot {
		const watch = this.watch;
		const previous = this.latestSnapshot.causes;
		const groups = groupCauses(result.summaries, this.lastFlush);
		const recovered = trackRecovered(previous.groups, groups, previous.recovered, this.lastFlush);
		return {summaries: result.summaries, counts: countsOf(result.summaries, groups.length, watch.preview().size > 0), causes: {groups, recovered}, connection: watch.state, synced: watch.synced, counted: watch.counted};
	}

	/** Could this refresh change what the screen shows? */
	private visibleChange(next: PodTableSnapshot, result: Summarized): boolean {
		const last = this.publishedSnapshot;
		if (next.causes.recovered.length !== last.causes.recovered.length) return true;
		if (result.membershipChanged || next.synced !== last.synced || next.counted !== last.counted || next.connection !== last.connection || !sameCounts(next.counts, last.counts)) return true;
		const layout = this.layout;
		if (!layout) return result.changed.length > 0;
		for (const {before, after} of result.changed) {
			// A changed status can move a row (status sort) or in/out of the init-only view.
			if (!before || ((layout.sort.key === 'status' || layout.initOnly || layout.restricted) && (before.health !== after.health || before.status !== after.status))) return true;
			if (!sameRow(before, after) && layout.onScreen(after.uid)) return true;
		}
		return false;
	}

	/**
	 * Summaries for every pod: made anew when the pod changed, and after a clock tick for pods
	 * whose health or WHY depends on the clock or that are on screen (AGE, RESTARTS "(5s ago)");
	 * one tick re-summarizes them all in one refresh, so a tick costs one frame.
	 */
	private summarize(now: number): Summarized {
		const {watch, cache, tick, histories} = this;
		const options = this.config;
		const onScreen = this.layout?.onScreen ?? (() => true);
		const items = watch.items();
		const printed = watch.preview();
		const summaries: PodSummary[] = [];
		const changed: Summarized['changed'] = [];
		let membershipChanged = false;
		/** The cached entry if it still holds; else undefined (a new summary is due). */
		const current = (uid: string, source: Pod | PrintedRow): CacheEntry | undefined => {
			const entry = cache.get(uid);
			if (!entry) {
				membershipChanged = true;
				return undefined;
			}
			if (entry.source !== source) return undefined;
			if (entry.tick < tick) {
				if (CLOCK_DRIVEN.has(entry.summary.health) || onScreen(uid)) return undefined;
				entry.tick = tick;
			}
			return entry;
		};
		const store = (uid: string, source: Pod | PrintedRow, summary: PodSummary) => {
			changed.push({before: cache.get(uid)?.summary, after: summary});
			cache.set(uid, {source, summary, tick});
			summaries.push(summary);
		};
		// Plain loops, no closure per pod: this runs for every pod at every refresh.
		for (const [uid, pod] of items) {
			const entry = current(uid, pod);
			if (entry) {
				summaries.push(entry.summary);
				continue;
			}
			// A new or changed pod (not a clock re-summary): its container instances may be new.
			if (histories && cache.get(uid)?.source !== pod && worthRemembering(pod)) histories.observe(pod, now);
			store(uid, pod, summarizePod(pod, now, options));
		}
		for (const [uid, row] of printed) {
			const entry = current(uid, row);
			if (entry) summaries.push(entry.summary);
			else store(uid, row, summarizePrintedPod(row, now));
		}
		if (cache.size > items.size + printed.size) {
			membershipChanged = true;
			for (const uid of cache.keys()) if (!items.has(uid) && !printed.has(uid)) cache.delete(uid);
		}
		return {summaries, membershipChanged, changed};
	}
}
