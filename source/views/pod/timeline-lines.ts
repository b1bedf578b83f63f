// The timeline (ui/Timeline, laid out by render/timeline) as screen lines, so it scrolls with the
// rest of the drill-down: one Timeline element per row, notes as wrapped text.
import React from 'react';
import wrapAnsi from 'wrap-ansi';
import type {TimelineLayout} from '../../render/timeline.js';
import {Timeline} from '../../ui/Timeline.js';
import type {ScreenLine} from './lines.js';

export function timelineLines(layout: TimelineLayout, width: number): ScreenLine[] {
	const rows = [...layout.rows, ...layout.legend];
	const lines: ScreenLine[] = rows.map((row, at) => ({
		key: `timeline:${at}`,
		segments: [],
		element: React.createElement(Timeline, {layout: {...layout, rows: [row], legend: []}, showLegend: false, showNotes: false}),
	}));
	layout.notes.forEach((note, at) => {
		wrapAnsi(note, Math.max(10, width), {hard: true}).split('\n').forEach((text, row) => {
			lines.push({key: `timeline:note:${at}:${row}`, segments: [{text, dim: true}]});
		});
	});
	return lines;
}
