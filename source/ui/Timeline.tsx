// The init timeline drawn from a layout (render/timeline.ts): one line per row, each cell coloured
// by its style tag. Without colour (NO_COLOR, or color={false}) the glyphs alone tell outcomes
// apart: █ done ▓ running ╳ failed × inferred · back-off ░ waiting ▫ pulling ┈ scheduling ▒ blocked
// ! warning ≈ compressed (the layout's legend lists the ones a picture uses).
import React from 'react';
import {Box, Text} from 'ink';
import type {TimelineCell, TimelineLayout, TimelineStyle} from '../render/timeline.js';
import {colorEnabled, ROLES, type Style} from './theme.js';

type Look = Style;

/** Each timeline style's look, in the theme's roles. */
const LOOKS: Record<TimelineStyle, Look> = {
	label: {},
	sidecar: ROLES.aside,
	summary: {dim: true},
	blank: {},
	completed: ROLES.ok,
	running: ROLES.info,
	failed: {...ROLES.error, bold: true},
	inferred: {...ROLES.error, dim: true},
	backoff: {...ROLES.warning, dim: true},
	wait: ROLES.muted,
	pull: ROLES.pull,
	pending: ROLES.muted,
	blocked: ROLES.error,
	marker: {...ROLES.warning, bold: true},
	axis: {dim: true},
	compressed: ROLES.warning,
	tick: {dim: true},
	note: {dim: true},
};

function Cells({cells, color}: {cells: TimelineCell[]; color: boolean}) {
	return (
		<Text wrap="truncate-end">
			{cells.map((cell, index) => {
				const look = LOOKS[cell.style];
				return (
					<Text key={index} color={color ? look.color : undefined} dimColor={look.dim} bold={look.bold}>
						{cell.text}
					</Text>
				);
			})}
		</Text>
	);
}

export interface TimelineProps {
	layout: TimelineLayout;
	/** Colour on/off; defaults to the NO_COLOR switch. */
	color?: boolean;
	showLegend?: boolean;
	showNotes?: boolean;
}

export function Timeline({layout, color = colorEnabled, showLegend = true, showNotes = true}: TimelineProps) {
	return (
		<Box flexDirection="column">
			{layout.rows.map((row, index) => <Cells key={index} cells={row} color={color} />)}
			{showLegend ? layout.legend.map((line, index) => <Cells key={`legend-${index}`} cells={line} color={color} />) : null}
			{showNotes ? layout.notes.map((note, index) => <Text key={`note-${index}`} dimColor wrap="wrap">{note}</Text>) : null}
		</Box>
	);
}
