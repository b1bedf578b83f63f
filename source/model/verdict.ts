// One verdict per pod: where its start-up is (stage), whether it is progressing, failing or stuck,
// which container blocks it and why (reason class and a short text), and a cause fingerprint that
// two replicas stuck the same way share. Computed from the pod alone (cheap enough for every pod of
// the table at every change) over the init sequence, the one reading of container state. The pod
// table's row, the drill-down's headline, the timeline, the findings and the report all start here.

import {ALL_RESTARTING_CONDITION} from './findings/pod-restart.js';
import type {Pod, PodCondition} from './k8s-types.js';
import {IMAGE_REASONS, NOT_STARTED_REASONS, runSucceeded, timestampMs, ZERO_TIME} from './container-state.js';
import {humanDuration} from './duration.js';
import {envFileSuspect} from './env-files.js';
import {exitCodeMeaning} from './exit-codes.js';
import {causeFingerprint} from './fingerprint.js';
import {initSequence, type InitSequence, type SequenceStep, type Termination} from './init-sequence.js';
import {podOwner, type OwnerRef} from './owner.js';
import {beforeSandbox, SANDBOX_STAGE_TEXT, sandboxWaitSince} from './sandbox.js';
import {sharedCauses, type SharedCause} from './shared-cause.js';
import {sideEffectSuspect} from './side-effect-suspect.js';

/** Where the pod's start-up is. */
export type Stage = 'scheduling' | 'sandbox' | 'init' | 'app-start' | 'running' | 'terminating' | 'completed' | 'failed';

/** ok: running or done as it should; progressing: starting, within the stuck threshold. */
export type Progress = 'ok' | 'progressing' | 'failing' | 'stuck';

/** What kind of trouble: the part of the cause fingerprint that tells failures apart. */
export type ReasonClass =
	| 'unschedulable'
	| 'scheduling-gated'
	/** On a node, sandbox or volumes not ready (the events say which: findings/sandbox.ts). */
	| 'sandbox'
	| 'exit'
	| 'oom'
	| 'image'
	| 'config'
	| 'start-error'
	| 'running-long'
	| 'not-started'
	| 'no-status'
	| 'side-effect'
	| 'pod-failed';

export interface Blocker {
	/** Index into the sequence's steps. */
	index: number;
	name: string;
	kind: SequenceStep['kind'];
	/** `init 2/3`, `sidecar 1/1`, `app 1/1`. */
	position: string;
}

export interface DiagnosisConfig {
	/** An init step running or waiting (without failing) longer than this is stuck. */
	stuckAfterMs: number;
}

export const DEFAULT_STUCK_AFTER_MS = 120_000;
export const DEFAULT_CONFIG: DiagnosisConfig = {stuckAfterMs: DEFAULT_STUCK_AFTER_MS};

export interface PodVerdict {
	stage: Stage;
	progress: Progress;
	/** The container that keeps the pod from running (also while it is merely progressing). */
	blocker?: Blocker;
	reason?: ReasonClass;
	/** Exit code of the failed run the reason is about. */
	exitCode?: number;
	/** Short text about the blocker: `exit 127 (command not found), CrashLoopBackOff`. No container name. */
	detail?: string;
	/** The raw message behind the reason (waiting message, scheduler message), untrusted. */
	message?: string;
	/** Init steps done, in order (Init:i/N's i; all of them once initialized). */
	initDone: number;
	initTotal: number;
	/** Epoch ms the current start-up step (running or waiting) began, when known. */
	stepSince?: number;
	/** The cause lies with an init container: failing or stuck in init, or a suspected side effect. */
	initCause: boolean;
	/** An init container whose side effect is suspected when the app fails after init. */
	suspect?: {container: string; text: string};
	owner: OwnerRef;
	/** Stable key of the cause: equal for replicas of one owner stuck the same way. Undefined when nothing is wrong. */
	fingerprint?: string;
	/** Keys this pod's trouble can share with other workloads' pods (node, image, named object). */
	shared?: SharedCause[];
}

function condition(pod: Pod, type: string): PodCondition | undefined {
	return pod.status?.conditions?.find(item => item.type === type);
}

/** `init 3/3`, `sidecar 1/2`, `app 1/1`. */
export function stepPosition(step: SequenceStep, steps: readonly SequenceStep[]): string {
	if (step.kind === 'app') {
		const apps = steps.filter(s => s.kind === 'app');
		return `app ${apps.indexOf(step) + 1}/${apps.length}`;
	}
	const inits = steps.filter(s => s.kind !== 'app');
	return `${step.kind === 'sidecar' ? 'sidecar' : 'init'} ${inits.indexOf(step) + 1}/${inits.length}`;
}

