// Every key of the pod table, declared once: the table's key handling, help, the bottom line and
// the README's key table read this.
import {actions} from '../../input/actions.js';
import {FILTER_ACTION, SORT_ACTIONS} from '../table-keys.js';

export const POD_TABLE_ACTIONS = actions({
	open: {keys: ['Enter'], description: 'open the pod: why it is not running, init sequence, events', hint: 'open'},
	logs: {keys: ['l'], description: 'logs', hint: 'logs'},
	previousLogs: {keys: ['p'], description: 'previous logs (the instance before the last restart)'},
	checklist: {keys: ['c'], description: 'side-effects checklist', hint: 'checklist'},
	describe: {keys: ['d'], description: 'describe', hint: 'describe'},
	yaml: {keys: ['y'], description: 'YAML'},
	...FILTER_ACTION,
	clearFilter: {keys: ['Esc'], description: 'clear the filter (with none, on one cause\'s pods: back to the causes)'},
	initOnly: {keys: ['i'], description: 'only pods initializing or in init trouble', hint: 'init only'},
	causes: {keys: ['C'], description: 'causes: failing and stuck pods grouped by cause', hint: 'causes'},
	...SORT_ACTIONS,
	allNamespaces: {keys: ['0'], description: 'all namespaces'},
	down: {keys: ['j', '↓'], description: 'move down (the selection follows its pod)'},
	up: {keys: ['k', '↑'], description: 'move up'},
	pageDown: {keys: ['PgDn', 'Ctrl-F'], description: 'page down'},
	pageUp: {keys: ['PgUp', 'Ctrl-B'], description: 'page up'},
	first: {keys: ['g', 'Home'], description: 'first pod'},
	last: {keys: ['G', 'End'], description: 'last pod'},
});
