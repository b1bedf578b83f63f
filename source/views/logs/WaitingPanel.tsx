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
	const shown = events.slice(-Math.max(0, height - 5 - Math.max(1, message.length)));
	const ageWidth = Math.max(0, ...shown.map(event => event.age.length));
	const reasonWidth = Math.max(0, ...shown.map(event => event.reason.length));
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			<Text color={color('yellow')} bold wrap="truncate-end">{title}</Text>
			{message.map((row, at) => <Text key={at} dimColor wrap="truncate-end">{`  ${row}`}</Text>)}
			{stateLabel ? <Text wrap="truncate-end">{`  state: ${stateLabel}`}</Text> : null}
			<Text dimColor wrap="truncate-end">  The log streams here by itself as soon as the container starts.</Text>
			<Text> </Text>
			<Text bold wrap="truncate-end">{events.length > 0 ? 'Latest events:' : 'No events for this container yet.'}</Text>
			{shown.map(event => (
				<Text key={event.key} wrap="truncate-end">
					<Text color={event.warning ? color('red') : undefined}>{`  ${event.type.padEnd(8)} ${event.reason.padEnd(reasonWidth)}`}</Text>
					<Text dimColor>{`  ${event.age.padEnd(ageWidth)}  `}</Text>
					<Text>{sanitizeText(event.message)}</Text>
				</Text>
			))}
		</Box>
	);
}
