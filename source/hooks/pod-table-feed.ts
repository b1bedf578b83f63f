// The pod table's data outside React: a pod watch summarised and published at a bounded rate (a
// watch may deliver hundreds of events a second; the screen gets at most one frame per
// REFRESH_MS, never more than REFRESH_MS behind). The header's counts and the table read the same
// published snapshot, so they are drawn in the same frame — the very first one included, when the
// list has already counted every pod by the time the UI mounts.
import type {DiagnosisConfig} from '../model/verdict.js';
import type {ConnectionState, PodListWatch} from '../kube/types.js';
import type {Pod, PrintedRow} from '../model/k8s-types.js';
import {summarizePod, type PodHealth, type PodSummary} from '../model/pod-health.js';
import type {PodHistoryStore} from '../model/instance-history.js';
import {summarizePrintedPod} from '../model/printed-pod.js';
import {Listeners} from '../kube/listeners.js';
import {groupCauses, trackRecovered, type CauseGroup, type RecoveredGroup} from '../model/cause-groups.js';
import type {SortOrder} from '../model/pod-rows.js';
import {SummaryList} from '../model/summary-list.js';
import type {SummarySource} from '../model/row-selection.js';

export const REFRESH_MS = 100;
/** Ages, step times and "stuck" move with the clock even when nothing else changes. */
const CLOCK_MS = 1000;
/**
 * Cause groups are made again at most this often (the clock's tick brings a change due in by
 * then), in a task of their own after a refresh: at 30,000 pods grouping takes 15-30 ms, and a key
 * pressed meanwhile is drawn between the two tasks instead of after both. A timer, not
 * setImmediate: React's scheduler renders a key's update in an immediate, which runs after any
 * immediate queued before it in the same turn of the event loop.
 */
const CAUSES_MS = 1000;
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
	/** Where the summaries are in the feed's change log (summarySource). */
	version: number;
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
	/** The uids of the rows that may be on screen; undefined = any row may be. */
	visible?(): Iterable<string> | undefined;
	/** When the user last pressed a key (Date.now(); 0 before any). */
	lastKeyAt?(): number;
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
	/** Pods added or removed since the last call. */
	membershipChanged: boolean;
	/** Summaries made anew (pod changed, or aged a clock tick), with the ones they replace. */
	changed: Array<{before: PodSummary | undefined; after: PodSummary}>;
}

const NO_COUNTS: PodCounts = {pods: 0, initializing: 0, failing: 0, stuck: 0, causes: 0, provisional: false};
const NO_CAUSES: CauseSnapshot = {groups: [], recovered: []};

/**
 * Up to this many clock-driven pods are all renewed at every tick; more (3,000 at 30,000 pods, a
 * 100 ms task on a busy machine) are renewed off screen in CLOCK_SHARES turns: a stuck count or
 * a cause group off screen may then lag by up to that many seconds.
 */
const CLOCK_EVERY_TICK = 1000;
const CLOCK_SHARES = 4;

/**
 * The clock's work off screen (a tick's share of the off-screen clock-driven pods, and the cause
 * groups made again) waits while keys come — one within INPUT_QUIET_MS — for at most
 * INPUT_WAIT_MS. At 30,000 pods that work is 15–60 ms, and a key pressed meanwhile waited for it;
 * what it changes is off screen (the rows on screen are renewed at every tick all the same).
 */
