// `:deploy`, `:sts`, `:ds`, `:jobs`, `:workloads`: the namespace's workloads with kubectl's
// columns and a WHY from their pods' verdicts. Enter opens one (its pods by revision).
import React, {useMemo, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useNavigation, type ViewProps} from '../app-context.js';
import {usePrompt} from '../input/usePrompt.js';
import {useScreenActions} from '../input/useScreenActions.js';
import {useWorkloads} from '../hooks/useWorkloads.js';
import type {ResourceWatch} from '../kube/types.js';
import type {Pod} from '../model/k8s-types.js';
import {compileFilter, type SortKey, type SortOrder} from '../model/pod-rows.js';
import {selectWorkloadRows} from '../model/workloads/table.js';
import {KINDS, LISTED_KINDS} from '../model/workloads/kinds.js';
import type {WorkloadKind} from '../model/workloads/types.js';
import {Prompt} from '../ui/Prompt.js';
import {Table} from '../ui/Table.js';
import {color} from '../ui/theme.js';
import {scrollHandlers} from './scroll-actions.js';
import {WORKLOADS_ACTIONS} from './workloads/keys.js';
import {workloadColumns} from './workloads/columns.js';
import {keepInView, selectedIndex, type Selection} from './workloads/selection.js';

export interface WorkloadsViewProps extends ViewProps {
	kind: WorkloadKind | 'all';
	/** undefined = all namespaces. */
	namespace: string | undefined;
	/** The root's pod watch for the namespace. */
	pods: ResourceWatch<Pod>;
}

/** The column a sort key marks ↑/↓: status sorts by the WHY's health. */
const SORTED_COLUMN: Record<SortKey, string> = {name: 'name', age: 'age', status: 'why'};

/** The kinds to watch for a view: Deployments need their ReplicaSets (revisions). */
export function watchedKinds(listed: readonly WorkloadKind[]): WorkloadKind[] {
	return listed.includes('Deployment') && !listed.includes('ReplicaSet') ? [...listed, 'ReplicaSet'] : [...listed];
}

export function WorkloadsView({width, height, isActive, kind, namespace, pods}: WorkloadsViewProps) {
	const navigation = useNavigation();
	const listed = useMemo(() => (kind === 'all' ? LISTED_KINDS : [kind]), [kind]);
	const data = useWorkloads(watchedKinds(listed), listed, namespace, pods);
	const [filterText, setFilterText] = useState('');
	const prompt = usePrompt({onChange: setFilterText, onSubmit: setFilterText, onCancel: () => setFilterText('')}, isActive);
	const [sort, setSort] = useState<SortOrder>({key: 'name', descending: false});
	const {filter, error: filterError} = useMemo(() => compileFilter(filterText), [filterText]);
	const rows = useMemo(() => selectWorkloadRows(data.rows, {filter, sort, allNamespaces: namespace === undefined}), [data.rows, filter, sort, namespace]);
	const [selection, setSelection] = useState<Selection>({index: 0});
	const start = useRef(0);
	const tableHeight = Math.max(2, height - 1);
	const visibleRows = tableHeight - 1;
	const keyOf = (row: (typeof rows)[number]) => row.uid;
	const index = selectedIndex(rows, keyOf, selection);
	start.current = keepInView(index, start.current, visibleRows, rows.length);
	const sortBy = (key: SortKey) => () => setSort(current => ({key, descending: current.key === key ? !current.descending : false}));
	const nowRef = useRef(data.now);
	nowRef.current = data.now;
	const columns = useMemo(() => workloadColumns(kind, namespace === undefined, () => nowRef.current), [kind, namespace]);

	useScreenActions(WORKLOADS_ACTIONS, {
		open: () => {
			const row = rows[index];
			return row ? navigation.push({view: 'workload', kind: row.workload.kind as WorkloadKind, namespace: row.workload.metadata.namespace ?? 'default', name: row.workload.metadata.name}) : navigation.flash('no workload selected', 'warn');
		},
		filter: () => prompt.open(filterText),
		// With no filter, Esc is the global back.
		clearFilter: () => (filterText ? setFilterText('') : false),
		sortName: sortBy('name'),
		sortAge: sortBy('age'),
		sortStatus: sortBy('status'),
		...scrollHandlers(Math.max(0, index), visibleRows, Math.max(0, rows.length - 1), next => {
			const row = rows[next];
			setSelection({key: row ? keyOf(row) : undefined, index: next});
		}),
	}, isActive);

	const title = kind === 'all' ? 'workloads' : KINDS[kind].resource;
	let empty = data.synced ? `no ${title} in ${namespace ? `namespace ${namespace}` : 'any namespace'}` : `loading ${title}…`;
	if (data.connection.kind === 'forbidden') empty = `forbidden: ${data.connection.message}`;
	else if (data.rows.length > 0) empty = `no ${title} match`;
	const count = filter ? `${rows.length}/${data.rows.length}` : `${data.rows.length}`;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{prompt.line ? (
				<Prompt prompt="/" line={prompt.line} width={width} placeholder="regex on the name; Enter keeps it, Esc clears" error={filterError} />
			) : (
				<Text wrap="truncate-end">
					<Text bold color={color('cyan')}>{`${title}(${namespace ?? 'all'})[${count}]`}</Text>
					{filterText ? <Text color={color('yellow')}>{`  /${filterText}/`}</Text> : null}
					{filterError ? <Text color={color('red')}>{` ${filterError}`}</Text> : null}
					<Text dimColor>{`  sort: ${sort.key} ${sort.descending ? '↓' : '↑'}`}</Text>
				</Text>
			)}
			<Table columns={columns} rows={rows} start={start.current} selectedIndex={index} height={tableHeight} width={width} rowKey={keyOf} empty={empty} sorted={{id: SORTED_COLUMN[sort.key], descending: sort.descending}} />
		</Box>
	);
}
