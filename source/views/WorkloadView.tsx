// One workload: its kubectl facts and WHY, its pods split by revision (new, then old) with their
// causes, what changed between the old and the new pod template, and the pods themselves — Enter
// opens the pod drill-down.
import React, {useMemo, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useDiagnosisConfig, useNavigation, type ViewProps} from '../app-context.js';
import {useScreenActions} from '../input/useScreenActions.js';
import {useWorkloads} from '../hooks/useWorkloads.js';
import type {ResourceWatch} from '../kube/types.js';
import type {Pod} from '../model/k8s-types.js';
import {summarizePod, type PodSummary} from '../model/pod-health.js';
import {rolloutChange} from '../model/workloads/rollout.js';
import {verdictCache} from '../model/workloads/rows.js';
import type {WorkloadKind} from '../model/workloads/types.js';
import {Table, type Column} from '../ui/Table.js';
import {color} from '../ui/theme.js';
import {ScreenLines} from './pod/ScreenLines.js';
import {scrollHandlers} from './scroll-actions.js';
import {WORKLOAD_ACTIONS} from './workloads/keys.js';
import {podColumns} from './pods/columns.js';
import {watchedKinds} from './WorkloadsView.js';
import {revisionCell, workloadLines} from './workloads/lines.js';
import {keepInView, selectedIndex, type Selection} from './workloads/selection.js';

export interface WorkloadViewProps extends ViewProps {
	kind: WorkloadKind;
	namespace: string;
	name: string;
	/** The root's pod watch (covers this namespace). */
	pods: ResourceWatch<Pod>;
}

type PodRow = PodSummary & {revision: string};

const MIN_TABLE_ROWS = 4;

export function WorkloadView({width, height, isActive, kind, namespace, name, pods}: WorkloadViewProps) {
	const navigation = useNavigation();
	const config = useDiagnosisConfig();
	const listed = useMemo(() => [kind], [kind]);
	const data = useWorkloads(watchedKinds(listed), listed, namespace, pods);
	const row = data.rows.find(item => item.workload.metadata.name === name && item.workload.metadata.namespace === namespace);
	const verdictOf = useMemo(() => verdictCache(data.now, config), [data.now, config]);
	const change = useMemo(() => (row ? rolloutChange(row.workload, row.pods, data.replicaSets) : undefined), [row, data.replicaSets]);
	const podRows = useMemo<PodRow[]>(() => (row?.pods.groups ?? []).flatMap(group => group.pods.map(pod => ({...summarizePod(pod, data.now, config), revision: revisionCell(group)}))), [row, data.now, config]);
	const columns = useMemo<Column<PodRow>[]>(() => [{id: 'revision', title: 'REVISION', cell: pod => pod.revision, max: 16}, ...(podColumns(false) as Column<PodRow>[])], []);
	const [selection, setSelection] = useState<Selection>({index: 0});
	const start = useRef(0);

	const maxChanges = Math.max(2, Math.floor(height / 3));
	const lines = row ? workloadLines(row, change, verdictOf, data.now, maxChanges) : [];
	const top = Math.min(lines.length, Math.max(0, height - MIN_TABLE_ROWS - 1));
	const tableHeight = Math.max(2, height - top);
	const visibleRows = tableHeight - 1;
	const keyOf = (pod: PodRow) => pod.uid;
	const index = selectedIndex(podRows, keyOf, selection);
	start.current = keepInView(index, start.current, visibleRows, podRows.length);

	useScreenActions(WORKLOAD_ACTIONS, {
		open: () => {
			const pod = podRows[index];
			return pod ? navigation.push({view: 'pod', namespace: pod.namespace, name: pod.name}) : navigation.flash('no pod selected', 'warn');
		},
		...scrollHandlers(Math.max(0, index), visibleRows, Math.max(0, podRows.length - 1), next => {
			const pod = podRows[next];
			setSelection({key: pod ? keyOf(pod) : undefined, index: next});
		}),
	}, isActive);

	if (!row) {
		return (
			<Box height={height}>
				{data.synced
					? <Text color={color('red')}>{`${kind} "${name}" not found in namespace "${namespace}"`}</Text>
					: <Text dimColor>{`loading ${kind} ${namespace}/${name}…`}</Text>}
			</Box>
		);
	}
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<ScreenLines lines={lines} top={0} height={top} />
			<Table columns={columns} rows={podRows} start={start.current} selectedIndex={index} height={tableHeight} width={width} rowKey={keyOf} empty="no pods" />
		</Box>
	);
}
