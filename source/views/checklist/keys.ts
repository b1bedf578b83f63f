// Every key of the checklist screen, declared once.
import {actions} from '../../input/actions.js';

export const CHECKLIST_ACTIONS = actions({
	next: {keys: ['n', '→', 'Tab'], description: 'next step', hint: 'next'},
	previous: {keys: ['p', '←', 'Shift-Tab'], description: 'previous step'},
	passed: {keys: ['o'], description: 'mark passed', hint: 'passed'},
	failed: {keys: ['f'], description: 'mark failed', hint: 'failed'},
	skipped: {keys: ['s'], description: 'mark skipped', hint: 'skipped'},
	unmark: {keys: ['u'], description: 'clear the mark'},
	note: {keys: ['a'], description: 'add or edit a note', hint: 'note'},
	export: {keys: ['e'], description: 'export report.md and the bisect manifests', hint: 'export'},
	down: {keys: ['j', '↓'], description: 'scroll the step down'},
	up: {keys: ['k', '↑'], description: 'scroll the step up'},
	top: {keys: ['g', 'Home'], description: 'top of the step'},
	bottom: {keys: ['G', 'End'], description: 'bottom of the step'},
});
