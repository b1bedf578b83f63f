// `:deploy`, `:sts`, `:ds`, `:jobs`, `:workloads`: the namespace's workloads with kubectl's
// columns and a WHY from their pods' verdicts. Enter opens one (its pods by revision).
import React, {useMemo, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useNavigation, type ViewProps} from '../app-context.js';
import {useScreenActions} from '../input/useScreenActions.js';
import {useWorkloads} from '../hooks/useWorkloads.js';
import type {ResourceWatch} from '../kube/types.js';
import type {Pod} from '../model/k8s-types.js';
import {KINDS, LISTED_KINDS} from '../model/workloads/kinds.js';
import type {WorkloadKind} from '../model/workloads/types.js';
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

/** The kinds to watch for a view: Deployments need their ReplicaSets (revisions). */
export function watchedKinds(listed: readonly WorkloadKind[]): WorkloadKind[] {
	return listed.includes('Deployment') && !listed.includes('ReplicaSet') ? [...listed, 'ReplicaSet'] : [...listed];
}

export function WorkloadsView({width, height, isActive, kind, namespace, pods}: WorkloadsViewProps) {
	const navigation = useNavigation();
	const listed = useMemo(() => (kind === 'all' ? LISTED_KINDS : [kind]), [kind]);
	const data = useWorkloads(watchedKinds(listed), listed, namespace, pods);
	const [selection, setSelection] = useState<Selection>({index: 0});
	const start = useRef(0);
	const tableHeight = Math.max(2, height - 1);
	const visibleRows = tableHeight - 1;
	const keyOf = (row: (typeof data.rows)[number]) => row.uid;
	const index = selectedIndex(data.rows, keyOf, selection);
	start.current = keepInView(index, start.current, visibleRows, data.rows.length);
	const nowRef = useRef(data.now);
	nowRef.current = data.now;
	const columns = useMemo(() => workloadColumns(kind, namespace === undefined, () => nowRef.current), [kind, namespace]);

	useScreenActions(WORKLOADS_ACTIONS, {
		open: () => {
			const row = data.rows[index];
			return row ? navigation.push({view: 'workload', kind: row.workload.kind as WorkloadKind, namespace: row.workload.metadata.namespace ?? 'default', name: row.workload.metadata.name}) : navigation.flash('no workload selected', 'warn');
		},
		...scrollHandlers(Math.max(0, index), visibleRows, Math.max(0, data.rows.length - 1), next => {
			const row = data.rows[next];
			setSelection({key: row ? keyOf(row) : undefined, index: next});
		}),
	}, isActive);

	const title = kind === 'all' ? 'workloads' : KINDS[kind].resource;
	let empty = data.synced ? `no ${title} in ${namespace ? `namespace ${namespace}` : 'any namespace'}` : `loading ${title}…`;
	if (data.connection.kind === 'forbidden') empty = `forbidden: ${data.connection.message}`;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate-end">
				<Text bold color={color('cyan')}>{`${title}(${namespace ?? 'all'})[${data.rows.length}]`}</Text>
			</Text>
			<Table columns={columns} rows={data.rows} start={start.current} selectedIndex={index} height={tableHeight} width={width} rowKey={keyOf} empty={empty} />
		</Box>
	);
}
