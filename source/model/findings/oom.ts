// A container killed by the OOM killer: name the memory limit it hit (or its absence).

import {stepHasProblem, type SequenceStep, type Termination} from '../init-sequence.js';
import {recovering} from './exit-code.js';
import type {Facts, Finding} from './types.js';
import {stepFinding} from './text.js';

function oomTermination(step: SequenceStep): Termination | undefined {
	if (step.terminated?.reason === 'OOMKilled') return step.terminated;
	if (!step.terminated && step.lastTerminated?.reason === 'OOMKilled' && (stepHasProblem(step) || recovering(step))) return step.lastTerminated;
	return undefined;
}

export function oomFindings(facts: Facts): Finding[] {
	const findings: Finding[] = [];
	for (const step of facts.sequence.steps) {
		const exit = oomTermination(step);
		if (!exit) continue;
		const limit = step.spec.resources?.limits?.memory;
		const request = step.spec.resources?.requests?.memory;
		const summary = `OOM-killed (exit ${exit.exitCode}, SIGKILL) — ${limit ? `memory limit ${limit}` : 'no memory limit set: the node or a LimitRange default ran out'}`;
		const details = [
			limit
				? `The process needed more than its memory limit of ${limit}${request ? ` (request ${request})` : ''}: raise resources.limits.memory for ${step.name} or make it use less.`
				: 'Without a limit of its own the container was killed by node memory pressure or a namespace LimitRange default.',
		];
		if (step.kind === 'init') details.push('Init containers run before the app: their limits apply on their own (the pod\'s effective request is the larger of the biggest init container and the sum of the app containers).');
		findings.push(stepFinding('oom', step, summary, details));
	}
	return findings;
}
