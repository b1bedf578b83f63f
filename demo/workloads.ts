// Benchmark workloads (issue 9): many pods with realistic statuses created directly (no kubelet
// timeline), a steady stream of status changes, and a container that logs like a firehose.
// Statuses come from the simulated kubelet's own builder, so they have the exact kubelet shape.
import type {Container, Pod} from '../source/model/k8s-types.js';
import type {ClusterBackend} from './backend.js';
import {newContainerID, newRun, type ContainerRun} from './kubelet/container-run.js';
import {buildPodStatus, ConditionClock} from './kubelet/pod-status-builder.js';
import {appliedUser} from './kubelet/container-user.js';
import {nowRfc3339} from './store.js';

/** Annotation the churn writes with each status change: the change time, ISO 8601 with milliseconds. */
export const CHANGED_AT_ANNOTATION = 'initk9.dev/changed-at';

export interface PopulateOptions {
	pods: number;
	namespaces: number;
	/** Share of pods left in an init state (Init:0/2, Init:1/2, Init:CrashLoopBackOff, PodInitializing). */
	initFraction: number;
	/** Namespace prefix (default "bench"): namespaces are `bench-00` … */
	prefix?: string;
}

export interface Populated {
	namespaces: string[];
	pods: Array<{namespace: string; name: string}>;
}

const APPS = ['frontend', 'cart', 'checkout', 'catalog', 'payments', 'search', 'orders', 'users', 'inventory', 'shipping'];
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function token(seed: number, length: number): string {
	let out = '';
	let x = (seed * 2654435761) >>> 0;
	for (let i = 0; i < length; i++) {
		x = (x * 1103515245 + 12345) >>> 0;
		out += ALPHABET[(x >>> 16) % ALPHABET.length];
	}
	return out;
}

const busybox = (name: string, script: string): Container => ({name, image: 'busybox:1.28', command: ['sh', '-c', script], imagePullPolicy: 'IfNotPresent'});

type InitState = 'running' | 'init-0' | 'init-1' | 'crashloop' | 'pod-initializing';

function instance(at: string, exitCode?: number, reason?: string) {
	return {containerID: newContainerID(), startedAt: at, ...(exitCode === undefined ? {} : {finishedAt: at, exitCode, reason})};
}

/** A pod object in one of the states, with the status the kubelet would have written. */
function benchPod(namespace: string, name: string, app: string, state: InitState, created: string, nodeName: string): Pod {
	const withInit = state !== 'running';
	const spec = {
		nodeName,
		restartPolicy: 'Always',
		...(withInit ? {initContainers: [busybox('init-myservice', 'until nslookup myservice; do sleep 2; done'), busybox('init-config', 'echo ok')]} : {}),
		containers: [{name: app, image: `ghcr.io/shop/${app}:1.0.0`, imagePullPolicy: 'IfNotPresent'}],
	};
	const runs: ContainerRun[] = [
		...(spec.initContainers ?? []).map(c => newRun(c, 'init', {})),
		...spec.containers.map(c => newRun(c, 'main', {})),
	];
	for (const run of runs) run.user = appliedUser(spec, run.spec);
	const [first, second] = runs;
	const main = runs[runs.length - 1];
	let initialized = true;
	switch (state) {
		case 'running':
			main.current = instance(created);
			break;
		case 'init-0':
			first.current = instance(created);
			initialized = false;
			break;
		case 'init-1':
			first.current = instance(created, 0, 'Completed');
			second.current = instance(created);
			initialized = false;
			break;
		case 'crashloop':
			first.current = instance(created, 0, 'Completed');
			second.last = instance(created, 1, 'Error');
			second.current = instance(created, 1, 'Error');
			second.restartCount = 3;
			second.waiting = {reason: 'CrashLoopBackOff', message: `back-off 40s restarting failed container=init-config pod=${name}_${namespace}(uid)`};
			initialized = false;
			break;
		case 'pod-initializing':
			first.current = instance(created, 0, 'Completed');
			second.current = instance(created, 0, 'Completed');
			break;
	}
	const status = buildPodStatus({runs, restartPolicy: 'Always', sandboxReady: true, initialized, initFailed: false, couldRestartAll: false, restartingAll: false, startTime: created, hostIP: '192.168.49.3', podIP: '10.245.0.10', qosClass: 'BestEffort'}, new ConditionClock(created));
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name, namespace, creationTimestamp: created, labels: {app}},
		spec,
		status,
	};
}

