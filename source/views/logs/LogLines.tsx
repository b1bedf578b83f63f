// The visible part of the log: one <Text> per screen row, nothing else rendered. It receives only
// the visible entries (never the whole buffer: React's dev build diffs props it is given).
import React from 'react';
import {Box, Text} from 'ink';
import type {LogEntry} from '../../kube/types.js';
import {entryKey} from '../../model/log-query.js';
import type {LogWindow} from '../../render/log-view.js';
import {entryRows, type LineRenderOptions} from './render-line.js';

export interface VisibleEntry {
	entry: LogEntry;
	/** Rows of the entry to skip at its top, and how many to show. */
	skipRows: number;
	rows: number;
}

/** The visible entries of a window over `entries`. */
export function visibleEntries(entries: readonly LogEntry[], window: LogWindow): VisibleEntry[] {
	return window.slices.map(slice => ({entry: entries[slice.index], skipRows: slice.skipRows, rows: slice.rows}));
}

export interface LogLinesProps {
	visible: readonly VisibleEntry[];
	options: LineRenderOptions;
	/** Key of the current n/N match. */
	currentKey?: string;
	height: number;
}

export function LogLines({visible, options, currentKey, height}: LogLinesProps) {
	const rows: Array<{key: string; text: string}> = [];
	for (const {entry, skipRows, rows: count} of visible) {
		const key = entryKey(entry);
		const all = entryRows(entry, {...options, current: key === currentKey});
		all.slice(skipRows, skipRows + count).forEach((text, row) => rows.push({key: `${key}:${row}`, text}));
	}
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			{rows.map(row => (
				<Text key={row.key} wrap="truncate-end">{row.text}</Text>
			))}
		</Box>
	);
}
