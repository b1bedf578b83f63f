// The drill-down as a list of styled screen lines, wrapped to the width: the view scrolls over
// them. Pure: pod, diagnosis and events in, lines out.
import {ROLES} from '../../ui/theme.js';
import {actionHint} from './keys.js';
import type {ReactElement} from 'react';
import wrapAnsi from 'wrap-ansi';
import type {Diagnosis, Finding} from '../../model/findings/index.js';
import {humanDuration} from '../../model/duration.js';
import type {EventRow} from '../../model/events.js';
import {epochMs, nextRetryInMs, STEP_GLYPHS, type SequenceStep, type StepSymbol, type Termination} from '../../model/init-sequence.js';
import type {Pod} from '../../model/k8s-types.js';
import {sanitizeText as sanitize} from '../../model/sanitize.js';
import {shellLine} from '../../model/shell.js';

export interface Segment {
	text: string;
	color?: string;
	bold?: boolean;
	dim?: boolean;
}

export interface ScreenLine {
	key: string;
	segments: Segment[];
	/** Drawn instead of the segments (a row of another component, e.g. the timeline). */
	element?: ReactElement;
}

export const SYMBOL_COLORS: Record<StepSymbol, string> = {done: ROLES.ok.color, running: ROLES.info.color, waiting: ROLES.muted.color, failed: ROLES.error.color, backoff: ROLES.warning.color};
const SEVERITY_STYLE = {error: {glyph: '✖', color: ROLES.error.color}, warning: {glyph: '⚠', color: ROLES.warning.color}, info: {glyph: 'ℹ', color: ROLES.info.color}} as const;

/** Wraps one logical line into screen lines, each prefixed by `indent` after the first. */
function wrapped(key: string, text: string, width: number, style: Omit<Segment, 'text'> = {}, indent = '', firstIndent = indent): ScreenLine[] {
	const room = Math.max(8, width - indent.length);
	// The text's own leading spaces are indentation too (trim would eat them).
	const lead = text.match(/^ */)![0];
	const rows = wrapAnsi(text.slice(lead.length), Math.max(8, room - lead.length), {hard: true}).split('\n');
	return rows.map((row, at) => ({key: `${key}:${at}`, segments: [{text: `${at === 0 ? firstIndent : indent}${lead}${row}`, ...style}]}));
}

/**
 * `prefix` then `text` wrapped in the columns right of it (a hanging indent), so the first row is
 * as full as the others; when that column would be too narrow, the text goes below, indented.
 */
function hanging(key: string, prefix: string, text: string, width: number, style: Omit<Segment, 'text'> = {}): ScreenLine[] {
	if (text === '') return [{key: `${key}:0`, segments: [{text: prefix.trimEnd(), ...style}]}];
	if (width - prefix.length >= 24) {
		const rows = wrapAnsi(text, width - prefix.length, {hard: true}).split('\n');
		const pad = ' '.repeat(prefix.length);
		return rows.map((row, at) => ({key: `${key}:${at}`, segments: [{text: `${at === 0 ? prefix : pad}${row}`, ...style}]}));
	}
	return [{key: `${key}:head`, segments: [{text: prefix.trimEnd(), ...style}]}, ...wrapped(key, text, width, style, '    ')];
}

function ago(timestamp: string | undefined, now: number): string {
	const at = epochMs(timestamp);
	return at > 0 ? `${humanDuration(now - at)} ago` : '?';
}

function exitText(exit: Termination): string {
	const signal = exit.signal && !exit.meaning.short.includes(exit.signal) ? `, ${exit.signal}` : '';
	return `${exit.reason ?? 'Terminated'} exit ${exit.exitCode} (${exit.meaning.short}${signal})`;
}

function stepHeadline(step: SequenceStep): string {
	if (step.state === 'Running') return `Running${step.kind !== 'init' ? (step.ready ? ', ready' : ', not ready') : ''}${step.kind === 'sidecar' && step.started === false ? ', not started' : ''}`;
	if (step.terminated) return `Terminated: ${exitText(step.terminated)}`;
	if (step.state === 'Waiting') return `Waiting${step.reason ? `: ${step.reason}` : ''}`;
	return 'Not started';
}

