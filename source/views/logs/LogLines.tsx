// The visible part of the log: one <Text> per screen row, nothing else rendered.
import React from 'react';
import {Box, Text} from 'ink';
import type {LogEntry} from '../../kube/types.js';
import {entryKey, type LogWindow} from '../../model/log-view.js';
import {entryRows, type LineRenderOptions} from './render-line.js';

export interface LogLinesProps {
	entries: readonly LogEntry[];
	window: LogWindow;
	options: LineRenderOptions;
	/** Key of the current n/N match. */
	currentKey?: string;
	height: number;
}

export function LogLines({entries, window, options, currentKey, height}: LogLinesProps) {
	const rows: Array<{key: string; text: string}> = [];
	for (const slice of window.slices) {
		const entry = entries[slice.index];
		const key = entryKey(entry);
		const all = entryRows(entry, {...options, current: key === currentKey});
		all.slice(slice.skipRows, slice.skipRows + slice.rows).forEach((text, row) => rows.push({key: `${key}:${row}`, text}));
	}
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			{rows.map(row => (
				<Text key={row.key} wrap="truncate-end">{row.text}</Text>
			))}
		</Box>
	);
}
