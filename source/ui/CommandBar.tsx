// A one-line text prompt (`:` commands, `/` filters), drawn here and edited with editLine() by
// the owner of the keyboard, so that keys arriving faster than frames are never lost.
import React from 'react';
import {Text, type Key} from 'ink';
import {color} from './theme.js';

export interface LineEdit {
	value: string;
	/** Enter submits the value, Esc cancels. */
	done?: 'submit' | 'cancel';
}

/** One key applied to a line: Enter, Esc, Backspace, Ctrl-U (clear), printable text. */
export function editLine(value: string, input: string, key: Key): LineEdit {
	if (key.escape) return {value, done: 'cancel'};
	if (key.return) return {value, done: 'submit'};
	if (key.backspace || key.delete) return {value: value.slice(0, -1)};
	if (key.ctrl && input === 'u') return {value: ''};
	if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown) return {value};
	// eslint-disable-next-line no-control-regex
	return {value: value + input.replace(/[\u0000-\u001F\u007F]/g, '')};
}

export interface CommandBarProps {
	prompt: string;
	value: string;
	width: number;
	/** Shown dimmed after the cursor while the value is empty. */
	placeholder?: string;
	/** Marks the value as invalid (e.g. a bad regular expression). */
	error?: string;
}

export function CommandBar({prompt, value, width, placeholder, error}: CommandBarProps) {
	const room = Math.max(1, width - prompt.length - 2 - (error ? error.length + 3 : 0));
	const shown = value.length > room ? value.slice(value.length - room) : value;
	return (
		<Text wrap="truncate-end">
			<Text color={color('cyan')} bold>{prompt}</Text>
			<Text>{shown}</Text>
			<Text inverse> </Text>
			{!value && placeholder ? <Text dimColor>{` ${placeholder}`}</Text> : null}
			{error ? <Text color={color('red')}>{`  ${error}`}</Text> : null}
		</Text>
	);
}
