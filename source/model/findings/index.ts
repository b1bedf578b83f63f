// Everything initk9 can say about why a pod is not running: the findings of every family, and
// the one line at the top of the drill-down that names the blocking step.

import {NOT_STARTED_REASONS} from '../container-state.js';
import {humanDuration} from '../duration.js';
import {initSequence, nextRetryInMs, type InitSequence, type SequenceStep} from '../init-sequence.js';
import {configErrorFindings} from './config-error.js';
import {dependencyWaitFindings, podDependencyWaits} from './dependency-wait.js';
import {envFileFindings} from './env-file.js';
import {exitCodeFindings} from './exit-code.js';
import {imagePullFindings} from './image-pull.js';
import {logsTrapFindings} from './logs-trap.js';
import {oomFindings} from './oom.js';
import {podRestartFindings} from './pod-restart.js';
import {sandboxFindings} from './sandbox.js';
import {schedulingFindings} from './scheduling.js';
import {sideEffectFindings} from './side-effects.js';
import {startErrorFindings} from './start-error.js';
import {volumeFindings} from './volumes.js';
import {failedInstanceIsPrevious, lastLine} from './text.js';
import type {Facts, Finding, FindingAction, FindingFacts} from './types.js';
import {DEFAULT_CONFIG, podVerdict, type PodVerdict} from '../verdict.js';
import {SANDBOX_STAGE_TEXT} from '../sandbox.js';

export type {ClaimLookup, ContainerLog, Finding, FindingAction, FindingFacts, FindingFamily, ServiceLookup, Severity} from './types.js';
export {sideEffectHints, type SideEffectHint, type SideEffectKind} from './side-effects.js';
export {serviceLookup, podDependencyWaits} from './dependency-wait.js';
export {logsTarget} from './logs-trap.js';
export {claimsToLookUp} from './volumes.js';

/** More specific families first: the blocked line uses the first finding about the step. */
const FAMILIES: Array<(facts: Facts) => Finding[]> = [
	schedulingFindings,
	sandboxFindings,
	volumeFindings,
	oomFindings,
	startErrorFindings,
	imagePullFindings,
	envFileFindings,
	configErrorFindings,
	sideEffectFindings,
	exitCodeFindings,
	dependencyWaitFindings,
	podRestartFindings,
	logsTrapFindings,
];

const SEVERITY_RANK = {error: 0, warning: 1, info: 2} as const;

export interface Diagnosis {
	/** The pod's verdict (model/verdict.ts): the same one the pod table's row is made from. */
	verdict: PodVerdict;
	sequence: InitSequence;
	/**
	 * `Blocked at init 3/3 init-failed-test: exits 127 …` when something blocks the pod,
	 * `Starting: init 2/2 init-mydb running 3s` while it starts, else what it is doing. No key hints.
	 */
	headline: string;
	/** The next step the headline's finding asks for (the TUI adds its key, the report a command). */
	headlineAction?: FindingAction;
	/** Something keeps the pod from running: the verdict is failing or stuck. */
	blocked: boolean;
	findings: Finding[];
	/** Where `l` goes: the container whose logs explain the pod. */
	logs?: {container: string; previous: boolean};
}

function stateSummary(step: SequenceStep): string {
	if (step.state === 'Running') return `running for ${humanDuration(step.durationMs ?? 0)}${step.kind === 'sidecar' && !step.started ? ', not started yet (startup probe)' : step.kind !== 'init' && !step.ready ? ', not ready' : ''}`;
	if (step.state === 'Not started' || (step.reason !== undefined && NOT_STARTED_REASONS.has(step.reason))) {
		return step.reason ? `waiting (${step.reason})` : 'not started yet';
	}
	if (step.terminated) return `terminated: ${step.terminated.reason ?? 'exit'} (exit ${step.terminated.exitCode})`;
	return `${step.state.toLowerCase()}${step.reason ? `: ${step.reason}` : ''}${step.waitingMessage ? ` — ${step.waitingMessage}` : ''}`;
}

/** What a step that is merely progressing is doing: `running 3s`, `waiting (PodInitializing)`. */
function progressSummary(step: SequenceStep): string {
	if (step.state === 'Running') return `running ${humanDuration(step.durationMs ?? 0)}${step.kind === 'sidecar' && !step.started ? ', not started yet (startup probe)' : ''}`;
	return step.reason ? `waiting (${step.reason})` : 'not started yet';
}

function restartTail(step: SequenceStep, now: number): string {
	if (step.restarts === 0) return '';
	const retry = nextRetryInMs(step, now);
	const when = retry === undefined ? '' : retry > 0 ? `, next retry in ${humanDuration(retry)}` : ', retrying now';
	return ` — restarted ${step.restarts}×${when}`;
}

function notBlocked(facts: Facts, verdict: PodVerdict): string {
	const {sequence, pod} = facts;
	// READY as kubectl counts it: app containers and sidecars.
	const counted = sequence.steps.filter(step => step.kind !== 'init');
	const phase = pod.status?.phase ?? 'Pending';
	if (verdict.stage === 'completed') return 'Not blocked: the pod completed (Succeeded)';
	if (verdict.stage === 'terminating') return 'Not blocked: the pod is terminating';
	return `Not blocked: ${phase}, ${counted.filter(step => step.ready).length}/${counted.length} containers ready`;
}

