// The cause-group list's rows and columns: live groups worst first, then those that just recovered.
import type {CellStyle, Column} from '../../ui/Table.js';
import {groupSize, groupStep, groupSubject, type CauseGroup} from '../../model/cause-groups.js';
import type {CauseSnapshot} from '../../hooks/pod-table-feed.js';
import {humanDuration} from '../../model/duration.js';
import {HEALTH_SYMBOLS} from '../../model/pod-health.js';
import {sanitizeLine} from '../../model/sanitize.js';
import {styleOf} from '../../ui/theme.js';

export interface CauseRow {
	group: CauseGroup;
	/** The group emptied: its pods run or are gone. */
	recovered: boolean;
}

export function causeRows(causes: CauseSnapshot): CauseRow[] {
	return [...causes.groups.map(group => ({group, recovered: false})), ...causes.recovered.map(entry => ({group: entry.group, recovered: true}))];
}

const style = (row: CauseRow): CellStyle => styleOf(row.recovered ? 'ok' : row.group.worstHealth);
const plain = (): CellStyle => ({});

export function causeColumns(now: number): Column<CauseRow>[] {
	return [
		{id: 'symbol', title: ' ', cell: row => (row.recovered ? '✔' : HEALTH_SYMBOLS[row.group.worstHealth]), style},
		{id: 'pods', title: 'PODS', cell: row => (row.recovered ? '0' : String(row.group.pods.length)), align: 'right', keep: 9, style},
		{id: 'cause', title: 'CAUSE', cell: row => sanitizeLine(groupSubject(row.group)), max: 40, keep: 8, style: plain},
		{id: 'workloads', title: 'WORKLOADS', cell: row => (row.group.owners.length > 1 ? groupSize(row.group).replace(/^.* of /, '') : ''), keep: 2, style: plain},
		{id: 'step', title: 'STEP', cell: row => sanitizeLine(groupStep(row.group)), max: 32, keep: 5, style: plain},
		{id: 'since', title: 'SINCE', cell: row => (row.group.oldestSince > 0 ? humanDuration(Math.max(0, now - row.group.oldestSince)) : ''), keep: 4, style: plain},
		{id: 'trend', title: 'TREND', cell: row => (row.recovered ? 'recovered' : row.group.joining ? 'joining' : ''), keep: 3, style},
		{id: 'reason', title: 'REASON', cell: row => sanitizeLine(row.recovered ? `recovered — was: ${row.group.reason}` : row.group.reason), flex: true, style},
	];
}
