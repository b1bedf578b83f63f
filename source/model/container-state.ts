// The one vocabulary for container state: which waiting reasons mean "not started yet", which
// mean "failing", when a run counts as a success, when an init step is done, and the one
// timestamp parser. Every surface (table, drill-down, timeline, findings, report) reads these;
// nothing else decides them.

import type {Container, ContainerStatus} from './k8s-types.js';

/** Go's zero time.Time: earlier than every real instant (1970-01-01 is a real instant in Go). */
export const ZERO_TIME = Number.NEGATIVE_INFINITY;

/** Epoch ms of an RFC3339 timestamp; ZERO_TIME when absent or unparsable. */
export function timestampMs(timestamp: string | null | undefined): number {
	if (!timestamp) return ZERO_TIME;
	const at = Date.parse(timestamp);
	return Number.isNaN(at) ? ZERO_TIME : at;
}

/** Epoch ms of an RFC3339 timestamp; 0 when absent or unparsable (the Unix epoch means "unknown" too). */
export function epochMs(timestamp: string | null | undefined): number {
	const at = timestampMs(timestamp);
	return at === ZERO_TIME ? 0 : at;
}

/** pkg/api/pod IsRestartableInitContainer: an init container with restartPolicy Always (native sidecar). */
export function isSidecarSpec(container: {restartPolicy?: string} | undefined): boolean {
	return container?.restartPolicy === 'Always';
}

/** Waiting reasons that are normal progress ("not started yet"), not a problem. */
export const NOT_STARTED_REASONS: ReadonlySet<string> = new Set(['', 'PodInitializing', 'ContainerCreating']);

/** Waiting reasons about the image: the container never ran. */
export const IMAGE_REASONS: ReadonlySet<string> = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'ImageInspectError', 'RegistryUnavailable', 'SignatureValidationFailed']);

/** Waiting reasons the kubelet sets while it waits out a back-off before retrying. */
export const BACKOFF_REASONS: ReadonlySet<string> = new Set(['CrashLoopBackOff', 'ImagePullBackOff']);

/** Waiting reasons that mean the container could not be created or started. */
export const START_FAILURE_REASONS: ReadonlySet<string> = new Set(['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'PreCreateHookError', 'PreStartHookError', 'PostStartHookError']);

/** A waiting reason that is a failure (anything but "not started yet"). */
export function isFailingWaitReason(reason: string | undefined): boolean {
	return !NOT_STARTED_REASONS.has(reason ?? '');
}

/**
 * A run that ended well: exit 0 and not OOM-killed. Since Kubernetes 1.23 (kubernetes#104650) an
 * init container OOM-killed with exit 0 counts as failed; the same holds for every container.
 */
export function runSucceeded(exitCode: number | undefined, reason: string | undefined): boolean {
	return (exitCode ?? 0) === 0 && reason !== 'OOMKilled';
}

/** An init step is done: a regular init container exited successfully; a sidecar has started. */
export function initStepDone(spec: Container | undefined, status: ContainerStatus | undefined): boolean {
	if (!status) return false;
	if (isSidecarSpec(spec)) return status.started === true;
	const terminated = status.state?.terminated;
	return terminated !== undefined && runSucceeded(terminated.exitCode, terminated.reason);
}

/**
 * After a container runs this long without trouble the kubelet resets its crash-loop back-off
 * (twice the 5 min maximum back-off). A container running again less than this after a failed run
 * is still in its crash loop, not recovered: the verdict does not flap between restarts.
 */
export const CRASH_LOOP_WINDOW_MS = 10 * 60_000;

/** The container failed before its current run, recently enough to still be in a crash loop. */
export function runningAgainAfterFailure(status: ContainerStatus | undefined, now: number): boolean {
	if (!status?.state?.running || (status.restartCount ?? 0) === 0) return false;
	const last = status.lastState?.terminated;
	if (!last || runSucceeded(last.exitCode, last.reason)) return false;
	const finished = timestampMs(last.finishedAt);
	return finished === ZERO_TIME || now - finished < CRASH_LOOP_WINDOW_MS;
}

/** The container has run at least once (so it has logs to read). */
export function hasRun(status: ContainerStatus | undefined): boolean {
	if (!status) return false;
	return Boolean(status.state?.running || status.state?.terminated || status.lastState?.terminated || (status.restartCount ?? 0) > 0);
}
