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


function byName(a: PodSummary, b: PodSummary): number {
	return a.namespace === b.namespace ? compareText(a.name, b.name) : compareText(a.namespace, b.namespace);
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

export function selectRows(summaries: Iterable<PodSummary>, options: RowOptions): PodSummary[] {
	const rows: PodSummary[] = [];
	for (const summary of summaries) {
		if (options.only && !options.only.has(summary.uid)) continue;
		if (options.initOnly && !INIT_HEALTH.has(summary.health) && !summary.initCause) continue;
		if (options.filter) {
			const subject = options.allNamespaces ? `${summary.namespace}/${summary.name}` : summary.name;
			if (!options.filter.test(subject)) continue;
		}
		rows.push(summary);
	}
	const compare = COMPARE[options.sort.key];
	rows.sort(options.sort.descending ? (a, b) => compare(b, a) : compare);
	return rows;
}

/**
 * The selected row's index after the rows changed: the same pod (by uid) wherever it moved; if it
 * is gone, the row at the old position (clamped); -1 for no rows.
 */
export function selectedIndexFor(rows: readonly PodSummary[], uid: string | undefined, previousIndex: number): number {
	if (rows.length === 0) return -1;
	if (uid !== undefined) {
		const index = rows.findIndex(row => row.uid === uid);
		if (index >= 0) return index;
	}
	return Math.min(Math.max(0, previousIndex), rows.length - 1);
}

