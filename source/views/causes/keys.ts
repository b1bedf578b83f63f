// Every key of the cause-group list, declared once: its key handling, help, the bottom line and
// the README's key table read this (Esc and q are the global back).
import {actions} from '../../input/actions.js';

export const CAUSE_ACTIONS = actions({
	open: {keys: ['Enter'], description: 'the pods of this cause (Esc comes back here)', hint: 'pods'},
	down: {keys: ['j', '↓'], description: 'move down (the selection follows its group)'},
	up: {keys: ['k', '↑'], description: 'move up'},
	pageDown: {keys: ['PgDn', 'Space', 'Ctrl-F'], description: 'page down'},
	pageUp: {keys: ['PgUp', 'Ctrl-B'], description: 'page up'},
	top: {keys: ['g', 'Home'], description: 'first cause'},
	bottom: {keys: ['G', 'End'], description: 'last cause'},
});
