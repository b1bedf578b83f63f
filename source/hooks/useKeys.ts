// useInput, one key at a time. Ink hands a run of plain characters that arrived in one read as a
// single input ("jjj" from key repeat while a frame was rendering, "ns shop\r" typed fast), which
// matches no single-key binding; this splits such runs into the keys they are.
import {createContext, useContext, useEffect, useRef} from 'react';
import {useInput, type Key} from 'ink';

const NO_KEY: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
	return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
	super: false, hyper: false, capsLock: false, numLock: false,
};

/** The key one character stands for, as Ink would report it alone. */
export function keyOf(char: string): [string, Key] {
	if (char === '\r' || char === '\n') return ['', {...NO_KEY, return: true}];
	if (char === '\t') return ['', {...NO_KEY, tab: true}];
	if (char === '\u007F') return ['', {...NO_KEY, delete: true}];
	if (char === '\b') return ['', {...NO_KEY, backspace: true}];
	const code = char.codePointAt(0) ?? 0;
	if (code >= 1 && code <= 26) return [String.fromCodePoint(code + 96), {...NO_KEY, ctrl: true}];
	return [char, {...NO_KEY, shift: /^[A-Z]$/.test(char)}];
}

/** Splits one Ink input event into single keys (escape sequences and single keys pass through). */
export function splitKeys(input: string, key: Key): Array<[string, Key]> {
	if (input.length <= 1 || input.startsWith('\u001B') || key.ctrl || key.meta) return [[input, key]];
	return Array.from(input, keyOf);
}

export function useKeys(handler: (input: string, key: Key) => void, options: {isActive?: boolean} = {}): void {
	useInput((input, key) => {
		for (const [one, oneKey] of splitKeys(input, key)) handler(one, oneKey);
	}, options);
}

/** A view's key handler; returns false when it did not use the key (the root may then use it). */
export type ViewKeyHandler = (input: string, key: Key) => boolean | void;

/** The root hands keys to views in order, one at a time, after its own `:` prompt had its say. */
export interface KeyRouter {
	/** The handler returns whether it used the key. */
	add(handler: (input: string, key: Key) => boolean): () => void;
}

export const KeyRouterContext = createContext<KeyRouter | undefined>(undefined);

/**
 * Keys for a view through the root's router (or straight from Ink without a root, in tests).
 * The handler sees the latest state through refs it keeps; `isActive` gates it.
 */
export function useViewKeys(handler: ViewKeyHandler, isActive: boolean): void {
	const router = useContext(KeyRouterContext);
	const latest = useRef({handler, isActive});
	latest.current = {handler, isActive};
	useEffect(() => router?.add((input, key) => (latest.current.isActive ? latest.current.handler(input, key) !== false : false)), [router]);
	useKeys((input, key) => {
		handler(input, key);
	}, {isActive: isActive && !router});
}
