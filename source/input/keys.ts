// Keys as the app sees them: one key press at a time, each with a name (`j`, `Enter`, `Ctrl-S`,
// `↓`). Ink reads stdin and hands a run of plain characters that arrived in one read as a single
// input ("jjj\r" from a paste, tmux send-keys or a key repeat while a frame was rendering); this
// splits such runs into the keys they are. Pure.
import type {Key} from 'ink';

export interface KeyPress {
	/** The character typed (empty for named keys such as Enter or ↓). */
	input: string;
	key: Key;
}

const NO_KEY: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
	return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
	super: false, hyper: false, capsLock: false, numLock: false,
};

/** The key one character stands for, as Ink would report it alone. */
export function keyOf(char: string): KeyPress {
	if (char === '\r' || char === '\n') return {input: '', key: {...NO_KEY, return: true}};
	if (char === '\t') return {input: '', key: {...NO_KEY, tab: true}};
	if (char === '\u007F') return {input: '', key: {...NO_KEY, delete: true}};
	if (char === '\b') return {input: '', key: {...NO_KEY, backspace: true}};
	if (char === '\u001B') return {input: '', key: {...NO_KEY, escape: true, meta: true}};
	const code = char.codePointAt(0) ?? 0;
	if (code >= 1 && code <= 26) return {input: String.fromCodePoint(code + 96), key: {...NO_KEY, ctrl: true}};
	return {input: char, key: {...NO_KEY, shift: /^[A-Z]$/.test(char)}};
}

const NAMED_FLAGS: Array<keyof Key> = ['upArrow', 'downArrow', 'leftArrow', 'rightArrow', 'pageUp', 'pageDown', 'home', 'end', 'return', 'escape', 'tab', 'backspace', 'delete'];

/**
 * Splits one Ink input event into single key presses (escape sequences and single keys pass
 * through). Esc and a key that arrive in one read (typed fast, or read late by a busy app) reach
 * Ink as one Alt-key: initk9 binds no Alt key, so that is Esc, then the key.
 */
export function splitKeys(input: string, key: Key): KeyPress[] {
	if (key.meta && !key.ctrl && [...input].length === 1 && !NAMED_FLAGS.some(flag => key[flag])) {
		return [keyOf('\u001B'), keyOf(input)];
	}
	if (input.length <= 1 || input.startsWith('\u001B') || key.ctrl || key.meta) return [{input, key}];
	return Array.from(input, keyOf);
}

/** Key names as help shows them and as action tables list them. */
const NAMED: Array<[keyof Key, string]> = [
	['return', 'Enter'], ['escape', 'Esc'], ['upArrow', '↑'], ['downArrow', '↓'], ['leftArrow', '←'], ['rightArrow', '→'],
	['pageUp', 'PgUp'], ['pageDown', 'PgDn'], ['home', 'Home'], ['end', 'End'], ['backspace', 'Backspace'], ['delete', 'Backspace'],
];

/**
 * The name of a key press: a printable character as itself (`j`, `G`, `/`), `Space`, `Enter`,
 * `Esc`, `Tab`, `Shift-Tab`, arrows as `↑ ↓ ← →`, `PgUp`, `PgDn`, `Home`, `End`, `Backspace`,
 * `Ctrl-S` (Ctrl with a letter). Unknown sequences name themselves.
 */
export function keyName({input, key}: KeyPress): string {
	if (key.tab) return key.shift ? 'Shift-Tab' : 'Tab';
	for (const [flag, name] of NAMED) if (key[flag] === true) return name;
	if (key.ctrl && /^[a-z]$/i.test(input)) return `Ctrl-${input.toUpperCase()}`;
	if (input === ' ') return 'Space';
	if (key.meta && input.length === 1) return `Alt-${input}`;
	return input;
}

/** Is this press Ctrl-C (always quits)? */
export function isInterrupt({input, key}: KeyPress): boolean {
	return key.ctrl && input === 'c';
}
