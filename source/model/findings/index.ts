// Everything initk9 can say about why a pod is not running: the findings of every family, and
// the one line at the top of the drill-down that names the blocking step.

import {humanDuration} from '../duration.js';
import {initSequence, nextRetryInMs, type InitSequence, type SequenceStep} from '../init-sequence.js';
import {configErrorFindings} from './config-error.js';
import {dependencyWaitFindings, podDependencyWaits} from './dependency-wait.js';
import {exitCodeFindings} from './exit-code.js';
import {imagePullFindings} from './image-pull.js';
import {logsTrapFindings} from './logs-trap.js';
import {oomFindings} from './oom.js';
import {schedulingFindings} from './scheduling.js';
import {sideEffectFindings} from './side-effects.js';
import {startErrorFindings} from './start-error.js';
import {failedInstanceIsPrevious, lastLine, stepPosition} from './text.js';
import type {Facts, Finding, FindingFacts} from './types.js';

export type {ContainerLog, Finding, FindingFacts, FindingFamily, ServiceLookup, Severity} from './types.js';
export {DEFAULT_STUCK_AFTER_MS} from './types.js';
export {sideEffectHints, type SideEffectHint, type SideEffectKind} from './side-effects.js';
export {serviceLookup, podDependencyWaits} from './dependency-wait.js';
export {logsTarget} from './logs-trap.js';

/** More specific families first: the blocked line uses the first finding about the step. */
const FAMILIES: Array<(facts: Facts) => Finding[]> = [
	schedulingFindings,
	oomFindings,
	startErrorFindings,
	imagePullFindings,
	configErrorFindings,
	sideEffectFindings,
	exitCodeFindings,
	dependencyWaitFindings,
	logsTrapFindings,
];

const SEVERITY_RANK = {error: 0, warning: 1, info: 2} as const;

export interface Diagnosis {
	sequence: InitSequence;
	/** `Blocked at init 3/3 init-failed-test: exits 127 …`, or a "not blocked" line. */
	headline: string;
	blocked: boolean;
	findings: Finding[];
	/** Where `l` goes: the container whose logs explain the pod. */
	logs?: {container: string; previous: boolean};
}

function stateSummary(step: SequenceStep): string {
	if (step.state === 'Running') return `running for ${humanDuration(step.durationMs ?? 0)}${step.kind === 'sidecar' && !step.started ? ', not started yet (startup probe)' : step.kind !== 'init' && !step.ready ? ', not ready' : ''}`;
	if (step.state === 'Not started' || (step.reason === 'PodInitializing' || step.reason === 'ContainerCreating')) {
		return step.reason ? `waiting (${step.reason})` : 'not started yet';
	}
	if (step.terminated) return `terminated: ${step.terminated.reason ?? 'exit'} (exit ${step.terminated.exitCode})`;
	return `${step.state.toLowerCase()}${step.reason ? `: ${step.reason}` : ''}${step.waitingMessage ? ` — ${step.waitingMessage}` : ''}`;
}

function restartTail(step: SequenceStep, now: number): string {
	if (step.restarts === 0) return '';
	const retry = nextRetryInMs(step, now);
	const when = retry === undefined ? '' : retry > 0 ? `, next retry in ${humanDuration(retry)}` : ', retrying now';
	return ` — restarted ${step.restarts}×${when}`;
}

function compose(facts: Facts, findings: Finding[]): {headline: string; blocked: boolean} {
	const {sequence, pod, now} = facts;
	const scheduling = findings.find(f => f.family === 'scheduling');
	if (scheduling) return {headline: `Blocked before init: ${scheduling.summary}`, blocked: true};
	if (sequence.blockedIndex === undefined) {
		// READY as kubectl counts it: app containers and sidecars.
		const counted = sequence.steps.filter(step => step.kind !== 'init');
		const phase = pod.status?.phase ?? 'Pending';
		if (phase === 'Succeeded') return {headline: 'Not blocked: the pod completed (Succeeded)', blocked: false};
		return {headline: `Not blocked: ${phase}, ${counted.filter(step => step.ready).length}/${counted.length} containers ready`, blocked: false};
	}
	const step = sequence.steps[sequence.blockedIndex]!;
	const own = findings.find(f => f.container === step.name && f.family !== 'logs-trap');
	const podLevel = findings.find(f => f.container === undefined);
	let summary = own?.summary ?? podLevel?.summary;
	if (!summary) {
		summary = stateSummary(step);
		const last = lastLine(facts.logs?.[step.name]);
		if (last && step.state !== 'Not started') summary += ` — last log: "${last}"`;
	}
	return {headline: `Blocked at ${stepPosition(step, sequence.steps)} ${step.name}: ${summary}${restartTail(step, now)}`, blocked: true};
}

export function diagnose(input: FindingFacts): Diagnosis {
	const facts: Facts = {...input, sequence: input.sequence ?? initSequence(input.pod, input.now)};
	const findings = FAMILIES.flatMap(family => family(facts));
	const blockedName = facts.sequence.blockedIndex === undefined ? undefined : facts.sequence.steps[facts.sequence.blockedIndex]!.name;
	const aboutBlocked = (finding: Finding) => Number(finding.container === undefined || finding.container === blockedName);
	findings.sort((a, b) => aboutBlocked(b) - aboutBlocked(a) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
	const {headline, blocked} = compose(facts, findings);
	const target = facts.sequence.blockedIndex === undefined ? undefined : facts.sequence.steps[facts.sequence.blockedIndex];
	const logs = target ? {container: target.name, previous: failedInstanceIsPrevious(target) && target.state !== 'Running'} : undefined;
	return {sequence: facts.sequence, headline, blocked, findings, logs};
}

export interface LogRequest {
	container: string;
	previous: boolean;
	/** Changes when there is a new instance to read (the hook refetches then). */
	key: string;
}

/**
 * The log reads the findings want: the failed instance of every failing container (previous while
 * it waits to restart), and the current log of init containers that run long (dependency waits).
 */
export function logRequests(sequence: InitSequence): LogRequest[] {
	const requests: LogRequest[] = [];
	for (const step of sequence.steps) {
		if (step.terminated && step.terminated.exitCode !== 0) {
			requests.push({container: step.name, previous: false, key: `${step.name}:${step.terminated.containerID ?? step.restarts}`});
		} else if (!step.terminated && step.state !== 'Running' && step.lastTerminated && step.lastTerminated.exitCode !== 0) {
			requests.push({container: step.name, previous: true, key: `${step.name}:prev:${step.lastTerminated.containerID ?? step.restarts}`});
		} else if (step.state === 'Running' && (step.kind === 'init' || (step.kind === 'app' && step.restarts > 0))) {
			// A running log changes: the key includes a coarse clock bucket so it is re-read now and then.
			requests.push({container: step.name, previous: false, key: `${step.name}:running:${step.status?.containerID ?? ''}`});
		}
	}
	return requests;
}

/** Services (namespace/name) the pod's running init containers wait for. */
export function servicesToLookUp(facts: {pod: FindingFacts['pod']; sequence: InitSequence}): Array<{namespace: string; name: string}> {
	const waits = podDependencyWaits(facts.pod);
	const out = new Map<string, {namespace: string; name: string}>();
	for (const step of facts.sequence.steps) {
		if (step.kind !== 'init' || step.initDone) continue;
		for (const target of waits.get(step.name)?.targets ?? []) {
			if (target.service) out.set(`${target.service.namespace}/${target.service.name}`, target.service);
		}
	}
	return [...out.values()];
}
