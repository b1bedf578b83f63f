// One pod on the simulated node: schedules it, runs its init containers strictly in spec order
// (native sidecars count as done once started), then its app containers; restarts failures with
// the kubelet's crash-loop back-off; writes status and events as the kubelet does (§3, §8).
import type {Container, Pod} from '../../source/model/k8s-types.js';
import {goDuration} from '../../source/model/duration.js';
import {restartDecision} from '../../source/model/restart-rules.js';
import {signalNumber} from '../../source/model/exit-codes.js';
import type {ClusterBackend} from '../backend.js';
import type {EventRecorder} from '../events.js';
import {nowRfc3339} from '../store.js';
import {imageID, initDone, isRunning, newContainerID, newRun, newSandboxID, type ContainerRun} from './container-run.js';
import {checkContainerConfig, type PodFiles} from './container-config.js';
import {appliedUser} from './container-user.js';
import {lookupLines, resolveService} from './dependency.js';
import {buildPodStatus, ConditionClock, podPhase, scheduledStatus, unschedulableStatus, type PodRuntime} from './pod-status-builder.js';
import {inferProgram, type PodPrograms} from './programs.js';
import {qosClass} from './qos.js';
import type {Timers} from './timers.js';
import {fitError, mountFailure, multiAttachMessage, processClaims, volumeBindingRejection, type Attachments} from './volumes.js';

/** Kubelet timings in seconds of cluster time (divided by the speed factor). */
export const timing = {
	/** Scheduling to the kubelet's first status (sandbox ready). */
	firstSync: 1,
	/** Sandbox ready to the first container starting. */
	firstStart: 0.3,
	/** A container exiting 0 to the next init container starting. */
	nextContainer: 0.5,
	/** An exit to the next sync that reacts to it (Error visible until then). */
	sync: 1,
	/** Pod worker retry after a sync error such as CreateContainerConfigError (pod_workers backOffPeriod). */
	syncErrorRetry: 10,
	/** A failing registry pull attempt. */
	failedPull: 1,
	/** Repeating BackOff events while a container waits. */
	backOffEventEvery: 10,
	initialBackoff: 10,
	maxBackoff: 300,
	/** A back-off entry older than this is forgotten (flowcontrol HasExpiredFunc). */
	backoffExpiry: 600,
	/**
	 * A whole-pod restart's termination phase (KEP-5532): the sync that sees the exit kills the
	 * other containers, the next one sees them all removed and clears AllContainersRestarting.
	 */
	restartAllCleanup: 2,
	/** Grace between a deletion request and the pod's removal. */
	deletionGrace: 1,
	/** A program that handles its stop signal: from the signal to its exit. */
	stopReaction: 0.3,
} as const;

/** The runtime handlers the simulated node's containerd has (RuntimeClass handlers it can run). */
const NODE_RUNTIME_HANDLERS: ReadonlySet<string> = new Set(['runc']);

export interface WorkerContext {
	backend: ClusterBackend;
	events: EventRecorder;
	nodeName: string;
	timers: Timers;
	/** Images present on the node (shared by every pod of the kubelet). */
	pulledImages: Set<string>;
	hostIP: string;
	podIP: string;
	/** The node's CNI failure for a new sandbox of this pod, if its network is broken. */
	networkError?(sandboxID: string): string | undefined;
	/** The node's own pull failure for an image (a broken registry mirror), if any. */
	pullError?(image: string): string | undefined;
	/** How many nodes the scheduler considers (its FitError counts them). */
	nodeCount: number;
	/** Where PersistentVolumes are attached (shared by every node: the attach/detach controller's view). */
	attachments: Attachments;
	/** Called once when the worker is done for good (pod gone). */
	onGone(worker: PodWorker): void;
}

export class PodWorker {
	readonly uid: string;
	readonly namespace: string;
	readonly name: string;
	private pod: Pod;
	private readonly runtime: PodRuntime;
	private readonly clock = new ConditionClock();
	private scheduledOnly = true;
	/** The scheduler's FitError while the pod cannot be scheduled. */
	private unschedulable?: string;
	/** The attach/detach controller reports a Multi-Attach error once per volume. */
	private readonly multiAttachReported = new Set<string>();
	private attachedReported = false;
	private writing = false;
	private readonly onWritten: Array<() => void> = [];
	private dirty = false;
	private terminating = false;
	private gone = false;
	private deadlineArmed = false;
	/** Files the containers wrote into the pod's emptyDir volumes (`volume/path` → keys): env files. */
	private readonly files = new Map<string, ReadonlySet<string>>();

