// Pure: what one key does to a picker list (which row is highlighted, which row is chosen), and
// which rows are in view. The Picker feeds it one key at a time, so a fast run ("jj\r") counts in order.
import type {Key} from 'ink';

export type PickerAction =
	| {kind: 'move'; index: number}
	| {kind: 'choose'; index: number}
	| {kind: 'cancel'}
	| {kind: 'none'};

/**
 * The action of one key on a list of `count` rows showing `limit` at a time from `top`, `index`
 * highlighted. Moves stop at the ends (g/G jump there); 1-9 choose the n-th row in view.
 */
export function pickerAction(input: string, key: Key, state: {index: number; top: number; count: number; limit: number}): PickerAction {
	const {index, top, count, limit} = state;
	if (key.escape) return {kind: 'cancel'};
	if (count === 0) return {kind: 'none'};
	const move = (to: number): PickerAction => ({kind: 'move', index: Math.min(Math.max(0, to), count - 1)});
	if (key.return) return {kind: 'choose', index};
	if (key.upArrow || input === 'k') return move(index - 1);
	if (key.downArrow || input === 'j') return move(index + 1);
	if (key.pageUp || (key.ctrl && input === 'b')) return move(index - limit);
	if (key.pageDown || (key.ctrl && input === 'f')) return move(index + limit);
	if (key.home || input === 'g') return move(0);
	if (key.end || input === 'G') return move(count - 1);
	if (/^[1-9]$/.test(input) && !key.ctrl && !key.meta) {
		const row = top + Number(input) - 1;
		if (row < Math.min(count, top + limit)) return {kind: 'choose', index: row};
	}
	return {kind: 'none'};
}

export {keepInView} from '../scroll-window.js';
