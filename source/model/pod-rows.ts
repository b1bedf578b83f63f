// Pure: which pods the table shows, in which order, and which row is selected.
import {HEALTH_SEVERITY, type PodHealth, type PodSummary} from './pod-health.js';

export type SortKey = 'name' | 'age' | 'status';

export interface SortOrder {
	key: SortKey;
	descending: boolean;
}

export interface RowOptions {
	filter?: RegExp;
	/** Only pods initializing or in init trouble (init-failing, stuck, pending before init). */
	initOnly: boolean;
	/** Only these pods (by uid): one cause group's. */
	only?: ReadonlySet<string>;
	sort: SortOrder;
	/** With all namespaces, sort and match on namespace/name. */
	allNamespaces: boolean;
}

export const INIT_HEALTH: ReadonlySet<PodHealth> = new Set<PodHealth>(['initializing', 'init-failing', 'stuck']);


/** Ties (a pod deleted and created again under its name) by uid: one order, however the rows were made. */
function byName(a: PodSummary, b: PodSummary): number {
	if (a.namespace !== b.namespace) return compareText(a.namespace, b.namespace);
	return a.name === b.name ? compareText(a.uid, b.uid) : compareText(a.name, b.name);
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

const COMPARE: Record<SortKey, (a: PodSummary, b: PodSummary) => number> = {
	name: byName,
	// Youngest first, like k9s' AGE sort; ties by name.
	age: (a, b) => (b.createdAt - a.createdAt) || byName(a, b),
	status: (a, b) => (HEALTH_SEVERITY[a.health] - HEALTH_SEVERITY[b.health]) || compareText(a.status, b.status) || byName(a, b),
};

/** A user's filter text as a case-insensitive regular expression, or an error message. */
export function compileFilter(text: string): {filter?: RegExp; error?: string} {
	if (!text) return {};
	try {
		return {filter: new RegExp(text, 'i')};
	} catch {
		return {error: 'invalid regular expression'};
	}
}

/** The table's order for a sort. */
export function compareRows(sort: SortOrder): (a: PodSummary, b: PodSummary) => number {
	const compare = COMPARE[sort.key];
	return sort.descending ? (a, b) => compare(b, a) : compare;
}

/** In the cause group shown, and in init trouble when only that is shown (all but the text filter). */
export function passesScope(summary: PodSummary, options: RowOptions): boolean {
	if (options.only && !options.only.has(summary.uid)) return false;
	return !options.initOnly || INIT_HEALTH.has(summary.health) || summary.initCause;
}

/** A filter source with no regular-expression syntax: it matches the texts that contain it. */
export const LITERAL = /^[^\\^$.|?*+()[\]{}]*$/;

/** The last filter seen, and whether it is a literal without `/` (see matchesFilter). */
let lastFilter: RegExp | undefined;
let lastApart = false;

/** Matches the text filter (on namespace/name with all namespaces); true without one. */
export function matchesFilter(summary: PodSummary, options: RowOptions): boolean {
	const {filter} = options;
	if (!filter) return true;
	if (!options.allNamespaces) return filter.test(summary.name);
	if (filter !== lastFilter) {
		lastFilter = filter;
		lastApart = LITERAL.test(filter.source) && !filter.source.includes('/');
	}
	// A literal without `/` is in namespace/name exactly when it is in one of them: no string is
	// made per row (a filter's first key at 30,000 pods made 30,000 of them).
	return lastApart ? filter.test(summary.name) || filter.test(summary.namespace) : filter.test(`${summary.namespace}/${summary.name}`);
}

export function selectRows(summaries: Iterable<PodSummary>, options: RowOptions): PodSummary[] {
	const rows: PodSummary[] = [];
	for (const summary of summaries) if (passesScope(summary, options) && matchesFilter(summary, options)) rows.push(summary);
	return rows.sort(compareRows(options.sort));
}

/** How far around its last index the selected pod is looked for before every row is. */
const NEAR = 64;

/**
 * The selected row's index after the rows changed: the same pod (by uid) wherever it moved; if it
 * is gone, the row at the old position (clamped); -1 for no rows.
 */
export function selectedIndexFor(rows: readonly PodSummary[], uid: string | undefined, previousIndex: number): number {
	if (rows.length === 0) return -1;
	if (uid !== undefined) {
		// Near where it was first (a key moved it there, or a few rows moved around it): no look at every row.
		const from = Math.min(Math.max(0, previousIndex), rows.length - 1);
		for (let distance = 0; distance <= NEAR; distance++) {
			if (rows[from + distance]?.uid === uid) return from + distance;
			if (distance > 0 && rows[from - distance]?.uid === uid) return from - distance;
		}
		const index = rows.findIndex(row => row.uid === uid);
		if (index >= 0) return index;
	}
	return Math.min(Math.max(0, previousIndex), rows.length - 1);
}

