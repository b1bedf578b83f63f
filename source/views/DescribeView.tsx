// `d` / `y` from the drill-down: the pod as `kubectl describe` shows it (init containers first,
// events deduplicated) or as YAML — live, scrollable, with `/` search, `n`/`N` and highlights.
import React, {useEffect, useMemo, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {useNavigation, type ViewProps} from '../app-context.js';
import {useInputCapture} from '../hooks/useInputCapture.js';
import {usePodEvents, useWatchedPod} from '../hooks/useLogStream.js';
import {describePod} from '../model/describe.js';
import {sanitizeText} from '../model/sanitize.js';
import {color} from '../ui/theme.js';
import {podYaml} from './pod/pod-yaml.js';
import {scrollTarget} from './pod/scroll-keys.js';
import {nextMatchingLine, searchPattern, splitMatches} from './pod/text-search.js';

export type DescribeViewProps = ViewProps & {namespace: string; name: string; format: 'describe' | 'yaml'};

export function DescribeView({width, height, isActive, namespace, name, format: initialFormat}: DescribeViewProps) {
	const navigation = useNavigation();
	const {pod, synced} = useWatchedPod(namespace, name);
	const allEvents = usePodEvents(namespace, name);
	const [format, setFormat] = useState(initialFormat);
	useEffect(() => setFormat(initialFormat), [initialFormat]);
	const [top, setTop] = useState(0);
	const [query, setQuery] = useState<string>();
	const [prompt, setPrompt] = useState<string>();
	const [current, setCurrent] = useState<number>();
	useInputCapture(prompt !== undefined);

	// Ages in describe move with the pod's updates; a clock per second would make the text jump.
	const lines = useMemo(() => {
		if (!pod) return [];
		const events = allEvents.filter(event => !pod.metadata.uid || !event.involvedObject.uid || event.involvedObject.uid === pod.metadata.uid);
		const raw = format === 'yaml' ? podYaml(pod) : describePod(pod, events, Date.now());
		return raw.map(line => sanitizeText(line));
	}, [pod, allEvents, format]);
	const pattern = useMemo(() => searchPattern(query), [query]);
	const matchCount = useMemo(() => (pattern ? lines.filter(line => line.match(pattern) !== null).length : 0), [lines, pattern]);

	// The root's footer shows the key hints; the last line is only used by the `/` prompt.
	const bodyHeight = Math.max(1, height - 1 - (prompt === undefined ? 0 : 1));
	const maxTop = Math.max(0, lines.length - bodyHeight);
	const shownTop = Math.min(top, maxTop);
	const scrollTo = (next: number) => setTop(Math.min(maxTop, Math.max(0, next)));
	const jump = (direction: 1 | -1, from = current ?? (direction === 1 ? shownTop - 1 : shownTop + bodyHeight)) => {
		const index = nextMatchingLine(lines, pattern, from, direction);
		if (index === undefined) {
			navigation.flash(pattern ? `no match for "${query}"` : 'no search: / to search', 'warn');
			return;
		}
		setCurrent(index);
		if (index < shownTop || index >= shownTop + bodyHeight) scrollTo(index - Math.floor(bodyHeight / 3));
	};

	useInput((input, key) => {
		if (prompt !== undefined) {
			if (key.return) {
				const next = prompt === '' ? undefined : prompt;
				setQuery(next);
				setPrompt(undefined);
				setCurrent(undefined);
				const found = nextMatchingLine(lines, searchPattern(next), shownTop - 1, 1);
				if (found !== undefined) {
					setCurrent(found);
					if (found >= shownTop + bodyHeight) scrollTo(found - Math.floor(bodyHeight / 3));
				} else if (next) navigation.flash(`no match for "${next}"`, 'warn');
			} else if (key.escape) setPrompt(undefined);
			// Functional updates: keys can arrive faster than frames.
			else if (key.backspace || key.delete) setPrompt(current => (current ?? '').slice(0, -1));
			else if (input && !key.ctrl && !key.meta) setPrompt(current => (current ?? '') + input);
			return;
		}
		if (key.escape) {
			if (query) {
				setQuery(undefined);
				setCurrent(undefined);
			} else navigation.back();
			return;
		}
		const scrolled = scrollTarget(input, key, shownTop, bodyHeight, maxTop);
		if (scrolled !== undefined) return setTop(scrolled);
		switch (input) {
			case '/':
				setPrompt(query ?? '');
				return;
			case 'n':
				return jump(1);
			case 'N':
				return jump(-1);
			case 'd':
			case 'y':
				setFormat(input === 'y' ? 'yaml' : 'describe');
				setTop(0);
				setCurrent(undefined);
				return;
			default:
				return;
		}
	}, {isActive});

	const title = `${format === 'yaml' ? 'YAML' : 'Describe'} ${namespace}/${name}`;
	const position = lines.length > 0 ? `  [${shownTop + 1}-${Math.min(lines.length, shownTop + bodyHeight)}/${lines.length}]` : '';
	const search = query ? `  /${query}: ${matchCount} line${matchCount === 1 ? '' : 's'}` : '';
	return (
		<Box flexDirection="column" height={height}>
			<Text bold color={color('cyan')} wrap="truncate-end">{`${title}${position}${search}`}</Text>
			<Box flexDirection="column" height={bodyHeight}>
				{!pod
					? <Text color={synced ? color('red') : undefined} dimColor={!synced}>{synced ? `pod "${name}" not found in namespace "${namespace}"` : `loading pod ${namespace}/${name}…`}</Text>
					: lines.slice(shownTop, shownTop + bodyHeight).map((line, at) => (
						<Text key={shownTop + at} wrap="truncate-end" inverse={shownTop + at === current && !pattern}>
							{splitMatches(line.slice(0, Math.max(1, width) * 4), pattern).map((segment, index) => (
								<Text key={index} inverse={segment.match} bold={segment.match && shownTop + at === current} color={segment.match ? color('yellow') : undefined}>{segment.text}</Text>
							))}
						</Text>
					))}
			</Box>
			{prompt !== undefined ? <Text color={color('cyan')} wrap="truncate-end">{`/${prompt}█`}</Text> : null}
		</Box>
	);
}
