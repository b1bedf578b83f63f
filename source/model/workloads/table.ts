// Which workloads a table shows and in which order: the pod table's filter and sort keys
// (model/pod-rows.ts) over workload rows. Pure.
import {HEALTH_SEVERITY} from '../pod-health.js';
import type {SortKey, SortOrder} from '../pod-rows.js';
import type {WorkloadRow} from './rows.js';

export interface WorkloadTableOptions {
	filter?: RegExp;
	sort: SortOrder;
	/** With all namespaces, match on namespace/name. */
	allNamespaces: boolean;
}

const KIND_ORDER = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet'];

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const created = (row: WorkloadRow) => Date.parse(row.workload.metadata.creationTimestamp ?? '') || 0;

/** By namespace, kind (on `:workloads`), name: the order kubectl lists them in. */
export function byName(a: WorkloadRow, b: WorkloadRow): number {
	const [x, y] = [a.workload, b.workload];
	return text(x.metadata.namespace ?? '', y.metadata.namespace ?? '') || KIND_ORDER.indexOf(x.kind ?? '') - KIND_ORDER.indexOf(y.kind ?? '') || text(x.metadata.name, y.metadata.name);
}

const COMPARE: Record<SortKey, (a: WorkloadRow, b: WorkloadRow) => number> = {
	name: byName,
	// Youngest first, as the pod table; ties by name.
	age: (a, b) => (created(b) - created(a)) || byName(a, b),
	// Worst first: the WHY's health, as the pod table's status sort.
	status: (a, b) => (HEALTH_SEVERITY[a.why.health] - HEALTH_SEVERITY[b.why.health]) || byName(a, b),
};

export function selectWorkloadRows(rows: readonly WorkloadRow[], options: WorkloadTableOptions): WorkloadRow[] {
	const shown = options.filter
		? rows.filter(row => options.filter!.test(options.allNamespaces ? `${row.workload.metadata.namespace}/${row.workload.metadata.name}` : row.workload.metadata.name))
		: [...rows];
	const compare = COMPARE[options.sort.key];
	return shown.sort(options.sort.descending ? (a, b) => compare(b, a) : compare);
}
