// A one-line prompt's state and keys: open() it, and while it is open it takes every key before
// the screen does (the prompt layer). The text lives in a ref as well as in state: the keys of one
// read ("Exit⏎" pasted) are all edited before the next frame.
import {useRef, useState} from 'react';
import {useKeyHandler} from './InputProvider.js';
import {editLine, lineOf, type LineState} from './line-editor.js';

export interface PromptCallbacks {
	onSubmit(text: string): void;
	onCancel?(): void;
	/** Every edit (a filter applied as it is typed). */
	onChange?(text: string): void;
}

export interface PromptControl {
	/** undefined while closed. */
	line: LineState | undefined;
	open(text?: string): void;
	close(): void;
	/** Is it open now (also before the frame that shows it)? */
	isOpen(): boolean;
}

export function usePrompt(callbacks: PromptCallbacks, isActive = true): PromptControl {
	const [line, setLineState] = useState<LineState>();
	const ref = useRef<LineState | undefined>(undefined);
	const latest = useRef(callbacks);
	latest.current = callbacks;
	const setLine = (next: LineState | undefined) => {
		ref.current = next;
		setLineState(next);
	};
	useKeyHandler('prompt', press => {
		const current = ref.current;
		if (!current) return false;
		const edit = editLine(current, press);
		if (edit.done) {
			setLine(undefined);
			if (edit.done === 'submit') latest.current.onSubmit(current.text);
			else latest.current.onCancel?.();
			return 'settle';
		}
		setLine(edit.state);
		if (edit.state.text !== current.text) latest.current.onChange?.(edit.state.text);
		return true;
	}, isActive);
	return {
		line,
		open: text => setLine(lineOf(text)),
		close: () => setLine(undefined),
		isOpen: () => ref.current !== undefined,
	};
}
