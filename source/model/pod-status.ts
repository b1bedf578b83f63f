// The `kubectl get pods` row exactly as the API server's `printPod` builds it (Kubernetes v1.36,
// pkg/printers/internalversion/printers.go; k8s-semantics.md §1.2). Every quirk is deliberate:
// the row must be identical to what kubectl prints for the same object at the same instant.

import type {ContainerStatus, Pod, PodCondition} from './k8s-types.js';
import {humanDuration} from './duration.js';
import {isSidecarSpec, timestampMs, ZERO_TIME} from './container-state.js';

export interface PodRow {
	name: string;
	namespace: string;
	ready: string;
	status: string;
	restarts: string;
	age: string;
	/** `-o wide` cells. */
	ip: string;
	node: string;
	nominatedNode: string;
	readinessGates: string;
}

/** kubectl's cell for an absent value. */
export const NONE = '<none>';

/** `translateTimestampSince`: `<unknown>` for the zero time, else HumanDuration(now - t). */
function since(at: number, now: number): string {
	return at === ZERO_TIME ? '<unknown>' : humanDuration(now - at);
}

function lastTerminationFinished(status: ContainerStatus): number | undefined {
	const terminated = status.lastState?.terminated;
	return terminated ? timestampMs(terminated.finishedAt) : undefined;
}

/** isPodInitializedConditionTrue: the first condition of type Initialized decides. */
function initializedConditionTrue(conditions: PodCondition[] | undefined): boolean {
	if (!conditions) return false;
	for (const condition of conditions) {
		if (condition.type === 'Initialized') return condition.status === 'True';
	}
	return false;
}

/** hasPodReadyCondition: any Ready condition with status True. */
export function readyConditionTrue(conditions: PodCondition[] | undefined): boolean {
	if (!conditions) return false;
	for (const condition of conditions) {
		if (condition.type === 'Ready' && condition.status === 'True') return true;
	}
	return false;
}

function terminatedReason(reason: string | undefined, signal: number | undefined, exitCode: number | undefined, prefix: string): string {
	if (reason) return prefix + reason;
	return signal ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${exitCode ?? 0}`;
}

export function printPod(pod: Pod, now: number): PodRow {
	return printPodParts(pod, now).row;
}

/** printPod's row plus the numbers behind it, so callers need not parse the row back. */
export interface PrintedPod {
	row: PodRow;
	/** creationTimestamp in epoch ms, ZERO_TIME when absent. */
	createdAt: number;
	/** The count shown in RESTARTS. */
	restartCount: number;
}

export function printPodParts(pod: Pod, now: number): PrintedPod {
	const spec = pod.spec;
	const status = pod.status ?? {};
	const initContainers = spec.initContainers ?? [];
	const conditions = status.conditions;

	let restarts = 0;
	let sidecarRestarts = 0;
	let total = spec.containers?.length ?? 0;
	let ready = 0;
	let lastRestart = ZERO_TIME;
	let lastSidecarRestart = ZERO_TIME;

	let reason = status.phase ?? '';
	if (status.reason) reason = status.reason;
	if (conditions) {
		for (const condition of conditions) {
			if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') reason = 'SchedulingGated';
		}
	}

	const sidecarNames = new Set<string>();
	for (const container of initContainers) {
		if (isSidecarSpec(container)) {
			total++;
			sidecarNames.add(container.name);
		}
	}

	let initializing = false;
	const initStatuses = status.initContainerStatuses ?? [];
	for (let i = 0; i < initStatuses.length; i++) {
		const container = initStatuses[i]!;
		restarts += container.restartCount ?? 0;
		const finished = lastTerminationFinished(container);
		if (finished !== undefined && finished > lastRestart) lastRestart = finished;
		const sidecar = sidecarNames.has(container.name);
		if (sidecar) {
			sidecarRestarts += container.restartCount ?? 0;
			if (finished !== undefined && finished > lastSidecarRestart) lastSidecarRestart = finished;
		}
		const state = container.state;
		const terminated = state?.terminated;
		if (terminated && (terminated.exitCode ?? 0) === 0) continue;
		if (sidecar && container.started === true) {
			if (container.ready) ready++;
			continue;
		}
		const waiting = state?.waiting;
		if (terminated) {
			reason = terminatedReason(terminated.reason, terminated.signal, terminated.exitCode, 'Init:');
		} else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
			reason = `Init:${waiting.reason}`;
		} else {
			reason = `Init:${i}/${initContainers.length}`;
		}
		initializing = true;
		break;
	}

	if (!initializing || initializedConditionTrue(conditions)) {
		restarts = sidecarRestarts;
		lastRestart = lastSidecarRestart;
		let hasRunning = false;
		let errorReason = '';
		const statuses = status.containerStatuses ?? [];
		for (let i = statuses.length - 1; i >= 0; i--) {
			const container = statuses[i]!;
			restarts += container.restartCount ?? 0;
			const finished = lastTerminationFinished(container);
			if (finished !== undefined && finished > lastRestart) lastRestart = finished;
			const state = container.state;
			if (state?.waiting && state.waiting.reason) {
				reason = state.waiting.reason;
			} else if (state?.terminated) {
				const terminated = state.terminated;
				reason = terminatedReason(terminated.reason, terminated.signal, terminated.exitCode, '');
				if ((terminated.exitCode ?? 0) !== 0) errorReason = reason;
			} else if (container.ready && state?.running) {
				hasRunning = true;
				ready++;
			}
		}
		if (reason === 'Completed') {
			if (hasRunning && readyConditionTrue(conditions)) reason = 'Running';
			else if (errorReason !== '') reason = errorReason;
			else if (hasRunning) reason = 'NotReady';
		}
	}

	const deleting = Boolean(pod.metadata.deletionTimestamp);
	if (deleting && status.reason === 'NodeLost') {
		reason = 'Unknown';
	} else if (deleting && status.phase !== 'Succeeded' && status.phase !== 'Failed') {
		reason = 'Terminating';
	}

	let restartsCell = String(restarts);
	if (restarts !== 0 && lastRestart !== ZERO_TIME) restartsCell = `${restarts} (${since(lastRestart, now)} ago)`;

	const createdAt = timestampMs(pod.metadata.creationTimestamp);
	const row: PodRow = {
		name: pod.metadata.name,
		namespace: pod.metadata.namespace ?? '',
		ready: `${ready}/${total}`,
		status: reason,
		restarts: restartsCell,
		age: since(createdAt, now),
		ip: status.podIPs?.[0]?.ip || NONE,
		node: spec.nodeName || NONE,
		nominatedNode: status.nominatedNodeName || NONE,
		readinessGates: readinessGatesCell(pod),
	};
	return {row, createdAt, restartCount: restarts};
}

/** READINESS GATES: `<none>`, or `T/N` where T counts gates whose first same-type condition is True. */
function readinessGatesCell(pod: Pod): string {
	const gates = pod.spec.readinessGates;
	if (!gates || gates.length === 0) return NONE;
	let trueGates = 0;
	for (const gate of gates) {
		const condition = pod.status?.conditions?.find(c => c.type === gate.conditionType);
		if (condition?.status === 'True') trueGates++;
	}
	return `${trueGates}/${gates.length}`;
}
