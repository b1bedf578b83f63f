// The workload tables' columns: kubectl's for the kind (model/workloads/columns.ts), the
// `:workloads` view's common ones with KIND, and the WHY in the pod table's class colours.
import {styleOf} from '../../ui/theme.js';
import type {CellStyle, Column} from '../../ui/Table.js';
import {HEALTH_SYMBOLS} from '../../model/pod-health.js';
import {sanitizeLine} from '../../model/sanitize.js';
import {ALL_KIND_COLUMNS, KIND_COLUMNS} from '../../model/workloads/columns.js';
import {KINDS} from '../../model/workloads/kinds.js';
import type {WorkloadRow} from '../../model/workloads/rows.js';
import type {WorkloadKind} from '../../model/workloads/types.js';

const health = (row: WorkloadRow): CellStyle => styleOf(row.why.health);
const plain = (): CellStyle => ({});

export function workloadColumns(kind: WorkloadKind | 'all', allNamespaces: boolean, now: () => number): Column<WorkloadRow>[] {
	const kubectl = kind === 'all' ? ALL_KIND_COLUMNS : KIND_COLUMNS[kind];
	return [
		{id: 'symbol', title: ' ', cell: row => HEALTH_SYMBOLS[row.why.health], style: health},
		...(allNamespaces ? [{id: 'namespace', title: 'NAMESPACE', cell: (row: WorkloadRow) => row.workload.metadata.namespace ?? '', max: 24, keep: 2, style: plain}] : []),
		...(kind === 'all' ? [{id: 'kind', title: 'KIND', cell: (row: WorkloadRow) => KINDS[row.workload.kind as WorkloadKind]?.short ?? row.workload.kind ?? '', style: plain}] : []),
		{id: 'name', title: 'NAME', cell: row => row.workload.metadata.name, max: 48, style: plain},
		...kubectl.map((column, index): Column<WorkloadRow> => ({id: column.title === 'AGE' ? 'age' : `k${index}`, title: column.title, cell: row => column.cell(row.workload, now()), keep: 3, style: plain})),
		{id: 'why', title: 'WHY', cell: row => sanitizeLine(row.why.text), flex: true, style: health},
	];
}
