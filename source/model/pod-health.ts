// What the pod table highlights: one health class per pod, a symbol that tells the classes apart
// without colour, init progress, how long the current start-up step has taken, and a short "why"
// for pods that are not fine. Runs for thousands of pods per refresh: one pass over the
// statuses, module-level constants only, each timestamp parsed at most once.

import type {Container, ContainerStatus, Pod} from './k8s-types.js';
import {humanDuration} from './duration.js';
import {exitCodeMeaning} from './exit-codes.js';
import {isSidecarSpec, printPodParts, timestampMs, ZERO_TIME, type PodRow} from './pod-status.js';

export type PodHealth = 'healthy' | 'initializing' | 'init-failing' | 'stuck' | 'app-failing' | 'pending' | 'completed' | 'terminating';

export interface PodSummary extends PodRow {
	uid: string;
	health: PodHealth;
	/** One cell that tells the health classes apart without colour (HEALTH_SYMBOLS). */
	symbol: string;
	/** Init steps done in order (regular: exited 0; sidecar: started) and their total (0/0: none). */
	initDone: number;
	initTotal: number;
	/** `▰▰▱ 2/3`, '' when the pod has no init containers. */
	progress: string;
	/** Epoch ms the current start-up step (running or waiting) began, when known. */
	stepSince?: number;
	/** Short reason for pods that are not fine. */
	why?: string;
	/** The number in RESTARTS. */
	restartCount: number;
	/** creationTimestamp in epoch ms, 0 when absent. */
	createdAt: number;
	/** From the server's printed row only (model/printed-pod.ts): no STEP, WHY or stuck yet. */
	provisional?: boolean;
}

export interface HealthOptions {
	/** An init step running or waiting (without failing) longer than this is stuck. */
	stuckAfterMs: number;
}

export const DEFAULT_STUCK_AFTER_MS = 120_000;
const DEFAULT_OPTIONS: HealthOptions = {stuckAfterMs: DEFAULT_STUCK_AFTER_MS};

/**
 * ● healthy · ◐ initializing · ⧗ stuck · ✖ init failing · ! app failing · ○ pending (not scheduled)
 * · ✔ completed · ✝ terminating. All single-column characters.
 */
export const HEALTH_SYMBOLS: Readonly<Record<PodHealth, string>> = {
	healthy: '●',
	initializing: '◐',
	stuck: '⧗',
	'init-failing': '✖',
	'app-failing': '!',
	pending: '○',
	completed: '✔',
	terminating: '✝',
};

export const HEALTH_LABELS: Readonly<Record<PodHealth, string>> = {
	healthy: 'healthy',
	initializing: 'initializing',
	stuck: 'stuck',
	'init-failing': 'init failing',
	'app-failing': 'app failing',
	pending: 'pending',
	completed: 'completed',
	terminating: 'terminating',
};

/** Waiting reasons that mean "not started yet", not "failed to start". */
const NOT_STARTED_REASONS = new Set(['', 'PodInitializing', 'ContainerCreating']);
const IMAGE_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'ImageInspectError', 'RegistryUnavailable', 'SignatureValidationFailed']);
/** Exit meanings too generic to be worth a cell's width. */
const PLAIN_MEANINGS = new Set(['general error', 'application error', 'success']);
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]+/g;
const WHY_MAX = 160;
const PROGRESS_MAX_CELLS = 10;

/** Untrusted text from the cluster made safe and short for one table cell. */
function cellText(text: string): string {
	const line = text.replace(CONTROL_CHARS, ' ').trim();
	return line.length > WHY_MAX ? `${line.slice(0, WHY_MAX - 1)}…` : line;
}

export function progressCell(done: number, total: number): string {
	if (total === 0) return '';
	const cells = Math.min(total, PROGRESS_MAX_CELLS);
	const filled = total <= PROGRESS_MAX_CELLS ? done : Math.round((done / total) * cells);
	return `${'▰'.repeat(filled)}${'▱'.repeat(cells - filled)} ${done}/${total}`;
}

