// The live log of one container (k9s habits): follow with autoscroll, wrap, timestamps, tail /
// head / since ranges, a regex filter with highlighted matches and n/N, the previous instance,
// a container picker with init containers first, and lifecycle separators in the stream.
import React, {useEffect, useMemo, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useNavigation, type ViewProps} from '../app-context.js';
import type {LogNotice} from '../kube/types.js';
import {useLogStream, usePodEvents, useWatchedPod} from '../hooks/useLogStream.js';
import {usePrompt} from '../input/usePrompt.js';
import {useScreenActions} from '../input/useScreenActions.js';
import {plural} from '../model/plural.js';
import {eventRows} from '../model/events.js';
import {sanitizeText} from '../model/sanitize.js';
import {currentInstance, defaultLogContainer, entryKey, findEntryIndex, logContainerChoices, logQuery, type LogRange} from '../model/log-query.js';
import {containerChoiceLabel, IncrementalFilter, nextMatch, parseLogFilter, streamState, visibleWindow} from '../render/log-view.js';
import {Picker} from '../ui/Picker.js';
import {Prompt} from '../ui/Prompt.js';
import {color} from '../ui/theme.js';
import {LOG_ACTIONS} from './logs/keys.js';
import {LogLines, visibleEntries} from './logs/LogLines.js';
import {LogStatusLine} from './logs/LogStatusLine.js';
import {entryRowCount, type LineRenderOptions} from './logs/render-line.js';
import {saveLogBuffer} from './logs/save-log.js';
import {WaitingPanel} from './logs/WaitingPanel.js';

export type LogsViewProps = ViewProps & {namespace: string; name: string; container?: string; previous?: boolean};

