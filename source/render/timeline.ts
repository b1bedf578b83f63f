// The pod's start-up as a picture, drawn from its lanes in time (model/timeline.ts): one row per
// lane, time running left to right from pod creation to now (or a little past the moment the app
// was running); spans that would swamp the picture are compressed (≈ on the axis) so a 40-minute
// wait and a 2-second init container are both legible, while ordinary spans stay linear so an
// exponential back-off looks exponential. Inferred runs are drawn with their own glyph, and the
// notes say in words what is known and what is inferred.

import {humanDuration} from '../model/duration.js';
import {timelineFacts, type LaneFacts, type LaneKind, type LaneMarker, type LaneSpan, type TimelineFactsInput} from '../model/timeline.js';

export type TimelineStyle =
	| 'label' | 'sidecar' | 'summary' | 'blank'
	| 'completed' | 'running' | 'failed' | 'inferred'
	| 'backoff' | 'wait' | 'pull' | 'pending' | 'blocked' | 'marker'
	| 'axis' | 'compressed' | 'tick' | 'note';

export interface TimelineCell {
	text: string;
	style: TimelineStyle;
}

export interface TimelineSegment extends LaneSpan {
	/** source !== 'inferred'. */
	known: boolean;
	/** Plot columns [startCol, endCol). */
	startCol: number;
	endCol: number;
}

export interface TimelineMarker extends LaneMarker {
	col: number;
}

export interface TimelineLane {
	key: string;
	kind: LaneKind;
	name: string;
	/** `pod`, `I1 init-myservice`, `I2 istio-proxy ↻`, `A1 myapp-container`. */
	label: string;
	segments: TimelineSegment[];
	markers: TimelineMarker[];
	/** Runs drawn (known + inferred) and how many of them are inferred. */
	runs: number;
	inferredRuns: number;
	/** Earlier runs the restart count tells of that are not drawn (too many to infer). */
	untoldRuns: number;
	summary: string;
	/** The crash-loop back-off inferred runs were placed with, in words (model/backoff.ts). */
	backoff?: string;
}

export interface TimelineTick {
	at: number;
	col: number;
	text: string;
}

export interface CompressedSpan {
	from: number;
	to: number;
	startCol: number;
	endCol: number;
}

export interface TimelineLayout {
	start: number;
	end: number;
	/** The picture stops shortly after the app started running (or the pod finished) instead of at now. */
	endsAtRunning: boolean;
	width: number;
	labelWidth: number;
	plotWidth: number;
	summaryWidth: number;
	lanes: TimelineLane[];
	ticks: TimelineTick[];
	compressed: CompressedSpan[];
	/** Lanes, then the axis, then the tick labels: each row fits `width` columns exactly. */
	rows: TimelineCell[][];
	/** The glyphs used in this picture, explained; wrapped to `width`. */
	legend: TimelineCell[][];
	/** What is known and what is inferred, in words. */
	notes: string[];
}

export interface TimelineInput extends TimelineFactsInput {
	width: number;
}

export const TIMELINE_GLYPHS = {
	completed: '█',
	running: '▓',
	failed: '╳',
	inferred: '×',
	backoff: '·',
	wait: '░',
	pull: '▫',
	pending: '┈',
	blocked: '▒',
	marker: '!',
	axis: '─',
	compressed: '≈',
	tick: '┬',
} as const;

const SIDECAR_MARK = '↻';
const LEGEND: Array<[TimelineStyle, string]> = [
	['completed', 'done'], ['running', 'running'], ['failed', 'failed'], ['inferred', 'inferred run'], ['backoff', 'back-off'],
	['wait', 'waiting'], ['pull', 'pulling image'], ['pending', 'scheduling'], ['blocked', 'blocked'], ['marker', 'warning'], ['compressed', 'compressed'],
];
/** A span whose share of the picture would exceed this is compressed. */
const MAX_SPAN_SHARE = 0.5;

// ------------------------------------------------------------------------------------------
// Time → columns

interface Scale {
	bounds: number[];
	cols: number[];
	compressed: CompressedSpan[];
	colAt(t: number): number;
}

function spanWeight(d: number, cap: number): number {
	return d <= cap ? d : cap * (1 + Math.log(d / cap));
}

/**
 * The cap above which spans are drawn logarithmically (Infinity: none). Only spans that dominate
 * are compressed: the cap never goes below the total of all the other spans, and within that it
 * is the largest cap that keeps every span under MAX_SPAN_SHARE of the picture.
 */
