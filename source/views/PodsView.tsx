// The main screen: every pod of the namespace, live, with init trouble impossible to miss.
import React, {useMemo, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useNavigation, type Route, type ViewProps} from '../app-context.js';
import {usePodTable} from '../hooks/usePodTable.js';
import type {PodTableFeed} from '../hooks/pod-table-feed.js';
import {usePrompt} from '../input/usePrompt.js';
import {useScreenActions} from '../input/useScreenActions.js';
import {Prompt} from '../ui/Prompt.js';
import {Table} from '../ui/Table.js';
import {color, ink} from '../ui/theme.js';
import {podColumns} from './pods/columns.js';
import {POD_TABLE_ACTIONS} from './pods/keys.js';
import {compileFilter, type SortKey, type SortOrder} from '../model/pod-rows.js';
import {keepInView} from '../ui/scroll-window.js';
import type {PodSummary} from '../model/pod-health.js';
import {groupHeading} from '../render/cause-report.js';

export interface PodsViewProps extends ViewProps {
	/** undefined = all namespaces. */
	namespace: string | undefined;
	/** The namespace's pods, summarised (the root owns it: the header reads it too). */
	feed: PodTableFeed;
	/** Another screen is on top: keep the watch, stop drawing. */
	hidden: boolean;
	/** Only the pods of this cause group (its id); Esc goes back to the cause list. */
	cause?: string;
	onNamespace(namespace: string | undefined): void;
}

export function PodsView({width, height, isActive, namespace, feed, hidden, cause, onNamespace}: PodsViewProps) {
	const navigation = useNavigation();
	const [filterText, setFilterText] = useState('');
	const prompt = usePrompt({onChange: setFilterText, onSubmit: setFilterText, onCancel: () => setFilterText('')}, isActive && !hidden);
	const [initOnly, setInitOnly] = useState(false);
	const [sort, setSort] = useState<SortOrder>({key: 'name', descending: false});
	const {filter, error: filterError} = useMemo(() => compileFilter(filterText), [filterText]);
	const tableHeight = Math.max(2, height - 1);
	const visibleRows = tableHeight - 1;
	const causes = feed.latest().causes;
	const group = cause === undefined ? undefined : causes.groups.find(item => item.id === cause) ?? causes.recovered.find(entry => entry.group.id === cause)?.group;
	const only = useMemo(() => (cause === undefined ? undefined : new Set(group?.pods.map(pod => pod.uid))), [cause, group]);
	const table = usePodTable(feed, {namespace, filter, initOnly, only, sort, paused: hidden, visibleRows});
	const start = useRef(0);
	start.current = keepInView(table.selectedIndex, start.current, visibleRows, table.rows.length);

	// Keys wait for the frame of the key before them (input/), so the selection is the one on screen.
	const open = (make: (pod: PodSummary) => Route) => {
		if (table.selected) navigation.push(make(table.selected));
		else navigation.flash('no pod selected', 'warn');
	};
	const sortBy = (key: SortKey) => () => setSort(current => ({key, descending: current.key === key ? !current.descending : false}));

	useScreenActions(POD_TABLE_ACTIONS, {
		down: () => table.moveBy(1),
		up: () => table.moveBy(-1),
		pageDown: () => table.moveBy(visibleRows),
		pageUp: () => table.moveBy(-visibleRows),
		first: () => table.selectIndex(0),
		last: () => table.selectIndex(Number.POSITIVE_INFINITY),
		filter: () => prompt.open(filterText),
		// On one cause's pods, Esc with no filter goes back to the causes (the global back).
		clearFilter: () => (filterText ? setFilterText('') : false),
		causes: () => navigation.push({view: 'causes'}),
		initOnly: () => setInitOnly(value => !value),
		sortName: sortBy('name'),
		sortAge: sortBy('age'),
		sortStatus: sortBy('status'),
		allNamespaces: () => onNamespace(undefined),
		open: () => open(pod => ({view: 'pod', namespace: pod.namespace, name: pod.name})),
		logs: () => open(pod => ({view: 'logs', namespace: pod.namespace, name: pod.name})),
		previousLogs: () => open(pod => ({view: 'logs', namespace: pod.namespace, name: pod.name, previous: true})),
		checklist: () => open(pod => ({view: 'checklist', namespace: pod.namespace, name: pod.name})),
		describe: () => open(pod => ({view: 'describe', namespace: pod.namespace, name: pod.name, format: 'describe'})),
		yaml: () => open(pod => ({view: 'describe', namespace: pod.namespace, name: pod.name, format: 'yaml'})),
	}, isActive && !hidden);

	const columns = useMemo(() => podColumns(namespace === undefined), [namespace]);
	if (hidden) return null;

	const scope = namespace ?? 'all';
	const count = filter || initOnly || only ? `${table.rows.length}/${table.total}` : `${table.total}`;
	let empty = 'no pods';
	if (!table.synced) empty = table.connection.kind === 'forbidden' ? table.connection.message : 'loading pods…';
	else if (cause !== undefined && table.total > 0) empty = 'no pod left with this cause: it recovered';
	else if (table.total > 0) empty = 'no pods match';
	else empty = namespace ? `no pods in namespace ${namespace}` : 'no pods in any namespace';
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{prompt.line ? (
				<Prompt
					prompt="/"
					line={prompt.line}
					width={width}
					placeholder="regex on the pod name; Enter keeps it, Esc clears"
					error={filterError}
				/>
			) : (
				<Text wrap="truncate-end">
					<Text bold color={color('cyan')}>{`pods(${scope})[${count}]`}</Text>
					{filterText ? <Text color={color('yellow')}>{`  /${filterText}/`}</Text> : null}
					{filterError ? <Text color={color('red')}>{` ${filterError}`}</Text> : null}
					{initOnly ? <Text color={color('yellow')}>{'  init trouble only'}</Text> : null}
					{cause === undefined ? null : <Text {...ink('warning')}>{`  cause: ${group ? groupHeading(group) : 'recovered'}`}</Text>}
					<Text dimColor>{`  sort: ${sort.key} ${sort.descending ? '↓' : '↑'}`}</Text>
				</Text>
			)}
			<Table
				columns={columns}
				rows={table.rows}
				start={start.current}
				selectedIndex={table.selectedIndex}
				height={tableHeight}
				width={width}
				rowKey={row => row.uid}
				empty={empty}
				sorted={{id: sort.key, descending: sort.descending}}
			/>
		</Box>
	);
}
