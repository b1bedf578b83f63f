// Small wording helpers shared by the finding families.

import type {SequenceStep} from '../init-sequence.js';
import {shellLine} from '../shell.js';
import type {ContainerLog, Facts, Finding, FindingFamily, Severity} from './types.js';

/** `Command: sh -c 'echo a'`: the container's argv quoted as a shell would, so word boundaries show. */
export function commandDetail(step: SequenceStep): string {
	return `Command: ${shellLine(step.argv)}`;
}

/** The last non-empty log line, trimmed to `max` characters. */
export function lastLine(log: ContainerLog | undefined, max = 120): string | undefined {
	const line = [...(log?.lines ?? [])].reverse().find(text => text.trim() !== '');
	if (line === undefined) return undefined;
	const trimmed = line.trim();
	return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

/** The log the hook read for this step, if any. */
export function logOf(facts: Facts, step: SequenceStep): ContainerLog | undefined {
	return facts.logs?.[step.name];
}

/** The last lines worth showing as evidence (non-empty, at most `count`). */
export function tailLines(log: ContainerLog | undefined, count = 5): string[] {
	return (log?.lines ?? []).filter(line => line.trim() !== '').slice(-count).map(line => line.trimEnd());
}

export function quoteCommand(argv: readonly string[]): string {
	return argv.map(word => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Which log instance holds the failure: the previous one while the container waits to restart. */
export function failedInstanceIsPrevious(step: SequenceStep): boolean {
	return !step.terminated && step.lastTerminated !== undefined;
}

export {stepPosition} from '../verdict.js';

/** A finding about one step; `logs` points `l` at the instance that holds the evidence. */
export function stepFinding(family: FindingFamily, step: SequenceStep, summary: string, details: string[], options: {severity?: Severity; withLogs?: boolean} = {}): Finding {
	return {
		id: `${family}:${step.name}`,
		family,
		severity: options.severity ?? 'error',
		container: step.name,
		title: `${step.name} ${summary}`,
		summary,
		details,
		logs: options.withLogs === false ? undefined : {container: step.name, previous: failedInstanceIsPrevious(step) && step.state !== 'Running'},
	};
}