function compressionCap(durations: number[]): number {
	const positive = durations.filter(d => d > 0);
	if (positive.length < 2) return Number.POSITIVE_INFINITY;
	const share = (cap: number) => {
		let max = 0;
		let sum = 0;
		for (const d of positive) {
			const w = spanWeight(d, cap);
			sum += w;
			if (w > max) max = w;
		}
		return max / sum;
	};
	const total = positive.reduce((a, b) => a + b, 0);
	const longest = Math.max(...positive);
	if (share(longest) <= MAX_SPAN_SHARE) return Number.POSITIVE_INFINITY;
	const floor = Math.min(longest, total - longest);
	if (share(floor) > MAX_SPAN_SHARE) return floor;
	let lo = Math.log(floor);
	let hi = Math.log(longest);
	for (let i = 0; i < 40; i++) {
		const mid = (lo + hi) / 2;
		if (share(Math.exp(mid)) <= MAX_SPAN_SHARE) lo = mid;
		else hi = mid;
	}
	return Math.exp(lo);
}

/** Integer widths summing to `total`, proportional to `weights`, each at least `min` where possible. */
function distribute(weights: number[], total: number, min: number): number[] {
	const n = weights.length;
	const clamped = new Array<boolean>(n).fill(false);
	let scale = 0;
	for (let round = 0; round <= n; round++) {
		let free = total;
		let weight = 0;
		for (let i = 0; i < n; i++) {
			if (clamped[i]) free -= min;
			else weight += weights[i]!;
		}
		scale = weight > 0 ? Math.max(0, free) / weight : 0;
		let changed = false;
		for (let i = 0; i < n; i++) {
			if (!clamped[i] && weights[i]! * scale < min) {
				clamped[i] = true;
				changed = true;
			}
		}
		if (!changed) break;
	}
	const exact = weights.map((w, i) => (clamped[i] ? min : w * scale));
	const widths = exact.map(Math.floor);
	let left = total - widths.reduce((a, b) => a + b, 0);
	const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
	for (let k = 0; left > 0 && n > 0; k = (k + 1) % n, left--) widths[order[k]![1]]++;
	return widths;
}

function buildScale(times: number[], start: number, end: number, plotWidth: number): Scale {
	const bounds = [...new Set(times.filter(t => t > start && t < end))].sort((a, b) => a - b);
	bounds.unshift(start);
	bounds.push(end);
	const durations: number[] = [];
	for (let i = 0; i + 1 < bounds.length; i++) durations.push(bounds[i + 1]! - bounds[i]!);
	const cap = compressionCap(durations);
	const weights = durations.map(d => spanWeight(d, cap));
	const min = durations.length <= plotWidth ? 1 : 0;
	const widths = distribute(weights, plotWidth, min);
	const cols = [0];
	for (const w of widths) cols.push(cols[cols.length - 1]! + w);
	const compressed: CompressedSpan[] = [];
	for (let i = 0; i < durations.length; i++) {
		if (durations[i]! > cap && widths[i]! >= 3) compressed.push({from: bounds[i]!, to: bounds[i + 1]!, startCol: cols[i]!, endCol: cols[i + 1]!});
	}
	const colAt = (t: number): number => {
		if (t <= start) return 0;
		if (t >= end) return plotWidth;
		let lo = 0;
		let hi = bounds.length - 1;
		while (hi - lo > 1) {
			const mid = (lo + hi) >> 1;
			if (bounds[mid]! <= t) lo = mid;
			else hi = mid;
		}
		const d = bounds[lo + 1]! - bounds[lo]!;
		return cols[lo]! + (d > 0 ? ((t - bounds[lo]!) / d) * (cols[lo + 1]! - cols[lo]!) : 0);
	};
	return {bounds, cols, compressed, colAt};
}

// ------------------------------------------------------------------------------------------
// Putting it on a grid

interface Paint {
	ch: string;
	style: TimelineStyle;
	priority: number;
}

const PRIORITY: Partial<Record<TimelineStyle, number>> = {
	pending: 1, wait: 1, blocked: 1, pull: 2, backoff: 2, inferred: 3, completed: 3, failed: 4, running: 4, marker: 5,
};

function segmentStyle(segment: LaneSpan): TimelineStyle {
	if (segment.kind === 'run') return segment.source === 'inferred' ? 'inferred' : segment.outcome ?? 'failed';
	if (segment.blocked) return 'blocked';
	if (segment.kind === 'backoff') return 'backoff';
	if (segment.kind === 'pending') return 'pending';
	if (segment.kind === 'pull') return 'pull';
	return 'wait';
}

