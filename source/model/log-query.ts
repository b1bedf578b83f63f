// What the log view reads, without React or IO: which container to show, what to ask the log
// follower for, stable keys for entries and which instance the stream shows. How it reads on
// screen (picker rows, notices, the visible window, the filter over what is shown) is
// render/log-view.ts.

import type {LogEntry} from './log-entry.js';
import type {Pod} from './k8s-types.js';
import {initSequence, type SequenceStep, type StepKind, type StepSymbol} from './init-sequence.js';

// ── Containers ───────────────────────────────────────────────────────────────────────────────────

export interface LogContainerChoice {
	name: string;
	kind: StepKind;
	/** `I1`…, `A1`… as in the init sequence. */
	label: string;
	symbol: StepSymbol;
	/** `Running`, `Waiting: CrashLoopBackOff`, `Terminated: Error (exit 127)`, `Not started`. */
	state: string;
	restarts: number;
	/** The container runs right now (a since-window makes sense for it). */
	running: boolean;
	/** A previous instance exists (`p` can show it). */
	hasPrevious: boolean;
	/** The instance number of the current run: restartCount + 1. */
	instance: number;
}

function stateLabel(step: SequenceStep): string {
	if (step.state === 'Terminated' && step.terminated) {
		const reason = step.terminated.reason ?? (step.terminated.exitCode === 0 ? 'Completed' : 'Error');
		return step.terminated.exitCode === 0 ? `Terminated: ${reason}` : `Terminated: ${reason} (exit ${step.terminated.exitCode})`;
	}
	if (step.state === 'Waiting') return step.reason ? `Waiting: ${step.reason}` : 'Waiting';
	return step.state;
}

/** The picker's list: init containers (sidecars included) in spec order, then app containers. */
export function logContainerChoices(pod: Pod): LogContainerChoice[] {
	return initSequence(pod, Date.now()).steps.map(step => ({
		name: step.name,
		kind: step.kind,
		label: step.label,
		symbol: step.symbol,
		state: stateLabel(step),
		restarts: step.restarts,
		running: step.state === 'Running',
		hasPrevious: Boolean(step.lastTerminated?.containerID),
		instance: step.restarts + 1,
	}));
}

/**
 * The container whose log explains the pod: while the pod is not initialized (app containers
 * wait on PodInitializing), the init container that is running, failing or next to run;
 * otherwise the `kubectl.kubernetes.io/default-container`, else the first app container.
 */
export function defaultLogContainer(pod: Pod): string | undefined {
	const sequence = initSequence(pod, Date.now());
	if (!sequence.initialized) {
		const blocking = sequence.steps.find(step => step.kind !== 'app' && !step.initDone);
		if (blocking) return blocking.name;
	}
	const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
	if (annotated && pod.spec.containers.some(container => container.name === annotated)) return annotated;
	return pod.spec.containers[0]?.name ?? sequence.steps[0]?.name;
}

// ── Time ranges (k9s: 0 tail, 1 head, 2–6 since) ─────────────────────────────────────────────────

export type LogRange = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const LOG_RANGES: ReadonlyArray<{range: LogRange; label: string; sinceSeconds?: number}> = [
	{range: 0, label: 'tail'},
	{range: 1, label: 'head'},
	{range: 2, label: '1m', sinceSeconds: 60},
	{range: 3, label: '5m', sinceSeconds: 300},
	{range: 4, label: '15m', sinceSeconds: 900},
	{range: 5, label: '30m', sinceSeconds: 1800},
	{range: 6, label: '1h', sinceSeconds: 3600},
];

/** Lines of history fetched in tail mode before following. */
export const DEFAULT_TAIL_LINES = 1000;

export interface LogQuery {
	tailLines?: number;
	sinceSeconds?: number;
	/** Shown in the status line when the asked range was not applied. */
	note?: string;
	label: string;
}

/**
 * What to ask the follower for. A since-window is only applied to a container that is running
 * now: an init container that finished (or crash-loops) minutes ago would otherwise show nothing.
 */
export function logQuery(range: LogRange, container: {running: boolean} | undefined, previous = false): LogQuery {
	const option = LOG_RANGES[range] ?? LOG_RANGES[0];
	if (option.range === 0) return {tailLines: DEFAULT_TAIL_LINES, label: 'tail'};
	if (option.range === 1) return {label: 'head'};
	if (previous || !container?.running) {
		return {label: 'all', note: `since ${option.label} ignored: container not running`};
	}
	return {sinceSeconds: option.sinceSeconds, label: `since ${option.label}`};
}

// ── Entry keys ───────────────────────────────────────────────────────────────────────────────────

/** A stable key for an entry (lines and notices may share sequence numbers). */
export function entryKey(entry: LogEntry): string {
	return entry.type === 'line' ? `l${entry.line.seq}` : `n${entry.seq}`;
}

/** Finds an entry by key, searching from the end (the usual place of recent anchors). */
export function findEntryIndex(entries: readonly LogEntry[], key: string | undefined): number {
	if (key === undefined) return -1;
	for (let i = entries.length - 1; i >= 0; i--) if (entryKey(entries[i]) === key) return i;
	return -1;
}

// ── The stream ───────────────────────────────────────────────────────────────────────────────────

/** The instance the stream shows now: from the newest line or streaming/restart notice. */
export function currentInstance(entries: readonly LogEntry[]): number | undefined {
	for (let i = entries.length - 1; i >= 0; i--) {
		const entry = entries[i];
		if (entry.type === 'line') return entry.line.instance;
		if (entry.notice.kind === 'streaming' || entry.notice.kind === 'restarted') return entry.notice.instance;
	}
	return undefined;
}