/** `exit 127 (command not found)`, `exit 1`, `OOMKilled (exit 137)`. */
function exitText(exitCode: number, reason: string | undefined): string {
	if (reason === 'OOMKilled') return `OOMKilled (exit ${exitCode})`;
	if (reason && reason !== 'Error' && reason !== 'Completed') {
		const meaning = exitCodeMeaning(exitCode, reason).short;
		return `${reason}, exit ${exitCode} (${meaning})`;
	}
	const meaning = exitCodeMeaning(exitCode, reason).short;
	return PLAIN_MEANINGS.has(meaning) ? `exit ${exitCode}` : `exit ${exitCode} (${meaning})`;
}

function waitingFailureText(status: ContainerStatus, image: string | undefined): string {
	const waitingState = status.state!.waiting!;
	const reason = waitingState.reason!;
	const last = status.lastState?.terminated;
	if (reason === 'CrashLoopBackOff' && last) return `${exitText(last.exitCode ?? 0, last.reason)}, CrashLoopBackOff`;
	if (IMAGE_REASONS.has(reason)) {
		const shown = status.image || image || '?';
		if (reason === 'InvalidImageName') return `image ${shown} is not a valid name`;
		if (reason === 'ErrImageNeverPull') return `image ${shown} is not on the node (pull policy Never)`;
		return `image ${shown} can't be pulled (${reason})`;
	}
	const message = waitingState.message ? `: ${waitingState.message}` : '';
	return `${reason}${message}`;
}

function restartsText(restarts: number): string {
	return restarts === 0 ? 'no restarts' : restarts === 1 ? '1 restart' : `${restarts} restarts`;
}

interface Classified {
	health: PodHealth;
	why?: string;
	stepSince?: number;
	initDone: number;
}

function findSpec(containers: Container[] | undefined, name: string): Container | undefined {
	if (!containers) return undefined;
	for (const container of containers) if (container.name === name) return container;
	return undefined;
}

function conditionOf(pod: Pod, type: string) {
	const conditions = pod.status?.conditions;
	if (!conditions) return undefined;
	for (const condition of conditions) if (condition.type === type) return condition;
	return undefined;
}

/** When the pod could first start containers: status.startTime, else creation. */
function podStartMs(pod: Pod, createdAt: number): number {
	const started = timestampMs(pod.status?.startTime);
	return started !== ZERO_TIME ? started : createdAt;
}

