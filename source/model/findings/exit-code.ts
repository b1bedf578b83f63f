// A container that exits non-zero: what the code means, what the failed instance last printed,
// and for the shell's 126/127 which command could not be run.

import {runSucceeded} from '../container-state.js';
import {commandScript} from '../dependency.js';
import {stepHasProblem, type SequenceStep, type Termination} from '../init-sequence.js';
import {restartDecision, restartWorthSaying} from '../restart-rules.js';
import type {Facts, Finding} from './types.js';
import {commandDetail, failedInstanceIsPrevious, lastLine, logOf, stepFinding, tailLines} from './text.js';

/** Commands the shell runs itself: never the one it could not find. */
const SHELL_BUILTINS = new Set(['echo', 'printf', 'cd', 'exit', 'export', 'set', 'unset', 'test', '[', 'true', 'false', 'read', 'eval', 'exec', 'shift', 'trap', 'wait', ':', '.', 'source', 'until', 'while', 'if', 'for']);

/** Reasons with a family of their own. */
const OWN_FAMILY = new Set(['OOMKilled', 'StartError', 'ContainerCannotRun']);

/** Restarted after a failure and running again, but not done (init) or not ready (app) yet. */
export function recovering(step: SequenceStep): boolean {
	return step.state === 'Running' && step.restarts > 0 && (step.kind === 'init' || !step.ready);
}

/** The failed termination a finding should explain: the current one, else the last one. */
export function failedTermination(step: SequenceStep): Termination | undefined {
	const failed = (ended: Termination) => !runSucceeded(ended.exitCode, ended.reason);
	if (step.terminated && failed(step.terminated)) return step.terminated;
	if (!step.terminated && step.lastTerminated && failed(step.lastTerminated) && (stepHasProblem(step) || recovering(step))) return step.lastTerminated;
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
			const pathHint = (word: string) => (word.includes('/') ? '' : ` (a script in the working directory needs ./${word} or its full path)`);
			// A fact only when the log names the command; otherwise a guess, said as one.
			const named = notFoundWord(lines);
			if (named) return [`The shell could not find "${named}"${image}${pathHint(named)}: fix the command, or remove this init container.`];
			const first = firstCommandWord(step);
			const guess = first && !SHELL_BUILTINS.has(first) ? `; the first command is "${first}"${pathHint(first)}` : '';
			const where = logRead ? 'the log does not say which' : 'the log could not be read to say which';
			return [`Exit 127 means a command was not found, and ${where}${guess}: check the commands it runs${image}, or remove this init container.`];
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

/** Its own stop signal ended it: the kubelet stopped it, and the pod's status may say why (DeadlineExceeded, Evicted, …). */
function stopAdvice(pod: Facts['pod']): string {
	const {reason, message} = pod.status ?? {};
	const deadline = reason === 'DeadlineExceeded' && pod.spec.activeDeadlineSeconds !== undefined ? ` (activeDeadlineSeconds ${pod.spec.activeDeadlineSeconds})` : '';
	if (reason) return `The kubelet stopped it: the pod failed with ${reason}${message ? ` — ${message}` : ''}${deadline}.`;
	return 'The kubelet asked it to stop: why is in the events (a failed liveness probe, the pod deleted, a restart), not in the program.';
}

/** Kubernetes 1.33+ facts about the exit: the stop signal behind a 128+N, and whether it restarts (KEP-5307/5532). */
function k8sRestartNotes(facts: Facts, step: SequenceStep, exit: Termination): string[] {
	const notes: string[] = [];
	if (exit.meaning.stopNote) notes.push(exit.meaning.stopNote);
	// A pod the kubelet failed itself (status.reason) restarts nothing: no restart decision to explain.
	const podFailedByKubelet = facts.pod.status?.phase === 'Failed' && facts.pod.status.reason !== undefined;
	if (step.kind !== 'sidecar' && !podFailedByKubelet && restartWorthSaying(facts.pod, step.spec)) {
		const decision = restartDecision(facts.pod, step.spec, exit.exitCode, exit.reason);
		notes.push(`${decision.restarts === 'none' ? 'Not restarted' : 'Restarted'}: ${decision.why}.`);
	}
	return notes;
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
		const details = exit.meaning.stoppedByKubelet ? [stopAdvice(facts.pod)] : [...advice(step, exit, lines, log !== undefined && !log.error)];
		details.push(...k8sRestartNotes(facts, step, exit));
		if (step.argv.length > 0) details.push(commandDetail(step));
		if (exit.message) details.push(`Termination message: ${exit.message.trim()}`);
		if (lines.length > 0) details.push(`Last log lines of the failed run${failedInstanceIsPrevious(step) ? ' (--previous)' : ''}:`, ...lines.map(line => `  ${line}`));
		else if (log?.error) details.push(`Log not readable: ${log.error}`);
		const finding = stepFinding('exit-code', step, summary, details);
		findings.push(lines.length > 0 || !log ? {...finding, action: 'logs'} : finding);
	}
	return findings;
}
