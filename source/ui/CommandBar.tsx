// A one-line text prompt (`:` commands, `/` filters). Enter submits, Esc cancels,
// Backspace deletes, Ctrl-U clears.
import React from 'react';
import {Text, useInput} from 'ink';
import {color} from './theme.js';

export interface CommandBarProps {
	prompt: string;
	value: string;
	onChange(value: string): void;
	onSubmit(value: string): void;
	onCancel(): void;
	isActive: boolean;
	width: number;
	/** Shown dimmed after the cursor while the value is empty. */
	placeholder?: string;
	/** Marks the value as invalid (e.g. a bad regular expression). */
	error?: string;
}

export function CommandBar({prompt, value, onChange, onSubmit, onCancel, isActive, width, placeholder, error}: CommandBarProps) {
	useInput((input, key) => {
		if (key.escape) return onCancel();
		if (key.return) return onSubmit(value);
		if (key.backspace || key.delete) return onChange(value.slice(0, -1));
		if (key.ctrl && input === 'u') return onChange('');
		if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return;
		if (key.pageUp || key.pageDown) return;
		// eslint-disable-next-line no-control-regex
		const printable = input.replace(/[\u0000-\u001F\u007F]/g, '');
		if (printable) onChange(value + printable);
	}, {isActive});
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