function stepLines(step: SequenceStep, blocked: boolean, now: number, width: number): ScreenLine[] {
	const key = `step:${step.name}`;
	const kind = step.kind === 'sidecar' ? ' (sidecar)' : '';
	const restarts = step.restarts > 0 ? `  ↻ ${step.restarts}` : '';
	const lines: ScreenLine[] = [{
		key,
		segments: [
			{text: blocked ? '» ' : '  ', color: 'red', bold: true},
			{text: `${STEP_GLYPHS[step.symbol]} `, color: SYMBOL_COLORS[step.symbol], bold: true},
			{text: `${step.label.padEnd(3)} `, dim: true},
			{text: `${step.name}${kind}`, bold: true},
			{text: `  ${stepHeadline(step)}`, color: SYMBOL_COLORS[step.symbol]},
			{text: restarts, color: 'yellow'},
		],
	}];
	const indent = '        ';
	const facts: string[] = [];
	if (step.image) facts.push(`image ${step.image}`);
	if (step.startedAt && epochMs(step.startedAt) > 0) facts.push(`started ${ago(step.startedAt, now)}`);
	if (step.finishedAt) facts.push(`finished ${ago(step.finishedAt, now)}`);
	if (step.durationMs !== undefined) facts.push(`${step.state === 'Running' ? 'running for' : 'ran'} ${humanDuration(step.durationMs)}`);
	if (facts.length > 0) lines.push(...wrapped(`${key}:facts`, facts.join(' · '), width, {dim: true}, indent));
	if (step.lastTerminated) {
		const last = step.lastTerminated;
		const when = last.finishedAt ? `, finished ${ago(last.finishedAt, now)}` : '';
		const message = last.message ? ` — ${sanitize(last.message.trim())}` : '';
		lines.push(...wrapped(`${key}:last`, `last state: ${exitText(last)}${when}${message}`, width, {color: last.exitCode === 0 ? undefined : 'red'}, indent));
	}
	if (step.terminated?.message) lines.push(...wrapped(`${key}:message`, `message: ${sanitize(step.terminated.message.trim())}`, width, {}, indent));
	if (step.waitingMessage) {
		const retry = nextRetryInMs(step, now);
		const next = retry === undefined ? '' : retry > 0 ? ` (next retry in ${humanDuration(retry)})` : ' (retrying now)';
		lines.push(...wrapped(`${key}:waiting`, `${sanitize(step.waitingMessage)}${next}`, width, {color: 'yellow'}, indent));
	}
	if (step.argv.length > 0) lines.push(...wrapped(`${key}:argv`, `$ ${sanitize(shellLine(step.argv))}`, width, {dim: true}, `${indent}  `, indent));
	return lines;
}

function findingLines(finding: Finding, width: number): ScreenLine[] {
	const style = SEVERITY_STYLE[finding.severity];
	const lines = wrapped(`finding:${finding.id}`, `${style.glyph} ${sanitize(finding.title)}${actionHint(finding.action)}`, width, {color: style.color}, '    ', '  ');
	finding.details.forEach((detail, at) => lines.push(...wrapped(`finding:${finding.id}:${at}`, sanitize(detail), width, {dim: true}, '      ', '    ')));
	return lines;
}

function section(title: string): ScreenLine {
	return {key: `section:${title}`, segments: [{text: title, bold: true, color: 'cyan'}]};
}

export interface PodScreenInput {
	pod: Pod;
	diagnosis: Diagnosis;
	events: readonly EventRow[];
	now: number;
	width: number;
	/** Drawn after the sequence and its findings, already laid out for the width. */
	timeline?: ScreenLine[];
}

/** Everything below the pinned headline, in order. */
export function podScreenLines({pod, diagnosis, events, now, width, timeline}: PodScreenInput): ScreenLine[] {
	const {sequence, verdict} = diagnosis;
	const lines: ScreenLine[] = [];
	const done = verdict.initTotal === 0 ? 'no init containers' : `init ${verdict.initDone}/${verdict.initTotal} done`;
	lines.push(section(`Sequence — ${done}`));
	const blocking = diagnosis.blocked ? verdict.blocker?.index : undefined;
	for (const step of sequence.steps) lines.push(...stepLines(step, step.index === blocking, now, width));
	lines.push({key: 'gap:findings', segments: [{text: ' '}]}, section(`Findings (${diagnosis.findings.length})`));
	if (diagnosis.findings.length === 0) lines.push({key: 'finding:none', segments: [{text: '  nothing wrong found', dim: true}]});
	for (const finding of diagnosis.findings) lines.push(...findingLines(finding, width));
	if (timeline && timeline.length > 0) lines.push({key: 'gap:timeline', segments: [{text: ' '}]}, section('Timeline'), ...timeline);
	lines.push({key: 'gap:conditions', segments: [{text: ' '}]}, section('Conditions'));
	const conditions = pod.status?.conditions ?? [];
	if (conditions.length === 0) lines.push({key: 'condition:none', segments: [{text: '  none reported yet', dim: true}]});
	const typeWidth = Math.max(0, ...conditions.map(c => c.type.length));
	for (const condition of conditions) {
		const ok = condition.status === 'True';
		const why = [condition.reason, condition.message].filter(Boolean).join(': ');
		const when = condition.lastTransitionTime ? ago(condition.lastTransitionTime, now) : '';
		lines.push(...hanging(`condition:${condition.type}`, `  ${condition.type.padEnd(typeWidth)}  ${condition.status.padEnd(5)}  ${when}  `, why ? sanitize(why) : '', width, {color: ok ? 'green' : 'yellow'}));
	}
	lines.push({key: 'gap:events', segments: [{text: ' '}]}, section(`Events (${events.length})`));
	if (events.length === 0) lines.push({key: 'event:none', segments: [{text: '  <none>', dim: true}]});
	const ageWidth = Math.max(0, ...events.map(e => e.age.length));
	const reasonWidth = Math.max(0, ...events.map(e => e.reason.length));
	for (const event of events) {
		const prefix = `  ${event.age.padEnd(ageWidth)}  ${(event.warning ? 'Warning' : 'Normal').padEnd(7)}  ${event.reason.padEnd(reasonWidth)}  `;
		lines.push(...hanging(`event:${event.key}`, prefix, `${event.container ? `${event.container}: ` : ''}${sanitize(event.message)}`, width, event.warning ? {color: 'yellow', bold: true} : {}));
	}
	return lines;
}
