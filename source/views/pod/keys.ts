// Every key of the pod drill-down and of the describe/YAML screen, declared once.
import type {FindingAction} from '../../model/findings/index.js';
import {actions} from '../../input/actions.js';
import {SCROLL_ACTIONS} from '../scroll-actions.js';

export const POD_ACTIONS = actions({
	logs: {keys: ['l'], description: 'logs of the blocking container', hint: 'logs'},
	previousLogs: {keys: ['p'], description: 'its previous logs', hint: 'previous'},
	describe: {keys: ['d'], description: 'describe', hint: 'describe'},
	yaml: {keys: ['y'], description: 'YAML', hint: 'yaml'},
	checklist: {keys: ['c'], description: 'side-effects checklist', hint: 'checklist'},
	...SCROLL_ACTIONS,
});

export const DESCRIBE_ACTIONS = actions({
	search: {keys: ['/'], description: 'search (literal, any case)', hint: 'search'},
	next: {keys: ['n'], description: 'next match', hint: 'next'},
	previous: {keys: ['N'], description: 'previous match'},
	describe: {keys: ['d'], description: 'show describe', hint: 'describe'},
	yaml: {keys: ['y'], description: 'show YAML', hint: 'yaml'},
	wrap: {keys: ['w'], description: 'wrap long lines (again: cut them)', hint: 'wrap'},
	left: {keys: ['←'], description: 'scroll sideways left (not wrapped)'},
	right: {keys: ['→'], description: 'scroll sideways right (not wrapped)'},
	clearSearch: {keys: ['Esc'], description: 'clear the search (then Esc goes back)'},
	...SCROLL_ACTIONS,
});

/** The key hint the TUI adds to a finding or headline that asks for a next step (the report gives a command instead). */
export function actionHint(action: FindingAction | undefined): string {
	if (action === 'logs') return ` (press ${POD_ACTIONS.logs.keys[0]})`;
	if (action === 'checklist') return ` (press ${POD_ACTIONS.checklist.keys[0]} for the checklist)`;
	return '';
}
