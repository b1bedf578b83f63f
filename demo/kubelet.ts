// The simulated kubelet of the demo cluster. It runs every pod bound to its node (or not bound
// at all) — the scenarios' pods and any pod a user creates — through the kubelet's real status,
// event and log semantics (k8s-semantics.md §3, §8), against a ClusterBackend: the demo's
// in-memory store or a real kube-apiserver.
import type {Pod} from '../source/model/k8s-types.js';
import type {ClusterBackend} from './backend.js';
import {EventRecorder} from './events.js';
import {PodWorker} from './kubelet/pod-worker.js';
import type {ContainerProgram, PodPrograms} from './kubelet/programs.js';
import {Timers} from './kubelet/timers.js';
import {Attachments} from './kubelet/volumes.js';
import {daemonPodNode} from './controllers/daemonset.js';
import {scenarioByName, scenarioNames} from './scenarios/index.js';
import type {ScenarioContext} from './scenarios/types.js';

export interface KubeletOptions {
	backend: ClusterBackend;
	scenarios: readonly string[];
	/** Time compression: every delay is divided by it (1 = real time). */
	speed: number;
	/** Default "demo-node". */
	nodeName?: string;
	/** The nodes this kubelet plays (default: one, `nodeName` at 192.168.49.2); the first is where standalone pods go. */
	nodes?: ReadonlyArray<{name: string; hostIP: string}>;
}

/** A program for the containers of pods the kubelet did not start itself (controller-made pods). */
export interface ProgramRule {
	namespace: string;
	/** Pod names it applies to. */
	pod: RegExp;
	container: string;
	/** Only when the container runs this image (a rule without one matches any image). */
	image?: string;
	program: ContainerProgram;
}

/** One node the kubelet plays: its events come from it, its images are its own. */
interface NodeState {
	name: string;
	hostIP: string;
	index: number;
	events: EventRecorder;
	pulledImages: Set<string>;
	nextIP: number;
	/** Registries this node cannot pull from (a broken mirror): image prefix → containerd's error. */
	pullFailures: Array<{prefix: string; error: (image: string) => string}>;
	/** Namespaces whose new sandboxes this node's CNI fails: namespace → the runtime's error for a sandbox id. */
	networkFailures: Map<string, (sandboxID: string) => string>;
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
	private readonly nodes = new Map<string, NodeState>();
	private readonly workers = new Map<string, PodWorker>();
	/** The node each worker's pod runs on, and the uid of its controller. */
	private readonly placement = new Map<string, {node: string; owner: string | undefined}>();
	private readonly programs = new Map<string, PodPrograms>();
	private readonly rules: ProgramRule[] = [];
	private readonly attachments = new Attachments();
	/** Poll generation at which each worker was adopted: a list taken earlier cannot prove it gone. */
	private readonly adoptedAt = new Map<string, number>();
	private generation = 0;
	private polling = false;

