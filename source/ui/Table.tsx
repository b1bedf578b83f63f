// A windowed table: only the rows that fit are rendered (Ink has no virtualisation; every
// rendered row costs time). The caller owns the window start and the selection.
import React, {useRef} from 'react';
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
	/** Cells the column never goes below while shown (default: its title's width). */
	min?: number;
	/**
	 * Cells it should have before optional columns get room (default: `min`): optional columns
	 * show only when every column can have this much.
	 */
	want?: number;
	/** Cap on the width taken from the content (the flex column takes what is left). */
	max?: number;
	/** This column takes the remaining width (the last one, usually). */
	flex?: boolean;
	/** Columns grow towards their content width lowest `grow` first (default: in column order, after those with one). */
	grow?: number;
	/** The width does not depend on the content: `want` cells (else `min`), whatever the values (READY, AGE, …). */
	fixed?: boolean;
	/** The title when the column is narrower than `title` (`NS` for `NAMESPACE`). */
	short?: string;
	/**
	 * Optional column: shown only when the terminal has room for it at its minimum after every
	 * column without `keep` and every optional one with a higher `keep`. Decided from the width
	 * alone, so columns never come and go as the values change.
	 */
	keep?: number;
	style?(row: T): CellStyle | undefined;
}

const GAP = 2;

export interface ColumnLayout {
	/** Cells per column; 0 = not shown at this width. */
	widths: number[];
	/** Each column's content width so far (pass back as `floor` so widths never shrink as values change). */
	natural: number[];
}

/**
 * Widths per column. Which columns show depends on the width only (minimums and priorities);
 * each shown column then grows towards its content width (at least `floor`, what earlier rows
 * needed), in column order, and the flex column takes the rest.
 */
export function layoutColumns<T>(columns: readonly Column<T>[], rows: readonly T[], width: number, floor: readonly number[] = []): ColumnLayout {
	const minimum = columns.map(column => column.min ?? cellWidth(column.title));
	const natural = columns.map((column, index) => {
		let size = Math.max(cellWidth(column.title), floor[index] ?? 0);
		if (column.fixed) return Math.max(minimum[index]!, column.want ?? 0);
		for (const row of rows) size = Math.max(size, cellWidth(column.cell(row)));
		return column.flex ? size : Math.min(size, Math.max(column.max ?? size, minimum[index]!));
	});
	const wanted = columns.map((column, index) => Math.max(minimum[index]!, column.want ?? 0));
	const shown = columns.map(column => column.keep === undefined);
	const total = (sizes: readonly number[]) => shown.reduce((sum, on, index) => sum + (on ? sizes[index]! + GAP : 0), -GAP);
	const optional = columns.map((column, index) => ({index, keep: column.keep})).filter(entry => entry.keep !== undefined).sort((a, b) => b.keep! - a.keep!);
	for (const {index} of optional) {
		shown[index] = true;
		if (total(wanted) > width) shown[index] = false;
	}
	const widths = columns.map((_, index) => (shown[index] ? minimum[index]! : 0));
	let left = width - total(minimum);
	const growOrder = columns.map((column, index) => ({column, index})).sort((a, b) => (a.column.grow ?? Infinity) - (b.column.grow ?? Infinity) || a.index - b.index);
	// First every column towards what it wants (as far as its content needs), then towards its
	// whole content (a name or a kubectl STATUS is never cut while there is room); the flex column
	// takes the rest. Its `want` only decides which optional columns show.
	const phases = [(index: number) => Math.min(natural[index]!, wanted[index]!), (index: number) => natural[index]!];
	for (const target of phases) {
		for (const {column, index} of growOrder) {
			if (!shown[index] || column.flex || left <= 0) continue;
			const grow = Math.min(left, Math.max(0, target(index) - widths[index]!));
			widths[index] = widths[index]! + grow;
			left -= grow;
		}
	}
	const flexIndex = columns.findIndex((column, index) => column.flex && shown[index]);
	if (flexIndex >= 0 && left > 0) widths[flexIndex] = widths[flexIndex]! + left;
	// Too narrow even for the minimums: the widest columns give up cells (their text ends in …)
	// so a row never overflows the width.
	let overflow = -left;
	while (overflow > 0) {
		let widest = -1;
		for (let index = 0; index < widths.length; index++) if (widest < 0 || widths[index]! > widths[widest]!) widest = index;
		const cut = Math.min(overflow, widths[widest]! - 1);
		if (cut <= 0) break;
		widths[widest] = widths[widest]! - cut;
		overflow -= cut;
	}
	return {widths, natural};
}

/** The header cell: the short title when the long one does not fit, ↑/↓ on the sort column. */
function titleOf<T>(column: Column<T>, size: number, sorted: TableProps<T>['sorted']): string {
	const mark = sorted?.id === column.id ? (sorted.descending ? '↓' : '↑') : '';
	const title = column.short && cellWidth(column.title + mark) > size ? column.short : column.title;
	return title + mark;
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
	/** The column the rows are sorted by: its title is marked ↑ or ↓. */
	sorted?: {id: string; descending: boolean};
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

export function Table<T>({columns, rows, start, selectedIndex, height, width, rowKey, rowStyle, empty, sorted}: TableProps<T>) {
	const visible = rows.slice(start, start + Math.max(0, height - 1));
	// Widths only grow within a terminal width: a long value scrolling by does not make columns jump.
	const memory = useRef<{key: string; natural: number[]}>({key: '', natural: []});
	const memoryKey = `${width}|${columns.map(column => column.id).join(',')}`;
	if (memory.current.key !== memoryKey) memory.current = {key: memoryKey, natural: []};
	const {widths, natural} = layoutColumns(columns, visible, width, memory.current.natural);
	memory.current.natural = natural;
	const shown = columns.map((column, index) => ({column, width: widths[index]})).filter(entry => entry.width > 0);
	const gap = ' '.repeat(GAP);
	// Rows are fitted to the width: only vertical clipping (horizontal clipping slices every line).
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<Text bold wrap="truncate-end">
				{shown.map(({column, width: size}) => fit(titleOf(column, size, sorted), size, column.align)).join(gap).trimEnd()}
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