function classify(pod: Pod, now: number, createdAt: number, options: HealthOptions): Classified {
	const status = pod.status ?? {};
	const spec = pod.spec;
	const initSpecs = spec.initContainers ?? [];
	const initStatuses = status.initContainerStatuses ?? [];
	const initializedCondition = conditionOf(pod, 'Initialized');
	const initialized = initializedCondition?.status === 'True';

	// Init progress and the first init step that is not done (printPod's loop).
	let initDone = 0;
	let blocked: ContainerStatus | undefined;
	let blockedSidecar = false;
	let previousFinished = ZERO_TIME;
	for (const cs of initStatuses) {
		const sidecar = isSidecarSpec(findSpec(initSpecs, cs.name));
		const terminatedState = cs.state?.terminated;
		if ((terminatedState && (terminatedState.exitCode ?? 0) === 0) || (sidecar && cs.started === true)) {
			initDone++;
			if (terminatedState) previousFinished = timestampMs(terminatedState.finishedAt);
			continue;
		}
		blocked = cs;
		blockedSidecar = sidecar;
		break;
	}
	// Once initialized, start-up is complete even if a sidecar restarts later.
	if (initialized) initDone = initSpecs.length;

	if (pod.metadata.deletionTimestamp) return {health: 'terminating', initDone};

	const phase = status.phase;
	if (phase === 'Succeeded') return {health: 'completed', initDone};

	// Not on a node yet.
	if (!spec.nodeName) {
		const scheduled = conditionOf(pod, 'PodScheduled');
		if (scheduled?.reason === 'SchedulingGated') {
			const gates = (spec.schedulingGates ?? []).map(gate => gate.name).join(', ');
			return {health: 'pending', initDone, why: cellText(`scheduling gated${gates ? `: ${gates}` : ''}`)};
		}
		if (phase !== 'Failed') {
			const why = scheduled?.status === 'False' ? cellText(`${scheduled.reason ?? 'unscheduled'}${scheduled.message ? `: ${scheduled.message}` : ''}`) : undefined;
			return {health: 'pending', initDone, ...(why ? {why} : {})};
		}
	}

	const stuckOrInitializing = (since: number, stuckWhy: () => string): Classified => {
		const known = since !== ZERO_TIME;
		const stuck = known && now - since > options.stuckAfterMs;
		return {
			health: stuck ? 'stuck' : 'initializing',
			initDone,
			...(known ? {stepSince: since} : {}),
			...(stuck ? {why: cellText(stuckWhy())} : {}),
		};
	};

	// Start-up: an init step is not done and the pod has not been initialized before.
	if (blocked && !initialized) {
		const name = blocked.name;
		const state = blocked.state;
		const terminatedState = state?.terminated;
		const label = blockedSidecar ? `${name} (sidecar)` : name;
		if (terminatedState) return {health: 'init-failing', initDone, why: cellText(`${label}: ${exitText(terminatedState.exitCode ?? 0, terminatedState.reason)}`)};
		const waitingReason = state?.waiting?.reason ?? '';
		if (state?.waiting && !NOT_STARTED_REASONS.has(waitingReason)) {
			return {health: 'init-failing', initDone, why: cellText(`${label}: ${waitingFailureText(blocked, findSpec(initSpecs, name)?.image)}`)};
		}
		// A regular init container only restarts after failing: running (or about to run) again
		// between back-offs is still a crash loop, not progress — until a run lasts past the stuck
		// threshold, which is then the more useful thing to say.
		const lastFailure = blocked.lastState?.terminated;
		const runningLong = state?.running !== undefined && now - timestampMs(state.running.startedAt) > options.stuckAfterMs;
		if (!blockedSidecar && !runningLong && (blocked.restartCount ?? 0) > 0 && lastFailure && (lastFailure.exitCode ?? 0) !== 0) {
			return {health: 'init-failing', initDone, why: cellText(`${label}: ${exitText(lastFailure.exitCode ?? 0, lastFailure.reason)}, ${restartsText(blocked.restartCount)}, ${state?.running ? 'running again' : 'restarting'}`)};
		}
		if (state?.running) {
			const since = timestampMs(state.running.startedAt);
			const notStarted = blockedSidecar ? ', not started (startup probe)' : '';
			return stuckOrInitializing(since, () => `${label}: running ${humanDuration(now - since)}${notStarted}, ${restartsText(blocked!.restartCount ?? 0)}`);
		}
		// Not started yet: it has been waiting since the previous init step finished.
		const since = previousFinished !== ZERO_TIME ? previousFinished : podStartMs(pod, createdAt);
		return stuckOrInitializing(since, () => `${label}: not started after ${humanDuration(now - since)}`);
	}
	if (initSpecs.length > 0 && initStatuses.length === 0 && !initialized && phase !== 'Failed') {
		// Scheduled but the kubelet has not reported container statuses yet.
		const since = podStartMs(pod, createdAt);
		return stuckOrInitializing(since, () => `${initSpecs[0]!.name}: no container status after ${humanDuration(now - since)}`);
	}

	// A sidecar that fails after initialization: the pod runs, the sidecar does not.
	if (blocked && blockedSidecar) {
		const terminatedState = blocked.state?.terminated;
		const waitingReason = blocked.state?.waiting?.reason ?? '';
		if (terminatedState) return {health: 'app-failing', initDone, why: cellText(`${blocked.name} (sidecar): ${exitText(terminatedState.exitCode ?? 0, terminatedState.reason)}`)};
		if (blocked.state?.waiting && !NOT_STARTED_REASONS.has(waitingReason)) {
			return {health: 'app-failing', initDone, why: cellText(`${blocked.name} (sidecar): ${waitingFailureText(blocked, findSpec(initSpecs, blocked.name)?.image)}`)};
		}
	}

	if (phase === 'Failed') {
		const failedInit = blocked?.state?.terminated;
		if (failedInit && !initialized) {
			return {health: 'init-failing', initDone, why: cellText(`${blocked!.name}: ${exitText(failedInit.exitCode ?? 0, failedInit.reason)}`)};
		}
	}

	// App containers, in status order (sorted by name, as printPod's winner).
	const statuses = status.containerStatuses ?? [];
	let failing: ContainerStatus | undefined;
	let notStarted: ContainerStatus | undefined;
	let allCompleted = statuses.length > 0;
	for (const cs of statuses) {
		const state = cs.state;
		const terminatedState = state?.terminated;
		const waitingReason = state?.waiting?.reason ?? '';
		if (terminatedState) {
			if ((terminatedState.exitCode ?? 0) !== 0 && !failing) failing = cs;
			continue;
		}
		allCompleted = false;
		if (state?.waiting) {
			if (NOT_STARTED_REASONS.has(waitingReason)) notStarted ??= cs;
			else failing ??= cs;
		} else if (!state?.running) {
			notStarted ??= cs;
		}
	}
	if (failing) {
		const terminatedState = failing.state?.terminated;
		const text = terminatedState
			? exitText(terminatedState.exitCode ?? 0, terminatedState.reason)
			: waitingFailureText(failing, findSpec(spec.containers, failing.name)?.image);
		return {health: 'app-failing', initDone, why: cellText(`${failing.name}: ${text}`)};
	}
	if (phase === 'Failed') {
		const reason = status.reason ?? 'Failed';
		return {health: 'app-failing', initDone, why: cellText(`${reason}${status.message ? `: ${status.message}` : ''}`)};
	}
	if (allCompleted) return {health: 'completed', initDone};
	if (notStarted || statuses.length === 0) {
		// After init (PodInitializing) or before the first app start (ContainerCreating).
		const since = previousFinished !== ZERO_TIME && initDone === initSpecs.length ? previousFinished : podStartMs(pod, createdAt);
		const name = notStarted?.name ?? spec.containers?.[0]?.name ?? 'container';
		return stuckOrInitializing(since, () => `${name}: not started after ${humanDuration(now - since)}`);
	}
	return {health: 'healthy', initDone};
}

