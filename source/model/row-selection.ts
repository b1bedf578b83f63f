// Pure: the table's rows kept up to date from the previous rows instead of filtering and sorting
// every pod again. At 30,000 pods a full selectRows is tens of ms (a regex per row, a sort of
// every row); under churn the summaries change every refresh, so a key press paid it on its frame.
// Here a refresh's few changed summaries replace the old ones where they sort the same, else are
// taken out and merged back in place, and a filter typed further filters the rows it already has.
// The result is always exactly selectRows'.
import type {PodSummary} from './pod-health.js';
import {compareRows, LITERAL, matchesFilter, passesScope, selectRows, type RowOptions} from './pod-rows.js';

/** One summary replaced (before → after), added (no before) or removed (no after). */
export interface SummaryChange {
	before?: PodSummary;
	after?: PodSummary;
}

export interface RowSelection {
	summaries: readonly PodSummary[];
	/**
	 * Each pod's summary as of `version` (what the rows hold): the summary to take out when a pod
	 * changed. Made at the first update after a full pass (not at each full pass: while the first
	 * list loads every frame is one), then updated in place (only the newest selection is used).
	 */
	placed?: Map<string, PodSummary>;
	/** The summaries' version (the feed's change log position they were made at). */
	version: number;
	options: RowOptions;
	/** The pods in scope (cause group, init-only), sorted, before the text filter. */
	scoped: PodSummary[];
	/** What the table shows: `scoped` through the filter. */
	rows: PodSummary[];
}

/**
 * Where the summaries come from: the pods changed after a version (uids only, so no old summary
 * is kept alive for the table), or undefined when no longer known (a full pass); a pod's newest summary.
 */
export interface SummarySource {
	changedSince(version: number): readonly string[] | undefined;
	summaryOf(uid: string): PodSummary | undefined;
}

/** More changes than this share of the pods: a full pass is as cheap. */
export const INCREMENTAL_SHARE = 0.25;

/** A filter typed further filters the previous filter's rows when they are at most this share of the scoped rows. */
const NARROW_SHARE = 0.25;

const sameScope = (a: RowOptions, b: RowOptions) =>
	a.initOnly === b.initOnly && a.only === b.only && a.sort.key === b.sort.key && a.sort.descending === b.sort.descending && a.allNamespaces === b.allNamespaces;

const sameFilter = (a: RegExp | undefined, b: RegExp | undefined) => a === b || (a !== undefined && b !== undefined && a.source === b.source && a.flags === b.flags);

/** Every text `next` matches, `previous` matches too (so `next` can filter `previous`' rows). */
export function narrows(previous: RegExp | undefined, next: RegExp | undefined): boolean {
	if (!next) return previous === undefined;
	if (!previous) return true;
	if (previous.flags !== next.flags || !LITERAL.test(previous.source) || !LITERAL.test(next.source)) return false;
	const ignoreCase = next.flags.includes('i');
	return ignoreCase ? next.source.toLowerCase().includes(previous.source.toLowerCase()) : next.source.includes(previous.source);
}

/** Up to this many changes are placed one by one (a binary search and a splice each); more are merged in one pass. */
const SPLICE_MAX = 256;

/** The first index in rows[from..] whose row sorts after (orEqual: not before) the summary. */
function place(rows: readonly PodSummary[], summary: PodSummary, compare: (a: PodSummary, b: PodSummary) => number, orEqual: boolean, from = 0): number {
	let low = from;
	let high = rows.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		const order = compare(rows[middle]!, summary);
		if (order < 0 || (order === 0 && !orEqual)) low = middle + 1;
		else high = middle;
	}
	return low;
}

/**
 * Sorted rows with the changes applied: a summary that sorts where the one it replaces did takes
 * its place; other removed and replaced summaries are taken out, new ones that pass `keep` put in
 * at their place. The order is total (model/pod-rows.ts), so a summary's place is found by a
 * binary search. O(rows + changes · log rows). `rows` itself is never changed.
 */
