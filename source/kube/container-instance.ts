// Which instance of a container the kubelet serves logs for, read from the pod status
// (kubelet validateContainerLogStatus: running → current; waiting after a crash → the last
// terminated instance; terminated → that one).
import type {ContainerStateTerminated, ContainerStateWaiting, ContainerStatus, Pod} from '../model/k8s-types.js';

export interface ContainerInstance {
	/** The containerID whose log a non-previous request returns; undefined if none yet. */
	logID: string | undefined;
	/** 1 = first run; the instance `logID` belongs to. */
	instance: number;
	running: boolean;
	waiting?: ContainerStateWaiting;
	/** Termination of the instance `logID` belongs to, when it has ended. */
	terminated?: ContainerStateTerminated;
	/** The instance before the current one, if it ended (for "restarted" notices). */
	previous?: ContainerStateTerminated;
}

export function findContainerStatus(pod: Pod | undefined, container: string): ContainerStatus | undefined {
	const status = pod?.status;
	if (!status) return undefined;
	const ephemeral = (status as {ephemeralContainerStatuses?: ContainerStatus[]}).ephemeralContainerStatuses;
	for (const list of [status.containerStatuses, status.initContainerStatuses, ephemeral]) {
		const found = list?.find(candidate => candidate.name === container);
		if (found) return found;
	}
	return undefined;
}

export function containerInstance(pod: Pod | undefined, container: string): ContainerInstance | undefined {
	const status = findContainerStatus(pod, container);
	if (!status) return undefined;
	const current = status.restartCount + 1;
	const previous = status.lastState?.terminated;
	const state = status.state ?? {};
	if (state.running) return {logID: status.containerID || undefined, instance: current, running: true, previous};
	if (state.terminated) {
		return {logID: state.terminated.containerID || status.containerID || previous?.containerID || undefined, instance: current, running: false, terminated: state.terminated, previous};
	}
	if (previous?.containerID) {
		// Waiting after an exit (CrashLoopBackOff): lastState is the newest instance, the one
		// restartCount was counted for, so it is number restartCount + 1 too.
		return {logID: previous.containerID, instance: current, running: false, waiting: state.waiting, terminated: previous, previous};
	}
	return {logID: undefined, instance: current, running: false, waiting: state.waiting ?? {reason: 'ContainerCreating'}};
}