/** Exit meanings too generic to be worth a cell's width. */
const PLAIN_MEANINGS = new Set(['general error', 'application error', 'success']);

/** `exit 127 (command not found)`, `exit 1`, `OOMKilled (exit 137)`. */
export function exitText(exitCode: number, reason: string | undefined, meaning = exitCodeMeaning(exitCode, reason).short): string {
	if (reason === 'OOMKilled') return `OOMKilled (exit ${exitCode})`;
	if (reason && reason !== 'Error' && reason !== 'Completed') return `${reason}, exit ${exitCode} (${meaning})`;
	return PLAIN_MEANINGS.has(meaning) ? `exit ${exitCode}` : `exit ${exitCode} (${meaning})`;
}

/** `exit 127: command not found`, `exit 1`: the short form that goes inside another sentence's parentheses. */
export function exitPhrase(exitCode: number, reason: string | undefined, meaning = exitCodeMeaning(exitCode, reason).short): string {
	if (reason === 'OOMKilled') return `OOMKilled, exit ${exitCode}`;
	return PLAIN_MEANINGS.has(meaning) ? `exit ${exitCode}` : `exit ${exitCode}: ${meaning}`;
}

function restartsText(restarts: number): string {
	return restarts === 0 ? 'no restarts' : restarts === 1 ? '1 restart' : `${restarts} restarts`;
}

function terminationClass(ended: Termination): ReasonClass {
	return ended.reason === 'OOMKilled' ? 'oom' : ended.reason === 'StartError' || ended.reason === 'ContainerCannotRun' ? 'start-error' : 'exit';
}

interface Trouble {
	reason: ReasonClass;
	detail: string;
	message?: string;
	exitCode?: number;
}

/** Why a waiting container is failing (image, config, back-off after a failed run …). */
function waitingTrouble(step: SequenceStep): Trouble {
	const reason = step.reason ?? '';
	const last = step.lastTerminated;
	if (reason === 'CrashLoopBackOff' && last) return {reason: terminationClass(last), detail: `${exitText(last.exitCode, last.reason, last.meaning.short)}, CrashLoopBackOff`, exitCode: last.exitCode};
	if (IMAGE_REASONS.has(reason)) {
		const image = step.status?.image || step.image || '?';
		const detail = reason === 'InvalidImageName' ? `image ${image} is not a valid name`
			: reason === 'ErrImageNeverPull' ? `image ${image} is not on the node (pull policy Never)`
				: `image ${image} can't be pulled (${reason})`;
		return {reason: 'image', detail, message: step.waitingMessage};
	}
	const message = step.waitingMessage ? `: ${step.waitingMessage}` : '';
	return {reason: reason === 'CreateContainerConfigError' ? 'config' : 'start-error', detail: `${reason}${message}`, message: step.waitingMessage};
}

/** The trouble of a step that failed (terminated with failure, waiting on a failure, or crash-looping). */
function stepTrouble(step: SequenceStep): Trouble | undefined {
	if (step.terminated && step.symbol === 'failed') return {reason: terminationClass(step.terminated), detail: exitText(step.terminated.exitCode, step.terminated.reason, step.terminated.meaning.short), exitCode: step.terminated.exitCode};
	if (step.status?.state?.waiting && !NOT_STARTED_REASONS.has(step.reason ?? '')) return waitingTrouble(step);
	return undefined;
}

interface Partial {
	stage: Stage;
	progress: Progress;
	blocker?: SequenceStep;
	trouble?: Trouble;
	stepSince?: number;
}

/** Progressing until the step has taken longer than the threshold, then stuck (with what it has been doing). */
function timed(stage: Stage, step: SequenceStep | undefined, since: number, now: number, config: DiagnosisConfig, stuck: () => Trouble): Partial {
	const known = since !== ZERO_TIME && since > 0;
	const isStuck = known && now - since > config.stuckAfterMs;
	return {stage, progress: isStuck ? 'stuck' : 'progressing', blocker: step, ...(known ? {stepSince: since} : {}), ...(isStuck ? {trouble: stuck()} : {})};
}

function podStartMs(pod: Pod): number {
	const started = timestampMs(pod.status?.startTime);
	return started !== ZERO_TIME ? started : timestampMs(pod.metadata.creationTimestamp);
}

