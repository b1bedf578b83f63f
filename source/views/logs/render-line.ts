// Turns one log entry into the screen rows the log view draws: sanitized text (colours kept when
// the line has no match to highlight), an optional timestamp, match highlights, then either
// wrapped into rows or cut to a horizontal window. Only called for visible entries.
import sliceAnsi from 'slice-ansi';
import wrapAnsi from 'wrap-ansi';
import type {LogEntry} from '../../kube/types.js';
import {displayWidth, entryPlainText, matchRanges, noticeTone, rowsFor, type LogFilter, type NoticeTone} from '../../render/log-view.js';
import {sanitizeLine, sanitizeText} from '../../model/sanitize.js';
import {colorEnabled, sgr, type Role} from '../../ui/theme.js';

export interface LineRenderOptions {
	columns: number;
	wrap: boolean;
	/** First column shown when not wrapping (← / →). */
	hOffset: number;
	timestamps: boolean;
	filter: LogFilter | undefined;
	/** This entry is the current n/N match. */
	current?: boolean;
}

const SGR = (code: string): string => `\u001b[${code}m`;
const HIGHLIGHT = colorEnabled ? [SGR('30;43'), SGR('39;49')] : [SGR('7'), SGR('27')];
const CURRENT = colorEnabled ? [SGR('30;45'), SGR('39;49')] : [SGR('4;7'), SGR('24;27')];
const TONES: Record<NoticeTone, Role> = {info: 'info', ok: 'ok', warn: 'warning', error: 'error'};

/** A notice in its tone's role colour; bold when colour is off. */
function noticeStyled(notice: Parameters<typeof noticeTone>[0], text: string): string {
	return colorEnabled ? sgr(TONES[noticeTone(notice)], text) : `${SGR('1')}${text}${SGR('22')}`;
}

const coloredCache = new WeakMap<LogEntry, string>();

function coloredText(entry: LogEntry & {type: 'line'}): string {
	let text = coloredCache.get(entry);
	if (text === undefined) {
		text = sanitizeLine(entry.line.text, {colors: colorEnabled});
		coloredCache.set(entry, text);
	}
	return text;
}

function timestampOf(entry: LogEntry, options: LineRenderOptions): string {
	if (!options.timestamps || entry.type !== 'line') return '';
	return `${sanitizeText(entry.line.time ?? '-', 40)} `;
}

function highlighted(plain: string, ranges: Array<[number, number]>, current: boolean): string {
	const [on, off] = current ? CURRENT : HIGHLIGHT;
	let out = '';
	let at = 0;
	for (const [start, end] of ranges) {
		out += plain.slice(at, start) + on + plain.slice(start, end) + off;
		at = end;
	}
	return out + plain.slice(at);
}

/** The whole entry as one styled string. */
export function entryDisplay(entry: LogEntry, options: LineRenderOptions): string {
	if (entry.type === 'notice') {
		const text = entryPlainText(entry);
		return noticeStyled(entry.notice, text);
	}
	const stamp = timestampOf(entry, options);
	const prefix = stamp ? `${SGR('2')}${stamp}${SGR('22')}` : '';
	const ranges = options.filter ? matchRanges(entryPlainText(entry), options.filter) : [];
	const body = ranges.length > 0 ? highlighted(entryPlainText(entry), ranges, options.current ?? false) : coloredText(entry);
	return prefix + body;
}

const noticeCache = new WeakMap<LogEntry, {columns: number; rows: string[]}>();

/** A notice is initk9's own text: always word-wrapped, so a narrow terminal never cuts an instance number or a server message. */
function noticeRows(entry: LogEntry, columns: number): string[] {
	const cached = noticeCache.get(entry);
	if (cached?.columns === columns) return cached.rows;
	let text = entryPlainText(entry);
	// A separator's closing marks are the first thing to give up when it does not fit.
	if (displayWidth(text) > columns && text.endsWith(' ──')) text = text.slice(0, -3);
	const rows = wrapAnsi(text, Math.max(1, columns), {hard: true}).split('\n');
	noticeCache.set(entry, {columns, rows});
	return rows;
}

/** Screen rows the entry takes (notices always wrap; lines when wrap is on). */
export function entryRowCount(entry: LogEntry, options: LineRenderOptions): number {
	if (entry.type === 'notice') return noticeRows(entry, options.columns).length;
	if (!options.wrap) return 1;
	return rowsFor(timestampOf(entry, options).length + displayWidth(entryPlainText(entry)), options.columns, true);
}

/** The entry's rows, each at most `columns` wide; exactly entryRowCount() of them. */
export function entryRows(entry: LogEntry, options: LineRenderOptions): string[] {
	if (entry.type === 'notice') {
		return noticeRows(entry, options.columns).map(row => noticeStyled(entry.notice, row || ' '));
	}
	const display = entryDisplay(entry, options);
	if (!options.wrap) return [sliceAnsi(display, options.hOffset, options.hOffset + options.columns) || ' '];
	const count = entryRowCount(entry, options);
	const rows = wrapAnsi(display, options.columns, {hard: true, trim: false, wordWrap: false}).split('\n').slice(0, count);
	while (rows.length < count) rows.push(' ');
	return rows.map(row => row || ' ');
}
