// The scrolling keys every text screen shares (drill-down, describe/YAML, help, checklist), and
// their effect on a top line. Pure.
import {actions} from '../input/actions.js';

export const SCROLL_ACTIONS = actions({
	down: {keys: ['j', '↓'], description: 'scroll down a line'},
	up: {keys: ['k', '↑'], description: 'scroll up a line'},
	pageDown: {keys: ['PgDn', 'Space', 'Ctrl-F'], description: 'page down'},
	pageUp: {keys: ['PgUp', 'Ctrl-B'], description: 'page up'},
	top: {keys: ['g', 'Home'], description: 'top'},
	bottom: {keys: ['G', 'End'], description: 'bottom'},
});

export type ScrollAction = keyof typeof SCROLL_ACTIONS;

/** The top line after a scroll action, within 0..maxTop. */
export function scrolled(action: ScrollAction, top: number, page: number, maxTop: number): number {
	const next = {down: top + 1, up: top - 1, pageDown: top + page, pageUp: top - page, top: 0, bottom: maxTop}[action];
	return Math.min(maxTop, Math.max(0, next));
}

/** Handlers for the scroll actions, moving `top` with `set`. */
export function scrollHandlers(top: number, page: number, maxTop: number, set: (top: number) => void): Record<ScrollAction, () => void> {
	const to = (action: ScrollAction) => () => set(scrolled(action, Math.min(top, maxTop), page, maxTop));
	return {down: to('down'), up: to('up'), pageDown: to('pageDown'), pageUp: to('pageUp'), top: to('top'), bottom: to('bottom')};
}