/** Creates `pods` pods over `namespaces` namespaces with finished statuses (bound to bench nodes, so no kubelet touches them). */
export async function populate(backend: ClusterBackend, options: PopulateOptions): Promise<Populated> {
	const prefix = options.prefix ?? 'bench';
	const width = String(Math.max(options.namespaces - 1, 1)).length;
	const namespaces = Array.from({length: options.namespaces}, (_, i) => `${prefix}-${String(i).padStart(width, '0')}`);
	for (const namespace of namespaces) await backend.ensureNamespace(namespace);
	const initStates: InitState[] = ['init-0', 'init-1', 'crashloop', 'pod-initializing'];
	const now = Date.now();
	const pods: Populated['pods'] = [];
	let initCount = 0;
	for (let i = 0; i < options.pods; i++) {
		const namespace = namespaces[i % namespaces.length];
		const app = APPS[Math.floor(i / namespaces.length) % APPS.length];
		const name = `${app}-${token(i % 97, 10)}-${token(i, 5)}`;
		const inInit = Math.floor((i + 1) * options.initFraction) > Math.floor(i * options.initFraction);
		const state = inInit ? initStates[initCount++ % initStates.length] : 'running';
		const created = nowRfc3339(now - ((i * 7919) % (3 * 24 * 3600)) * 1000);
		await backend.createPod(benchPod(namespace, name, app, state, created, `bench-node-${i % 20}`));
		pods.push({namespace, name});
	}
	return {namespaces, pods};
}

/**
 * One status change as the churn makes it: the pod's first app container restarted
 * (restartCount set, lastState the failure, a new containerID), CHANGED_AT_ANNOTATION = `at`.
 * A benchmark probes staleness with a restartCount nobody else writes.
 */
export async function setRestartCount(backend: ClusterBackend, pod: Pod, restartCount: number, at = Date.now()): Promise<Pod | undefined> {
	const status = structuredClone(pod.status ?? {});
	const container = status.containerStatuses?.[0];
	if (!container) throw new Error(`pod ${pod.metadata.namespace}/${pod.metadata.name} has no container status`);
	const stamp = nowRfc3339(at);
	container.restartCount = restartCount;
	// A clean restart (exit 0): RESTARTS changes, the pod stays healthy. An exit 1 here would be a
	// crash, and a container running again minutes after a crash is in a crash loop (app failing).
	container.lastState = {terminated: {exitCode: 0, reason: 'Completed', startedAt: stamp, finishedAt: stamp, containerID: container.containerID}};
	container.containerID = newContainerID();
	if (container.state?.running) container.state = {running: {startedAt: stamp}};
	return backend.updatePodStatus(pod.metadata.namespace ?? 'default', pod.metadata.name, status, {[CHANGED_AT_ANNOTATION]: new Date(at).toISOString()});
}

export interface ChurnOptions {
	perSecond: number;
	/** Only pods of this namespace (default: all). */
	namespace?: string;
	/** Pods the churn leaves alone (`namespace/name`), e.g. the ones a benchmark probes itself. */
	exclude?: ReadonlySet<string>;
	/** Called after each change is written. */
	onUpdate?(change: {namespace: string; name: string; restartCount: number; at: number}): void;
}

export interface Churn {
	stop(): void;
	/** Status updates written so far. */
	readonly updates: number;
}

/**
 * Rewrites pod statuses at a steady rate: each change restarts a pod's first app container
 * (restartCount + 1, lastState the failure) — a change `kubectl get pods` shows in RESTARTS — and
 * stamps CHANGED_AT_ANNOTATION with the time of the change.
 */