export function summarizePod(pod: Pod, now: number, options: HealthOptions = DEFAULT_OPTIONS): PodSummary {
	const printed = printPodParts(pod, now);
	const createdAt = printed.createdAt;
	const classified = classify(pod, now, createdAt, options);
	const initTotal = pod.spec.initContainers?.length ?? 0;
	const row = printed.row;
	// One literal with every field, so all summaries share a shape (this runs per pod per refresh).
	return {
		name: row.name,
		namespace: row.namespace,
		ready: row.ready,
		status: row.status,
		restarts: row.restarts,
		age: row.age,
		ip: row.ip,
		node: row.node,
		nominatedNode: row.nominatedNode,
		readinessGates: row.readinessGates,
		uid: pod.metadata.uid ?? `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`,
		health: classified.health,
		symbol: HEALTH_SYMBOLS[classified.health],
		initDone: classified.initDone,
		initTotal,
		progress: progressCell(classified.initDone, initTotal),
		stepSince: classified.stepSince,
		why: classified.why,
		restartCount: printed.restartCount,
		createdAt: createdAt === ZERO_TIME ? 0 : createdAt,
	};
}

export interface HealthCounts {
	pods: number;
	initializing: number;
	/** init-failing + app-failing. */
	failing: number;
	stuck: number;
	byHealth: Record<PodHealth, number>;
}

export function healthCounts(summaries: Iterable<{health: PodHealth}>): HealthCounts {
	const byHealth: Record<PodHealth, number> = {
		healthy: 0, initializing: 0, 'init-failing': 0, stuck: 0, 'app-failing': 0, pending: 0, completed: 0, terminating: 0,
	};
	let pods = 0;
	for (const summary of summaries) {
		byHealth[summary.health]++;
		pods++;
	}
	return {pods, initializing: byHealth.initializing, failing: byHealth['init-failing'] + byHealth['app-failing'], stuck: byHealth.stuck, byHealth};
}
