// The one reader of keys. Ink parses stdin; this splits each read into key presses and hands them
// one at a time to the dispatcher (prompt, then screen, then global handlers). A key that changes
// what the next keys mean (a screen key, a submitted prompt) makes the keys after it (of this read
// or a later one) wait until React has committed its update (and the screen it opened has
// registered its keys): `jjj⏎` in one read moves three rows and opens the fourth pod, and a
// pasted `/Exit⏎` searches for "Exit". This is the only useInput call in the app (a lint rule keeps it so).
import React, {createContext, useCallback, useContext, useLayoutEffect, useMemo, useRef, useState} from 'react';
import {useInput} from 'ink';
import {KeyDispatcher, type KeyHandler, type Layer} from './dispatcher.js';
import {isInterrupt, splitKeys, type KeyPress} from './keys.js';

const DispatcherContext = createContext<KeyDispatcher | undefined>(undefined);

export function InputProvider({onInterrupt, children}: {onInterrupt(): void; children: React.ReactNode}) {
	const dispatcher = useMemo(() => new KeyDispatcher(), []);
	const queue = useRef<KeyPress[]>([]);
	const waiting = useRef(false);
	// Bumped to get a commit: the keys that wait run in its layout effect, after the update of the
	// key before them is committed (in the same commit: React renders both updates together).
	const [commits, setCommits] = useState(0);
	const interrupt = useRef(onInterrupt);
	interrupt.current = onInterrupt;

	const drain = useCallback(() => {
		while (!waiting.current && queue.current.length > 0) {
			const press = queue.current.shift()!;
			if (isInterrupt(press)) {
				queue.current = [];
				interrupt.current();
				return;
			}
			const {settle} = dispatcher.dispatch(press);
			// Also keys of a later read wait: under load React may render after Ink's next read.
			if (settle) {
				waiting.current = true;
				setCommits(count => count + 1);
			}
		}
	}, [dispatcher]);
	useLayoutEffect(() => {
		if (!waiting.current) return;
		waiting.current = false;
		drain();
	}, [commits, drain]);
	useInput((input, key) => {
		queue.current.push(...splitKeys(input, key));
		drain();
	});
	return <DispatcherContext.Provider value={dispatcher}>{children}</DispatcherContext.Provider>;
}

/**
 * Registers a key handler in a layer for as long as the component is mounted. The handler is the
 * one of the latest render (it sees current props and state); `isActive` false skips it.
 */
export function useKeyHandler(layer: Layer, handler: KeyHandler, isActive = true): void {
	const dispatcher = useContext(DispatcherContext);
	const latest = useRef({handler, isActive});
	latest.current = {handler, isActive};
	// A layout effect: registered in the same commit that draws the component, before any key that
	// waited for that frame is dispatched.
	useLayoutEffect(() => dispatcher?.add(layer, press => (latest.current.isActive ? latest.current.handler(press) : false)), [dispatcher, layer]);
}

/** When the user last pressed a key (Date.now(); 0 before any): background work may wait while keys come. */
export function useLastKeyAt(): () => number {
	const dispatcher = useContext(DispatcherContext);
	return useCallback(() => dispatcher?.lastKeyAt ?? 0, [dispatcher]);
}
