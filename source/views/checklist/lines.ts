// One checklist step as wrapped screen lines (evidence, question, verdict, note). Pure.
import wrapAnsi from 'wrap-ansi';
import type {ChecklistStep, Verdict} from '../../model/checklist.js';
import {sanitizeText} from '../../model/sanitize.js';
import type {StepAnswer} from '../../storage/checklist-state.js';
import type {ScreenLine, Segment} from '../pod/lines.js';

export const VERDICT_STYLE: Record<Verdict | 'open', {glyph: string; color: string; label: string}> = {
	passed: {glyph: '✔', color: 'green', label: 'passed'},
	failed: {glyph: '✖', color: 'red', label: 'failed'},
	skipped: {glyph: '–', color: 'gray', label: 'skipped'},
	open: {glyph: '○', color: 'white', label: 'open'},
};

export function verdictOf(step: ChecklistStep, answer: StepAnswer | undefined): Verdict | 'open' {
	return answer?.verdict ?? step.preset?.verdict ?? 'open';
}

function wrap(key: string, text: string, width: number, style: Omit<Segment, 'text'>, indent: string): ScreenLine[] {
	const rows = wrapAnsi(sanitizeText(text), Math.max(8, width - indent.length), {hard: true, trim: false}).split('\n');
	return rows.map((row, at) => ({key: `${key}:${at}`, segments: [{text: `${indent}${row}`, ...style}]}));
}

export function stepLines(step: ChecklistStep, index: number, answer: StepAnswer | undefined, width: number): ScreenLine[] {
	const verdict = verdictOf(step, answer);
	const style = VERDICT_STYLE[verdict];
	const preset = step.preset && !answer?.verdict;
	const lines: ScreenLine[] = [{
		key: 'title',
		segments: [
			{text: `${style.glyph} `, color: style.color, bold: true},
			{text: `${index + 1}. ${step.title}`, bold: true},
			{text: `  ${style.label.toUpperCase()}${preset ? ' (pre-marked by the evidence)' : ''}`, color: style.color},
		],
	}];
	lines.push({key: 'evidence-head', segments: [{text: 'Evidence', dim: true}]});
	step.evidence.forEach((line, at) => lines.push(...wrap(`evidence:${at}`, `• ${line}`, width, line.startsWith('MISMATCH') ? {color: 'red', bold: true} : {}, '  ')));
	lines.push({key: 'question-head', segments: [{text: 'Question', dim: true}]});
	lines.push(...wrap('question', step.question, width, {color: 'cyan'}, '  '));
	if (step.preset) lines.push(...wrap('preset', `${preset ? 'Pre-marked' : 'The evidence says'} ${step.preset.verdict}: ${step.preset.why}`, width, {color: VERDICT_STYLE[step.preset.verdict].color}, '  '));
	if (answer?.note) {
		lines.push({key: 'note-head', segments: [{text: 'Note', dim: true}]});
		lines.push(...wrap('note', answer.note, width, {}, '  '));
	}
	return lines;
}