/** Before the sandbox: the volume or sandbox finding names the cause; the verdict says since when. */
function sandboxHeadline(facts: Facts, verdict: PodVerdict, findings: Finding[]): {headline: string; action?: FindingAction} {
	const before = verdict.initTotal > 0 ? 'init' : 'start';
	const cause = findings.find(f => f.container === undefined && f.severity !== 'info') ?? findings.find(f => f.container === undefined);
	if (verdict.progress === 'stuck') return {headline: `Blocked before ${before}: ${cause?.summary ?? verdict.detail ?? SANDBOX_STAGE_TEXT}`};
	const since = verdict.stepSince === undefined ? '' : ` ${humanDuration(facts.now - verdict.stepSince)}`;
	if (cause && cause.severity !== 'info') return {headline: `Waiting: ${SANDBOX_STAGE_TEXT}${since} — ${cause.summary}`};
	return {headline: `Starting: preparing the pod's ${SANDBOX_STAGE_TEXT}${since}`};
}

function compose(facts: Facts, verdict: PodVerdict, findings: Finding[]): {headline: string; action?: FindingAction} {
	const {sequence, now} = facts;
	if (verdict.stage === 'scheduling') {
		const scheduling = findings.find(f => f.family === 'scheduling');
		// A claim the scheduler cannot bind: the claim's own trouble (read with GET) says more than the FitError.
		const claim = scheduling && findings.find(f => f.family === 'volume' && f.severity === 'error');
		if (claim) return {headline: `Blocked before init: not scheduled — ${claim.summary}`};
		if (verdict.progress === 'failing' || scheduling) return {headline: `Blocked before init: ${scheduling?.summary ?? verdict.detail ?? 'not scheduled'}`};
		return {headline: 'Starting: waiting to be scheduled on a node'};
	}
	if (verdict.stage === 'sandbox') return sandboxHeadline(facts, verdict, findings);
	const step = verdict.blocker ? sequence.steps[verdict.blocker.index] : undefined;
	// KEP-5532: a pod restarting in place (the trigger's exit, then Init:0/N again), said as such
	// while it progresses; stuck or failing on the way, it is blocked like any start.
	const restart = findings.find(f => f.family === 'pod-restart');
	if (restart && verdict.progress === 'progressing') return {headline: `Restarting in place: ${step ? `${verdict.blocker!.position} ${step.name} ${progressSummary(step)}` : facts.pod.status?.phase ?? 'Pending'} — ${restart.summary}`};
	if (verdict.progress === 'ok') return {headline: notBlocked(facts, verdict)};
	if (verdict.progress === 'progressing') {
		if (!step) return {headline: `Starting: ${facts.pod.status?.phase ?? 'Pending'}`};
		// Within the stuck threshold, but the facts say it waits for something missing: say so, not "Blocked" yet.
		const concern = findings.find(f => f.container === step.name && f.family !== 'logs-trap' && f.severity !== 'info');
		const what = `${verdict.blocker!.position} ${step.name} ${progressSummary(step)}`;
		if (concern) return {headline: `Waiting: ${what} — ${concern.summary}`, ...(concern.action ? {action: concern.action} : {})};
		return {headline: `Starting: ${what}`};
	}
	if (!step) {
		const podLevel = findings.find(f => f.container === undefined);
		return {headline: `Blocked: ${podLevel?.summary ?? verdict.detail ?? facts.pod.status?.phase ?? 'unknown'}`, ...(podLevel?.action ? {action: podLevel.action} : {})};
	}
	const own = findings.find(f => f.container === step.name && f.family !== 'logs-trap');
	const podLevel = findings.find(f => f.container === undefined);
	const used = own ?? podLevel;
	let summary = used?.summary;
	if (!summary) {
		summary = verdict.detail && verdict.progress === 'stuck' ? verdict.detail : stateSummary(step);
		const last = lastLine(facts.logs?.[step.name]);
		if (last && step.state !== 'Not started') summary += ` — last log: "${last}"`;
	}
	return {headline: `Blocked at ${verdict.blocker!.position} ${step.name}: ${summary}${restartTail(step, now)}`, ...(used?.action ? {action: used.action} : {})};
}

export function diagnose(input: FindingFacts): Diagnosis {
	const config = input.config ?? DEFAULT_CONFIG;
	const facts: Facts = {...input, config, sequence: input.sequence ?? initSequence(input.pod, input.now)};
	const verdict = podVerdict(facts.pod, facts.now, config, facts.sequence);
	const findings = FAMILIES.flatMap(family => family(facts));
	const blockedName = verdict.blocker?.name;
	const aboutBlocked = (finding: Finding) => Number(finding.container === undefined || finding.container === blockedName);
	findings.sort((a, b) => aboutBlocked(b) - aboutBlocked(a) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
	const {headline, action} = compose(facts, verdict, findings);
	const target = verdict.blocker ? facts.sequence.steps[verdict.blocker.index] : undefined;
	const logs = target ? {container: target.name, previous: failedInstanceIsPrevious(target) && target.state !== 'Running'} : undefined;
	const blocked = verdict.progress === 'failing' || verdict.progress === 'stuck';
	return {verdict, sequence: facts.sequence, headline, ...(action ? {headlineAction: action} : {}), blocked, findings, logs};
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