function classify(pod: Pod, sequence: InitSequence, now: number, config: DiagnosisConfig): Partial {
	const status = pod.status ?? {};
	const {steps, initialized} = sequence;
	const phase = status.phase;
	if (pod.metadata.deletionTimestamp) return {stage: 'terminating', progress: 'ok'};
	if (phase === 'Succeeded') return {stage: 'completed', progress: 'ok'};

	// Not on a node yet.
	if (!pod.spec.nodeName && phase !== 'Failed') {
		const scheduled = condition(pod, 'PodScheduled');
		if (scheduled?.reason === 'SchedulingGated') {
			const gates = (pod.spec.schedulingGates ?? []).map(gate => gate.name).join(', ');
			return {stage: 'scheduling', progress: 'failing', trouble: {reason: 'scheduling-gated', detail: `scheduling gated${gates ? `: ${gates}` : ''}`}};
		}
		if (scheduled?.status === 'False') {
			return {stage: 'scheduling', progress: 'failing', trouble: {reason: 'unschedulable', detail: `${scheduled.reason ?? 'unscheduled'}${scheduled.message ? `: ${scheduled.message}` : ''}`, message: scheduled.message}};
		}
		return {stage: 'scheduling', progress: 'progressing'};
	}

	// Issue 18: on a node, but no container created yet because the volumes or the sandbox are not
	// ready (model/sandbox.ts reads that from the pod alone). Progressing, then stuck after the
	// threshold: which volume or which CNI error is only in the events (findings/sandbox.ts).
	if (beforeSandbox(pod)) {
		const since = sandboxWaitSince(pod);
		return timed('sandbox', undefined, since, now, config, () => ({reason: 'sandbox', detail: `${SANDBOX_STAGE_TEXT} not ready after ${humanDuration(now - since)}, no container created`}));
	}

	// KEP-5532: while AllContainersRestarting is True the kubelet removes every container to start
	// the pod over from its first step — a restart in progress, not a failure (findings/pod-restart.ts says which exit).
	if (condition(pod, ALL_RESTARTING_CONDITION)?.status === 'True' && steps[0]) return {stage: sequence.initCount > 0 ? 'init' : 'app-start', progress: 'progressing', blocker: steps[0]};

	const inits = steps.filter(step => step.kind !== 'app');
	const blocked = sequence.blockedIndex === undefined ? undefined : steps[sequence.blockedIndex];
	const previousInitFinished = (step: SequenceStep): number => {
		const before = inits.slice(0, inits.indexOf(step)).reverse().find(s => s.terminated);
		return before ? timestampMs(before.terminated!.finishedAt) : ZERO_TIME;
	};

	// Start-up: an init step is not done and the pod has not been initialized before.
	if (blocked && blocked.kind !== 'app' && !initialized) {
		if (phase === 'Failed') {
			const ended = blocked.terminated ?? blocked.lastTerminated;
			const trouble = ended ? {reason: terminationClass(ended), detail: exitText(ended.exitCode, ended.reason, ended.meaning.short), exitCode: ended.exitCode} : {reason: 'pod-failed' as const, detail: status.reason ?? 'Failed'};
			return {stage: 'failed', progress: 'failing', blocker: blocked, trouble};
		}
		const trouble = stepTrouble(blocked);
		if (trouble) return {stage: 'init', progress: 'failing', blocker: blocked, trouble};
		const sidecar = blocked.kind === 'sidecar';
		const running = blocked.status?.state?.running;
		// A regular init container only restarts after failing: running again between back-offs is
		// still a crash loop, not progress — until a run lasts past the stuck threshold.
		const runningLong = running !== undefined && now - timestampMs(running.startedAt) > config.stuckAfterMs;
		const lastFailure = blocked.lastTerminated;
		if (!sidecar && !runningLong && blocked.restarts > 0 && lastFailure && !runSucceeded(lastFailure.exitCode, lastFailure.reason)) {
			return {stage: 'init', progress: 'failing', blocker: blocked, trouble: {reason: terminationClass(lastFailure), detail: `${exitText(lastFailure.exitCode, lastFailure.reason, lastFailure.meaning.short)}, ${restartsText(blocked.restarts)}, ${running ? 'running again' : 'restarting'}`, exitCode: lastFailure.exitCode}};
		}
		if (running) {
			const since = timestampMs(running.startedAt);
			const notStarted = sidecar ? ', not started (startup probe)' : '';
			return timed('init', blocked, since, now, config, () => ({reason: 'running-long', detail: `running ${humanDuration(now - since)}${notStarted}, ${restartsText(blocked.restarts)}`}));
		}
		if (!blocked.status) {
			const since = podStartMs(pod);
			return timed('init', blocked, since, now, config, () => ({reason: 'no-status', detail: `no container status after ${humanDuration(now - since)}`}));
		}
		// Not started yet: it has been waiting since the previous init step finished.
		const finished = previousInitFinished(blocked);
		const since = finished !== ZERO_TIME ? finished : podStartMs(pod);
		return timed('init', blocked, since, now, config, () => ({reason: 'not-started', detail: `not started after ${humanDuration(now - since)}`}));
	}

	// A sidecar that fails after initialization: the pod runs, the sidecar does not.
	if (blocked && blocked.kind === 'sidecar') {
		const trouble = stepTrouble(blocked);
		if (trouble) return {stage: 'running', progress: 'failing', blocker: blocked, trouble};
	}

	const apps = steps.filter(step => step.kind === 'app');
	const failingApp = blocked?.kind === 'app' ? blocked : undefined;
	if (failingApp) {
		const trouble = stepTrouble(failingApp) ?? crashLoopTrouble(failingApp);
		if (trouble) return {stage: apps.some(app => app.status?.state?.running || app.terminated || app.lastTerminated) ? 'running' : 'app-start', progress: 'failing', blocker: failingApp, trouble};
	}
	if (phase === 'Failed') {
		return {stage: 'failed', progress: 'failing', ...(failingApp ? {blocker: failingApp} : {}), trouble: {reason: 'pod-failed', detail: `${status.reason ?? 'Failed'}${status.message ? `: ${status.message}` : ''}`, message: status.message}};
	}
	if (apps.length > 0 && apps.every(app => app.terminated)) return {stage: 'completed', progress: 'ok'};
	const notStarted = apps.find(app => !app.status?.state?.running && !app.terminated);
	if (notStarted || apps.every(app => !app.status)) {
		// After init (PodInitializing) or before the first app start (ContainerCreating).
		const step = notStarted ?? apps[0];
		const lastInit = inits.at(-1)?.terminated;
		const since = lastInit && inits.length > 0 && sequence.initDoneCount === inits.length ? timestampMs(lastInit.finishedAt) : podStartMs(pod);
		return timed('app-start', step, since, now, config, () => ({reason: 'not-started', detail: `not started after ${humanDuration(now - since)}`}));
	}
	return {stage: 'running', progress: 'ok'};
}

