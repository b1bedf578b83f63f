// The screen for every route, and the keys each screen answers to (shown by `?`).
import type {KeyHint} from '../ui/KeyHints.js';
import {COMMAND_NAMES} from '../hooks/commands.js';
import {POD_TABLE_KEYS} from './pods/keys.js';
import {LOG_KEYS} from './logs/keys.js';
import {CHECKLIST_KEYS} from './checklist/keys.js';
import {DESCRIBE_KEYS, POD_KEYS} from './pod/keys.js';
import {WORKLOAD_KEYS, WORKLOADS_KEYS} from './workloads/keys.js';
import {CAUSE_KEYS} from './causes/keys.js';

export {PodView} from './PodView.js';
export {DescribeView} from './DescribeView.js';
export {LogsView} from './LogsView.js';
export {ChecklistView} from './ChecklistView.js';

export {PodsView} from './PodsView.js';
export {CausesView} from './CausesView.js';
export {HelpView} from './HelpView.js';
export {WorkloadsView} from './WorkloadsView.js';
export {WorkloadView} from './WorkloadView.js';

/** Keys the root handles on every screen. */
export const GLOBAL_KEYS: KeyHint[] = [
	{keys: ':', action: `command (${COMMAND_NAMES})`, hint: true},
	{keys: '?', action: 'help', hint: true},
	{keys: 'Ctrl-R', action: 'reconnect now, back-off reset (:reconnect)'},
	{keys: 'Ctrl-C', action: 'quit'},
];

const BACK: KeyHint[] = [{keys: 'Esc', action: 'back', hint: true}];

/** Per screen; a screen's owner replaces its entry with the full list. */
export const VIEW_KEYS: Record<string, KeyHint[]> = {
	pods: POD_TABLE_KEYS,
	causes: CAUSE_KEYS,
	pod: POD_KEYS,
	describe: DESCRIBE_KEYS,
	logs: LOG_KEYS,
	checklist: CHECKLIST_KEYS,
	workloads: WORKLOADS_KEYS,
	workload: WORKLOAD_KEYS,
	help: [{keys: 'Esc/q/?', action: 'close help', hint: true}],
};