const INPUT_QUIET_MS = 300;
const INPUT_WAIT_MS = 2000;

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
	/** The cause groups' own task, when due. */
	private grouping: NodeJS.Timeout | undefined;
	private unsubscribe: (() => void) | undefined;
	private lastFlush = 0;
	private tick = 0;
	/** The tick the clock-driven and on-screen summaries were last renewed for. */
	private tickDone = 0;
	/** The first tick not renewed yet, while its work waits for keys (waitsForKeys). */
	private tickDueSince: number | undefined;
	/** Ticks renewed so far (whose share of the off-screen clock-driven pods is due). */
	private tickCount = 0;
	/** Pods whose summary is clock-driven (CLOCK_DRIVEN): renewed at every tick. */
	private readonly clockDriven = new Set<string>();
	/** Where in the watch's change log the last refresh stopped (changesSince). */
	private cursor = 0;
	/** When the first list started to arrive (its first notification). */
	private loadingSince: number | undefined;
	private running = false;
	/** The summaries (with their counts and the log of changes the table re-places: model/row-selection.ts). */
	private readonly list = new SummaryList();
	/** A summary with a cause changed since the cause groups were made. */
	private groupsDue = false;
	/** When the cause groups were last made. */
	private groupedAt = 0;
	/** When groupsDue last became true. */
	private groupsDueSince = 0;
	/** When a snapshot was last published (asked for a frame). */
	private publishedAt = 0;
	/**
	 * The summaries changed since latestSnapshot's array was taken. The array is taken when a
	 * snapshot is published or read (latest()), not at every refresh: under churn most refreshes
	 * change nothing on screen, and each copy of 30,000 summaries was garbage a moment later.
	 */
	private unpublished = false;

	constructor(
		readonly watch: PodListWatch,
		private readonly config: DiagnosisConfig,
		/** Where the container instances of pods that restart or have init containers are recorded. */
		private readonly histories?: PodHistoryStore,
	) {
		const empty: PodTableSnapshot = {summaries: [], version: 0, counts: NO_COUNTS, causes: NO_CAUSES, connection: watch.state, synced: false, counted: false};
		this.latestSnapshot = this.publishedSnapshot = empty;
		// Already counted (the list was started before the UI): the first frame shows the table.
		if (watch.counted) {
			this.lastFlush = Date.now();
			this.latestSnapshot = this.next(this.summarize(this.lastFlush));
			this.publishedSnapshot = this.latest();
		}
	}

	/** The newest summaries (their array taken now if it changed since it was last taken). */
	latest(): PodTableSnapshot {
		if (this.unpublished) {
			this.unpublished = false;
			this.latestSnapshot = {...this.latestSnapshot, summaries: this.list.publish(), version: this.list.version};
		}
		return this.latestSnapshot;
	}

	/** What the table's rows are kept up to date from (model/row-selection.ts). */
	get summarySource(): SummarySource {
		return this.list;
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
		clearTimeout(this.grouping);
		this.grouping = undefined;
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
			this.publishedSnapshot = this.latest();
			this.publishedAt = this.lastFlush;
			this.listeners.notify();
		}
	}

	private next(result: Summarized): PodTableSnapshot {
		const watch = this.watch;
		const previous = this.latestSnapshot;
		const same = !result.membershipChanged && result.changed.length === 0;
		// Cause groups are made of the summaries with a cause: regrouped only when one of those
		// changed, and then at most once per CAUSES_MS (at 30,000 pods under churn one changes at
		// nearly every refresh, and grouping them all each time was a tenth of the CPU).
		if (!this.groupsDue && !same && (result.membershipChanged || result.changed.some(({before, after}) => before?.cause !== undefined || after.cause !== undefined))) {
			this.groupsDue = true;
			this.groupsDueSince = this.lastFlush;
		}
		// The first groups (the first pods, the first list complete) come in the same frame as the rows.
		const first = previous.counts.pods === 0 || (watch.synced && !previous.synced);
		if (this.groupsDue && !first && !this.grouping && this.lastFlush - this.groupedAt >= CAUSES_MS && !this.waitsForKeys(this.lastFlush, Math.max(this.groupsDueSince, this.groupedAt + CAUSES_MS))) {
			this.grouping = setTimeout(() => this.regroup(), 0);
		}
		const groups = this.groupsDue && first ? this.group(this.lastFlush) : previous.causes.groups;
		const recovered = groups === previous.causes.groups && previous.causes.recovered.length === 0 ? previous.causes.recovered : trackRecovered(previous.causes.groups, groups, previous.causes.recovered, this.lastFlush);
		const provisional = watch.preview().size > 0;
		let counts = previous.counts;
		if (!same || previous.counts.provisional !== provisional || previous.counts.causes !== groups.length) {
			const {pods, initializing, failing, stuck} = this.list.counts();
			counts = {pods, initializing, failing, stuck, causes: groups.length, provisional};
		}
		if (!same) this.unpublished = true;
		return {summaries: previous.summaries, version: previous.version, counts, causes: {groups, recovered}, connection: watch.state, synced: watch.synced, counted: watch.counted};
	}

	/**
	 * The cause groups made again (their own task, see CAUSES_MS). Over the table, the next
	 * refresh draws them if the header's count or the recovered groups changed; over another
	 * screen (the causes view), which refreshes once a second, they are published at once.
	 */
	private regroup(): void {
		this.grouping = undefined;
		if (!this.running || !this.groupsDue) return;
		const now = Date.now();
		const previous = this.latestSnapshot;
		const groups = this.group(now);
		const recovered = trackRecovered(previous.causes.groups, groups, previous.causes.recovered, now);
		const counts = previous.counts.causes === groups.length ? previous.counts : {...previous.counts, causes: groups.length};
		this.latestSnapshot = {...previous, counts, causes: {groups, recovered}};
		if (this.paused) {
			this.publishedSnapshot = this.latest();
			this.publishedAt = now;
			this.listeners.notify();
		} else {
			this.schedule();
		}
	}

	/** The cause groups of the summaries as they are now (no longer due). */
	private group(now: number): CauseGroup[] {
		this.groupsDue = false;
		this.groupedAt = now;
		return groupCauses(this.list.current(), now);
	}

	/** Could this refresh change what the screen shows? */
	private visibleChange(next: PodTableSnapshot, result: Summarized): boolean {
		const last = this.publishedSnapshot;
		if (next.causes.recovered.length !== last.causes.recovered.length) return true;
		if (result.membershipChanged || next.synced !== last.synced || next.counted !== last.counted || next.connection !== last.connection) return true;
		// While full pods replace printed rows, the counts are provisional (the header says so) and
		// move with every page: a page of pods off screen is drawn with the next change on screen,
		// a second after the last frame, or at the list's end, not on its own (each such frame at
		// 30,000 pods cost a full selection of the rows and a render).
		const provisional = next.counts.provisional && last.counts.provisional;
		if (!sameCounts(next.counts, last.counts) && (!provisional || this.lastFlush - this.publishedAt >= CLOCK_MS)) return true;
		const layout = this.layout;
		if (!layout) return result.changed.length > 0;
		for (const {before, after} of result.changed) {
			// A changed status can move a row (status sort) or in/out of the init-only view.
			if (!before || ((layout.sort.key === 'status' || layout.initOnly || layout.restricted) && (before.health !== after.health || before.status !== after.status))) return true;
			if (!sameRow(before, after) && layout.onScreen(after.uid)) return true;
		}
		return false;
	}

	/** Work due since `dueSince` waits: a key came within INPUT_QUIET_MS, and it has not waited INPUT_WAIT_MS yet. */
	private waitsForKeys(now: number, dueSince: number): boolean {
		const lastKeyAt = this.layout?.lastKeyAt?.() ?? 0;
		return now - lastKeyAt < INPUT_QUIET_MS && now - dueSince < INPUT_WAIT_MS;
	}

	/**
	 * Summaries for every pod: made anew when the pod changed, and after a clock tick for pods
	 * whose health or WHY depends on the clock or that are on screen (AGE, RESTARTS "(5s ago)");
	 * one tick re-summarizes them all in one refresh, so a tick costs one frame. Only the pods the
	 * watch says changed are looked at (at 30,000 pods under churn, a look at every pod each
	 * refresh was most of the CPU); every pod when the watch cannot say.
	 */
	private summarize(now: number): Summarized {
		const {watch, cache, tick, histories, clockDriven, list} = this;
		const options = this.config;
		const layout = this.layout;
		const onScreen = layout?.onScreen ?? (() => true);
		const items = watch.items();
		const printed = watch.preview();
		const changed: Summarized['changed'] = [];
		let membershipChanged = false;
		/** Looks at one pod (or its printed row, or its absence) and summarizes it again if due. */
		const refresh = (uid: string, pod: Pod | undefined, row: PrintedRow | undefined) => {
			const source = pod ?? row;
			const entry = cache.get(uid);
			if (!source) {
				if (!entry) return;
				cache.delete(uid);
				clockDriven.delete(uid);
				membershipChanged = true;
				list.remove(uid);
				return;
			}
			if (entry && entry.source === source) {
				if (entry.tick >= tick) return;
				if (!clockDriven.has(uid) && !onScreen(uid)) {
					// Checked for this tick: off screen, and its summary does not move with the clock.
					entry.tick = tick;
					return;
				}
			}
			if (!entry) membershipChanged = true;
			let summary: PodSummary;
			if (pod) {
				// A new or changed pod (not a clock re-summary): its container instances may be new.
				if (histories && entry?.source !== pod && worthRemembering(pod)) histories.observe(pod, now);
				summary = summarizePod(pod, now, options);
			} else {
				summary = summarizePrintedPod(row!, now);
			}
			changed.push({before: entry?.summary, after: summary});
			list.set(uid, entry?.summary, summary);
			cache.set(uid, {source, summary, tick});
			if (CLOCK_DRIVEN.has(summary.health)) clockDriven.add(uid);
			else clockDriven.delete(uid);
		};
		let waiting = false;
		const delta = watch.changesSince(this.cursor);
		this.cursor = delta.cursor;
		const visible = layout?.visible?.();
		if (delta.keys === undefined || (tick > this.tickDone && !visible)) {
			// Every pod: plain loops, no closure per pod.
			for (const [uid, pod] of items) refresh(uid, pod, undefined);
			for (const [uid, row] of printed) if (!items.has(uid)) refresh(uid, undefined, row);
			if (cache.size > items.size + printed.size) {
				for (const uid of cache.keys()) if (!items.has(uid) && !printed.has(uid)) refresh(uid, undefined, undefined);
			}
		} else {
			for (const uid of new Set(delta.keys)) refresh(uid, items.get(uid), printed.get(uid));
			if (tick > this.tickDone) {
				// On screen: every tick. Off screen: all of them while they are few, else a share per
				// tick in turn (each within CLOCK_SHARES ticks), so a tick is not one long task; and
				// not while keys come (the tick stays due and its share is renewed at a later refresh).
				this.tickDueSince ??= tick;
				waiting = this.waitsForKeys(now, this.tickDueSince);
				if (!waiting) {
					const shares = clockDriven.size > CLOCK_EVERY_TICK ? CLOCK_SHARES : 1;
					const turn = this.tickCount++ % shares;
					let index = 0;
					for (const uid of [...clockDriven]) if (index++ % shares === turn || onScreen(uid)) refresh(uid, items.get(uid), printed.get(uid));
				}
				for (const uid of visible ?? []) refresh(uid, items.get(uid), printed.get(uid));
			}
		}
		if (!waiting) {
			this.tickDone = tick;
			this.tickDueSince = undefined;
		}
		list.trim();
		return {membershipChanged, changed};
	}
}
