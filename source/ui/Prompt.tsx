// The one prompt line every screen draws (`:` commands, `/` filters and searches, notes): the
// text with its cursor, kept in view on a narrow terminal; keys are edited by input/usePrompt.
import React from 'react';
import {Text} from 'ink';
import type {LineState} from '../input/line-editor.js';
import {color} from './theme.js';

export interface PromptProps {
	/** `:`, `/`, `note: `. */
	prompt: string;
	line: LineState;
	width: number;
	/** Shown dimmed after the cursor while the text is empty. */
	placeholder?: string;
	/** Shown dimmed after the text when there is room (`Enter apply · Esc cancel`). */
	help?: string;
	/** Marks the text as invalid (e.g. a bad regular expression). */
	error?: string;
}

export function Prompt({prompt, line, width, placeholder, help, error}: PromptProps) {
	const {text, cursor} = line;
	const room = Math.max(4, width - prompt.length - 1 - (error ? error.length + 2 : 0));
	// The window of the text that shows, the cursor inside it.
	const start = Math.max(0, Math.min(cursor - room + 1, text.length - room + 1));
	const shown = text.slice(start, start + room);
	const at = cursor - start;
	const extra = !text && placeholder ? ` ${placeholder}` : help && text.length + help.length + 4 < room ? `  ${help}` : '';
	return (
		<Text wrap="truncate-end">
			<Text color={color('cyan')} bold>{prompt}</Text>
			<Text>{shown.slice(0, at)}</Text>
			<Text inverse>{shown[at] ?? ' '}</Text>
			<Text>{shown.slice(at + 1)}</Text>
			{error ? <Text color={color('red')}>{`  ${error}`}</Text> : null}
			{extra ? <Text dimColor>{extra}</Text> : null}
		</Text>
	);
}
