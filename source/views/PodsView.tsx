// The main screen: every pod of the namespace, live, with init trouble impossible to miss.
import React, {useMemo, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useNavigation, type ViewProps} from '../app-context.js';
import {usePodTable} from '../hooks/usePodTable.js';
import type {PodTableFeed} from '../hooks/pod-table-feed.js';
import {useViewKeys} from '../hooks/useKeys.js';
import {CommandBar, editLine} from '../ui/CommandBar.js';
import {Table} from '../ui/Table.js';
import {color, ink} from '../ui/theme.js';
import {podColumns} from './pods/columns.js';
import {compileFilter, selectedIndexFor, selectRows, windowStart, type SortKey, type SortOrder} from './pods/rows.js';
import type {PodSummary} from '../model/pod-health.js';
import {groupHeading} from '../model/cause-report.js';

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

const SORT_KEYS: Record<string, SortKey> = {N: 'name', A: 'age', S: 'status'};

export function PodsView({width, height, isActive, namespace, feed, hidden, cause, onNamespace}: PodsViewProps) {
	const navigation = useNavigation();
	const [filterText, setFilterTextState] = useState('');
	const [editing, setEditingState] = useState(false);
	// Mirrors of the state for keys that arrive before the next frame.
	const filterRef = useRef('');
	const editingRef = useRef(false);
	const setFilterText = (text: string) => {
		filterRef.current = text;
		setFilterTextState(text);
	};
	const setEditing = (value: boolean) => {
		editingRef.current = value;
		setEditingState(value);
	};
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
	start.current = windowStart(table.selectedIndex, start.current, visibleRows, table.rows.length);

	/**
	 * The selected pod as the next frame will show it: a filter typed in the same read as the key
	 * (`/myapp⏎⏎` pasted) has not been drawn yet, and the selection follows it.
	 */
	const selectedNow = (): PodSummary | undefined => {
		if (filterRef.current === filterText) return table.selected;
		const rows = selectRows(feed.latest().summaries, {filter: compileFilter(filterRef.current).filter, initOnly, only, sort, allNamespaces: namespace === undefined});
		const index = selectedIndexFor(rows, table.selected?.uid, table.selectedIndex);
		return index >= 0 ? rows[index] : undefined;
	};
	const open = (make: (pod: PodSummary) => Parameters<typeof navigation.push>[0]) => {
		const selected = selectedNow();
		if (selected) navigation.push(make(selected));
		else navigation.flash('no pod selected', 'warn');
	};

	useViewKeys((input, key) => {
		if (editingRef.current) {
			const edit = editLine(filterRef.current, input, key);
			if (edit.done === 'cancel') setFilterText('');
			else setFilterText(edit.value);
			if (edit.done) setEditing(false);
			return true;
		}
		if (key.downArrow || input === 'j') return table.moveBy(1);
		if (key.upArrow || input === 'k') return table.moveBy(-1);
		if (key.pageDown || (key.ctrl && input === 'f')) return table.moveBy(visibleRows);
		if (key.pageUp || (key.ctrl && input === 'b')) return table.moveBy(-visibleRows);
		if (input === 'g' || key.home) return table.selectIndex(0);
		if (input === 'G' || key.end) return table.selectIndex(Number.POSITIVE_INFINITY);
		if (input === '/') return setEditing(true);
		if (key.escape) return filterRef.current === '' && cause !== undefined ? navigation.back() : setFilterText('');
		if (input === 'C') return navigation.push({view: 'causes'});
		if (input === 'i') return setInitOnly(value => !value);
		const sortKey = SORT_KEYS[input];
		if (sortKey) return setSort(current => ({key: sortKey, descending: current.key === sortKey ? !current.descending : false}));
		if (input === '0') return onNamespace(undefined);
		if (input === 'q') return navigation.quit();
		if (key.return) return open(pod => ({view: 'pod', namespace: pod.namespace, name: pod.name}));
		if (input === 'l') return open(pod => ({view: 'logs', namespace: pod.namespace, name: pod.name}));
		if (input === 'p') return open(pod => ({view: 'logs', namespace: pod.namespace, name: pod.name, previous: true}));
		if (input === 'c') return open(pod => ({view: 'checklist', namespace: pod.namespace, name: pod.name}));
		if (input === 'd') return open(pod => ({view: 'describe', namespace: pod.namespace, name: pod.name, format: 'describe'}));
		if (input === 'y') return open(pod => ({view: 'describe', namespace: pod.namespace, name: pod.name, format: 'yaml'}));
		return false;
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
			{editing ? (
				<CommandBar
					prompt="/"
					value={filterText}
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
			/>
		</Box>
	);
}
