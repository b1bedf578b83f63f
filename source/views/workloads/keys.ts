// Every key of the workload screens, declared once: their key handling, help, the bottom line and
// the README's key table read this (Esc and q are the global back).
import {actions} from '../../input/actions.js';
import {FILTER_ACTION, SORT_ACTIONS} from '../table-keys.js';

const MOVE = {
	down: {keys: ['j', '↓'], description: 'move down'},
	up: {keys: ['k', '↑'], description: 'move up'},
	pageDown: {keys: ['PgDn', 'Space', 'Ctrl-F'], description: 'page down'},
	pageUp: {keys: ['PgUp', 'Ctrl-B'], description: 'page up'},
} as const;

export const WORKLOADS_ACTIONS = actions({
	open: {keys: ['Enter'], description: 'open the workload: pods by revision, what changed', hint: 'open'},
	...FILTER_ACTION,
	clearFilter: {keys: ['Esc'], description: 'clear the filter (with none: back)'},
	...SORT_ACTIONS,
	...MOVE,
	top: {keys: ['g', 'Home'], description: 'first workload'},
	bottom: {keys: ['G', 'End'], description: 'last workload'},
});

export const WORKLOAD_ACTIONS = actions({
	open: {keys: ['Enter'], description: 'open the pod', hint: 'open pod'},
	...MOVE,
	top: {keys: ['g', 'Home'], description: 'first pod'},
	bottom: {keys: ['G', 'End'], description: 'last pod'},
});
