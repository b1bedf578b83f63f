// A windowed table: only the rows that fit are rendered (Ink has no virtualisation; every
// rendered row costs time). The caller owns the window start and the selection.
import React from 'react';
import {Box, Text} from 'ink';
import {ASCII, cellWidth, fit} from './fit.js';
import {color} from './theme.js';

export interface CellStyle {
	color?: string;
	bold?: boolean;
	dim?: boolean;
}

export interface Column<T> {
	id: string;
	title: string;
	cell(row: T): string;
	align?: 'left' | 'right';
	/** Cap on the width taken from the content (the flex column takes what is left). */
	max?: number;
	/** This column takes the remaining width (the last one, usually). */
	flex?: boolean;
	/** When the terminal is too narrow, columns with the lowest `keep` are dropped first. */
	keep?: number;
	style?(row: T): CellStyle | undefined;
}

const GAP = 2;
const FLEX_MIN = 12;

/** Widths per column for these rows; 0 = dropped for lack of room. */
export function layoutColumns<T>(columns: readonly Column<T>[], rows: readonly T[], width: number): number[] {
	const natural = columns.map(column => {
		let size = cellWidth(column.title);
		for (const row of rows) size = Math.max(size, cellWidth(column.cell(row)));
		return column.flex ? Math.max(size, cellWidth(column.title)) : Math.min(size, column.max ?? size);
	});
	const widths = [...natural];
	const dropOrder = columns
		.map((column, index) => ({index, keep: column.keep ?? Number.POSITIVE_INFINITY}))
		.filter(entry => Number.isFinite(entry.keep))
		.sort((a, b) => a.keep - b.keep);
	const used = () => widths.reduce((sum, size, index) => sum + (size > 0 && !columns[index].flex ? size + GAP : 0), 0);
	const flexIndex = columns.findIndex(column => column.flex);
	const flexNeed = flexIndex >= 0 ? Math.min(natural[flexIndex], FLEX_MIN) : 0;
	for (const entry of dropOrder) {
		if (used() + flexNeed <= width) break;
		widths[entry.index] = 0;
	}
	if (flexIndex >= 0) widths[flexIndex] = Math.max(0, width - used());
	// Still too wide with every droppable column gone (a narrow terminal): the widest columns give
	// up cells (their text ends in …) so a row never overflows the width.
	const shownCount = widths.filter(size => size > 0).length;
	let overflow = widths.reduce((sum, size) => sum + size, 0) + GAP * Math.max(0, shownCount - 1) - width;
	while (overflow > 0) {
		let widest = -1;
		for (let index = 0; index < widths.length; index++) if (widest < 0 || widths[index]! > widths[widest]!) widest = index;
		const cut = Math.min(overflow, widths[widest]! - 1);
		if (cut <= 0) break;
		widths[widest] = widths[widest]! - cut;
		overflow -= cut;
	}
	return widths;
}

export interface TableProps<T> {
	columns: readonly Column<T>[];
	rows: readonly T[];
	/** Index of the first row shown. */
	start: number;
	selectedIndex: number;
	/** Rows of the screen for the table, header included. */
	height: number;
	width: number;
	rowKey(row: T): string;
	/** Style for a whole row (cells may refine it). */
	rowStyle?(row: T): CellStyle | undefined;
	empty?: string;
}

/** One run of cells drawn as one Ink text node. */
interface Segment {
	key: string;
	cells: Array<{id: string; text: string; style: CellStyle}>;
}


/**
 * The row's cells grouped so each text node is printable ASCII or one cell that is not. Ink
 * measures every text node with string-width several times a frame; any symbol (●, ▰, …) sends
 * the whole node down its grapheme-segmenting path: ~100 µs for a 160-column row instead of ~1 µs
 * (measured here), which made a 40-row frame cost tens of milliseconds.
 */
function segmentsOf(cells: Array<{id: string; text: string; style: CellStyle}>): Segment[] {
	const segments: Segment[] = [];
	let run: Segment | undefined;
	for (const cell of cells) {
		if (ASCII.test(cell.text)) {
			if (!run) {
				run = {key: cell.id, cells: []};
				segments.push(run);
			}
			run.cells.push(cell);
		} else {
			run = undefined;
			segments.push({key: cell.id, cells: [cell]});
		}
	}
	return segments;
}

function trimTrailingBlanks(cells: Array<{text: string}>): void {
	for (let index = cells.length - 1; index >= 0; index--) {
		const cell = cells[index]!;
		cell.text = cell.text.trimEnd();
		if (cell.text !== '') return;
	}
}

export function Table<T>({columns, rows, start, selectedIndex, height, width, rowKey, rowStyle, empty}: TableProps<T>) {
	const visible = rows.slice(start, start + Math.max(0, height - 1));
	const widths = layoutColumns(columns, visible, width);
	const shown = columns.map((column, index) => ({column, width: widths[index]})).filter(entry => entry.width > 0);
	const gap = ' '.repeat(GAP);
	// Rows are fitted to the width: only vertical clipping (horizontal clipping slices every line).
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<Text bold wrap="truncate-end">
				{shown.map(({column, width: size}) => fit(column.title, size, column.align)).join(gap).trimEnd()}
			</Text>
			{visible.length === 0 && empty ? <Text dimColor>{empty}</Text> : null}
			{visible.map((row, offset) => {
				const base = rowStyle?.(row);
				const selected = start + offset === selectedIndex;
				const cells = shown.map(({column, width: size}, index) => ({
					id: column.id,
					text: fit(column.cell(row), size, column.align) + (index < shown.length - 1 ? gap : ''),
					style: {...base, ...column.style?.(row)},
				}));
				// The selection's inverse spans the width; other rows end at their last character (Ink
				// handles every character of a frame one by one, and the padding is blank anyway).
				if (!selected) trimTrailingBlanks(cells);
				return (
					<Box key={rowKey(row)} height={1} flexShrink={0}>
						{segmentsOf(cells).map(segment => (
							<Text key={segment.key} inverse={selected} wrap="truncate-end">
								{segment.cells.map(({id, text, style}) => (
									<Text key={id} color={style.color ? color(style.color) : undefined} bold={style.bold} dimColor={style.dim && !selected}>
										{text}
									</Text>
								))}
							</Text>
						))}
					</Box>
				);
			})}
		</Box>
	);
}
