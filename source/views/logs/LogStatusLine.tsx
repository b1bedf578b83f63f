// One line: container, instance, stream state, lines, follow/paused, wrap, timestamps, range, filter.
import React from 'react';
import {Text} from 'ink';
import {color} from '../../ui/theme.js';

export interface LogStatus {
	container: string;
	kind?: string;
	previous: boolean;
	instance?: number;
	state: string;
	lines: number;
	dropped: number;
	follow: boolean;
	wrap: boolean;
	timestamps: boolean;
	range: string;
	rangeNote?: string;
	filter?: string;
	filterError?: string;
	matches?: number;
}

function stateColor(state: string): string | undefined {
	if (state.startsWith('waiting') || state === 'reconnecting' || state === 'connecting') return color('yellow');
	if (state === 'error' || /exit [1-9]|Error|OOMKilled/.test(state)) return color('red');
	if (state === 'streaming') return color('green');
	return undefined;
}

export function LogStatusLine({status}: {status: LogStatus}) {
	const instance = status.instance === undefined ? '' : ` #${status.instance}`;
	const lines = `${status.lines.toLocaleString('en-US')} lines${status.dropped > 0 ? ` (${status.dropped.toLocaleString('en-US')} dropped)` : ''}`;
	return (
		<Text wrap="truncate-end">
			<Text bold color={color('cyan')}>{status.container}</Text>
			{status.kind ? <Text dimColor>{` (${status.kind})`}</Text> : null}
			{status.previous ? <Text color={color('magenta')} bold>{' previous'}</Text> : null}
			<Text>{`${instance} · `}</Text>
			<Text color={stateColor(status.state)}>{status.state}</Text>
			<Text>{` · ${lines} · `}</Text>
			<Text bold color={status.follow ? color('green') : color('yellow')}>{status.follow ? 'Follow' : 'Paused'}</Text>
			{status.filter ? <Text>{` · Filter:/${status.filter}/ ${status.matches ?? 0} shown`}</Text> : null}
			{status.filterError ? <Text color={color('red')}>{' (not a regex: literal)'}</Text> : null}
			<Text>{` · ${status.range}`}</Text>
			{status.rangeNote ? <Text dimColor>{` (${status.rangeNote})`}</Text> : null}
			<Text>{` · Wrap:${status.wrap ? 'On' : 'Off'}${status.timestamps ? ' TS:On' : ''}`}</Text>
		</Text>
	);
}
