// The workload screen's text above its pod table: kubectl's facts, the WHY, each revision's
// pods and causes, and what changed in the rollout. Pure: rows in, styled lines out.
import {causePhrase, causeGroups, type VerdictOf} from '../../model/workloads/why.js';
import {readyConditionTrue} from '../../model/pod-status.js';
import {KIND_COLUMNS} from '../../model/workloads/columns.js';
import type {RevisionGroup} from '../../model/workloads/pods.js';
import type {RolloutChange} from '../../model/workloads/rollout.js';
import type {WorkloadRow} from '../../model/workloads/rows.js';
import {changeLine} from '../../model/workloads/template-diff.js';
import type {WorkloadKind} from '../../model/workloads/types.js';
import {sanitizeLine} from '../../model/sanitize.js';
import {ROLES} from '../../ui/theme.js';
import type {ScreenLine} from '../pod/lines.js';

/** `new · revision 2 · rs api-7d9f`. */
export function groupLabel(group: RevisionGroup): string {
	return [group.role, group.revision === undefined ? '' : `revision ${group.revision}`, group.replicaSet ? `rs ${group.replicaSet.metadata.name}` : ''].filter(Boolean).join(' · ');
}

/** The pod table's REVISION cell: `new 2`, `old 1`. */
export function revisionCell(group: RevisionGroup): string {
	return group.revision === undefined ? group.role : `${group.role} ${group.revision}`;
}

const CHANGE_COLORS = {'+': ROLES.ok.color, '-': ROLES.error.color, '~': ROLES.warning.color} as const;

export function workloadLines(row: WorkloadRow, change: RolloutChange | undefined, verdictOf: VerdictOf, now: number, maxChanges: number): ScreenLine[] {
	const {workload} = row;
	const kind = workload.kind as WorkloadKind;
	const facts = (KIND_COLUMNS[kind] ?? []).map(column => `${column.title} ${column.cell(workload, now)}`).join('  ');
	const lines: ScreenLine[] = [{key: 'facts', segments: [{text: `${kind} ${workload.metadata.namespace}/${workload.metadata.name}  ${facts}`, dim: true}]}];
	lines.push({key: 'why', segments: [{text: row.why.text ? sanitizeLine(row.why.text) : 'nothing wrong found', bold: true, color: ROLES[row.why.health].color}]});
	for (const group of row.pods.groups) {
		const ready = group.pods.filter(pod => readyConditionTrue(pod.status?.conditions)).length;
		const causes = causeGroups(group.pods, verdictOf).map(cause => `${cause.pods.length}× ${causePhrase(cause.verdict)}`);
		lines.push({key: `group:${group.role}:${group.revision ?? ''}`, segments: [
			{text: `${groupLabel(group)}: `, bold: true},
			{text: `${ready}/${group.pods.length} pods ready`},
			{text: causes.length > 0 ? `  ${sanitizeLine(causes.join('; '))}` : '', color: ROLES.error.color},
		]});
	}
	if (change) {
		lines.push({key: 'changes', segments: [{text: `What changed in this rollout (${change.title})`, bold: true, color: ROLES.title.color}]});
		if (change.changes.length === 0) lines.push({key: 'change:none', segments: [{text: '  the pod templates are the same', dim: true}]});
		const shown = change.changes.length > maxChanges ? change.changes.slice(0, Math.max(1, maxChanges - 1)) : change.changes;
		shown.forEach((item, at) => lines.push({key: `change:${at}`, segments: [{text: `  ${sanitizeLine(changeLine(item))}`, color: CHANGE_COLORS[item.op]}]}));
		if (shown.length < change.changes.length) lines.push({key: 'change:more', segments: [{text: `  … ${change.changes.length - shown.length} more`, dim: true}]});
	}
	return lines;
}
