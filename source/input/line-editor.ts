// The one line editor every prompt uses (`:` command, `/` filter and search, checklist note):
// a pure reducer from one key press to the next text and cursor. Enter submits, Esc cancels.
import type {KeyPress} from './keys.js';

export interface LineState {
	text: string;
	/** Index in `text` where typing inserts (0..text.length). */
	cursor: number;
}

export interface LineEdit {
	state: LineState;
	done?: 'submit' | 'cancel';
}

const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

export function lineOf(text = ''): LineState {
	return {text, cursor: text.length};
}

/** Start of the word before the cursor (Ctrl-W): spaces then non-spaces. */
function wordStart(text: string, cursor: number): number {
	let at = cursor;
	while (at > 0 && text[at - 1] === ' ') at--;
	while (at > 0 && text[at - 1] !== ' ') at--;
	return at;
}

/**
 * One key applied: Enter submit, Esc cancel, Backspace, Ctrl-U (delete to the start), Ctrl-K (to
 * the end), Ctrl-W (the word before), Ctrl-A/Home and Ctrl-E/End, ←/→, printable text inserted
 * at the cursor (control characters dropped).
 */
export function editLine(state: LineState, {input, key}: KeyPress): LineEdit {
	const {text, cursor} = state;
	const at = (next: string, position: number): LineEdit => ({state: {text: next, cursor: Math.max(0, Math.min(next.length, position))}});
	if (key.escape) return {state, done: 'cancel'};
	if (key.return) return {state, done: 'submit'};
	if (key.backspace || key.delete) return cursor === 0 ? {state} : at(text.slice(0, cursor - 1) + text.slice(cursor), cursor - 1);
	if (key.leftArrow) return at(text, cursor - 1);
	if (key.rightArrow) return at(text, cursor + 1);
	if (key.home) return at(text, 0);
	if (key.end) return at(text, text.length);
	if (key.ctrl) {
		switch (input) {
			case 'u': return at(text.slice(cursor), 0);
			case 'k': return at(text.slice(0, cursor), cursor);
			case 'w': {
				const start = wordStart(text, cursor);
				return at(text.slice(0, start) + text.slice(cursor), start);
			}
			case 'a': return at(text, 0);
			case 'e': return at(text, text.length);
			default: return {state};
		}
	}
	if (key.meta || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return {state};
	const typed = input.replace(CONTROL, '');
	return typed ? at(text.slice(0, cursor) + typed + text.slice(cursor), cursor + typed.length) : {state};
}
