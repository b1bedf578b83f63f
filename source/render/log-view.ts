// The log view as the user sees it, without React or IO: picker rows, the filter and its matches
// over the text shown, n/N navigation, the visible window (with or without wrapping), how
// lifecycle notices read and the saved file. The view only draws what these functions return;
// what it reads (container, query, instance) is model/log-query.ts.

import stringWidth from 'string-width';
import type {LogEntry, LogNotice} from '../model/log-entry.js';
import {STEP_GLYPHS} from '../model/init-sequence.js';
import {exitCodeMeaning} from '../model/exit-codes.js';
import {sanitizeLine, sanitizeText} from '../model/sanitize.js';
import type {LogContainerChoice} from '../model/log-query.js';

// ── Containers ───────────────────────────────────────────────────────────────────────────────────

/** One picker row: `▶ I3 init-failed-test   init · Waiting: CrashLoopBackOff · 9 restarts`. */
export function containerChoiceLabel(choice: LogContainerChoice, nameWidth: number): string {
	const restarts = choice.restarts === 1 ? '1 restart' : `${choice.restarts} restarts`;
	return `${STEP_GLYPHS[choice.symbol]} ${choice.label.padEnd(3)} ${choice.name.padEnd(nameWidth)}  ${choice.kind.padEnd(7)} ${choice.state} · ${restarts}`;
}

// ── Filter and matches ───────────────────────────────────────────────────────────────────────────

export interface LogFilter {
	/** What the user typed, `!` included. */
	source: string;
	invert: boolean;
	regex: RegExp;
	/** Set when the pattern was not a valid regex and is matched literally instead. */
	invalid?: string;
}

/** `/pattern` as a regex (case-insensitive unless it has capitals); a leading `!` inverts. */
export function parseLogFilter(input: string): LogFilter | undefined {
	const invert = input.startsWith('!');
	const pattern = invert ? input.slice(1) : input;
	if (pattern === '') return undefined;
	const flags = /[A-Z]/.test(pattern) ? 'g' : 'gi';
	try {
		return {source: input, invert, regex: new RegExp(pattern, flags)};
	} catch (error) {
		const literal = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		return {source: input, invert, regex: new RegExp(literal, flags), invalid: (error as Error).message};
	}
}

const plainCache = new WeakMap<LogEntry, string>();

/** The text a user sees for an entry, without any escape sequence (what filters match). */
export function entryPlainText(entry: LogEntry): string {
	let text = plainCache.get(entry);
	if (text === undefined) {
		text = entry.type === 'line' ? sanitizeLine(entry.line.text) : noticeText(entry.notice, entry.at);
		plainCache.set(entry, text);
	}
	return text;
}

function testRegex(regex: RegExp, text: string): boolean {
	regex.lastIndex = 0;
	return regex.test(text);
}

export function lineMatches(text: string, filter: LogFilter): boolean {
	return testRegex(filter.regex, text) !== filter.invert;
}

/** [start, end) ranges to highlight in `text` (none for an inverted filter). */
export function matchRanges(text: string, filter: LogFilter | undefined): Array<[number, number]> {
	if (!filter || filter.invert) return [];
	const ranges: Array<[number, number]> = [];
	const regex = filter.regex;
	regex.lastIndex = 0;
	for (let match = regex.exec(text); match; match = regex.exec(text)) {
		if (match[0].length === 0) {
			regex.lastIndex++;
			continue;
		}
		ranges.push([match.index, match.index + match[0].length]);
		if (ranges.length >= 256) break;
	}
	return ranges;
}

/** The entries the view shows: every notice, and the lines that pass the filter. */
export function filterEntries(entries: readonly LogEntry[], filter: LogFilter | undefined): readonly LogEntry[] {
	if (!filter) return entries;
	return entries.filter(entry => entry.type === 'notice' || lineMatches(entryPlainText(entry), filter));
}

/**
 * filterEntries for a buffer that grows at the end and drops at the front, ten times a second:
 * only entries not seen before are tested, dropped ones are cut from the front of the result.
 */
export class IncrementalFilter {
	private filter: LogFilter | undefined;
	private result: LogEntry[] = [];
	private last: LogEntry | undefined;
	private readonly positions = new WeakMap<LogEntry, number>();
	private nextPosition = 0;

