// Every key of the log screen, declared once.
import {actions} from '../../input/actions.js';

export const LOG_ACTIONS = actions({
	container: {keys: ['c'], description: 'choose the container (init containers first)', hint: 'container'},
	previous: {keys: ['p'], description: 'previous instance (again: current)', hint: 'previous'},
	autoscroll: {keys: ['s'], description: 'autoscroll on/off', hint: 'autoscroll'},
	filter: {keys: ['/'], description: 'filter (regular expression, ! inverts)', hint: 'filter'},
	next: {keys: ['n'], description: 'next match'},
	previousMatch: {keys: ['N'], description: 'previous match'},
	wrap: {keys: ['w'], description: 'wrap long lines', hint: 'wrap'},
	timestamps: {keys: ['t'], description: 'timestamps', hint: 'timestamps'},
	range: {keys: ['0', '1', '2', '3', '4', '5', '6'], label: '0-6', description: 'tail · head · since 1m/5m/15m/30m/1h'},
	save: {keys: ['Ctrl-S'], description: 'save the log to a file', hint: 'save'},
	clearFilter: {keys: ['Esc'], description: 'clear the filter (then Esc goes back)'},
	down: {keys: ['j', '↓'], description: 'scroll down (pauses autoscroll)'},
	up: {keys: ['k', '↑'], description: 'scroll up (pauses autoscroll)'},
	pageDown: {keys: ['PgDn', 'Space', 'Ctrl-F'], description: 'page down'},
	pageUp: {keys: ['PgUp', 'Ctrl-B'], description: 'page up'},
	top: {keys: ['g', 'Home'], description: 'top'},
	bottom: {keys: ['G', 'End'], description: 'bottom, follow again'},
	left: {keys: ['←'], description: 'scroll sideways left (not wrapped)'},
	right: {keys: ['→'], description: 'scroll sideways right (not wrapped)'},
});
