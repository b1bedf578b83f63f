// Pure: the pod table feed's summaries, kept as one array changed in place (copied once per
// publication that follows a change, never rebuilt from every pod), with the pods per health and
// the log of what changed kept alongside: at 30,000 pods, building the array and counting healths
// afresh at every refresh under churn was a large part of the CPU.
import {countsOfTally, emptyTally, type HealthCounts, type PodSummary} from './pod-health.js';
import {INCREMENTAL_SHARE, type SummarySource} from './row-selection.js';

/** The pods changed in the last refreshes (uids), by position (a reader asks for those after its own). */
class ChangeLog {
	private entries: string[] = [];
	/** The position of entries[0]. */
	private start = 0;

	get end(): number {
		return this.start + this.entries.length;
	}

	add(uid: string): void {
		this.entries.push(uid);
	}

	/** The changes after a position; those before it are dropped (one reader, which never goes back). */
	since(position: number): readonly string[] | undefined {
		if (position < this.start || position > this.end) return undefined;
		const changes = this.entries.slice(position - this.start);
		this.entries = changes.slice();
		this.start = position;
		return changes;
	}

	/**
	 * Keeps no more changes than a reader would apply one by one (more: it does a full pass
	 * anyway).
	 */
	trim(pods: number): void {
		const keep = Math.max(100, Math.ceil(pods * INCREMENTAL_SHARE));
		if (this.entries.length <= 2 * keep) return;
		const drop = this.entries.length - keep;
		this.entries = this.entries.slice(drop);
		this.start += drop;
	}
}

export class SummaryList implements SummarySource {
	/** The summaries in no particular order (the table sorts them). */
	private list: PodSummary[] = [];
	/** `list` is not published yet: it may be written in place. */
	private owned = false;
	/** The uid of each position of `list`. */
	private readonly uids: string[] = [];
	private readonly positions = new Map<string, number>();
	private readonly tally = emptyTally();
	private readonly log = new ChangeLog();

	get size(): number {
		return this.list.length;
	}

	/** Where the log is: the version of what publish() returns next. */
	get version(): number {
		return this.log.end;
	}

	counts(): HealthCounts {
		return countsOfTally(this.tally, this.list.length);
	}

	/**
	 * The pods changed after a version; undefined when no longer kept. For one reader (the
	 * table): changes before the version are dropped.
	 */
	changedSince(version: number): readonly string[] | undefined {
		return this.log.since(version);
	}

	/** A pod's newest summary. */
	summaryOf(uid: string): PodSummary | undefined {
		const at = this.positions.get(uid);
		return at === undefined ? undefined : this.list[at];
	}

	/** The summaries as an array that no longer changes (the same one as last time when nothing did). */
	publish(): PodSummary[] {
		this.owned = false;
		return this.list;
	}

	/**
	 * The summaries as they are now, to be read at once and not kept: the array may change in place
	 * afterwards (no copy of every summary for a reader done before the next change).
	 */
	current(): readonly PodSummary[] {
		return this.list;
	}

	/** Drops the changes a reader would no longer apply one by one (see ChangeLog.trim); once per refresh. */
	trim(): void {
		this.log.trim(this.list.length);
	}

	/** A pod's summary, new or replacing its previous one (`before`). */
	set(uid: string, before: PodSummary | undefined, after: PodSummary): void {
		const list = this.writable();
		const at = this.positions.get(uid);
		if (at === undefined) {
			this.positions.set(uid, list.length);
			this.uids.push(uid);
			list.push(after);
		} else {
			list[at] = after;
		}
		if (before) this.tally[before.health]--;
		this.tally[after.health]++;
		this.log.add(uid);
	}

	/** A pod gone. */
	remove(uid: string): void {
		const at = this.positions.get(uid);
		if (at === undefined) return;
		const list = this.writable();
		const before = list[at]!;
		const last = list.length - 1;
		// The last one takes its place.
		if (at !== last) {
			list[at] = list[last]!;
			this.uids[at] = this.uids[last]!;
			this.positions.set(this.uids[at]!, at);
		}
		list.pop();
		this.uids.pop();
		this.positions.delete(uid);
		this.tally[before.health]--;
		this.log.add(uid);
	}

	private writable(): PodSummary[] {
		if (!this.owned) {
			this.list = this.list.slice();
			this.owned = true;
		}
		return this.list;
	}
}