/** An app container running again after a failed run, or restarted and not ready. */
function crashLoopTrouble(step: SequenceStep): Trouble | undefined {
	const last = step.lastTerminated;
	if (!last) return step.restarts > 0 && !step.ready ? {reason: 'exit', detail: `${restartsText(step.restarts)}, not ready`} : undefined;
	const state = step.status?.state?.running ? 'running again' : 'restarting';
	return {reason: terminationClass(last), detail: `${exitText(last.exitCode, last.reason, last.meaning.short)}, ${restartsText(step.restarts)}, ${state}`, exitCode: last.exitCode};
}

export function podVerdict(pod: Pod, now: number, config: DiagnosisConfig = DEFAULT_CONFIG, sequence: InitSequence = initSequence(pod, now)): PodVerdict {
	const classified = classify(pod, sequence, now, config);
	const initTotal = sequence.initCount;
	const initDone = sequence.initialized ? initTotal : sequence.initDoneCount;
	const owner = podOwner(pod);
	const step = classified.blocker;
	const blocker = step ? {index: step.index, name: step.name, kind: step.kind, position: stepPosition(step, sequence.steps)} : undefined;
	let trouble = classified.trouble;
	let suspect: PodVerdict['suspect'];
	if (classified.progress === 'failing' && step?.kind === 'app' && sequence.initialized && initTotal > 0) {
		// Issue 18: an app that cannot be created for want of an env file (fileKeyRef) an init container writes.
		suspect = trouble?.reason === 'config' ? envFileSuspect(pod, step.name, step.waitingMessage) : undefined;
		suspect ??= sideEffectSuspect(pod, step.name);
		if (suspect && trouble) trouble = {...trouble, reason: 'side-effect'};
	}
	const troubled = classified.progress === 'failing' || classified.progress === 'stuck';
	// A pod stuck before its sandbox is init trouble when it has init containers: they cannot start.
	const initCause = (troubled && (classified.stage === 'init' || (classified.stage === 'sandbox' && initTotal > 0) || (classified.stage === 'failed' && step !== undefined && step.kind !== 'app'))) || suspect !== undefined;
	const verdict: PodVerdict = {
		stage: classified.stage,
		progress: classified.progress,
		...(blocker ? {blocker} : {}),
		...(trouble ? {reason: trouble.reason, detail: trouble.detail} : {}),
		...(trouble?.exitCode === undefined ? {} : {exitCode: trouble.exitCode}),
		...(trouble?.message ? {message: trouble.message} : {}),
		initDone,
		initTotal,
		...(classified.stepSince === undefined ? {} : {stepSince: classified.stepSince}),
		initCause,
		...(suspect ? {suspect} : {}),
		owner,
	};
	if (troubled) {
		verdict.fingerprint = causeFingerprint(verdict, pod);
		const shared = sharedCauses(verdict, pod);
		if (shared.length > 0) verdict.shared = shared;
	}
	return verdict;
}
