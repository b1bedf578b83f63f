// Shown instead of an empty log while the container has not started: the waiting reason and the
// latest events for that container, and the promise that streaming starts by itself.
import React from 'react';
import {Box, Text} from 'ink';
import wrapAnsi from 'wrap-ansi';
import type {LogNotice} from '../../kube/types.js';
import type {EventRow} from '../../model/events.js';
import {sanitizeText} from '../../model/sanitize.js';
import {color} from '../../ui/theme.js';

export interface WaitingPanelProps {
	container: string;
	notice: LogNotice | undefined;
	/** Waiting reason from the pod status when the stream has not said yet. */
	stateLabel?: string;
	events: readonly EventRow[];
	height: number;
	width: number;
}

export function WaitingPanel({container, notice, stateLabel, events, height, width}: WaitingPanelProps) {
	const waiting = notice?.kind === 'waiting' ? notice : undefined;
	const title = waiting
		? `⏳ ${container} is waiting to start: ${sanitizeText(waiting.reason)}`
		: `⏳ connecting to the log of ${container}…`;
	// The server's message says why (often at its end): wrapped, never cut.
	const message = waiting?.message ? wrapAnsi(sanitizeText(waiting.message), Math.max(10, width - 2), {hard: true}).split('\n') : [];
	// Latest events last, each message wrapped beside its type/reason/age (the reason is often
	// at the end: `Error: configmap "app-config" not found`); as many as fit.
	const room = Math.max(0, height - 5 - Math.max(1, message.length));
	const reasonWidth = Math.max(0, ...events.map(event => event.reason.length));
	const ageWidth = Math.max(0, ...events.map(event => event.age.length));
	const prefixWidth = 2 + 8 + 1 + reasonWidth + 2 + ageWidth + 2;
	const shown: Array<{event: EventRow; rows: string[]}> = [];
	let used = 0;
	for (let at = events.length - 1; at >= 0; at--) {
		const event = events[at]!;
		const rows = wrapAnsi(sanitizeText(event.message), Math.max(10, width - prefixWidth), {hard: true}).split('\n');
		if (used + rows.length > room) break;
		used += rows.length;
		shown.unshift({event, rows});
	}
	const pad = ' '.repeat(prefixWidth);
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			<Text color={color('yellow')} bold wrap="truncate-end">{title}</Text>
			{message.map((row, at) => <Text key={at} dimColor wrap="truncate-end">{`  ${row}`}</Text>)}
			{stateLabel ? <Text wrap="truncate-end">{`  state: ${stateLabel}`}</Text> : null}
			<Text dimColor wrap="truncate-end">  The log streams here by itself as soon as the container starts.</Text>
			<Text> </Text>
			<Text bold wrap="truncate-end">{events.length > 0 ? 'Latest events:' : 'No events for this container yet.'}</Text>
			{shown.flatMap(({event, rows}) => rows.map((row, at) => (
				<Text key={`${event.key}:${at}`} wrap="truncate-end">
					{at === 0 ? <Text color={event.warning ? color('red') : undefined}>{`  ${event.type.padEnd(8)} ${event.reason.padEnd(reasonWidth)}`}</Text> : null}
					{at === 0 ? <Text dimColor>{`  ${event.age.padEnd(ageWidth)}  `}</Text> : <Text>{pad}</Text>}
					<Text>{row}</Text>
				</Text>
			)))}
		</Box>
	);
}
