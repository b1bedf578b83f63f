// The drill-down: why is this pod not running? The blocking step explained in one line at the
// top, then every container in execution order, the findings, conditions and events — live.
import React, {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import wrapAnsi from 'wrap-ansi';
import {useDiagnosisConfig, useNavigation, type ViewProps} from '../app-context.js';
import {useScreenActions} from '../input/useScreenActions.js';
import {usePodDetails} from '../hooks/usePodDetails.js';
import {useOwnerChain} from '../hooks/useOwnerChain.js';
import {eventRows} from '../model/events.js';
import {diagnose} from '../model/findings/index.js';
import {printPod} from '../model/pod-status.js';
import {layoutTimeline} from '../render/timeline.js';
import {sanitizeText} from '../model/sanitize.js';
import {color, ink} from '../ui/theme.js';
import {healthOf} from '../model/pod-health.js';
import {podScreenLines} from './pod/lines.js';
import {ScreenLines} from './pod/ScreenLines.js';
import {actionHint, POD_ACTIONS} from './pod/keys.js';
import {scrollHandlers} from './scroll-actions.js';
import {timelineLines} from './pod/timeline-lines.js';

export type PodViewProps = ViewProps & {
	namespace: string;
	name: string;
};

export function PodView({width, height, isActive, namespace, name}: PodViewProps) {
	const navigation = useNavigation();
	const config = useDiagnosisConfig();
	const details = usePodDetails(namespace, name);
	const {pod, deleted, now} = details;
	const diagnosis = useMemo(() => (pod ? diagnose({pod, events: details.events, now, logs: details.logs, services: details.services, ...(details.claims ? {claims: details.claims} : {}), config}) : undefined), [pod, details.events, now, details.logs, details.services, details.claims, config]);
	const events = useMemo(() => eventRows(details.events, now), [details.events, now]);
	const timeline = useMemo(() => {
		if (!pod) return undefined;
		try {
			return timelineLines(layoutTimeline({pod, events: [...details.events], history: details.history, now, width: Math.max(20, width - 2)}), width);
		} catch {
			return undefined; // the picture is a bonus: never let it take the diagnosis down
		}
	}, [pod, details.events, details.history, now, width]);
	const lines = useMemo(() => (pod && diagnosis ? podScreenLines({pod, diagnosis, events, now, width, timeline}) : []), [pod, diagnosis, events, now, width, timeline]);
	const [top, setTop] = useState(0);

	const headline = diagnosis ? wrapAnsi(`${sanitizeText(diagnosis.headline)}${actionHint(diagnosis.headlineAction)}`, Math.max(10, width), {hard: true}).split('\n').slice(0, 4) : [];
	const row = pod ? printPod(pod, now) : undefined;
	const owners = useOwnerChain(pod);
	const pinned = headline.length + (row ? 1 : 0) + (owners ? 1 : 0) + (deleted ? 1 : 0);
	const bodyHeight = Math.max(1, height - pinned);
	const maxTop = Math.max(0, lines.length - bodyHeight);

	const openLogs = (previous: boolean) => {
		if (!pod || !diagnosis) return;
		const container = diagnosis.logs?.container ?? pod.spec.containers[0]?.name;
		navigation.push({view: 'logs', namespace, name, container, previous});
	};

	useScreenActions(POD_ACTIONS, {
		...scrollHandlers(top, bodyHeight, maxTop, setTop),
		// G sticks to the bottom while the content grows (new events).
		bottom: () => setTop(Number.POSITIVE_INFINITY),
		logs: () => openLogs(false),
		previousLogs: () => openLogs(true),
		describe: () => navigation.push({view: 'describe', namespace, name, format: 'describe'}),
		yaml: () => navigation.push({view: 'describe', namespace, name, format: 'yaml'}),
		checklist: () => navigation.push({view: 'checklist', namespace, name}),
	}, isActive);

	if (!pod) {
		return (
			<Box height={height}>
				{details.synced
					? <Text color={color('red')}>{`pod "${name}" not found in namespace "${namespace}"`}</Text>
					: <Text dimColor>{`loading pod ${namespace}/${name}…`}</Text>}
			</Box>
		);
	}
	// The headline wears the pod's class, as its row in the table does.
	const headlineStyle = diagnosis ? ink(healthOf(diagnosis.verdict)) : {};
	return (
		<Box flexDirection="column" height={height}>
			{deleted ? <Text color={color('red')} bold wrap="truncate-end">{`Pod ${namespace}/${name} was deleted — showing the last state seen`}</Text> : null}
			{headline.map((text, at) => <Text key={at} {...headlineStyle} bold wrap="truncate-end">{text}</Text>)}
			{row ? (
				<Text wrap="truncate-end" dimColor>
					{fitFacts(
						[`${namespace}/${name}`, row.status, `ready ${row.ready}`, `restarts ${row.restarts}`, `age ${row.age}`, `node ${row.node}`],
						lines.length > bodyHeight ? `[${Math.min(top, maxTop) + 1}-${Math.min(lines.length, Math.min(top, maxTop) + bodyHeight)}/${lines.length}]` : '',
						width,
					)}
				</Text>
			) : null}
			{owners ? <Text wrap="truncate-end" dimColor>{`owner: ${owners}`}</Text> : null}
			<ScreenLines lines={lines} top={Math.min(top, maxTop)} height={bodyHeight} />
		</Box>
	);
}

/**
 * The facts row: the scroll position always shows (it says there is more below); on a narrow
 * terminal the node, then the age, then the ready count give way to it.
 */
function fitFacts(facts: string[], position: string, width: number): string {
	const line = (list: string[]) => [...list.filter(Boolean), ...(position ? [position] : [])].join('  ');
	const kept = [...facts];
	for (const drop of [5, 4, 2]) {
		if (line(kept).length <= width) break;
		kept[drop] = '';
	}
	return line(kept);
}
