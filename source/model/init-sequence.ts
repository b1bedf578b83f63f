// Every container of a pod in the order the kubelet runs them: init containers (native sidecars
// marked) one at a time in spec order, then the app containers. Each step says what state it is
// in, how it last ended and why, and which step keeps the pod from running.

import type {Container, ContainerState, ContainerStatus, Pod} from './k8s-types.js';
import {containerStopSignal, exitCodeMeaning, type ExitMeaning, type StopSignal} from './exit-codes.js';
import {BACKOFF_REASONS, epochMs, IMAGE_REASONS, isSidecarSpec, NOT_STARTED_REASONS, runningAgainAfterFailure, runSucceeded, START_FAILURE_REASONS} from './container-state.js';

export {epochMs} from './container-state.js';

export type StepKind = 'init' | 'sidecar' | 'app';
/** done ✔ / running ▶ / waiting ⏸ / failed ✖ / back-off ↻ */
export type StepSymbol = 'done' | 'running' | 'waiting' | 'failed' | 'backoff';

export const STEP_GLYPHS: Record<StepSymbol, string> = {done: '✔', running: '▶', waiting: '⏸', failed: '✖', backoff: '↻'};

export interface Termination {
	exitCode: number;
	reason?: string;
	message?: string;
	signal?: string;
	meaning: ExitMeaning;
	startedAt?: string;
	finishedAt?: string;
	durationMs?: number;
	containerID?: string;
}

export interface SequenceStep {
	/** Position in execution order, 0-based. */
	index: number;
	/** `I1`…`In` for init containers and sidecars, `A1`… for app containers. */
	label: string;
	kind: StepKind;
	name: string;
	spec: Container;
	status?: ContainerStatus;
	symbol: StepSymbol;
	/** Running / Waiting / Terminated / Not started. */
	state: string;
	/** The waiting or terminated reason (CrashLoopBackOff, Completed, …). */
	reason?: string;
	/** The waiting message (`back-off 40s restarting failed container=…`). */
	waitingMessage?: string;
	/** Set while the current state is terminated. */
	terminated?: Termination;
	/** The previous instance, when it terminated. */
	lastTerminated?: Termination;
	restarts: number;
	ready: boolean;
	started?: boolean;
	startedAt?: string;
	finishedAt?: string;
	/** Run time: finished − started, or now − started while running. */
	durationMs?: number;
	image?: string;
	/** command + args as the container runs them. */
	argv: string[];
	/** This init step is finished (regular: exited 0; sidecar: started). */
	initDone: boolean;
	/** Running again less than CRASH_LOOP_WINDOW_MS after a failed run: still in its crash loop. */
	crashLooping: boolean;
}

export interface InitSequence {
	steps: SequenceStep[];
	/** Init containers including sidecars (the N of `Init:i/N`). */
	initCount: number;
	/** Init steps done, in order (the i of `Init:i/N`). */
	initDoneCount: number;
	/** Index into steps of the step that keeps the pod from running, if any. */
	blockedIndex?: number;
	initialized: boolean;
}

function termination(state: ContainerState | undefined, stop: StopSignal | undefined): Termination | undefined {
	const terminated = state?.terminated;
	if (!terminated) return undefined;
	const meaning = exitCodeMeaning(terminated.exitCode, terminated.reason, stop);
	const started = epochMs(terminated.startedAt);
	const finished = epochMs(terminated.finishedAt);
	return {
		exitCode: terminated.exitCode,
		reason: terminated.reason,
		message: terminated.message,
		signal: meaning.signal,
		meaning,
		startedAt: terminated.startedAt ?? undefined,
		finishedAt: terminated.finishedAt ?? undefined,
		durationMs: started > 0 && finished >= started ? finished - started : undefined,
		containerID: terminated.containerID,
	};
}

/** Waiting reasons that are a failure without a back-off (the kubelet retries on its own schedule). */
function failedWaiting(reason: string): boolean {
	return (IMAGE_REASONS.has(reason) && !BACKOFF_REASONS.has(reason)) || START_FAILURE_REASONS.has(reason);
}

function succeeded(terminated: Termination): boolean {
	return runSucceeded(terminated.exitCode, terminated.reason);
}

function symbolOf(status: ContainerStatus | undefined, terminated: Termination | undefined): StepSymbol {
	const state = status?.state;
	if (state?.running) return 'running';
	if (terminated) return succeeded(terminated) ? 'done' : 'failed';
	const reason = state?.waiting?.reason ?? '';
	if (BACKOFF_REASONS.has(reason)) return 'backoff';
	if (failedWaiting(reason)) return 'failed';
	return 'waiting';
}

function stateName(status: ContainerStatus | undefined): string {
	const state = status?.state;
	if (!status || !state) return 'Not started';
	if (state.running) return 'Running';
	if (state.terminated) return 'Terminated';
	if (state.waiting) return 'Waiting';
	return 'Not started';
}

