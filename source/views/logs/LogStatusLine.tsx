// One line: container, instance, stream state, lines, Follow/Paused (or Previous), filter, range,
// wrap, timestamps. A previous instance is a finished log, nothing to follow: its line says
// "Previous #n" where the live log says Follow/Paused, and autoscroll (s) gets its own part when it is
// off, much as k9s titles it "Previous Logs" and keeps its Autoscroll indicator apart.
import React from 'react';
import {Text} from 'ink';
import {plural} from '../../model/plural.js';
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

interface Part {
	text: string;
	color?: string;
	bold?: boolean;
	dim?: boolean;
	/** When the line is too wide, parts with the highest number go first (0 = always kept). */
	drop: number;
}

/** The status parts in order, the least useful dropped first until they fit `width`. */
export function statusParts(status: LogStatus, width: number): Part[] {
	const lines = `${plural(status.lines, 'line')}${status.dropped > 0 ? ` (${status.dropped.toLocaleString('en-US')} dropped)` : ''}`;
	const parts: Part[] = [
		{text: status.container, color: color('cyan'), bold: true, drop: 0},
		...(status.kind ? [{text: ` (${status.kind})`, dim: true, drop: 5}] : []),
		...(status.instance === undefined || status.previous ? [] : [{text: ` #${status.instance}`, drop: 0}]),
		{text: ' · ', drop: 0},
		{text: status.state, color: stateColor(status.state), drop: 0},
		{text: ` · ${lines}`, drop: 3},
		{text: ' · ', drop: 0},
		status.previous
			? {text: `Previous${status.instance === undefined ? '' : ` #${status.instance}`}`, bold: true, color: color('magenta'), drop: 0}
			: {text: status.follow ? 'Follow' : 'Paused', bold: true, color: status.follow ? color('green') : color('yellow'), drop: 0},
		...(status.filter ? [{text: ` · Filter:/${status.filter}/ ${status.matches ?? 0} shown`, drop: 0}] : []),
		...(status.filterError ? [{text: ' (not a regex: literal)', color: color('red'), drop: 0}] : []),
		{text: ` · ${status.range}`, drop: 1},
		...(status.rangeNote ? [{text: ` (${status.rangeNote})`, dim: true, drop: 2}] : []),
		// Nothing arrives in a finished log: autoscroll only matters once it is off (scrolled up; s or G).
		...(status.previous && !status.follow ? [{text: ' · Autoscroll:Off', bold: true, color: color('yellow'), drop: 4}] : []),
		{text: ` · Wrap:${status.wrap ? 'On' : 'Off'}${status.timestamps ? ' TS:On' : ''}`, drop: 4},
	];
	const length = (list: Part[]) => list.reduce((sum, part) => sum + part.text.length, 0);
	let kept = parts;
	for (let level = 5; level >= 1 && length(kept) > width; level--) kept = kept.filter(part => part.drop !== level);
	return kept;
}

/** One row; on a narrow terminal the kind, range note, line count … give way to Follow/Previous and the filter. */
export function LogStatusLine({status, width}: {status: LogStatus; width: number}) {
	return (
		<Text wrap="truncate-end">
			{statusParts(status, width).map((part, at) => (
				<Text key={at} color={part.color} bold={part.bold} dimColor={part.dim}>{part.text}</Text>
			))}
		</Text>
	);
}
