// The keys that work on every screen (after the screen's own), declared once.
import {actions} from '../input/actions.js';
import {SCROLL_ACTIONS} from './scroll-actions.js';

export const GLOBAL_ACTIONS = actions({
	// The commands have their own section in help and the README (COMMAND_HELP).
	command: {keys: [':'], description: 'command line (see Commands)'},
	help: {keys: ['?'], description: 'help for this screen', hint: 'help'},
	back: {keys: ['Esc'], description: 'back to the previous screen', hint: 'back'},
	quit: {keys: ['q'], description: 'back one screen; on the pod table, quit'},
	reconnect: {keys: ['Ctrl-R'], description: 'reconnect now, back-off reset (:reconnect)'},
	interrupt: {keys: ['Ctrl-C'], description: 'quit, from anywhere (also in a prompt)'},
});

export const HELP_ACTIONS = actions({
	close: {keys: ['?'], description: 'close help'},
	...SCROLL_ACTIONS,
});