function buildStep(spec: Container, status: ContainerStatus | undefined, kind: StepKind, index: number, label: string, now: number): SequenceStep {
	const stop = containerStopSignal(spec, status);
	const terminated = termination(status?.state, stop);
	const running = status?.state?.running;
	const startedAt = running?.startedAt ?? terminated?.startedAt ?? undefined;
	const finishedAt = terminated?.finishedAt;
	let durationMs = terminated?.durationMs;
	if (running?.startedAt) {
		const started = epochMs(running.startedAt);
		if (started > 0) durationMs = Math.max(0, now - started);
	}
	const initDone = kind === 'sidecar' ? status?.started === true : kind === 'init' && terminated !== undefined && succeeded(terminated);
	return {
		index,
		label,
		kind,
		name: spec.name,
		spec,
		status,
		symbol: symbolOf(status, terminated),
		state: stateName(status),
		reason: status?.state?.waiting?.reason || terminated?.reason || undefined,
		waitingMessage: status?.state?.waiting?.message || undefined,
		terminated,
		lastTerminated: termination(status?.lastState, stop),
		restarts: status?.restartCount ?? 0,
		ready: status?.ready ?? false,
		started: status?.started,
		startedAt,
		finishedAt,
		durationMs,
		image: spec.image ?? status?.image,
		argv: [...(spec.command ?? []), ...(spec.args ?? [])],
		initDone,
		crashLooping: runningAgainAfterFailure(status, now),
	};
}

/** A step is a problem when it failed, is backing off, or is stuck on a non-benign waiting reason. */
export function stepHasProblem(step: SequenceStep): boolean {
	if (step.symbol === 'failed' || step.symbol === 'backoff') return true;
	if (step.symbol === 'waiting' && step.reason && !NOT_STARTED_REASONS.has(step.reason)) return true;
	if (step.kind !== 'init' && ((step.restarts > 0 && !step.ready) || step.crashLooping)) return true;
	return false;
}

function findBlocked(pod: Pod, steps: SequenceStep[], initialized: boolean): number | undefined {
	if (pod.status?.phase === 'Succeeded') return undefined;
	const inits = steps.filter(step => step.kind !== 'app');
	if (!initialized) {
		const first = inits.find(step => !step.initDone);
		if (first) return first.index;
	}
	// Initialized: a sidecar that keeps failing, else the first app container with a problem or not ready.
	const failingSidecar = inits.find(step => step.kind === 'sidecar' && stepHasProblem(step));
	if (failingSidecar) return failingSidecar.index;
	const apps = steps.filter(step => step.kind === 'app');
	const troubled = apps.find(stepHasProblem);
	if (troubled) return troubled.index;
	if (pod.status?.phase === 'Failed') return apps.find(step => step.symbol !== 'done')?.index;
	const notRunning = apps.find(step => step.symbol !== 'running' && step.symbol !== 'done');
	return notRunning?.index;
}

export function initSequence(pod: Pod, now: number): InitSequence {
	const initStatuses = new Map((pod.status?.initContainerStatuses ?? []).map(status => [status.name, status]));
	const appStatuses = new Map((pod.status?.containerStatuses ?? []).map(status => [status.name, status]));
	const steps: SequenceStep[] = [];
	(pod.spec.initContainers ?? []).forEach((spec, at) => {
		steps.push(buildStep(spec, initStatuses.get(spec.name), isSidecarSpec(spec) ? 'sidecar' : 'init', steps.length, `I${at + 1}`, now));
	});
	(pod.spec.containers ?? []).forEach((spec, at) => {
		steps.push(buildStep(spec, appStatuses.get(spec.name), 'app', steps.length, `A${at + 1}`, now));
	});
	const initSteps = steps.filter(step => step.kind !== 'app');
	let initDoneCount = 0;
	for (const step of initSteps) {
		if (!step.initDone) break;
		initDoneCount++;
	}
	const condition = pod.status?.conditions?.find(c => c.type === 'Initialized');
	const initialized = condition ? condition.status === 'True' : initDoneCount === initSteps.length;
	return {steps, initCount: initSteps.length, initDoneCount, blockedIndex: findBlocked(pod, steps, initialized), initialized};
}

/** `back-off 5m0s restarting failed container=…` → 300000 ms. */
export function parseBackOff(message: string | undefined): number | undefined {
	const match = message?.match(/back-off ((?:\d+h)?(?:\d+m)?(?:\d+(?:\.\d+)?s)?)/i);
	if (!match || !match[1]) return undefined;
	return parseGoDuration(match[1]);
}

/** Go `time.Duration` strings (`1h2m3s`, `40s`, `523ms`) → milliseconds. */
export function parseGoDuration(text: string): number | undefined {
	const re = /(\d+(?:\.\d+)?)(h|ms|m|s)/g;
	const unit: Record<string, number> = {h: 3_600_000, m: 60_000, s: 1000, ms: 1};
	let total = 0;
	let consumed = 0;
	for (let match = re.exec(text); match; match = re.exec(text)) {
		total += Number(match[1]) * unit[match[2]!]!;
		consumed += match[0].length;
	}
	return consumed === text.length && consumed > 0 ? total : undefined;
}

/**
 * When the kubelet restarts a crash-looping container: the last instance's finish time plus the
 * back-off from the waiting message. Milliseconds from now (≤ 0: due now), or undefined.
 */
export function nextRetryInMs(step: SequenceStep, now: number): number | undefined {
	if (step.reason !== 'CrashLoopBackOff') return undefined;
	const backOff = parseBackOff(step.waitingMessage);
	const finished = epochMs(step.lastTerminated?.finishedAt);
	if (backOff === undefined || finished === 0) return undefined;
	return finished + backOff - now;
}