	constructor(options: KubeletOptions) {
		checkScenarioNames(options.scenarios);
		this.backend = options.backend;
		const nodes = options.nodes ?? [{name: options.nodeName ?? 'demo-node', hostIP: '192.168.49.2'}];
		this.nodeName = nodes[0]!.name;
		this.timers = new Timers(options.speed);
		for (const [index, node] of nodes.entries()) {
			this.nodes.set(node.name, {...node, index, events: new EventRecorder(this.backend, node.name, options.speed), pulledImages: new Set(['busybox:1.28']), nextIP: 10, pullFailures: [], networkFailures: new Map()});
		}
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

	/** Containers of pods matching `rule` run its program (scenarios whose pods a controller makes). */
	addProgramRule(rule: ProgramRule): void {
		this.rules.push(rule);
	}

	/** Pulls on `node` of images starting with `prefix` fail with `error(image)` (ErrImagePull ↔ ImagePullBackOff). */
	breakRegistry(node: string, prefix: string, error: (image: string) => string): void {
		this.nodes.get(node)?.pullFailures.push({prefix, error});
	}

	/** From now on, sandboxes of `namespace`'s pods on `node` fail with `error(sandboxID)` (FailedCreatePodSandBox). */
	breakNetwork(node: string, namespace: string, error: (sandboxID: string) => string): void {
		this.nodes.get(node)?.networkFailures.set(namespace, error);
	}

	private rulePrograms(pod: Pod): Record<string, ContainerProgram> {
		const programs: Record<string, ContainerProgram> = {};
		for (const container of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
			const rule = this.rules.find(r => r.namespace === pod.metadata.namespace && r.container === container.name && r.pod.test(pod.metadata.name) && (r.image === undefined || r.image === container.image));
			if (rule) programs[container.name] = rule.program;
		}
		return programs;
	}

	/**
	 * The scheduler: a pod bound or pinned (a DaemonSet's node affinity, a `kubernetes.io/hostname`
	 * nodeSelector) to a node goes there; a
	 * controller's pod goes to the node with the fewest pods; a standalone pod to the first node.
	 */
	private schedule(pod: Pod): NodeState {
		const pinned = pod.spec.nodeName ?? daemonPodNode(pod) ?? (pod.spec as {nodeSelector?: Record<string, string>}).nodeSelector?.['kubernetes.io/hostname'];
		if (pinned && this.nodes.has(pinned)) return this.nodes.get(pinned)!;
		const first = this.nodes.values().next().value!;
		const owner = pod.metadata.ownerReferences?.find(ref => ref.controller)?.uid;
		if (!owner) return first;
		// Spread a controller's replicas first (the default scheduler's topology spreading), then the node load.
		const replicas = new Map<string, number>();
		const load = new Map<string, number>();
		for (const {node, owner: other} of this.placement.values()) {
			load.set(node, (load.get(node) ?? 0) + 1);
			if (other === owner) replicas.set(node, (replicas.get(node) ?? 0) + 1);
		}
		const count = (map: Map<string, number>, node: NodeState) => map.get(node.name) ?? 0;
		return [...this.nodes.values()].sort((a, b) => count(replicas, a) - count(replicas, b) || count(load, a) - count(load, b) || a.index - b.index)[0]!;
	}

	private adopt(pod: Pod): void {
		const uid = pod.metadata.uid ?? '';
		if (this.timers.stopped || this.workers.has(uid)) return;
		const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
		const programs = {...this.rulePrograms(pod), ...this.programs.get(key)};
		this.programs.delete(key);
		const node = this.schedule(pod);
		const worker = new PodWorker({
			backend: this.backend,
			events: node.events,
			nodeName: node.name,
			timers: this.timers.child(),
			pulledImages: node.pulledImages,
			hostIP: node.hostIP,
			podIP: this.allocateIP(node),
			nodeCount: this.nodes.size,
			attachments: this.attachments,
			networkError: sandboxID => node.networkFailures.get(pod.metadata.namespace ?? 'default')?.(sandboxID),
			pullError: image => node.pullFailures.find(failure => image.startsWith(failure.prefix))?.error(image),
			onGone: gone => {
				if (this.workers.get(gone.uid) === gone) {
					this.workers.delete(gone.uid);
					this.placement.delete(gone.uid);
					this.adoptedAt.delete(gone.uid);
				}
				node.events.forget(gone.uid);
			},
		}, pod, programs);
		this.workers.set(uid, worker);
		this.placement.set(uid, {node: node.name, owner: pod.metadata.ownerReferences?.find(ref => ref.controller)?.uid});
		this.adoptedAt.set(uid, this.generation);
		void worker.start();
	}

	private allocateIP(node: NodeState): string {
		const n = node.nextIP++;
		// The first node keeps 10.244.0.x (growing into .1, .2 … as before); the others get their own /24 from 10.244.100.0.
		const third = node.index === 0 ? Math.floor(n / 250) % 100 : 100 + node.index;
		return `10.244.${third}.${(n % 250) + 2}`;
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
				if (pod.spec.nodeName && !this.nodes.has(pod.spec.nodeName)) continue;
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
			nodes: [...this.nodes.keys()],
			addProgramRule: rule => this.addProgramRule(rule),
			breakRegistry: (node, prefix, error) => this.breakRegistry(node, prefix, error),
			breakNetwork: (node, namespace, error) => this.breakNetwork(node, namespace, error),
			controllerEvent: input => this.nodes.get(this.nodeName)!.events.record(input),
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
