// Every key of the pod drill-down and of the describe/YAML view (help and the bottom hints read these).
import type {FindingAction} from '../../model/findings/index.js';
import type {KeyHint} from '../../ui/KeyHints.js';

/** The drill-down's action keys: the handler, the help and the hints in findings all read these. */
export const POD_ACTION_KEYS = {logs: 'l', previousLogs: 'p', describe: 'd', yaml: 'y', checklist: 'c'} as const;

export const POD_KEYS: KeyHint[] = [
	{keys: POD_ACTION_KEYS.logs, action: 'logs of the blocking container', hint: true},
	{keys: POD_ACTION_KEYS.previousLogs, action: 'its previous logs', hint: true},
	{keys: POD_ACTION_KEYS.describe, action: 'describe', hint: true},
	{keys: POD_ACTION_KEYS.yaml, action: 'yaml', hint: true},
	{keys: POD_ACTION_KEYS.checklist, action: 'checklist', hint: true},
	{keys: 'j/k ↓/↑', action: 'scroll'},
	{keys: 'PgDn/PgUp', action: 'page down / up'},
	{keys: 'g/G', action: 'top / bottom'},
	{keys: 'Esc', action: 'back', hint: true},
];

export const DESCRIBE_KEYS: KeyHint[] = [
	{keys: '/', action: 'search', hint: true},
	{keys: 'n/N', action: 'next / previous match', hint: true},
	{keys: 'd/y', action: 'describe / yaml', hint: true},
	{keys: 'j/k ↓/↑', action: 'scroll'},
	{keys: 'PgDn/PgUp', action: 'page down / up'},
	{keys: 'g/G', action: 'top / bottom'},
	{keys: 'Esc', action: 'clear search, then back', hint: true},
];

/** The key hint the TUI adds to a finding or headline that asks for a next step (the report gives a command instead). */
export function actionHint(action: FindingAction | undefined): string {
	if (action === 'logs') return ` (press ${POD_ACTION_KEYS.logs})`;
	if (action === 'checklist') return ` (press ${POD_ACTION_KEYS.checklist} for the checklist)`;
	return '';
}
