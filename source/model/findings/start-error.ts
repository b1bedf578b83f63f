// The runtime could not start the process at all (StartError / ContainerCannotRun exit 128,
// RunContainerError, CreateContainerError): the runtime's message says why.

import {stepHasProblem, type SequenceStep} from '../init-sequence.js';
import type {Facts, Finding} from './types.js';
import {commandDetail, stepFinding} from './text.js';

const TERMINATED = new Set(['StartError', 'ContainerCannotRun']);
const WAITING = new Set(['RunContainerError', 'CreateContainerError']);

function startFailure(step: SequenceStep): {reason: string; message?: string} | undefined {
	if (step.status?.state?.waiting && WAITING.has(step.reason ?? '')) return {reason: step.reason!, message: step.waitingMessage};
	if (step.terminated && TERMINATED.has(step.terminated.reason ?? '')) return {reason: step.terminated.reason!, message: step.terminated.message};
	if (!step.terminated && step.lastTerminated && TERMINATED.has(step.lastTerminated.reason ?? '') && stepHasProblem(step)) return {reason: step.lastTerminated.reason!, message: step.lastTerminated.message};
	return undefined;
}

function hint(message: string): string | undefined {
	if (/executable file not found|no such file or directory/.test(message)) return 'The entrypoint is not in the image (no shell wraps it, so this is not exit 127): fix command/args or the image.';
	if (/permission denied/.test(message)) return 'The entrypoint is not executable for this user: check its mode and runAsUser.';
	return undefined;
}

export function startErrorFindings(facts: Facts): Finding[] {
	const findings: Finding[] = [];
	for (const step of facts.sequence.steps) {
		const failure = startFailure(step);
		if (!failure) continue;
		const message = failure.message?.trim();
		const summary = `${failure.reason}: could not start the process${message ? ` — ${message}` : ''}`;
		const details: string[] = [];
		const advice = message ? hint(message) : undefined;
		if (advice) details.push(advice);
		if (step.argv.length > 0) details.push(commandDetail(step));
		findings.push(stepFinding('start-error', step, summary, details));
	}
	return findings;
}
