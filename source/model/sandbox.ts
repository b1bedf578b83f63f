// The stage between scheduling and the first container: the kubelet mounts the pod's volumes,
// then creates its sandbox (network namespace, IP). Until both are ready no container is created,
// so the pod says Init:0/N or ContainerCreating and the cause is only in events (findings/sandbox.ts).
// This module reads the pod alone (the table has no events): the verdict asks it whether the pod
// is still before its sandbox, and since when.

import {timestampMs, ZERO_TIME} from './container-state.js';
import type {ContainerStatus, KubeEvent, Pod} from './k8s-types.js';

/** kubelet's pod condition (KEP-3085, beta and on by default since 1.29): sandbox created, network configured. */
export const SANDBOX_CONDITION = 'PodReadyToStartContainers';

/** A container the kubelet has created at least once: it has an id, a run, or a restart. */
function created(status: ContainerStatus): boolean {
	const state = status.state ?? {};
	return Boolean(status.containerID || state.running || state.terminated || status.lastState?.terminated || (status.restartCount ?? 0) > 0);
}

/** Waiting reasons the kubelet gives containers it has not tried to create yet. */
const BEFORE_CREATE = new Set(['', 'PodInitializing', 'ContainerCreating']);

/** No container of the pod was ever created (nor tried and failed on its own). */
export function noContainerCreated(pod: Pod): boolean {
	const status = pod.status ?? {};
	const statuses = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
	return !statuses.some(s => created(s) || !BEFORE_CREATE.has(s.state?.waiting?.reason ?? ''));
}

/**
 * The pod is on a node and still before its sandbox: no container was ever created, none fails on
 * its own (an image or config error means the sandbox is up), and either the kubelet says the
 * sandbox is not ready (PodReadyToStartContainers False) or — on clusters without that condition —
 * the pod has no IP yet (every pod not on the host network gets its IP with its sandbox).
 */
export function beforeSandbox(pod: Pod): boolean {
	if (!pod.spec.nodeName || pod.metadata.deletionTimestamp) return false;
	const status = pod.status ?? {};
	if (status.phase && status.phase !== 'Pending') return false;
	if (!noContainerCreated(pod)) return false;
	const ready = status.conditions?.find(c => c.type === SANDBOX_CONDITION);
	if (ready) return ready.status !== 'True';
	return !status.podIP && !pod.spec.hostNetwork;
}

/** Since when the pod waits for its sandbox: scheduled (PodScheduled), else started, else created. */
export function sandboxWaitSince(pod: Pod): number {
	const scheduled = pod.status?.conditions?.find(c => c.type === 'PodScheduled' && c.status === 'True');
	for (const at of [scheduled?.lastTransitionTime, pod.status?.startTime, pod.metadata.creationTimestamp]) {
		const ms = timestampMs(at);
		if (ms !== ZERO_TIME) return ms;
	}
	return ZERO_TIME;
}

/** The stage's name as every surface says it. */
export const SANDBOX_STAGE_TEXT = 'sandbox and volumes';

/** Pod-level warnings that keep a pod before its sandbox (kubelet and attach/detach controller reasons). */
const SANDBOX_WARNINGS: ReadonlySet<string> = new Set(['FailedMount', 'FailedAttachVolume', 'FailedCreatePodSandBox', 'FailedMapVolume']);

/** The reason of the latest pod-level warning about volumes or the sandbox (the timeline marks the wait with it). */
export function sandboxWarning(events: readonly KubeEvent[]): string | undefined {
	let latest: {at: number; reason: string} | undefined;
	for (const event of events) {
		if (event.type !== 'Warning' || !SANDBOX_WARNINGS.has(event.reason ?? '') || event.involvedObject.fieldPath) continue;
		const at = timestampMs(event.lastTimestamp ?? event.eventTime);
		if (!latest || at >= latest.at) latest = {at, reason: event.reason!};
	}
	return latest?.reason;
}