	update(entries: readonly LogEntry[], filter: LogFilter | undefined): readonly LogEntry[] {
		if (!filter) return entries;
		let start = 0;
		const lastIndex = this.last && filter === this.filter ? lastIndexOf(entries, this.last) : -1;
		if (lastIndex < 0) {
			this.result = [];
			this.filter = filter;
		} else {
			start = lastIndex + 1;
			const first = entries[0];
			const firstPosition = first ? this.position(first) : Number.POSITIVE_INFINITY;
			const keep = firstIndexAtOrAfter(this.result, firstPosition, entry => this.position(entry));
			if (keep > 0) this.result = this.result.slice(keep);
		}
		for (let i = start; i < entries.length; i++) {
			const entry = entries[i];
			this.position(entry);
			if (entry.type === 'notice' || lineMatches(entryPlainText(entry), filter)) this.result.push(entry);
		}
		this.last = entries[entries.length - 1];
		return this.result.slice();
	}

	private position(entry: LogEntry): number {
		let position = this.positions.get(entry);
		if (position === undefined) {
			position = this.nextPosition++;
			this.positions.set(entry, position);
		}
		return position;
	}
}

function lastIndexOf(entries: readonly LogEntry[], wanted: LogEntry): number {
	for (let i = entries.length - 1; i >= 0; i--) if (entries[i] === wanted) return i;
	return -1;
}

function firstIndexAtOrAfter(entries: readonly LogEntry[], position: number, positionOf: (entry: LogEntry) => number): number {
	let low = 0;
	let high = entries.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (positionOf(entries[middle]) < position) low = middle + 1;
		else high = middle;
	}
	return low;
}

/** The index of the next (`direction` 1) or previous (-1) matching line after `from`, wrapping around. */
export function nextMatch(entries: readonly LogEntry[], filter: LogFilter | undefined, from: number, direction: 1 | -1): number | undefined {
	if (!filter || filter.invert || entries.length === 0) return undefined;
	const count = entries.length;
	const start = Math.min(Math.max(from, -1), count);
	for (let step = 1; step <= count; step++) {
		const index = (((start + direction * step) % count) + count) % count;
		const entry = entries[index];
		if (entry.type === 'line' && testRegex(filter.regex, entryPlainText(entry))) return index;
	}
	return undefined;
}

// ── The visible window ───────────────────────────────────────────────────────────────────────────

/** Screen rows an entry of `width` columns takes: 1 without wrap. */
export function rowsFor(width: number, columns: number, wrap: boolean): number {
	if (!wrap || columns <= 0) return 1;
	return Math.max(1, Math.ceil(width / columns));
}

/** Display width of a sanitized string (ASCII fast path). */
export function displayWidth(text: string): number {
	return /^[\x20-\x7e]*$/.test(text) ? text.length : stringWidth(text);
}

export interface WindowSlice {
	index: number;
	/** Rows of this entry to skip at its top (a wrapped entry cut at the window's top edge). */
	skipRows: number;
	/** Rows of this entry shown. */
	rows: number;
}

export interface LogWindow {
	slices: WindowSlice[];
	/** Index of the first entry shown (the scroll anchor when paused). */
	top: number;
	/** The last entry is fully visible. */
	atBottom: boolean;
}

/**
 * The entries that fill `height` rows. Following: anchored at the bottom (the newest entry's
 * last row is the window's last row). Paused: starting at `top`, clamped so the window never
 * shows empty rows below the last entry when there is more above. Touches O(height) entries.
 */
export function visibleWindow(count: number, height: number, follow: boolean, top: number, rowsOf: (index: number) => number): LogWindow {
	if (count === 0 || height <= 0) return {slices: [], top: 0, atBottom: true};
	const bottomTop = bottomAnchoredTop(count, height, rowsOf);
	const start = follow ? bottomTop : Math.min(Math.max(0, top), bottomTop);
	if (start === bottomTop) return bottomWindow(count, height, rowsOf);
	const slices: WindowSlice[] = [];
	let used = 0;
	let index = start;
	for (; index < count && used < height; index++) {
		const rows = Math.min(rowsOf(index), height - used);
		slices.push({index, skipRows: 0, rows});
		used += rows;
	}
	const last = slices[slices.length - 1];
	return {slices, top: start, atBottom: last.index === count - 1 && last.rows === rowsOf(count - 1)};
}

/** The top index of a bottom-anchored window. */
export function bottomAnchoredTop(count: number, height: number, rowsOf: (index: number) => number): number {
	let used = 0;
	for (let index = count - 1; index >= 0; index--) {
		used += rowsOf(index);
		if (used >= height) return index;
	}
	return 0;
}

function bottomWindow(count: number, height: number, rowsOf: (index: number) => number): LogWindow {
	const slices: WindowSlice[] = [];
	let used = 0;
	for (let index = count - 1; index >= 0 && used < height; index--) {
		const rows = rowsOf(index);
		const shown = Math.min(rows, height - used);
		slices.push({index, skipRows: rows - shown, rows: shown});
		used += shown;
	}
	slices.reverse();
	return {slices, top: slices[0].index, atBottom: true};
}