	constructor(private readonly ctx: WorkerContext, pod: Pod, programs: PodPrograms) {
		this.pod = pod;
		this.uid = pod.metadata.uid ?? '';
		this.namespace = pod.metadata.namespace ?? 'default';
		this.name = pod.metadata.name;
		const program = (c: Container, init: boolean) => programs[c.name] ?? inferProgram(c, init);
		const runs = [
			...(pod.spec.initContainers ?? []).map(c => newRun(c, c.restartPolicy === 'Always' ? 'sidecar' : 'init', program(c, true))),
			...pod.spec.containers.map(c => newRun(c, 'main', program(c, false))),
		];
		for (const run of runs) run.user = appliedUser(pod.spec, run.spec);
		const couldRestartAll = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].some(c => (c.restartPolicyRules ?? []).some(rule => rule.action === 'RestartAllContainers'));
		this.runtime = {runs, restartPolicy: pod.spec.restartPolicy ?? 'Always', sandboxReady: false, initialized: false, initFailed: false, couldRestartAll, restartingAll: false, qosClass: qosClass(pod)};
	}

	private get timers(): Timers {
		return this.ctx.timers;
	}

	/** `POD_NAMESPACE(UID)` as kubelet messages format a pod (util/format PodDesc). */
	private get podDesc(): string {
		return `${this.name}_${this.namespace}(${this.uid})`;
	}

	async start(): Promise<void> {
		// A pod created with spec.nodeName bypasses the scheduler: no Scheduled event, no binding.
		if (!this.pod.spec.nodeName) {
			const rejection = await volumeBindingRejection(this.ctx.backend, this.pod);
			if (this.gone) return;
			if (rejection) {
				this.notScheduled(fitError(this.ctx.nodeCount, rejection));
				return;
			}
			this.unschedulable = undefined;
			if (this.ctx.backend.bindPod) {
				const bound = await this.ctx.backend.bindPod(this.namespace, this.name, this.ctx.nodeName);
				if (bound) this.pod = bound;
			}
			void this.ctx.events.scheduled(this.pod);
			this.flush();
		}
		this.timers.after(timing.firstSync, () => void this.setUpVolumes());
	}

	/** schedule_one.go handleSchedulingFailure: PodScheduled False, a FailedScheduling event when the reason changes; retried. */
	private notScheduled(message: string): void {
		if (this.unschedulable !== message) {
			this.unschedulable = message;
			void this.ctx.events.failedScheduling(this.pod, message);
			this.flush();
		}
		this.timers.after(timing.syncErrorRetry, () => void this.start());
	}

	/**
	 * The volume manager before the sandbox: claims the populator cannot process fail the wait
	 * (FailedMount at every sync), volumes attached to another node wait silently for the
	 * attach/detach controller (which said Multi-Attach once); then the sandbox.
	 */
	private async setUpVolumes(): Promise<void> {
		const setup = await processClaims(this.ctx.backend, this.pod);
		if (this.gone || this.terminating) return;
		if ('errors' in setup) {
			this.beforeSandbox();
			void this.ctx.events.record({pod: this.pod, type: 'Warning', reason: 'FailedMount', message: mountFailure(setup.failed, setup.failed, setup.errors)});
			this.timers.after(timing.syncErrorRetry, () => void this.setUpVolumes());
			return;
		}
		let held = false;
		for (const volume of setup.attach) {
			const holders = this.ctx.attachments.attach(volume, this.ctx.nodeName, {uid: this.uid, namespace: this.namespace, name: this.name});
			if (!holders) continue;
			held = true;
			if (!this.multiAttachReported.has(volume.pv)) {
				this.multiAttachReported.add(volume.pv);
				void this.ctx.events.record({pod: this.pod, type: 'Warning', reason: 'FailedAttachVolume', message: multiAttachMessage(volume.pv, this.namespace, holders), component: 'attachdetach-controller'});
			}
		}
		if (held) {
			this.beforeSandbox();
			this.timers.after(timing.syncErrorRetry, () => void this.setUpVolumes());
			return;
		}
		if (setup.attach.length > 0 && !this.attachedReported) {
			this.attachedReported = true;
			for (const volume of setup.attach) void this.ctx.events.record({pod: this.pod, type: 'Normal', reason: 'SuccessfulAttachVolume', message: `AttachVolume.Attach succeeded for volume "${volume.pv}"`, component: 'attachdetach-controller'});
		}
		if (this.sandboxError()) this.sandboxFailed();
		else this.sandboxReady();
	}

	/** The kubelet's first status of a pod it cannot start yet: start time and host IP, no sandbox. */
	private beforeSandbox(): void {
		if (!this.scheduledOnly) return;
		this.scheduledOnly = false;
		Object.assign(this.runtime, {startTime: nowRfc3339(), hostIP: this.ctx.hostIP});
		this.armDeadline();
		this.flush();
	}

	/** active_deadline.go: activeDeadlineSeconds counts from the pod's startTime on this node. */
	private armDeadline(): void {
		const seconds = this.pod.spec.activeDeadlineSeconds;
		if (typeof seconds === 'number' && !this.deadlineArmed) {
			this.deadlineArmed = true;
			this.timers.after(seconds, () => this.deadlineExceeded());
		}
	}

	/**
	 * The pod outlived activeDeadlineSeconds: the kubelet records DeadlineExceeded, fails the pod
	 * (phase Failed, reason and message) and stops its running containers with their stop signal.
	 */
	private deadlineExceeded(): void {
		const phase = podPhase(this.runtime);
		if (this.gone || this.terminating || phase === 'Succeeded' || phase === 'Failed') return;
		const evicted = {reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline'};
		this.runtime.evicted = evicted;
		void this.ctx.events.record({pod: this.pod, type: 'Normal', ...evicted});
		for (const run of this.runtime.runs) {
			run.timers?.clear();
			run.pending = false;
			if (!isRunning(run)) continue;
			void this.event(run, 'Normal', 'Killing', `Stopping container ${run.spec.name}`);
			this.stopRun(run);
		}
		this.flush();
	}

	/** The stop signal reaches the process: it dies of it (128+N) if it handles it, else SIGKILL after the grace period. */
	private stopRun(run: ContainerRun): void {
		const timers = (run.timers = this.timers.child());
		const finish = (exitCode: number) => {
			run.current = {...run.current!, finishedAt: nowRfc3339(), exitCode, reason: 'Error'};
			this.flush();
		};
		const onStop = run.program.onStop;
		if (onStop) {
			timers.after(timing.stopReaction, () => {
				this.appendLogs(run, onStop.logs ?? []);
				finish(128 + (signalNumber(run.stopSignal) ?? 15));
			});
		} else {
			timers.after(this.pod.spec.terminationGracePeriodSeconds ?? 30, () => finish(137));
		}
	}

	private appendLogs(run: ContainerRun, lines: readonly string[]): void {
		const at = Date.now();
		for (const line of lines) this.ctx.backend.appendLog(this.namespace, this.name, run.spec.name, run.current!.containerID, line, at);
	}

	/**
	 * Why the runtime cannot create this pod's sandbox, if it cannot (the CRI's error as containerd
	 * words it): the node's containerd has only the default runc handler, so a RuntimeClass handler
	 * such as `kata` is not configured; or the node's CNI fails for this new sandbox.
	 */
	private sandboxError(): string | undefined {
		const handler = this.pod.spec.runtimeClassName;
		if (handler && !NODE_RUNTIME_HANDLERS.has(handler)) return `rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "${handler}" is configured`;
		const sandboxID = newSandboxID();
		const network = this.ctx.networkError?.(sandboxID);
		return network === undefined ? undefined : `rpc error: code = Unknown desc = failed to setup network for sandbox "${sandboxID}": ${network}`;
	}

	/** kuberuntime SyncPod: FailedCreatePodSandBox at every pod sync; no container is ever created. */
	private sandboxFailed(): void {
		this.beforeSandbox();
		const fail = () => void this.ctx.events.record({pod: this.pod, type: 'Warning', reason: 'FailedCreatePodSandBox', message: `Failed to create pod sandbox: ${this.sandboxError()}`});
		fail();
		this.timers.every(timing.syncErrorRetry, fail);
	}

	/** Stops every timer of this pod; nothing more is written. */
	stop(): void {
		if (this.gone) return;
		this.gone = true;
		this.timers.clear();
		this.ctx.attachments.release(this.uid);
		for (const run of this.runtime.runs) run.timers?.clear();
		this.ctx.onGone(this);
	}

	/** Stops every running container (a `Killing` event each); nothing restarts them. */
	killContainers(): void {
		this.terminating = true;
		for (const run of this.runtime.runs) {
			run.timers?.clear();
			if (isRunning(run)) void this.event(run, 'Normal', 'Killing', `Stopping container ${run.spec.name}`);
		}
	}

	/** The pod got a deletionTimestamp: stop the containers, then remove the pod (grace period). */
	terminate(): void {
		if (this.terminating || this.gone) return;
		this.killContainers();
		this.timers.after(timing.deletionGrace, () => {
			void this.ctx.backend.deletePod(this.namespace, this.name).catch(() => undefined);
			this.stop();
		});
	}

	private sandboxReady(): void {
		this.scheduledOnly = false;
		Object.assign(this.runtime, {sandboxReady: true, startTime: this.runtime.startTime ?? nowRfc3339(), hostIP: this.ctx.hostIP, podIP: this.ctx.podIP});
		this.armDeadline();
		this.flush();
		this.timers.after(timing.firstStart, () => this.advance());
	}

	/** kuberuntime computePodActions, simplified: the next init container, or all app containers. */
	private advance(): void {
		if (this.gone || this.terminating || this.runtime.initFailed || this.runtime.restartingAll || this.runtime.evicted) return;
		if (!this.runtime.initialized) {
			const next = this.runtime.runs.find(run => run.kind !== 'main' && !initDone(run));
			if (next) {
				if (!next.pending && !isRunning(next)) this.startContainer(next);
				return;
			}
			this.runtime.initialized = true;
			this.flush();
			// The kubelet reports the pod initialized, its app containers waiting (PodInitializing),
			// before it creates them: they start once that status is written, however late the write.
			void this.written().then(() => this.advance());
			return;
		}
		for (const run of this.runtime.runs) {
			if (run.kind === 'main' && !run.current && !run.pending) this.startContainer(run);
		}
	}

	/** Resolves once every status change so far has been written (or its write failed). */
	private written(): Promise<void> {
		if (!this.writing && !this.dirty) return Promise.resolve();
		return new Promise(resolve => this.onWritten.push(resolve));
	}

	private startContainer(run: ContainerRun): void {
		run.pending = true;
		run.timers?.clear();
		run.timers = this.timers.child();
		const image = run.spec.image ?? '';
		const nodeError = this.ctx.pullError?.(image);
		if (this.ctx.pulledImages.has(image) && !run.program.image?.error && !nodeError) {
			void this.event(run, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
			void this.createContainer(run);
			return;
		}
		void this.event(run, 'Normal', 'Pulling', `Pulling image "${image}"`);
		const pull = nodeError ? {...run.program.image, error: nodeError} : (run.program.image ?? {});
		if (pull.error) {
			run.timers.after(timing.failedPull, () => this.pullFailed(run, pull.error!));
			return;
		}
		const seconds = pull.seconds ?? 2;
		run.timers.after(seconds, () => {
			this.ctx.pulledImages.add(image);
			const took = `${seconds.toFixed(3).replace(/\.?0+$/, '')}s`;
			const size = pull.sizeBytes ?? 2_150_000;
			void this.event(run, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${size} bytes.`);
			void this.createContainer(run);
		});
	}

	/** ErrImagePull now; ImagePullBackOff at the next sync; another pull after the image back-off. */
	private pullFailed(run: ContainerRun, error: string): void {
		const image = run.spec.image ?? '';
		const timers = run.timers!;
		void this.event(run, 'Warning', 'Failed', `Failed to pull image "${image}": ${error}`);
		void this.event(run, 'Warning', 'Failed', 'Error: ErrImagePull');
		run.waiting = {reason: 'ErrImagePull', message: error};
		this.flush();
		run.imageBackoff = run.imageBackoff === undefined ? timing.initialBackoff : Math.min(run.imageBackoff * 2, timing.maxBackoff);
		const backoff = run.imageBackoff;
		const backOff = () => {
			void this.event(run, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
			void this.event(run, 'Warning', 'Failed', 'Error: ImagePullBackOff');
		};
		timers.after(timing.sync, () => {
			run.waiting = {reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}": ErrImagePull: ${error}`};
			backOff();
			this.flush();
			timers.every(timing.backOffEventEvery, backOff);
		});
		timers.after(Math.max(backoff, timing.sync + 0.1), () => this.startContainer(run));
	}

	private async createContainer(run: ContainerRun): Promise<void> {
		const timers = run.timers!;
		const configError = await checkContainerConfig(this.ctx.backend, this.namespace, run.spec, this.podFiles());
		if (timers.stopped) return;
		if (configError) {
			void this.event(run, 'Warning', 'Failed', `Error: ${configError}`);
			run.waiting = {reason: 'CreateContainerConfigError', message: configError};
			this.flush();
			timers.after(timing.syncErrorRetry, () => this.startContainer(run));
			return;
		}
		void this.event(run, 'Normal', 'Created', 'Container created');
		void this.event(run, 'Normal', 'Started', 'Container started');
		if (run.current) {
			run.last = run.current;
			run.restartCount++;
		} else if (run.removed) {
			run.restartCount++;
		}
		run.removed = false;
		run.current = {containerID: newContainerID(), startedAt: nowRfc3339()};
		run.imageID = imageID(run.spec.image ?? '');
		run.waiting = undefined;
		run.pending = false;
		this.flush();
		this.runProgram(run);
		if (run.kind === 'sidecar' && !this.runtime.initialized) timers.after(timing.nextContainer, () => this.advance());
	}

	/** What the kubelet finds in the pod's emptyDir volumes when it builds a container's env. */
	private podFiles(): PodFiles {
		const emptyDirs = new Set((this.pod.spec.volumes ?? []).filter(volume => volume.emptyDir !== undefined).map(volume => volume.name));
		return {podUid: this.uid, emptyDirs, keys: (volume, path) => this.files.get(`${volume}/${path.replace(/^\/+/, '')}`)};
	}

	/** The program's files that land in an emptyDir it mounts (the longest mountPath holding the path wins). */
	private writeFiles(run: ContainerRun): void {
		const emptyDirs = this.podFiles().emptyDirs;
		for (const write of run.program.writes ?? []) {
			const mount = (run.spec.volumeMounts ?? [])
				.filter(m => !m.readOnly && emptyDirs.has(m.name) && write.path.startsWith(`${m.mountPath.replace(/\/+$/, '')}/`))
				.sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
			if (mount) this.files.set(`${mount.name}/${write.path.slice(mount.mountPath.replace(/\/+$/, '').length + 1)}`, new Set(write.keys));
		}
	}

	private runProgram(run: ContainerRun): void {
		const timers = run.timers!;
		const {program} = run;
		this.writeFiles(run);
		const log = (lines: readonly string[]) => this.appendLogs(run, lines);
		if (program.logs?.length) log(program.logs);
		for (const later of program.logsAt ?? []) timers.after(later.after, () => log(later.lines));
		if (program.repeat) {
			const repeat = program.repeat;
			timers.every(repeat.every, () => log(repeat.lines));
		}
		if (program.waitFor) {
			const wait = program.waitFor;
			const check = async () => {
				const answer = await resolveService(this.ctx.backend, this.namespace, wait);
				if (timers.stopped) return;
				log(!answer && wait.waitingLines ? wait.waitingLines : lookupLines(wait.service, this.namespace, answer));
				if (answer) timers.after(1, () => this.exited(run, 0, 'Completed'));
				else timers.after(wait.every ?? 2, () => void check());
			};
			void check();
			return;
		}
		if (program.runSeconds !== undefined) {
			const oom = program.oomKilled === true;
			const code = oom ? 137 : (program.exitCode ?? 0);
			timers.after(program.runSeconds, () => this.exited(run, code, oom ? 'OOMKilled' : code === 0 ? 'Completed' : 'Error'));
		}
	}

	private exited(run: ContainerRun, exitCode: number, reason: string): void {
		if (!run.current || run.current.finishedAt) return;
		run.timers?.clear();
		const timers = (run.timers = this.timers.child());
		run.current = {...run.current, finishedAt: nowRfc3339(), exitCode, reason};
		if (run.kind === 'init' && exitCode === 0) {
			this.flush();
			timers.after(timing.nextContainer, () => this.advance());
			return;
		}
		// The pod's restartPolicy, or (1.34+, KEP-5307) the container's restartPolicyRules and own
		// restartPolicy: one rule for the kubelet here and the diagnosis (model/restart-rules.ts).
		const decision = restartDecision(this.pod, run.spec, exitCode, reason).restarts;
		if (decision === 'pod') {
			this.restartAll();
			return;
		}
		const restart = run.kind === 'sidecar' || decision !== 'none';
		if (!restart) {
			if (run.kind === 'init') this.runtime.initFailed = true;
			this.flush();
			return;
		}
		run.pending = true;
		this.flush();
		const now = Date.now();
		if (run.crashBackoff !== undefined && ((now - (run.crashBackoffUpdatedAt ?? now)) / 1000) * timers.speed > timing.backoffExpiry) run.crashBackoff = undefined;
		if (run.crashBackoff === undefined) {
			// No back-off entry yet: the first restart is immediate (at the next sync).
			run.crashBackoff = timing.initialBackoff;
			run.crashBackoffUpdatedAt = now;
			timers.after(timing.sync, () => this.startContainer(run));
			return;
		}
		const backoff = run.crashBackoff;
		const backOffEvent = () => void this.event(run, 'Warning', 'BackOff', `Back-off restarting failed container ${run.spec.name} in pod ${this.podDesc}`);
		timers.after(timing.sync, () => {
			run.waiting = {reason: 'CrashLoopBackOff', message: `back-off ${goDuration(backoff * 1000)} restarting failed container=${run.spec.name} pod=${this.podDesc}`};
			backOffEvent();
			this.flush();
			timers.every(timing.backOffEventEvery, backOffEvent);
		});
		timers.after(Math.max(backoff, timing.sync + 0.1), () => {
			run.crashBackoff = Math.min(backoff * 2, timing.maxBackoff);
			run.crashBackoffUpdatedAt = Date.now();
			this.startContainer(run);
		});
	}

	/**
	 * KEP-5532 RestartAllContainers: AllContainersRestarting True, every running container killed
	 * (no grace period), all removed from the runtime while the sandbox, uid, IP and volumes stay;
	 * then the condition goes False and the pod starts again from its first init container
	 * (Initialized False, Pending: kubectl shows Init:0/N). Statuses keep the last runs.
	 */
	private restartAll(): void {
		this.runtime.restartingAll = true;
		for (const run of this.runtime.runs) {
			run.timers?.clear();
			run.pending = false;
			run.waiting = undefined;
		}
		this.flush();
		this.timers.after(timing.sync, () => {
			for (const run of this.runtime.runs) {
				if (!isRunning(run)) continue;
				void this.event(run, 'Normal', 'Killing', `Stopping container ${run.spec.name}`);
				run.current = {...run.current!, finishedAt: nowRfc3339(), exitCode: 137, reason: 'Error'};
			}
			this.flush();
		});
		this.timers.after(timing.restartAllCleanup, () => {
			for (const run of this.runtime.runs) {
				if (!run.current) continue;
				run.last = run.current;
				run.current = undefined;
				run.removed = true;
			}
			Object.assign(this.runtime, {restartingAll: false, initialized: false});
			this.flush();
			this.timers.after(timing.firstStart, () => this.advance());
		});
	}

	private event(run: ContainerRun, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void> {
		return this.ctx.events.record({pod: this.pod, type, reason, message, fieldPath: run.fieldPath});
	}

	/** Writes the current status; writes coalesce and never overlap. */
	private flush(): void {
		this.dirty = true;
		if (!this.writing) void this.write();
	}

	private async write(): Promise<void> {
		this.writing = true;
		try {
			while (this.dirty && !this.gone) {
				this.dirty = false;
				const status = this.unschedulable !== undefined
					? unschedulableStatus(this.clock, this.runtime.qosClass, this.unschedulable)
					: this.scheduledOnly ? scheduledStatus(this.clock, this.runtime.qosClass) : buildPodStatus(this.runtime, this.clock);
				let updated: Pod | undefined;
				try {
					updated = await this.ctx.backend.updatePodStatus(this.namespace, this.name, status);
				} catch {
					continue;
				}
				if (!updated || (updated.metadata.uid && updated.metadata.uid !== this.uid)) {
					this.stop();
					return;
				}
				this.pod = updated;
			}
		} finally {
			this.writing = false;
			for (const resolve of this.onWritten.splice(0)) resolve();
		}
	}
}
