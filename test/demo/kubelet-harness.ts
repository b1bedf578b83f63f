// A demo cluster without HTTP for the kubelet's tests: ClusterStore + memoryBackend + the
// simulated kubelet, with the STATUS history of every pod (as `kubectl get pods -w` prints it)
// and every log line by container instance.
import type {KubeEvent, Pod} from '../../source/model/k8s-types.js';
import {printPod} from '../../source/model/pod-status.js';
import {memoryBackend, type ClusterBackend} from '../../demo/backend.js';
import {startKubelet, type Kubelet, type KubeletOptions} from '../../demo/kubelet.js';
import {ClusterStore} from '../../demo/store.js';

export interface LogRecord {
	namespace: string;
	pod: string;
	container: string;
	containerID: string;
	text: string;
	at: number;
}

export interface Observation {
	/** Wall-clock ms since the harness started. */
	at: number;
	/** Epoch ms of the observation. */
	wallAt: number;
	uid: string;
	status: string;
	ready: string;
	restarts: string;
	pod: Pod;
}

export interface Harness {
	store: ClusterStore;
	backend: ClusterBackend;
	kubelet: Kubelet;
	speed: number;
	logs: LogRecord[];
	/** Every distinct row of a pod, in order (deleted pods included). */
	history(namespace: string, name: string): Observation[];
	/** Every pod seen, by `namespace/name`. */
	keys(): string[];
	/** The STATUS column over time, consecutive repeats collapsed. */
	statuses(namespace: string, name: string): string[];
	pod(namespace: string, name: string): Pod | undefined;
	row(namespace: string, name: string): {status: string; ready: string; restarts: string} | undefined;
	events(namespace: string, name: string): KubeEvent[];
	logLines(namespace: string, pod: string, container: string): string[];
	stop(): void;
}

/** `nodes`: the nodes the kubelet plays (default one, demo-node; pass demoNodes for the demo's three). */
export function startHarness(scenarios: readonly string[], speed: number, nodes?: KubeletOptions['nodes']): Harness {
	const store = new ClusterStore();
	const logs: LogRecord[] = [];
	const backend = memoryBackend(store, {
		append(namespace, pod, container, containerID, text, at = Date.now()) {
			logs.push({namespace, pod, container, containerID, text, at});
		},
	});
	const started = Date.now();
	const histories = new Map<string, Observation[]>();
	store.subscribe(change => {
		if (change.kind !== 'pods' || change.type === 'DELETED') return;
		const pod = change.object as unknown as Pod;
		const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
		const row = printPod(pod, Date.now());
		const list = histories.get(key) ?? [];
		histories.set(key, list);
		const wallAt = Date.now();
		list.push({at: wallAt - started, wallAt, uid: pod.metadata.uid ?? '', status: row.status, ready: row.ready, restarts: row.restarts, pod: structuredClone(pod)});
	});
	const kubelet = startKubelet({backend, scenarios, speed, ...(nodes ? {nodes} : {})});
	const history = (namespace: string, name: string) => histories.get(`${namespace}/${name}`) ?? [];
	return {
		store,
		backend,
		kubelet,
		speed,
		logs,
		history,
		keys: () => [...histories.keys()],
		statuses(namespace, name) {
			const out: string[] = [];
			for (const observation of history(namespace, name)) if (out[out.length - 1] !== observation.status) out.push(observation.status);
			return out;
		},
		pod: (namespace, name) => store.get('pods', namespace, name) as unknown as Pod | undefined,
		row(namespace, name) {
			const pod = store.get('pods', namespace, name) as unknown as Pod | undefined;
			if (!pod) return undefined;
			const row = printPod(pod, Date.now());
			return {status: row.status, ready: row.ready, restarts: row.restarts};
		},
		events(namespace, name) {
			return (store.list('events', namespace).items as unknown as KubeEvent[]).filter(event => event.involvedObject.name === name);
		},
		logLines(namespace, pod, container) {
			return logs.filter(log => log.namespace === namespace && log.pod === pod && log.container === container).map(log => log.text);
		},
		stop: () => kubelet.stop(),
	};
}

/** Polls `probe` until it returns something truthy; fails with `what` and the last value at the deadline. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | null, timeoutMs = 15_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}
