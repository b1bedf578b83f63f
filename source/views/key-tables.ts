// Every screen's name, keys and `:` commands, as data (no components): the screen registry
// (screens.tsx), help, the bottom line, the README's key table (scripts/readme-keys.ts) and the
// keys test read this.
import type {ActionTable} from '../input/actions.js';
import type {ScreenName} from '../app-context.js';
import {CHECKLIST_ACTIONS} from './checklist/keys.js';
import {GLOBAL_ACTIONS, HELP_ACTIONS} from './global-keys.js';
import {LOG_ACTIONS} from './logs/keys.js';
import {DESCRIBE_ACTIONS, POD_ACTIONS} from './pod/keys.js';
import {POD_TABLE_ACTIONS} from './pods/keys.js';
import {CAUSE_ACTIONS} from './causes/keys.js';
import {WORKLOAD_ACTIONS, WORKLOADS_ACTIONS} from './workloads/keys.js';

export type View = ScreenName;

export interface KeyTable {
	/** How help and the README name the screen. */
	title: string;
	actions: ActionTable;
	/** `:` command names that open it. */
	commands?: readonly string[];
}

export const KEY_TABLES: Readonly<Record<View, KeyTable>> = {
	pods: {title: 'The pod table', actions: POD_TABLE_ACTIONS, commands: ['pods', 'pod', 'po']},
	causes: {title: 'Cause groups (C / :causes)', actions: CAUSE_ACTIONS, commands: ['causes', 'cause', 'cs']},
	pod: {title: 'The pod screen (Enter)', actions: POD_ACTIONS},
	describe: {title: 'Describe / YAML (d / y)', actions: DESCRIBE_ACTIONS},
	logs: {title: 'The log screen (l)', actions: LOG_ACTIONS},
	checklist: {title: 'The checklist (c)', actions: CHECKLIST_ACTIONS},
	// Opened by :deploy, :sts, :ds, :jobs, :rs, :workloads — command names with a kind, in model/workloads/kinds.ts.
	workloads: {title: 'Workloads (:deploy, :sts, :ds, :jobs, :rs, :workloads)', actions: WORKLOADS_ACTIONS},
	workload: {title: 'One workload (Enter on a workload)', actions: WORKLOAD_ACTIONS},
	help: {title: 'Help (?)', actions: HELP_ACTIONS, commands: ['help', 'h', '?']},
};

export const GLOBAL_TABLE: KeyTable = {title: 'Everywhere', actions: GLOBAL_ACTIONS};

/** The view a `:` command name opens, if it names a screen. */
export function viewOfCommand(name: string): View | undefined {
	for (const [view, table] of Object.entries(KEY_TABLES) as Array<[View, KeyTable]>) if (table.commands?.includes(name)) return view;
	return undefined;
}
