// `?`: one column, scrollable: the keys of the screen underneath, the keys that work everywhere,
// the `:` commands and the pod symbols. Long descriptions wrap under themselves.
import React, {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import wrapAnsi from 'wrap-ansi';
import {useNavigation, type ViewProps} from '../app-context.js';
import {useScreenActions} from '../input/useScreenActions.js';
import {color} from '../ui/theme.js';
import {HELP_ACTIONS} from './global-keys.js';
import {helpLines} from './help-lines.js';
import type {View} from './key-tables.js';
import {scrollHandlers} from './scroll-actions.js';

interface Row {
	key: string;
	keys?: string;
	text: string;
	title?: boolean;
}

const KEY_COLUMN_MAX = 16;

export function HelpView({width, height, isActive, of}: ViewProps & {of: View}) {
	const navigation = useNavigation();
	const [top, setTop] = useState(0);
	const rows = useMemo(() => {
		const lines = helpLines(of);
		const keyWidth = Math.min(KEY_COLUMN_MAX, Math.max(...lines.map(line => (line.keys ?? '').length)) + 2);
		const out: Row[] = [];
		lines.forEach((line, at) => {
			if (line.kind !== 'key') {
				const wrapped = line.text ? wrapAnsi(line.text, Math.max(10, width - 2), {hard: true}).split('\n') : [''];
				wrapped.forEach((text, row) => out.push({key: `${at}:${row}`, text: line.kind === 'text' ? `  ${text}` : text, title: line.kind === 'title'}));
				return;
			}
			const keys = line.keys ?? '';
			// A key label wider than the column gets a line of its own.
			const own = keys.length + 2 > keyWidth;
			const room = Math.max(10, width - 2 - keyWidth);
			const wrapped = wrapAnsi(line.text, room, {hard: true}).split('\n');
			if (own) out.push({key: `${at}:k`, keys, text: ''});
			wrapped.forEach((text, row) => out.push({key: `${at}:${row}`, keys: row === 0 && !own ? keys.padEnd(keyWidth) : ' '.repeat(keyWidth), text}));
		});
		return out;
	}, [of, width]);
	const bodyHeight = Math.max(1, height - 1);
	const maxTop = Math.max(0, rows.length - bodyHeight);
	const shownTop = Math.min(top, maxTop);
	useScreenActions(HELP_ACTIONS, {...scrollHandlers(shownTop, bodyHeight, maxTop, setTop), close: () => navigation.back()}, isActive);
	const position = rows.length > bodyHeight ? `  [${shownTop + 1}-${Math.min(rows.length, shownTop + bodyHeight)}/${rows.length}] j/k scroll` : '';
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end">
				<Text bold color={color('cyan')}>Help</Text>
				<Text dimColor>{`${position}  Esc or ? closes`}</Text>
			</Text>
			{rows.slice(shownTop, shownTop + bodyHeight).map(row => (
				<Text key={row.key} wrap="truncate-end">
					{row.title ? <Text bold color={color('cyan')}>{row.text}</Text> : null}
					{row.keys !== undefined ? <Text bold>{`  ${row.keys}`}</Text> : null}
					{row.title ? null : <Text>{row.text}</Text>}
				</Text>
			))}
		</Box>
	);
}