export function startChurn(backend: ClusterBackend, options: ChurnOptions): Churn {
	let updates = 0;
	let stopped = false;
	let pods: Pod[] = [];
	let cursor = 0;
	let busy = false;
	const started = Date.now();
	const load = backend.listPods(options.namespace).then(list => {
		// Running pods only: during init, app-container restarts do not show in RESTARTS.
		pods = list.filter(pod => pod.status?.containerStatuses?.[0]?.state?.running && !options.exclude?.has(`${pod.metadata.namespace}/${pod.metadata.name}`));
	});
	const tick = async () => {
		if (busy || stopped) return;
		busy = true;
		try {
			await load;
			const due = Math.floor(((Date.now() - started) / 1000) * options.perSecond) - updates;
			for (let i = 0; i < due && !stopped && pods.length > 0; i++) {
				const pod = pods[cursor++ % pods.length];
				const at = Date.now();
				const status = structuredClone(pod.status!);
				const restartCount = pod.status!.containerStatuses![0].restartCount + 1;
				const updated = await setRestartCount(backend, pod, restartCount, at);
				if (updated) pod.status = updated.status;
				updates++;
				options.onUpdate?.({namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name, restartCount, at});
			}
		} finally {
			busy = false;
		}
	};
	const timer = setInterval(() => void tick(), 20);
	return {
		stop() {
			stopped = true;
			clearInterval(timer);
		},
		get updates() {
			return updates;
		},
	};
}

export interface FirehoseOptions {
	namespace: string;
	pod: string;
	container: string;
	linesPerSecond: number;
	total: number;
}

export interface Firehose {
	stop(): void;
	/** Resolves when `total` lines are written (or at stop). */
	done: Promise<void>;
	readonly written: number;
	/** When the first line was due (Date.now() clock); undefined until the pod is ready. */
	readonly startedAt: number | undefined;
}

/**
 * The firehose's pod, created Running (bound to a bench node) if it does not exist; resolves to
 * the container's current containerID (whose log the lines go to). Create it first to attach
 * readers (`kubectl logs -f`, initk9) before the lines flow.
 */
export async function ensureLogPod(backend: ClusterBackend, options: {namespace: string; pod: string; container: string}): Promise<string> {
	let pod = await backend.getPod(options.namespace, options.pod);
	if (!pod) {
		await backend.ensureNamespace(options.namespace);
		const template = benchPod(options.namespace, options.pod, options.container, 'running', nowRfc3339(), 'bench-node-0');
		pod = await backend.createPod(template);
	}
	const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(s => s.name === options.container);
	if (!status?.containerID) throw new Error(`pod ${options.namespace}/${options.pod} has no container ${options.container} with a containerID`);
	return status.containerID;
}

/**
 * Writes numbered lines (`line 0000001 …`) into one container's log at a steady rate. The pod is
 * created Running (bound to a bench node) if it does not exist.
 */
export function startFirehose(backend: ClusterBackend, options: FirehoseOptions): Firehose {
	let written = 0;
	let startedAt: number | undefined;
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	let finish: () => void = () => undefined;
	const done = new Promise<void>(resolve => {
		finish = resolve;
	});
	const stop = () => {
		stopped = true;
		if (timer) clearInterval(timer);
		finish();
	};
	const containerID = ensureLogPod(backend, options);
	void containerID.then(id => {
		if (stopped) return;
		const started = Date.now();
		startedAt = started;
		const pad = String(options.total).length;
		timer = setInterval(() => {
			const due = Math.min(options.total, Math.floor(((Date.now() - started) / 1000) * options.linesPerSecond)) - written;
			if (due > 0) {
				const lines: string[] = [];
				for (let i = 0; i < due; i++) {
					written++;
					lines.push(`line ${String(written).padStart(pad, '0')} of ${options.total} firehose payload abcdefghijklmnopqrstuvwxyz`);
				}
				backend.appendLog(options.namespace, options.pod, options.container, id, lines.join('\n'), Date.now());
			}
			if (written >= options.total) stop();
		}, 10);
	}, stop);
	return {
		stop,
		done,
		get written() {
			return written;
		},
		get startedAt() {
			return startedAt;
		},
	};
}
