// Short messages (k9s "flash"): info, warnings, errors. A file path is shown whole (the home
// folder as `~`): after the message when it fits, else on a line of its own, wrapped if it must.
import React from 'react';
import {homedir} from 'node:os';
import {Box, Text} from 'ink';
import type {FlashLevel} from '../app-context.js';
import {color} from './theme.js';

const COLORS: Record<FlashLevel, string> = {info: 'cyan', warn: 'yellow', error: 'red'};
const MARKS: Record<FlashLevel, string> = {info: 'ℹ', warn: '⚠', error: '✖'};

/** `/home/me/x` → `~/x`. */
export function displayPath(path: string, home = process.env['HOME'] || homedir()): string {
	if (home && home !== '/' && (path === home || path.startsWith(`${home}/`))) return `~${path.slice(home.length)}`;
	return path;
}

/** The flash's screen lines for a width. */
export function flashLines(message: string, level: FlashLevel, path: string | undefined, width: number): string[] {
	const head = `${MARKS[level]} ${message}`;
	if (path === undefined) return [head];
	const shown = displayPath(path);
	if (head.length + 1 + shown.length <= width) return [`${head} ${shown}`];
	const room = Math.max(10, width - 2);
	const rows: string[] = [];
	for (let at = 0; at < shown.length; at += room) rows.push(`  ${shown.slice(at, at + room)}`);
	return [head, ...rows];
}

export function Flash({lines, level}: {lines: readonly string[]; level: FlashLevel}) {
	return (
		<Box flexDirection="column">
			{lines.map((line, at) => (
				<Text key={at} color={color(COLORS[level])} bold={level === 'error' && at === 0} wrap="truncate-end">{line}</Text>
			))}
		</Box>
	);
}
