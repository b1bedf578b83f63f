// The simulated kubelet of the demo cluster. It runs every pod bound to its node (or not bound
// at all) — the scenarios' pods and any pod a user creates — through the kubelet's real status,
// event and log semantics (k8s-semantics.md §3, §8), against a ClusterBackend: the demo's
// in-memory store or a real kube-apiserver.
import type {Pod} from '../source/model/k8s-types.js';
import type {ClusterBackend} from './backend.js';
import {EventRecorder} from './events.js';
import {PodWorker} from './kubelet/pod-worker.js';
import type {PodPrograms} from './kubelet/programs.js';
import {Timers} from './kubelet/timers.js';
import {scenarioByName, scenarioNames} from './scenarios/index.js';
import type {ScenarioContext} from './scenarios/types.js';

export interface KubeletOptions {
	backend: ClusterBackend;
	scenarios: readonly string[];
	/** Time compression: every delay is divided by it (1 = real time). */
	speed: number;
	/** Default "demo-node". */
	nodeName?: string;
}

export interface Kubelet {
	/** Clears every timer: the process can exit. */
	stop(): void;
}

/** Throws on an unknown scenario name, with the known ones in the message. */
export function checkScenarioNames(names: readonly string[]): void {
	for (const name of names) {
		if (!scenarioByName(name)) throw new Error(`unknown scenario "${name}" (known: ${scenarioNames.join(', ')})`);
	}
}

export class SimulatedKubelet implements Kubelet {
	readonly nodeName: string;
	private readonly backend: ClusterBackend;
	private readonly timers: Timers;
	private readonly events: EventRecorder;
	private readonly workers = new Map<string, PodWorker>();
	private readonly programs = new Map<string, PodPrograms>();
	private readonly pulledImages = new Set(['busybox:1.28']);
	/** Poll generation at which each worker was adopted: a list taken earlier cannot prove it gone. */
	private readonly adoptedAt = new Map<string, number>();
	private generation = 0;
	private nextIP = 10;
	private polling = false;

	constructor(options: KubeletOptions) {
		checkScenarioNames(options.scenarios);
		this.backend = options.backend;
		this.nodeName = options.nodeName ?? 'demo-node';
		this.timers = new Timers(options.speed);
		this.events = new EventRecorder(this.backend, this.nodeName, options.speed);
		// Adopt user-created pods about once a second of cluster time, at most 10 times a second.
		this.timers.every(Math.max(1, 0.1 * options.speed), () => void this.poll());
		for (const name of options.scenarios) void this.play(name);
	}

	stop(): void {
		this.timers.clear();
		this.workers.clear();
		this.adoptedAt.clear();
	}

	/** Creates the pod and runs it with the given container programs. */
	async runPod(pod: Pod, programs: PodPrograms = {}): Promise<Pod> {
		const namespace = pod.metadata.namespace ?? 'default';
		await this.backend.ensureNamespace(namespace);
		this.programs.set(`${namespace}/${pod.metadata.name}`, programs);
		const stored = await this.backend.createPod({...pod, metadata: {...pod.metadata, namespace}});
		this.adopt(stored);
		return stored;
	}

	async deletePod(namespace: string, name: string): Promise<void> {
		for (const worker of this.workers.values()) {
			if (worker.namespace !== namespace || worker.name !== name) continue;
			worker.killContainers();
			worker.stop();
		}
		await this.backend.deletePod(namespace, name);
	}

	private adopt(pod: Pod): void {
		const uid = pod.metadata.uid ?? '';
		if (this.timers.stopped || this.workers.has(uid)) return;
		const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
		const programs = this.programs.get(key) ?? {};
		this.programs.delete(key);
		const worker = new PodWorker({
			backend: this.backend,
			events: this.events,
			nodeName: this.nodeName,
			timers: this.timers.child(),
			pulledImages: this.pulledImages,
			hostIP: '192.168.49.2',
			podIP: this.allocateIP(),
			onGone: gone => {
				if (this.workers.get(gone.uid) === gone) {
					this.workers.delete(gone.uid);
					this.adoptedAt.delete(gone.uid);
				}
				this.events.forget(gone.uid);
			},
		}, pod, programs);
		this.workers.set(uid, worker);
		this.adoptedAt.set(uid, this.generation);
		void worker.start();
	}

	private allocateIP(): string {
		const n = this.nextIP++;
		return `10.244.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`;
	}

	/** Picks up pods nobody runs yet; notices deletions. */
	private async poll(): Promise<void> {
		if (this.polling) return;
		this.polling = true;
		const generation = ++this.generation;
		try {
			const pods = await this.backend.listPods();
			if (this.timers.stopped) return;
			const present = new Set<string>();
			for (const pod of pods) {
				const uid = pod.metadata.uid ?? '';
				present.add(uid);
				const worker = this.workers.get(uid);
				if (worker) {
					if (pod.metadata.deletionTimestamp) worker.terminate();
					continue;
				}
				if (pod.spec.nodeName && pod.spec.nodeName !== this.nodeName) continue;
				if (pod.metadata.deletionTimestamp || pod.status?.startTime || pod.status?.conditions?.length) continue;
				this.adopt(pod);
			}
			for (const [uid, worker] of this.workers) {
				if (!present.has(uid) && (this.adoptedAt.get(uid) ?? generation) < generation) worker.stop();
			}
		} catch {
			// The API server may be down for a moment (fault injection): try again next tick.
		} finally {
			this.polling = false;
		}
	}

	private async play(name: string): Promise<void> {
		const scenario = scenarioByName(name)!;
		const timers = this.timers.child();
		const ctx: ScenarioContext = {
			backend: this.backend,
			runPod: (pod, programs) => this.runPod(pod, programs),
			deletePod: (namespace, podName) => this.deletePod(namespace, podName),
			sleep: seconds => timers.sleep(seconds),
			get stopped() {
				return timers.stopped;
			},
		};
		try {
			await scenario.play(ctx);
		} catch {
			// A scenario whose writes fail (server going down) just ends; the kubelet keeps running.
		}
	}
}

export function startKubelet(options: KubeletOptions): Kubelet {
	return new SimulatedKubelet(options);
}
