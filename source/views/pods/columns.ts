// The pod table's columns and the style of each health (initializing ≠ init-failing ≠ stuck,
// and the symbol column keeps them apart without colour).
import {styleOf} from '../../ui/theme.js';
import type {CellStyle, Column} from '../../ui/Table.js';
import {humanDuration} from '../../model/duration.js';
import {sanitizeLine} from '../../model/sanitize.js';
import type {PodHealth, PodSummary} from '../../model/pod-health.js';

const health = (row: PodSummary): CellStyle => styleOf(row.health);
const plain = (): CellStyle => ({});
const IN_STEP: ReadonlySet<PodHealth> = new Set<PodHealth>(['initializing', 'init-failing', 'stuck', 'pending']);

/** Healths whose WHY a printed row cannot give yet: `…` until the full pod arrives. */
const EXPLAINED: ReadonlySet<PodHealth> = new Set<PodHealth>(['initializing', 'init-failing', 'stuck', 'app-failing', 'pending', 'terminating']);

function whyCell(row: PodSummary): string {
	if (row.why) return sanitizeLine(row.why);
	return row.provisional && EXPLAINED.has(row.health) ? '…' : '';
}

/** Time in the current start-up step, while the pod is starting. */
function stepCell(row: PodSummary): string {
	return row.stepSince !== undefined && IN_STEP.has(row.health) ? humanDuration(Date.now() - row.stepSince) : '';
}

/**
 * NAME, NAMESPACE and STATUS take their width from the values (kubectl's STATUS is shown whole when
 * there is room: `Init:CreateContainerConfigError`), and widths never shrink within a terminal
 * size; the others are `fixed`, so a restart count or an age that changes never moves a column.
 * Without `keep`, a column always shows (at 80 columns: NAME, STATUS and at least 30 cells of
 * WHY, and NAMESPACE with -A, abbreviated when it must be); optional columns come in order of
 * `keep`, highest first, when the terminal has room for them: kubectl's columns first
 * (READY, AGE, RESTARTS), then initk9's INIT and STEP, but none before WHY has 40 cells (WHY is
 * the answer; STATUS already says Init:N/M). At 120 columns a row reads NAME READY STATUS RESTARTS
 * AGE WHY; with -A, NS NAME READY STATUS AGE WHY; INIT from 130 columns, everything from 150.
 */
export function podColumns(allNamespaces: boolean): Column<PodSummary>[] {
	const columns: Column<PodSummary>[] = [
		{id: 'symbol', title: ' ', cell: row => row.symbol, style: health},
		...(allNamespaces ? [{id: 'namespace', title: 'NAMESPACE', short: 'NS', cell: (row: PodSummary) => row.namespace, min: 6, want: 9, max: 24, grow: 1, style: plain}] : []),
		{id: 'name', title: 'NAME', cell: row => row.name, min: 20, want: 23, max: 48, grow: 2, style: plain},
		{id: 'ready', title: 'READY', cell: row => row.ready, min: 5, fixed: true, keep: 6, style: plain},
		{id: 'status', title: 'STATUS', cell: row => row.status, min: 12, want: 22, max: 32, grow: 3, style: health},
		{id: 'restarts', title: 'RESTARTS', cell: row => row.restarts, align: 'right', min: 12, fixed: true, keep: 4, style: plain},
		{id: 'age', title: 'AGE', cell: row => row.age, min: 5, fixed: true, keep: 5, style: plain},
		{id: 'init', title: 'INIT', cell: row => row.progress, min: 8, fixed: true, keep: 3, style: health},
		{id: 'step', title: 'STEP', cell: stepCell, min: 5, fixed: true, keep: 1, style: health},
		{id: 'why', title: 'WHY', cell: whyCell, min: 30, want: 40, flex: true, style: health},
	];
	return columns;
}
