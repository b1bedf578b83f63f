// `:causes` / `C`: the failing and stuck pods of the namespace scope grouped by cause, worst first,
// live from the pod table's feed (no second watch). Enter opens the pod table on one group's pods;
// the list stays mounted underneath, so Esc comes back to the same group.
import React, {useRef, useState, useSyncExternalStore} from 'react';
import {Box, Text} from 'ink';
import {useNavigation, type ViewProps} from '../app-context.js';
import type {PodTableFeed} from '../hooks/pod-table-feed.js';
import {useScreenActions} from '../input/useScreenActions.js';
import {groupFacts, groupHeading} from '../render/cause-report.js';
import {Table} from '../ui/Table.js';
import {ink} from '../ui/theme.js';
import {keepInView} from '../ui/scroll-window.js';
import {scrollHandlers} from './scroll-actions.js';
import {CAUSE_ACTIONS} from './causes/keys.js';
import {causeColumns, causeRows} from './causes/columns.js';

export interface CausesViewProps extends ViewProps {
	/** undefined = all namespaces. */
	namespace: string | undefined;
	feed: PodTableFeed;
	/** A screen on top of it (the group's pods, a pod): keep the selection, draw nothing. */
	hidden: boolean;
}

const DETAIL_ROWS = 9;

export function CausesView({width, height, isActive, namespace, feed, hidden}: CausesViewProps) {
	const navigation = useNavigation();
	useSyncExternalStore(feed.subscribe, feed.published);
	const rows = causeRows(feed.latest().causes);
	// The selection follows its group by id while groups move.
	const [selectedId, setSelectedId] = useState<string>();
	const lastIndex = useRef(0);
	const found = rows.findIndex(row => row.group.id === selectedId);
	const selectedIndex = rows.length === 0 ? -1 : found >= 0 ? found : Math.min(lastIndex.current, rows.length - 1);
	lastIndex.current = Math.max(0, selectedIndex);
	const selected = selectedIndex >= 0 ? rows[selectedIndex] : undefined;
	const tableHeight = Math.max(2, height - 1 - DETAIL_ROWS);
	const start = useRef(0);
	start.current = keepInView(selectedIndex, start.current, tableHeight - 1, rows.length);

	const select = (index: number) => {
		if (rows.length === 0) return;
		lastIndex.current = index;
		setSelectedId(rows[index]!.group.id);
	};
	useScreenActions(CAUSE_ACTIONS, {
		open: () => (selected ? navigation.push({view: 'pods', cause: selected.group.id}) : navigation.flash('no cause selected', 'warn')),
		...scrollHandlers(lastIndex.current, tableHeight - 1, Math.max(0, rows.length - 1), select),
	}, isActive && !hidden);

	if (hidden) return null;
	const now = Date.now();
	const live = rows.filter(row => !row.recovered);
	const troubled = live.reduce((sum, row) => sum + row.group.pods.length, 0);
	const scope = namespace ?? 'all';
	const detail = selected ? [[selected.recovered ? 'recovered' : 'cause', groupHeading(selected.group)] as [string, string], ...groupFacts(selected.group, now, namespace === undefined)] : [];
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end">
				<Text {...ink('title')}>{`causes(${scope})[${live.length}]`}</Text>
				<Text dimColor>{`  ${troubled} pods failing or stuck, grouped by cause`}</Text>
			</Text>
			<Table
				columns={causeColumns(now)}
				rows={rows}
				start={start.current}
				selectedIndex={selectedIndex}
				height={tableHeight}
				width={width}
				rowKey={row => `${row.recovered ? 'r' : 'g'}${row.group.id}`}
				empty={feed.latest().synced ? 'no pod is failing or stuck' : 'loading pods…'}
			/>
			<Box flexDirection="column" height={DETAIL_ROWS} overflow="hidden">
				{detail.map(([label, value]) => (
					<Text key={label} wrap="truncate-end">
						<Text dimColor>{`${label.padEnd(10)} `}</Text>
						<Text>{value}</Text>
					</Text>
				))}
			</Box>
		</Box>
	);
}
