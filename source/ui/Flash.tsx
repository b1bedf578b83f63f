// One line for short messages (k9s "flash"): info, warnings, errors.
import React from 'react';
import {Text} from 'ink';
import type {FlashLevel} from '../app-context.js';
import {color} from './theme.js';

const COLORS: Record<FlashLevel, string> = {info: 'cyan', warn: 'yellow', error: 'red'};
const MARKS: Record<FlashLevel, string> = {info: 'ℹ', warn: '⚠', error: '✖'};

export function Flash({message, level}: {message: string; level: FlashLevel; width?: number}) {
	return (
		// Messages usually end with what matters (a file path, the server's reason): cut the middle.
		<Text color={color(COLORS[level])} bold={level === 'error'} wrap="truncate-middle">
			{`${MARKS[level]} ${message}`}
		</Text>
	);
}
