// startDemoCluster: the demo API server, its store, logs, faults and audit, the simulated kubelet
// playing the scenarios, and a kubeconfig pointing at it all.
import {randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {MemoryAuditLog, type AuditLog} from './audit.js';
import {FaultState, type Faults} from './faults.js';
import {demoKubeconfig} from './kubeconfig.js';
import {LogStore} from './logs.js';
import {createApiServer} from './server.js';
import {ClusterStore, nowRfc3339} from './store.js';
import {servingCert} from './tls.js';

export type {AuditLog, AuditEntry} from './audit.js';
export type {Faults} from './faults.js';
export {LogStore} from './logs.js';
export {ClusterStore} from './store.js';

export interface DemoOptions {
	/** Default 0 = a free port; the host is always 127.0.0.1. */
	port?: number;
	/** Default: all scenarios. */
	scenarios?: string[];
	/** Kubelet time compression, default 1. */
	speed?: number;
	/** Where to write the kubeconfig (default: a temp file). */
	kubeconfigOut?: string;
	bookmarkIntervalMs?: number;
	/** Default true; false = an empty cluster (tests fill the store themselves). */
	kubelet?: boolean;
	/** Default true: HTTPS with a self-signed certificate (kubectl sends bearer tokens only over TLS). */
	tls?: boolean;
	/**
	 * Default false. True: the kubelet (and so the scenarios) starts only at play(), so a test can
	 * open its view first and see a scenario from its very beginning however busy the machine is.
	 */
	held?: boolean;
}

export interface DemoCluster {
	url: string;
	port: number;
	kubeconfigPath: string;
	kubeconfig: string;
	token: string;
	store: ClusterStore;
	logs: LogStore;
	faults: Faults;
	audit: AuditLog;
	/** Starts the kubelet of a cluster started `held` (no-op otherwise). */
	play(): void;
	/** Closes every socket and timer; the process can exit. */
	stop(): Promise<void>;
}

interface KubeletModules {
	scenarioNames: readonly string[];
	start(store: ClusterStore, logs: LogStore, scenarios: string[], speed: number): {stop(): void};
}

/** The demo's nodes: the simulated kubelet plays all three; standalone pods go to the first. */
export const demoNodes = [
	{name: 'demo-node', hostIP: '192.168.49.2', podCIDR: '10.244.0.0/24', controlPlane: true},
	{name: 'demo-worker-1', hostIP: '192.168.49.3', podCIDR: '10.244.101.0/24', controlPlane: false},
	{name: 'demo-worker-2', hostIP: '192.168.49.4', podCIDR: '10.244.102.0/24', controlPlane: false},
] as const;

// The kubelet, controllers and scenarios are imported lazily so an empty cluster (kubelet: false) never loads them.
async function loadKubelet(): Promise<KubeletModules> {
	const [{memoryBackend}, {startKubelet}, {scenarioNames}, {startControllers}] = await Promise.all([
		import('./backend.js'),
		import('./kubelet.js'),
		import('./scenarios/index.js'),
		import('./controllers/index.js'),
	]);
	return {
		scenarioNames,
		start: (store, logs, scenarios, speed) => {
			const controllers = startControllers(store, speed);
			const kubelet = startKubelet({backend: memoryBackend(store, logs), scenarios, speed, nodes: demoNodes});
			return {
				stop() {
					kubelet.stop();
					controllers.stop();
				},
			};
		},
	};
}

/** A Ready node as its kubelet registers it. */
function demoNode(node: (typeof demoNodes)[number]) {
	const now = nowRfc3339();
	const role = node.controlPlane ? {'node-role.kubernetes.io/control-plane': ''} : {};
	return {
		metadata: {name: node.name, labels: {'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': node.name, 'kubernetes.io/os': 'linux', ...role}, creationTimestamp: now},
		spec: {podCIDR: node.podCIDR, podCIDRs: [node.podCIDR]},
		status: {
			conditions: [{type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now}],
			addresses: [
				{type: 'InternalIP', address: node.hostIP},
				{type: 'Hostname', address: node.name},
			],
			nodeInfo: {kubeletVersion: 'v1.32.0', containerRuntimeVersion: 'containerd://1.7.24', osImage: 'initk9 demo', operatingSystem: 'linux', architecture: 'amd64'},
		},
	};
}

function validScenarios(requested: string[] | undefined, known: readonly string[]): string[] {
	if (!requested) return [...known];
	for (const name of requested) {
		if (!known.includes(name)) throw new Error(`unknown scenario "${name}" (known: ${known.join(', ')})`);
	}
	return requested;
}

export async function startDemoCluster(options: DemoOptions = {}): Promise<DemoCluster> {
	const speed = options.speed ?? 1;
	if (!(speed > 0)) throw new Error(`speed must be a positive number, got ${speed}`);
	const kubelet = options.kubelet === false ? undefined : await loadKubelet();
	const scenarios = kubelet ? validScenarios(options.scenarios, kubelet.scenarioNames) : [];

	const store = new ClusterStore();
	for (const name of ['default', 'kube-system']) {
		store.put('namespaces', {metadata: {name, labels: {'kubernetes.io/metadata.name': name}, creationTimestamp: nowRfc3339()}, spec: {finalizers: ['kubernetes']}, status: {phase: 'Active'}});
	}
	if (kubelet) for (const node of demoNodes) store.put('nodes', demoNode(node));
	const logs = new LogStore();
	const audit = new MemoryAuditLog();
	const faults = new FaultState(store);
	const token = randomBytes(24).toString('base64url');
	const tls = options.tls === false ? undefined : await servingCert();
	const api = createApiServer({store, logs, audit, faults, token, bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000, ...(tls ? {tls} : {})});
	const port = await api.listen(options.port ?? 0);
	const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;

	const kubeconfig = demoKubeconfig(url, token, tls?.cert);
	let tempDir: string | undefined;
	let kubeconfigPath = options.kubeconfigOut;
	if (!kubeconfigPath) {
		tempDir = mkdtempSync(join(tmpdir(), 'initk9-demo-'));
		kubeconfigPath = join(tempDir, 'kubeconfig');
	}
	writeFileSync(kubeconfigPath, kubeconfig, {mode: 0o600});

	let running = options.held ? undefined : kubelet?.start(store, logs, scenarios, speed);
	let stopped = false;
	return {
		url,
		port,
		kubeconfigPath,
		kubeconfig,
		token,
		store,
		logs,
		faults,
		audit,
		play() {
			if (!stopped) running ??= kubelet?.start(store, logs, scenarios, speed);
		},
		async stop() {
			if (stopped) return;
			stopped = true;
			running?.stop();
			await api.close();
			if (tempDir) rmSync(tempDir, {recursive: true, force: true});
		},
	};
}
