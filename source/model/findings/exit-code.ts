// A container that exits non-zero: what the code means, what the failed instance last printed,
// and for the shell's 126/127 which command could not be run.

import {commandScript} from '../dependency.js';
import {stepHasProblem, type SequenceStep, type Termination} from '../init-sequence.js';
import type {Facts, Finding} from './types.js';
import {failedInstanceIsPrevious, lastLine, logOf, stepFinding, tailLines} from './text.js';

/** Reasons with a family of their own. */
const OWN_FAMILY = new Set(['OOMKilled', 'StartError', 'ContainerCannotRun']);

/** Restarted after a failure and running again, but not done (init) or not ready (app) yet. */
export function recovering(step: SequenceStep): boolean {
	return step.state === 'Running' && step.restarts > 0 && (step.kind === 'init' || !step.ready);
}

/** The failed termination a finding should explain: the current one, else the last one. */
export function failedTermination(step: SequenceStep): Termination | undefined {
	if (step.terminated && step.terminated.exitCode !== 0) return step.terminated;
	if (!step.terminated && step.lastTerminated && step.lastTerminated.exitCode !== 0 && (stepHasProblem(step) || recovering(step))) return step.lastTerminated;
	return undefined;
}

/** The first word the shell runs: `sh -c "hello.sh arg"` → `hello.sh`. */
function firstCommandWord(step: SequenceStep): string | undefined {
	const script = commandScript(step.spec.command, step.spec.args);
	return script.trim().split(/\s+|;|&&/)[0] || undefined;
}

function notFoundWord(lines: readonly string[]): string | undefined {
	for (const line of lines) {
		const match = line.match(/(?:^|:\s)([^\s:]+): (?:command )?not found/) ?? line.match(/exec: "?([^":]+)"?: (?:executable file )?not found/);
		if (match) return match[1];
	}
	return undefined;
}

function advice(step: SequenceStep, exit: Termination, lines: readonly string[], logRead: boolean): string[] {
	const image = step.image ? ` in image ${step.image}` : '';
	switch (exit.exitCode) {
		case 127: {
			const word = notFoundWord(lines) ?? firstCommandWord(step);
			const path = word && !word.includes('/') ? ` (a script in the working directory needs ./${word} or its full path)` : '';
			return [`The shell could not find ${word ? `"${word}"` : 'the command'}${image}${path}: fix the command, or remove this init container.`];
		}
		case 126:
			return [`The command exists but is not executable${image}: check its mode (chmod +x) and that the volume is not mounted noexec.`];
		case 137:
			return ['Killed with SIGKILL: by the OOM killer, or force-killed after the termination grace period (e.g. a failed liveness probe).'];
		case 143:
			return ['Stopped with SIGTERM: the pod was deleted, a probe failed, or something asked the process to stop.'];
		case 139:
			return ['Segmentation fault: the program crashed (bad binary for this CPU/libc, or a bug).'];
		default:
			return [logRead && lines.length === 0 ? 'The program reported failure and printed nothing: run it by hand in the image to see why.' : 'The program reported failure; its log says why.'];
	}
}

export function exitCodeFindings(facts: Facts): Finding[] {
	const findings: Finding[] = [];
	for (const step of facts.sequence.steps) {
		const exit = failedTermination(step);
		if (!exit || OWN_FAMILY.has(exit.reason ?? '')) continue;
		const log = logOf(facts, step);
		const lines = tailLines(log);
		const last = lastLine(log);
		const meaning = `${exit.exitCode} (${exit.meaning.short}${exit.signal && !exit.meaning.short.includes(exit.signal) ? `, ${exit.signal}` : ''})`;
		const summary = `exits ${meaning}${last ? ` — last log: "${last}"` : exit.message ? ` — "${exit.message.trim().split('\n').pop()}"` : ''}`;
		const details = [...advice(step, exit, lines, log !== undefined && !log.error)];
		if (step.argv.length > 0) details.push(`Command: ${step.argv.join(' ')}`);
		if (exit.message) details.push(`Termination message: ${exit.message.trim()}`);
		if (lines.length > 0) details.push(`Last log lines of the failed run${failedInstanceIsPrevious(step) ? ' (--previous)' : ''}:`, ...lines.map(line => `  ${line}`));
		else if (log?.error) details.push(`Log not readable: ${log.error}`);
		const finding = stepFinding('exit-code', step, summary, details);
		findings.push(lines.length > 0 || !log ? {...finding, action: 'logs'} : finding);
	}
	return findings;
}