// ── Notices ──────────────────────────────────────────────────────────────────────────────────────

/** `14:52:02` in local time. */
export function clockTime(at: number | string | undefined): string | undefined {
	if (at === undefined) return undefined;
	const date = new Date(at);
	if (Number.isNaN(date.getTime())) return undefined;
	const pad = (n: number): string => String(n).padStart(2, '0');
	return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The one-line text of a lifecycle notice (without the ── marks). Server text is sanitized. */
export function noticeBody(notice: LogNotice, at: number): string {
	switch (notice.kind) {
		case 'waiting': {
			const message = notice.message ? ` — ${sanitizeText(notice.message)}` : '';
			return `waiting: ${sanitizeText(notice.reason)}${message}`;
		}
		case 'streaming':
			return `streaming instance #${notice.instance}`;
		case 'restarted': {
			let cause = '';
			if (notice.exitCode !== undefined) {
				const meaning = notice.exitCode === 0 ? '' : ` (${exitCodeMeaning(notice.exitCode, notice.reason).short})`;
				cause = `: exit ${notice.exitCode}${meaning}`;
			} else if (notice.reason) cause = `: ${sanitizeText(notice.reason)}`;
			const when = clockTime(notice.finishedAt ?? at);
			return `restarted${cause}${when ? ` at ${when}` : ''} — following instance #${notice.instance}`;
		}
		case 'unavailable':
			return `instance #${notice.instance} not available (restarted before it could be read)`;
		case 'terminated':
			return notice.exitCode === 0
				? `container terminated (${sanitizeText(notice.reason || 'Completed')})`
				: `container terminated (${sanitizeText(notice.reason || 'Error')}, exit ${notice.exitCode}: ${exitCodeMeaning(notice.exitCode, notice.reason).short})`;
		case 'disconnected':
			return `connection lost: ${sanitizeText(notice.error)} — reconnecting`;
		case 'resumed':
			return 'connection resumed';
		case 'error':
			return `error: ${sanitizeText(notice.message)}`;
	}
}

/** A marked separator line: `── restarted: exit 127 at 14:52:02 — following instance #10 ──`. */
export function noticeText(notice: LogNotice, at: number): string {
	return `── ${noticeBody(notice, at)} ──`;
}

export type NoticeTone = 'info' | 'warn' | 'error' | 'ok';

export function noticeTone(notice: LogNotice): NoticeTone {
	switch (notice.kind) {
		case 'streaming':
		case 'resumed':
			return 'ok';
		case 'waiting':
		case 'disconnected':
		case 'unavailable':
			return 'warn';
		case 'restarted':
			return notice.exitCode === 0 ? 'info' : 'error';
		case 'terminated':
			return notice.exitCode === 0 ? 'info' : 'error';
		case 'error':
			return 'error';
	}
}

/** Short state for the status line from the latest notice: `streaming`, `waiting: PodInitializing`, … */
export function streamState(notice: LogNotice | undefined): string {
	if (!notice) return 'connecting';
	switch (notice.kind) {
		case 'waiting':
			return `waiting: ${sanitizeText(notice.reason, 60)}`;
		case 'streaming':
		case 'resumed':
			return 'streaming';
		case 'restarted':
		case 'unavailable':
			return 'streaming';
		case 'terminated':
			return `terminated (${sanitizeText(notice.reason || (notice.exitCode === 0 ? 'Completed' : 'Error'), 40)})`;
		case 'disconnected':
			return 'reconnecting';
		case 'error':
			return 'error';
	}
}

// ── Saving ───────────────────────────────────────────────────────────────────────────────────────

/** The buffer as a text file: lines as the container wrote them, notices as separators. */
export function formatLogForSave(entries: readonly LogEntry[], timestamps: boolean): string {
	const out: string[] = [];
	for (const entry of entries) {
		if (entry.type === 'notice') out.push(noticeText(entry.notice, entry.at));
		else out.push(timestamps && entry.line.time ? `${entry.line.time} ${entry.line.text}` : entry.line.text);
	}
	return out.length > 0 ? `${out.join('\n')}\n` : '';
}

/** `default_myapp-pod_init-failed-test_previous_20261125-145202.log` */
export function saveFileName(namespace: string, pod: string, container: string, previous: boolean, at: Date): string {
	const pad = (n: number): string => String(n).padStart(2, '0');
	const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
	const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_');
	return `${[namespace, pod, container].map(safe).join('_')}${previous ? '_previous' : ''}_${stamp}.log`;
}
