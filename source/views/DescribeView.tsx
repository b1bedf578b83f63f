// `d` / `y` from the drill-down: the pod as `kubectl describe` shows it (init containers first,
// events deduplicated) or as YAML — live, scrollable, `w` wrap or ←/→ sideways, `/` search,
// `n`/`N` and highlights. A search belongs to one format: switching with d/y clears it.
import React, {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import wrapAnsi from 'wrap-ansi';
import {useNavigation, type ViewProps} from '../app-context.js';
import {usePodEvents, useWatchedPod} from '../hooks/useLogStream.js';
import {usePrompt} from '../input/usePrompt.js';
import {useScreenActions} from '../input/useScreenActions.js';
import {describePod} from '../render/describe.js';
import {plural} from '../model/plural.js';
import {sanitizeText} from '../model/sanitize.js';
import {Prompt} from '../ui/Prompt.js';
import {color} from '../ui/theme.js';
import {DESCRIBE_ACTIONS} from './pod/keys.js';
import {podYaml} from './pod/pod-yaml.js';
import {nextMatchingLine, searchPattern, splitMatches} from './pod/text-search.js';
import {scrollHandlers} from './scroll-actions.js';

export type DescribeViewProps = ViewProps & {namespace: string; name: string; format: 'describe' | 'yaml'};

/** One screen row: a logical line, or a piece of one when wrapped. */
interface Row {
	line: number;
	text: string;
}

const SIDEWAYS_STEP = 8;

function screenRows(lines: readonly string[], wrap: boolean, width: number): Row[] {
	if (!wrap) return lines.map((text, line) => ({line, text}));
	return lines.flatMap((text, line) => wrapAnsi(text, Math.max(8, width), {hard: true, trim: false}).split('\n').map(piece => ({line, text: piece})));
}

export function DescribeView({width, height, isActive, namespace, name, format: initialFormat}: DescribeViewProps) {
	const navigation = useNavigation();
	const {pod, synced} = useWatchedPod(namespace, name);
	const allEvents = usePodEvents(namespace, name);
	const [format, setFormat] = useState(initialFormat);
	const [top, setTop] = useState(0);
	const [query, setQuery] = useState<string>();
	const [current, setCurrent] = useState<number>();
	const [wrap, setWrap] = useState(false);
	const [hOffset, setHOffset] = useState(0);

	// Ages in describe move with the pod's updates; a clock per second would make the text jump.
	const lines = useMemo(() => {
		if (!pod) return [];
		const events = allEvents.filter(event => !pod.metadata.uid || !event.involvedObject.uid || event.involvedObject.uid === pod.metadata.uid);
		const raw = format === 'yaml' ? podYaml(pod) : describePod(pod, events, Date.now());
		return raw.map(line => sanitizeText(line));
	}, [pod, allEvents, format]);
	const rows = useMemo(() => screenRows(lines, wrap, width), [lines, wrap, width]);
	const pattern = useMemo(() => searchPattern(query), [query]);
	const matchCount = useMemo(() => (pattern ? lines.filter(line => line.match(pattern) !== null).length : 0), [lines, pattern]);

	const search = usePrompt({
		onSubmit: text => {
			const next = text === '' ? undefined : text;
			setQuery(next);
			setCurrent(undefined);
			const found = nextMatchingLine(lines, searchPattern(next), firstLine - 1, 1);
			if (found !== undefined) show(found);
			else if (next) navigation.flash(`no match for "${next}"`, 'warn');
		},
	}, isActive);

	// The root's footer shows the key hints; the view's last line is the `/` prompt while open.
	const bodyHeight = Math.max(1, height - 1 - (search.line === undefined ? 0 : 1));
	const maxTop = Math.max(0, rows.length - bodyHeight);
	const shownTop = Math.min(top, maxTop);
	const firstLine = rows[shownTop]?.line ?? 0;
	const lastLine = rows[Math.min(rows.length, shownTop + bodyHeight) - 1]?.line ?? 0;
	/** Scrolls so the logical line is in view (a third from the top when it was not). */
	const show = (line: number) => {
		setCurrent(line);
		if (line >= firstLine && line <= lastLine && rows.length > 0) return;
		const row = rows.findIndex(each => each.line === line);
		setTop(Math.min(maxTop, Math.max(0, row - Math.floor(bodyHeight / 3))));
	};
	const jump = (direction: 1 | -1) => {
		const from = current ?? (direction === 1 ? firstLine - 1 : lastLine + 1);
		const index = nextMatchingLine(lines, pattern, from, direction);
		if (index === undefined) navigation.flash(pattern ? `no match for "${query}"` : 'no search: / to search', 'warn');
		else show(index);
	};
	const switchTo = (next: 'describe' | 'yaml') => {
		setFormat(next);
		setTop(0);
		setCurrent(undefined);
		setQuery(undefined);
	};

	useScreenActions(DESCRIBE_ACTIONS, {
		...scrollHandlers(shownTop, bodyHeight, maxTop, setTop),
		// G sticks to the bottom while the text grows (events arriving).
		bottom: () => setTop(Number.POSITIVE_INFINITY),
		search: () => search.open(query ?? ''),
		next: () => jump(1),
		previous: () => jump(-1),
		describe: () => switchTo('describe'),
		yaml: () => switchTo('yaml'),
		wrap: () => setWrap(value => !value),
		left: () => (wrap ? false : setHOffset(offset => Math.max(0, offset - SIDEWAYS_STEP))),
		right: () => (wrap ? false : setHOffset(offset => offset + SIDEWAYS_STEP)),
		clearSearch: () => {
			if (!query) return false;
			setQuery(undefined);
			setCurrent(undefined);
			return true;
		},
	}, isActive);

	const title = `${format === 'yaml' ? 'YAML' : 'Describe'} ${namespace}/${name}`;
	const position = rows.length > 0 ? `  [${shownTop + 1}-${Math.min(rows.length, shownTop + bodyHeight)}/${rows.length}]` : '';
	const found = query ? `  /${query}: ${plural(matchCount, 'line')}` : '';
	const mode = wrap ? '  wrap' : hOffset > 0 ? `  → col ${hOffset + 1}` : '';
	return (
		<Box flexDirection="column" height={height}>
			<Text bold color={color('cyan')} wrap="truncate-end">{`${title}${position}${found}${mode}`}</Text>
			<Box flexDirection="column" height={bodyHeight}>
				{!pod
					? <Text color={synced ? color('red') : undefined} dimColor={!synced}>{synced ? `pod "${name}" not found in namespace "${namespace}"` : `loading pod ${namespace}/${name}…`}</Text>
					: rows.slice(shownTop, shownTop + bodyHeight).map((row, at) => (
						<Text key={shownTop + at} wrap="truncate-end" inverse={row.line === current && !pattern}>
							{splitMatches(wrap ? row.text : row.text.slice(hOffset, hOffset + Math.max(1, width) * 2), pattern).map((segment, index) => (
								<Text key={index} inverse={segment.match} bold={segment.match && row.line === current} color={segment.match ? color('yellow') : undefined}>{segment.text}</Text>
							))}
						</Text>
					))}
			</Box>
			{search.line ? <Prompt prompt="/" line={search.line} width={width} help="Enter search · Esc cancel" /> : null}
		</Box>
	);
}