export function LogsView({width, height, isActive, namespace, name, container: routeContainer, previous: routePrevious}: LogsViewProps) {
	const navigation = useNavigation();
	const {pod, synced} = useWatchedPod(namespace, name);
	const events = usePodEvents(namespace, name);
	const [container, setContainer] = useState(routeContainer);
	useEffect(() => {
		if (!container && pod) setContainer(defaultLogContainer(pod));
	}, [pod, container]);
	const choices = useMemo(() => (pod ? logContainerChoices(pod) : []), [pod]);
	const choice = choices.find(c => c.name === container);
	const [previous, setPrevious] = useState(routePrevious ?? false);
	const [range, setRange] = useState<LogRange>(0);
	const running = useRef(false);
	running.current = choice?.running ?? false;
	// Decided when the user picks container/range/previous, not on every pod update (a container
	// that starts must not restart the stream).
	// eslint-disable-next-line react-hooks/exhaustive-deps
	const query = useMemo(() => logQuery(range, {running: running.current}, previous), [range, previous, container]);
	const stream = useLogStream({namespace, pod: name, container, previous, tailLines: query.tailLines, sinceSeconds: query.sinceSeconds});

	const [filterSource, setFilterSource] = useState<string>();
	const filter = useMemo(() => (filterSource ? parseLogFilter(filterSource) : undefined), [filterSource]);
	const incremental = useRef(new IncrementalFilter());
	const shown = useMemo(() => incremental.current.update(stream.entries, filter), [stream.entries, filter]);
	const [follow, setFollow] = useState(true);
	const [topKey, setTopKey] = useState<string>();
	const [currentKey, setCurrentKey] = useState<string>();
	const [wrap, setWrap] = useState(false);
	const [timestamps, setTimestamps] = useState(false);
	const [hOffset, setHOffset] = useState(0);
	const [picking, setPicking] = useState(false);
	const prompt = usePrompt({onSubmit: source => applyFilter(source)}, isActive && !picking);

	// A new stream (container, previous, range) starts following again; head shows the beginning.
	useEffect(() => {
		setFollow(range !== 1);
		setTopKey(undefined);
		setCurrentKey(undefined);
	}, [stream.requestKey, range]);

	// The root's footer shows the key hints; the view's last line is only used by the `/` prompt.
	const bodyHeight = Math.max(1, height - 1 - (prompt.line === undefined ? 0 : 1));
	const options: LineRenderOptions = {columns: Math.max(1, width), wrap, hOffset: wrap ? 0 : hOffset, timestamps, filter};
	const topIndex = follow ? 0 : Math.max(0, findEntryIndex(shown, topKey));
	const window = visibleWindow(shown.length, bodyHeight, follow, topIndex, index => entryRowCount(shown[index], options));
	let lineCount = 0;
	for (const entry of shown) if (entry.type === 'line') lineCount++;
	const bufferLines = filter ? stream.entries.reduce((n, entry) => n + (entry.type === 'line' ? 1 : 0), 0) : lineCount;

	const scrollTo = (index: number) => {
		if (shown.length === 0) return;
		const clamped = Math.min(Math.max(0, index), shown.length - 1);
		setFollow(false);
		setTopKey(entryKey(shown[clamped]));
	};
	const jumpToMatch = (direction: 1 | -1) => {
		const last = window.slices[window.slices.length - 1]?.index ?? -1;
		const currentIndex = findEntryIndex(shown, currentKey);
		const from = currentIndex >= 0 ? currentIndex : direction === 1 ? window.top - 1 : last + 1;
		const index = nextMatch(shown, filter, from, direction);
		if (index === undefined) {
			navigation.flash(filter ? 'no matches' : 'no filter: / to search', 'warn');
			return;
		}
		setCurrentKey(entryKey(shown[index]));
		const visible = window.slices.some(slice => slice.index === index);
		scrollTo(visible ? window.top : index - Math.floor(bodyHeight / 3));
	};
	const save = () => {
		if (!container) return;
		try {
			const path = saveLogBuffer({namespace, pod: name, container, previous, timestamps, entries: stream.entries});
			navigation.flash(`saved ${plural(bufferLines, 'line')} to`, 'info', path);
		} catch (error) {
			navigation.flash(`could not save the log: ${(error as Error).message}`, 'error');
		}
	};

	const applyFilter = (source: string) => {
		setFilterSource(source === '' ? undefined : source);
		setCurrentKey(undefined);
		setFollow(true);
	};
	useScreenActions(LOG_ACTIONS, {
		save: () => save(),
		clearFilter: () => {
			if (!filterSource) return false;
			setFilterSource(undefined);
			setCurrentKey(undefined);
			return true;
		},
		up: () => scrollTo(window.top - 1),
		down: () => scrollTo(window.top + 1),
		pageUp: () => scrollTo(window.top - bodyHeight),
		pageDown: () => scrollTo(window.top + bodyHeight),
		top: () => scrollTo(0),
		bottom: () => setFollow(true),
		left: () => (wrap ? false : setHOffset(offset => Math.max(0, offset - 8))),
		right: () => (wrap ? false : setHOffset(offset => offset + 8)),
		filter: () => prompt.open(),
		next: () => jumpToMatch(1),
		previousMatch: () => jumpToMatch(-1),
		autoscroll: () => (follow ? scrollTo(window.top) : setFollow(true)),
		wrap: () => setWrap(value => !value),
		timestamps: () => setTimestamps(value => !value),
		container: () => setPicking(true),
		previous: () => setPrevious(value => !value),
		range: key => setRange(Number(key) as LogRange),
	}, isActive && !picking);

	const onPick = (value: string) => {
		setPicking(false);
		if (value !== container) {
			setContainer(value);
			setPrevious(false);
		}
	};

	let body: React.ReactNode;
	if (picking) {
		const nameWidth = Math.max(0, ...choices.map(c => c.name.length));
		body = (
			<Picker
				title={`Container of ${namespace}/${name} (init containers first)`}
				items={choices.map(c => ({value: c.name, label: containerChoiceLabel(c, nameWidth)}))}
				initialValue={container}
				onSelect={onPick}
				onCancel={() => setPicking(false)}
				isActive={isActive}
				height={bodyHeight}
				width={width}
			/>
		);
	} else if (!container) {
		body = synced && !pod
			? <Text color={color('red')}>{`pod "${name}" not found in namespace "${namespace}"`}</Text>
			: <Text dimColor>{`loading pod ${namespace}/${name}…`}</Text>;
	} else if (lineCount === 0 && !filter && !previous && (!stream.lastNotice || stream.lastNotice.kind === 'waiting')) {
		const rows = eventRows(events, Date.now()).filter(row => !row.container || row.container === container);
		body = <WaitingPanel container={container} notice={stream.lastNotice} stateLabel={choice?.state} events={rows} height={bodyHeight} width={width} />;
	} else {
		body = <LogLines visible={visibleEntries(shown, window)} options={options} currentKey={currentKey} height={bodyHeight} />;
	}

	// The follower numbers what the server actually sent (in back-off, "previous" is the instance
	// that just exited, the same one the current log shows).
	const instance = currentInstance(stream.entries) ?? (previous ? (choice && choice.instance > 1 ? choice.instance - 1 : undefined) : choice?.instance);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<LogStatusLine
				width={width}
				status={{
					container: container ?? name,
					kind: choice ? `${choice.kind} ${choice.label}` : undefined,
					previous,
					instance,
					state: stateOfStream(stream.lastNotice, previous, choice?.state),
					lines: bufferLines,
					dropped: stream.dropped,
					follow,
					wrap,
					timestamps,
					range: query.label,
					rangeNote: query.note,
					filter: filter?.source,
					filterError: filter?.invalid,
					matches: filter ? lineCount : undefined,
				}}
			/>
			<Box height={bodyHeight} flexDirection="column" overflow="hidden">{body}</Box>
			{prompt.line === undefined ? null : <Prompt prompt="/" line={prompt.line} width={width} help="regex · ! inverts · Enter apply · Esc cancel" />}
		</Box>
	);
}

/**
 * The stream's state; after a terminated instance, what the container does now (e.g. back-off).
 * A previous instance has ended (the status line says Previous): how, once the read is done and
 * the pod's last state says it.
 */
function stateOfStream(notice: LogNotice | undefined, previous: boolean, containerState: string | undefined): string {
	if (previous && notice?.kind === 'streaming') return 'ended';
	if (previous && notice?.kind === 'terminated') return `exit ${notice.exitCode} (${sanitizeText(notice.reason || (notice.exitCode === 0 ? 'Completed' : 'Error'), 30)})`;
	const state = streamState(notice);
	if (notice?.kind === 'terminated' && containerState?.startsWith('Waiting: ')) return `${containerState.slice('Waiting: '.length)} after ${notice.exitCode === 0 ? 'exit 0' : sanitizeText(notice.reason || `exit ${notice.exitCode}`, 30)}`;
	return state;
}
