// The kubelet's runtime view of one container of a pod: its current and previous instance and
// what it is waiting for. Turned into a v1 ContainerStatus exactly as
// kubelet_pods.go convertToAPIContainerStatuses does (k8s-semantics.md §3.1).
import {randomBytes, createHash} from 'node:crypto';
import type {Container, ContainerState, ContainerStatus} from '../../source/model/k8s-types.js';
import type {Timers} from './timers.js';
import type {ContainerProgram} from './programs.js';
import type {AppliedUser} from './container-user.js';

export type ContainerKind = 'init' | 'sidecar' | 'main';

export interface Instance {
	containerID: string;
	startedAt: string;
	finishedAt?: string;
	exitCode?: number;
	reason?: string;
	message?: string;
}

export interface ContainerRun {
	readonly spec: Container;
	readonly kind: ContainerKind;
	readonly program: ContainerProgram;
	/** `spec.initContainers{NAME}` / `spec.containers{NAME}`: events' involvedObject.fieldPath. */
	readonly fieldPath: string;
	restartCount: number;
	current?: Instance;
	last?: Instance;
	/** The last start failure (the kubelet's reason cache): CrashLoopBackOff, ErrImagePull, … */
	waiting?: {reason: string; message?: string};
	/** A start or restart is scheduled or in progress: nothing else may start it. */
	pending: boolean;
	/** Current crash-loop back-off in seconds; undefined until the first restart. */
	crashBackoff?: number;
	crashBackoffUpdatedAt?: number;
	imageBackoff?: number;
	imageID?: string;
	/** The identity the runtime applies (containerStatuses[].user, reported once the container exists). */
	user?: AppliedUser;
	/** The signal the runtime stops it with (containerStatuses[].stopSignal): lifecycle.stopSignal, else the image's STOPSIGNAL, else SIGTERM. */
	stopSignal: string;
	/** Removed from the runtime by a whole-pod restart (KEP-5532): its next start counts as a restart. */
	removed?: boolean;
	/** Timers of the current instance or back-off; replaced on every start. */
	timers?: Timers;
}

export function newRun(spec: Container, kind: ContainerKind, program: ContainerProgram): ContainerRun {
	const list = kind === 'main' ? 'containers' : 'initContainers';
	const stopSignal = spec.lifecycle?.stopSignal ?? program.stopSignal ?? 'SIGTERM';
	return {spec, kind, program, fieldPath: `spec.${list}{${spec.name}}`, restartCount: 0, pending: false, stopSignal};
}

export const isRunning = (run: ContainerRun) => run.current !== undefined && run.current.finishedAt === undefined;
export const isTerminated = (run: ContainerRun) => run.current?.finishedAt !== undefined;
export const succeeded = (run: ContainerRun) => isTerminated(run) && run.current!.exitCode === 0;

/** Done for initialization: a regular init container exited 0; a sidecar has started. */
export function initDone(run: ContainerRun): boolean {
	return run.kind === 'sidecar' ? isRunning(run) : succeeded(run);
}

export function isReady(run: ContainerRun): boolean {
	return run.kind === 'init' ? succeeded(run) : isRunning(run) && run.waiting === undefined;
}

let pool = Buffer.alloc(0);
let poolOffset = 0;

/** 64 hex digits, as containerd's ids; random bytes are drawn in batches (bench workloads make thousands). */
function newID(): string {
	if (poolOffset + 32 > pool.length) {
		pool = randomBytes(32 * 256);
		poolOffset = 0;
	}
	const id = pool.toString('hex', poolOffset, poolOffset + 32);
	poolOffset += 32;
	return id;
}

/** `containerd://<64 hex>`. */
export const newContainerID = () => `containerd://${newID()}`;

/** A pod sandbox's id (what `failed to setup network for sandbox "…"` names). */
export const newSandboxID = newID;

/** `busybox:1.28` → `docker.io/library/busybox:1.28`, as the runtime reports it. */
export function qualifiedImage(image: string): string {
	const [first = '', ...rest] = image.split('/');
	const named = rest.length === 0 ? `docker.io/library/${first}` : /[.:]/.test(first) || first === 'localhost' ? image : `docker.io/${image}`;
	const lastPart = named.slice(named.lastIndexOf('/') + 1);
	return lastPart.includes(':') || lastPart.includes('@') ? named : `${named}:latest`;
}

const KNOWN_DIGESTS: Record<string, string> = {
	'docker.io/library/busybox:1.28': 'sha256:141c253bc4c3fd0a201d32dc1f493bcf3fff003b6df416dea4f41046e0f37d47',
};

export function imageID(image: string): string {
	const qualified = qualifiedImage(image);
	const digest = KNOWN_DIGESTS[qualified] ?? `sha256:${createHash('sha256').update(qualified).digest('hex')}`;
	const repository = qualified.replace(/[:@][^/]*$/, '');
	return `${repository}@${digest}`;
}

function terminatedState(instance: Instance): ContainerState {
	return {
		terminated: {
			exitCode: instance.exitCode ?? 0,
			reason: instance.reason,
			...(instance.message ? {message: instance.message} : {}),
			startedAt: instance.startedAt,
			finishedAt: instance.finishedAt,
			containerID: instance.containerID,
		},
	};
}

export function containerStatus(run: ContainerRun, podHasInitContainers: boolean): ContainerStatus {
	const image = qualifiedImage(run.spec.image ?? '');
	let state: ContainerState;
	let lastState: ContainerState = run.last ? terminatedState(run.last) : {};
	if (run.waiting) {
		state = {waiting: {reason: run.waiting.reason, ...(run.waiting.message ? {message: run.waiting.message} : {})}};
		// A start failure moves the terminated instance into lastState (§3.1 step 3).
		if (run.current?.finishedAt) lastState = terminatedState(run.current);
	} else if (run.current?.finishedAt) {
		state = terminatedState(run.current);
	} else if (run.current) {
		state = {running: {startedAt: run.current.startedAt}};
	} else {
		state = {waiting: {reason: podHasInitContainers ? 'PodInitializing' : 'ContainerCreating'}};
	}
	const status: ContainerStatus = {
		name: run.spec.name,
		state,
		lastState,
		ready: isReady(run),
		restartCount: run.restartCount,
		image,
		imageID: run.current ? (run.imageID ?? imageID(image)) : '',
		started: isRunning(run) && run.waiting === undefined,
	};
	if (run.current) status.containerID = run.current.containerID;
	if (run.current && run.user) status.user = run.user;
	if (run.current) status.stopSignal = run.stopSignal;
	return status;
}
