// Pod-level status from the containers' runtime state: phase (kubelet_pods.go getPhase) and the
// conditions in generateAPIPodStatus order (status/generate.go), with lastTransitionTime kept
// until a condition's status actually changes.
import type {PodCondition, PodStatus} from '../../source/model/k8s-types.js';
import {ALL_RESTARTING_CONDITION} from '../../source/model/findings/pod-restart.js';
import {nowRfc3339} from '../store.js';
import {containerStatus, initDone, isReady, isRunning, type ContainerRun} from './container-run.js';

export interface PodRuntime {
	runs: readonly ContainerRun[];
	restartPolicy: string;
	/** The sandbox exists (the kubelet's first sync happened). */
	sandboxReady: boolean;
	/** All init containers were done once (Initialized stays True afterwards). */
	initialized: boolean;
	/** A regular init container failed with restartPolicy Never. */
	initFailed: boolean;
	/** A container has a RestartAllContainers rule (podutil.AllContainersCouldRestart): the pod reports AllContainersRestarting. */
	couldRestartAll: boolean;
	/** KEP-5532's termination phase: a RestartAllContainers rule matched, the containers are being removed. */
	restartingAll: boolean;
	/** The kubelet evicted the pod (active_deadline.go: DeadlineExceeded): phase Failed with this reason. */
	evicted?: {reason: string; message: string};
	startTime?: string;
	podIP?: string;
	hostIP?: string;
	qosClass: string;
}

type ConditionValue = Pick<PodCondition, 'type' | 'status' | 'reason' | 'message'>;

const names = (runs: readonly ContainerRun[]) => `[${runs.map(run => run.spec.name).join(' ')}]`;

export function podPhase(runtime: PodRuntime): string {
	if (runtime.initFailed || runtime.evicted) return 'Failed';
	// The exit that triggered a whole-pod restart does not end the pod (status/generate.go test: Running while restarting).
	if (runtime.restartingAll) return 'Running';
	if (!runtime.sandboxReady || !runtime.initialized) return 'Pending';
	let waiting = 0;
	let running = 0;
	let stopped = 0;
	let succeededCount = 0;
	for (const run of runtime.runs) {
		if (run.kind !== 'main') continue;
		if (isRunning(run) && !run.waiting) running++;
		else if (run.current?.finishedAt) {
			stopped++;
			if (run.current.exitCode === 0 && !run.waiting) succeededCount++;
		} else waiting++;
	}
	if (waiting > 0) return 'Pending';
	if (running > 0) return 'Running';
	if (stopped > 0) {
		if (runtime.restartPolicy === 'Always' || runtime.restartPolicy === 'OnFailure' && succeededCount < stopped) return 'Running';
		return succeededCount === stopped ? 'Succeeded' : 'Failed';
	}
	return 'Pending';
}

function conditionValues(runtime: PodRuntime, phase: string): ConditionValue[] {
	const inits = runtime.runs.filter(run => run.kind !== 'main');
	const unready = runtime.runs.filter(run => run.kind === 'sidecar' && !isReady(run))
		.concat(runtime.runs.filter(run => run.kind === 'main' && !isReady(run)));
	const incomplete = inits.filter(run => !initDone(run));
	const initialized: ConditionValue = runtime.initialized || incomplete.length === 0
		? {type: 'Initialized', status: 'True'}
		: {type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: ${names(incomplete)}`};
	const readiness = (type: string): ConditionValue => {
		if (phase === 'Succeeded') return {type, status: 'False', reason: 'PodCompleted'};
		if (phase === 'Failed' && !runtime.initFailed) return {type, status: 'False', reason: 'PodFailed'};
		return unready.length === 0 ? {type, status: 'True'} : {type, status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: ${names(unready)}`};
	};
	return [
		...(runtime.couldRestartAll ? [allContainersRestarting(runtime, phase)] : []),
		{type: 'PodReadyToStartContainers', status: phase === 'Succeeded' || phase === 'Failed' || !runtime.sandboxReady ? 'False' : 'True'},
		initialized,
		readiness('Ready'),
		readiness('ContainersReady'),
		{type: 'PodScheduled', status: 'True'},
	];
}

/**
 * status.GenerateAllContainersRestartingCondition (KEP-5532, kubelet 1.35+): True with the
 * kubelet's reason/message from the triggering exit until every container is removed; False
 * (PodFailed/PodCompleted once the pod ended) otherwise.
 */
function allContainersRestarting(runtime: PodRuntime, phase: string): ConditionValue {
	const type = ALL_RESTARTING_CONDITION;
	if (runtime.restartingAll) return {type, status: 'True', reason: 'RestartAllContainersStarted', message: 'container exited with restart policy rule'};
	if (phase === 'Failed') return {type, status: 'False', reason: 'PodFailed'};
	if (phase === 'Succeeded') return {type, status: 'False', reason: 'PodCompleted'};
	return {type, status: 'False'};
}

/** Keeps lastTransitionTime per condition type across status builds. */
export class ConditionClock {
	private readonly since = new Map<string, {status: string; at: string}>();

	/** `fixedTime`: stamp every transition with it (statuses written after the fact, e.g. bench pods). */
	constructor(private readonly fixedTime?: string) {}

	stamp(values: ConditionValue[]): PodCondition[] {
		return values.map(value => {
			let seen = this.since.get(value.type);
			if (!seen || seen.status !== value.status) {
				seen = {status: value.status, at: this.fixedTime ?? nowRfc3339()};
				this.since.set(value.type, seen);
			}
			return {type: value.type, status: value.status, lastProbeTime: null, lastTransitionTime: seen.at, ...(value.reason ? {reason: value.reason} : {}), ...(value.message ? {message: value.message} : {})};
		});
	}
}

/** What the scheduler writes when it cannot place the pod (schedule_one.go updatePod): PodScheduled False. */
export function unschedulableStatus(clock: ConditionClock, qosClass: string, message: string): PodStatus {
	return {phase: 'Pending', conditions: clock.stamp([{type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message}]), qosClass};
}

/** What the scheduler writes when it binds the pod: only PodScheduled. */
export function scheduledStatus(clock: ConditionClock, qosClass: string): PodStatus {
	return {phase: 'Pending', conditions: clock.stamp([{type: 'PodScheduled', status: 'True'}]), qosClass};
}

export function buildPodStatus(runtime: PodRuntime, clock: ConditionClock): PodStatus {
	const phase = podPhase(runtime);
	const hasInit = runtime.runs.some(run => run.kind !== 'main');
	const status: PodStatus = {phase, conditions: clock.stamp(conditionValues(runtime, phase))};
	if (runtime.evicted) Object.assign(status, runtime.evicted);
	if (runtime.hostIP) Object.assign(status, {hostIP: runtime.hostIP, hostIPs: [{ip: runtime.hostIP}]});
	if (runtime.podIP) Object.assign(status, {podIP: runtime.podIP, podIPs: [{ip: runtime.podIP}]});
	if (runtime.startTime) status.startTime = runtime.startTime;
	if (hasInit) status.initContainerStatuses = runtime.runs.filter(run => run.kind !== 'main').map(run => containerStatus(run, true));
	status.containerStatuses = runtime.runs.filter(run => run.kind === 'main')
		.map(run => containerStatus(run, hasInit))
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	status.qosClass = runtime.qosClass;
	return status;
}