/** `pod`, `I1 init-myservice`, `I2 istio-proxy ↻`, `A1 myapp-container`. */
function laneLabel(lane: LaneFacts): string {
	if (lane.kind === 'pod') return 'pod';
	return lane.kind === 'app' ? `A${lane.position} ${lane.name}` : `I${lane.position} ${lane.name}${lane.kind === 'sidecar' ? ` ${SIDECAR_MARK}` : ''}`;
}

function fit(text: string, width: number): string {
	if (width <= 0) return '';
	if (text.length > width) return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
	return text.padEnd(width);
}

function mergeCells(cells: Paint[]): TimelineCell[] {
	const out: TimelineCell[] = [];
	for (const cell of cells) {
		const last = out[out.length - 1];
		if (last && last.style === cell.style) last.text += cell.ch;
		else out.push({text: cell.ch, style: cell.style});
	}
	return out;
}

export function layoutTimeline(input: TimelineInput): TimelineLayout {
	const {start, end, endsAtRunning, finished, lanes: laneFacts} = timelineFacts(input);
	const rawLanes = laneFacts.map(lane => ({...lane, label: laneLabel(lane)}));

	// Geometry.
	const width = Math.max(20, Math.floor(input.width));
	const summaryWidth = width >= 70 ? 14 : 0;
	const longestLabel = Math.max(...rawLanes.map(l => l.label.length));
	const labelWidth = Math.max(6, Math.min(longestLabel, Math.floor(width * 0.3), 28));
	const plotWidth = Math.max(8, width - labelWidth - 1 - (summaryWidth > 0 ? summaryWidth + 1 : 0));
	const times: number[] = [];
	for (const lane of rawLanes) for (const s of lane.spans) times.push(s.from, s.to);
	const scale = buildScale(times, start, end, plotWidth);
	const toCols = (from: number, to: number): [number, number] => {
		let startCol = Math.min(plotWidth - 1, Math.round(scale.colAt(from)));
		const endCol = Math.max(startCol + 1, Math.min(plotWidth, Math.round(scale.colAt(to))));
		if (startCol < 0) startCol = 0;
		return [startCol, endCol];
	};

	const lanes: TimelineLane[] = rawLanes.map(lane => ({
		key: lane.key,
		kind: lane.kind,
		name: lane.name,
		label: lane.label,
		runs: lane.runs,
		inferredRuns: lane.inferredRuns,
		untoldRuns: lane.untoldRuns,
		summary: lane.summary,
		...(lane.backoff ? {backoff: lane.backoff} : {}),
		segments: lane.spans.map(s => {
			const [startCol, endCol] = toCols(s.from, s.to);
			return {...s, known: s.source !== 'inferred', startCol, endCol};
		}),
		markers: lane.markers.map(m => ({...m, col: Math.min(plotWidth - 1, Math.floor(scale.colAt(m.at)))})),
	}));

	const rows: TimelineCell[][] = [];
	for (const lane of lanes) {
		const paint: Paint[] = Array.from({length: plotWidth}, () => ({ch: ' ', style: 'blank' as TimelineStyle, priority: 0}));
		for (const s of lane.segments) {
			const style = segmentStyle(s);
			const glyph = TIMELINE_GLYPHS[style as keyof typeof TIMELINE_GLYPHS] ?? ' ';
			const priority = PRIORITY[style] ?? 0;
			for (let c = s.startCol; c < s.endCol; c++) {
				if (priority >= paint[c]!.priority) paint[c] = {ch: glyph, style, priority};
			}
		}
		for (const m of lane.markers) {
			const cell = paint[m.col]!;
			if (cell.priority < 3) paint[m.col] = {ch: TIMELINE_GLYPHS.marker, style: 'marker', priority: 5};
		}
		const row: TimelineCell[] = [{text: fit(lane.label, labelWidth), style: lane.kind === 'sidecar' ? 'sidecar' : 'label'}, {text: ' ', style: 'blank'}];
		row.push(...mergeCells(paint));
		if (summaryWidth > 0) row.push({text: ' ', style: 'blank'}, {text: fit(lane.summary, summaryWidth), style: 'summary'});
		rows.push(row);
	}

	// Axis and tick labels.
	const ticks: TimelineTick[] = [];
	const label = (at: number) => humanDuration(at - start);
	const taken: Array<[number, number]> = [];
	const tryTick = (at: number, col: number, text: string, force = false) => {
		const from = col;
		const to = col + text.length;
		if (from < 0 || to > plotWidth) return;
		if (!force && taken.some(([a, b]) => from < b + 1 && to + 1 > a)) return;
		taken.push([from, to]);
		ticks.push({at, col, text});
	};
	const endText = label(end);
	tryTick(start, 0, '0s', true);
	tryTick(end, plotWidth - endText.length, endText, true);
	const candidates = new Set<number>();
	for (const lane of lanes) for (const s of lane.segments) if (s.kind === 'run' && s.known) { candidates.add(s.from); break; }
	for (const span of scale.compressed) candidates.add(span.to);
	for (const at of [...candidates].sort((a, b) => a - b)) {
		if (at <= start || at >= end) continue;
		tryTick(at, Math.round(scale.colAt(at)), label(at));
	}
	ticks.sort((a, b) => a.col - b.col);

	const axis: Paint[] = Array.from({length: plotWidth}, () => ({ch: TIMELINE_GLYPHS.axis, style: 'axis' as TimelineStyle, priority: 0}));
	axis[0] = {ch: '├', style: 'axis', priority: 0};
	axis[plotWidth - 1] = {ch: '┤', style: 'axis', priority: 0};
	for (const tick of ticks) {
		const col = tick.at === end ? plotWidth - 1 : tick.col;
		if (col > 0 && col < plotWidth - 1) axis[col] = {ch: TIMELINE_GLYPHS.tick, style: 'axis', priority: 0};
	}
	for (const span of scale.compressed) {
		const mid = Math.floor((span.startCol + span.endCol) / 2);
		axis[Math.min(plotWidth - 1, mid)] = {ch: TIMELINE_GLYPHS.compressed, style: 'compressed', priority: 0};
	}
	const pad = (cells: TimelineCell[]): TimelineCell[] => [
		{text: ' '.repeat(labelWidth + 1), style: 'blank'},
		...cells,
		...(summaryWidth > 0 ? [{text: ' '.repeat(summaryWidth + 1), style: 'blank' as TimelineStyle}] : []),
	];
	rows.push(pad(mergeCells(axis)));
	const tickChars: Paint[] = Array.from({length: plotWidth}, () => ({ch: ' ', style: 'blank' as TimelineStyle, priority: 0}));
	for (const tick of ticks) for (let i = 0; i < tick.text.length; i++) tickChars[tick.col + i] = {ch: tick.text[i]!, style: 'tick', priority: 0};
	rows.push(pad(mergeCells(tickChars)));

	const notes: string[] = [];
	for (const lane of lanes) {
		if (lane.inferredRuns > 0) {
			notes.push(`${lane.name}: ${lane.inferredRuns} of ${lane.runs} runs inferred from the restart count and ${lane.backoff ?? "the kubelet's default back-off, 10s doubling to 5m (assumed)"}; their times are approximate`);
		}
		if (lane.untoldRuns > 0) notes.push(`${lane.name}: ${lane.untoldRuns} earlier runs (from the restart count) are not drawn`);
		const observed = lane.segments.filter(s => s.kind === 'run' && s.source === 'observed').length;
		if (observed > 0) notes.push(`${lane.name}: ${observed} earlier ${observed === 1 ? 'run' : 'runs'} observed by initk9 since it started watching`);
	}
	if (scale.compressed.length > 0) notes.push('≈ marks spans drawn shorter than scale to keep short steps legible');
	if (endsAtRunning) {
		notes.push(finished
			? `the picture stops ${humanDuration(end - start)} after creation; the pod finished then`
			: `the picture stops ${humanDuration(end - start)} after creation; the app has been running since`);
	}

	const used = new Set<TimelineStyle>();
	for (const row of rows) for (const cell of row) used.add(cell.style);
	const legend: TimelineCell[][] = [];
	let line: TimelineCell[] = [];
	let lineWidth = 0;
	for (const [style, text] of LEGEND) {
		if (!used.has(style)) continue;
		const itemWidth = 2 + text.length + (line.length > 0 ? 2 : 0);
		if (line.length > 0 && lineWidth + itemWidth > width) {
			legend.push(line);
			line = [];
			lineWidth = 0;
		}
		if (line.length > 0) line.push({text: '  ', style: 'blank'});
		line.push({text: TIMELINE_GLYPHS[style as keyof typeof TIMELINE_GLYPHS], style}, {text: ` ${text}`, style: 'note'});
		lineWidth += 2 + text.length + (line.length > 2 ? 2 : 0);
	}
	if (line.length > 0) legend.push(line);

	return {
		start, end, endsAtRunning, width: labelWidth + 1 + plotWidth + (summaryWidth > 0 ? summaryWidth + 1 : 0), labelWidth, plotWidth, summaryWidth,
		lanes, ticks, compressed: scale.compressed, rows, legend, notes,
	};
}

/** A row's text without styles (tests, plain output). */
export function rowText(row: TimelineCell[]): string {
	return row.map(cell => cell.text).join('');
}