export function applyChanges(rows: PodSummary[], changes: readonly SummaryChange[], keep: (summary: PodSummary) => boolean, compare: (a: PodSummary, b: PodSummary) => number): PodSummary[] {
	const gone = new Set<PodSummary>();
	const added: PodSummary[] = [];
	/** Summaries that take the place of the one before them (the same sort position, both kept). */
	let replaced: PodSummary[] | undefined;
	for (const {before, after} of changes) {
		// Most changes (a clock tick's re-summaries, a restart count) move no row: the new summary
		// takes the old one's place, found by a binary search, with no splice or merge.
		if (before && after && compare(before, after) === 0 && keep(after) && keep(before)) {
			replaced ??= rows.slice();
			const at = place(replaced, before, compare, true);
			if (replaced[at] === before) {
				replaced[at] = after;
				continue;
			}
		}
		if (before) gone.add(before);
		if (after) added.push(after);
	}
	if (replaced && gone.size === 0 && added.length === 0) return replaced;
	if (replaced) rows = replaced;
	// A summary added and replaced again within these changes is gone too.
	const incoming = added.filter(summary => !gone.has(summary) && keep(summary)).sort(compare);
	if (gone.size + incoming.length <= SPLICE_MAX) {
		const result = replaced ?? rows.slice();
		for (const summary of gone) {
			const at = place(result, summary, compare, true);
			if (result[at] === summary) result.splice(at, 1);
		}
		for (const summary of incoming) result.splice(place(result, summary, compare, false), 0, summary);
		return result;
	}
	const kept = gone.size === 0 ? rows : rows.filter(row => !gone.has(row));
	if (incoming.length === 0) return kept;
	const result: PodSummary[] = [];
	let from = 0;
	for (const summary of incoming) {
		const at = place(kept, summary, compare, false, from);
		for (let index = from; index < at; index++) result.push(kept[index]!);
		result.push(summary);
		from = at;
	}
	for (let index = from; index < kept.length; index++) result.push(kept[index]!);
	return result;
}

function fresh(summaries: readonly PodSummary[], version: number, options: RowOptions): RowSelection {
	const scoped = selectRows(summaries, {...options, filter: undefined});
	const rows = options.filter ? scoped.filter(summary => matchesFilter(summary, options)) : scoped;
	return {summaries, version, options, scoped, rows};
}

/** What changed for these pods since `placed`, which is brought up to date. */
function changesOf(uids: readonly string[], placed: Map<string, PodSummary>, source: SummarySource): SummaryChange[] {
	const changes: SummaryChange[] = [];
	for (const uid of new Set(uids)) {
		const before = placed.get(uid);
		const after = source.summaryOf(uid);
		if (before === after) continue;
		changes.push({before, after});
		if (after) placed.set(uid, after);
		else placed.delete(uid);
	}
	return changes;
}

/**
 * The rows for these summaries and options, from the previous selection where it can: the
 * changes since its version applied to its rows, and a filter that narrows the previous one
 * applied to its rows (another filter: to the scoped rows, no sort).
 */
export function updateSelection(previous: RowSelection | undefined, summaries: readonly PodSummary[], version: number, options: RowOptions, source: SummarySource): RowSelection {
	if (!previous || !sameScope(previous.options, options)) return fresh(summaries, version, options);
	let {scoped, rows, placed} = previous;
	const compare = compareRows(options.sort);
	const refilter = !sameFilter(previous.options.filter, options.filter);
	// A new filter is applied to the rows of the one it narrows while they are few; to the scoped
	// rows when they are many (one test per row, where bringing the old rows up to date first
	// would copy them too).
	const fromRows = refilter && narrows(previous.options.filter, options.filter) && rows.length <= scoped.length * NARROW_SHARE;
	if (summaries !== previous.summaries) {
		const uids = source.changedSince(previous.version);
		if (!uids || uids.length > summaries.length * INCREMENTAL_SHARE) return fresh(summaries, version, options);
		placed ??= new Map(previous.summaries.map(summary => [summary.uid, summary]));
		const changes = changesOf(uids, placed, source);
		const before = previous.options;
		scoped = applyChanges(scoped, changes, summary => passesScope(summary, options), compare);
		if (!before.filter) rows = scoped;
		else if (!refilter || fromRows) rows = applyChanges(rows, changes, summary => passesScope(summary, options) && matchesFilter(summary, before), compare);
	}
	if (refilter) {
		const base = fromRows ? rows : scoped;
		rows = options.filter ? base.filter(summary => matchesFilter(summary, options)) : scoped;
	}
	return {summaries, placed, version, options, scoped, rows};
}
