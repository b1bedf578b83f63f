// The selected row of a live table, kept on the same object (by key) as rows come and go. Pure.
import {keepInView} from '../../ui/scroll-window.js';

export interface Selection {
	key?: string;
	index: number;
}

/** The index of the selected row now: the same key wherever it moved, else the old position clamped. */
export function selectedIndex<T>(rows: readonly T[], keyOf: (row: T) => string, selection: Selection): number {
	if (rows.length === 0) return -1;
	if (selection.key !== undefined) {
		const index = rows.findIndex(row => keyOf(row) === selection.key);
		if (index >= 0) return index;
	}
	return Math.min(Math.max(0, selection.index), rows.length - 1);
}

export {keepInView};
