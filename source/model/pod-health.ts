// What the pod table highlights: one health class per pod, a symbol that tells the classes apart
// without colour, init progress, how long the current start-up step has taken, and a short "why"
// for pods that are not fine — all read from the pod's verdict (model/verdict.ts), so the table
// tells the same story as the drill-down. Runs for thousands of pods per refresh.

import type {Pod} from './k8s-types.js';
import {ZERO_TIME} from './container-state.js';
import {podCause, type PodCause} from './cause.js';
import {printPodParts, type PodRow} from './pod-status.js';
import {DEFAULT_CONFIG, podVerdict, type DiagnosisConfig, type PodVerdict} from './verdict.js';

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
	/** The cause lies with an init container (the `i` view shows the pod). */
	initCause: boolean;
	/** The cause (fingerprint, shared keys, reason), for pods failing or stuck: what cause groups are made of. */
	cause?: PodCause;
	/** The number in RESTARTS. */
	restartCount: number;
	/** creationTimestamp in epoch ms, 0 when absent. */
	createdAt: number;
	/** From the server's printed row only (model/printed-pod.ts): no STEP, WHY or stuck yet. */
	provisional?: boolean;
}

/** The run configuration the verdict reads (`--stuck-after`). */
export type HealthOptions = DiagnosisConfig;

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

/** Worst first: what needs attention comes first (the table's status sort, the cause groups). */
export const HEALTH_SEVERITY: Readonly<Record<PodHealth, number>> = {
	'init-failing': 0, stuck: 1, 'app-failing': 2, initializing: 3, pending: 4, terminating: 5, healthy: 6, completed: 7,
};

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

/** The table's class for a verdict. */
export function healthOf(verdict: PodVerdict): PodHealth {
	switch (verdict.stage) {
		case 'terminating': return 'terminating';
		case 'completed': return 'completed';
		case 'scheduling': return 'pending';
		case 'failed': return verdict.blocker && verdict.blocker.kind !== 'app' ? 'init-failing' : 'app-failing';
		case 'sandbox':
		case 'init': return verdict.progress === 'failing' ? 'init-failing' : verdict.progress === 'stuck' ? 'stuck' : 'initializing';
		case 'app-start': return verdict.progress === 'failing' ? 'app-failing' : verdict.progress === 'stuck' ? 'stuck' : 'initializing';
		case 'running': return verdict.progress === 'failing' ? 'app-failing' : 'healthy';
	}
}

/** The WHY cell: the blocking container and what is wrong with it; the suspect first when there is one. */
export function whyOf(verdict: PodVerdict): string | undefined {
	if (!verdict.detail) return undefined;
	const blocker = verdict.blocker;
	const label = blocker && verdict.reason !== 'pod-failed' ? `${blocker.name}${blocker.kind === 'sidecar' ? ' (sidecar)' : ''}: ` : '';
	const text = `${label}${verdict.detail}`;
	return cellText(verdict.suspect ? `${verdict.suspect.text} — ${text}` : text);
}

export function summarizePod(pod: Pod, now: number, options: HealthOptions = DEFAULT_CONFIG): PodSummary {
	const printed = printPodParts(pod, now);
	const createdAt = printed.createdAt;
	const verdict = podVerdict(pod, now, options);
	const health = healthOf(verdict);
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
		health,
		symbol: HEALTH_SYMBOLS[health],
		initDone: verdict.initDone,
		initTotal: verdict.initTotal,
		progress: progressCell(verdict.initDone, verdict.initTotal),
		stepSince: verdict.stepSince,
		why: whyOf(verdict),
		initCause: verdict.initCause,
		cause: podCause(verdict, pod, createdAt === ZERO_TIME ? 0 : createdAt),
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

/** Pods per health, all zero. */
export function emptyTally(): Record<PodHealth, number> {
	return {healthy: 0, initializing: 0, 'init-failing': 0, stuck: 0, 'app-failing': 0, pending: 0, completed: 0, terminating: 0};
}

/** The header numbers from pods per health (kept up to date pod by pod, or counted by healthCounts). */
export function countsOfTally(byHealth: Record<PodHealth, number>, pods: number): HealthCounts {
	return {pods, initializing: byHealth.initializing, failing: byHealth['init-failing'] + byHealth['app-failing'], stuck: byHealth.stuck, byHealth};
}

export function healthCounts(summaries: Iterable<{health: PodHealth}>): HealthCounts {
	const byHealth = emptyTally();
	let pods = 0;
	for (const summary of summaries) {
		byHealth[summary.health]++;
		pods++;
	}
	return countsOfTally(byHealth, pods);
}
