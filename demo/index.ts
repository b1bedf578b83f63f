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
	/** Closes every socket and timer; the process can exit. */
	stop(): Promise<void>;
}

interface KubeletModules {
	scenarioNames: readonly string[];
	start(store: ClusterStore, logs: LogStore, scenarios: string[], speed: number): {stop(): void};
}

// The kubelet and scenarios are imported lazily so an empty cluster (kubelet: false) never loads them.
async function loadKubelet(): Promise<KubeletModules> {
	const [{memoryBackend}, {startKubelet}, {scenarioNames}] = await Promise.all([
		import('./backend.js'),
		import('./kubelet.js'),
		import('./scenarios/index.js'),
	]);
	return {
		scenarioNames,
		start: (store, logs, scenarios, speed) => startKubelet({backend: memoryBackend(store, logs), scenarios, speed}),
	};
}

/** The node the simulated kubelet runs (its default node name and host IP). */
function demoNode() {
	const now = nowRfc3339();
	return {
		metadata: {name: 'demo-node', labels: {'kubernetes.io/hostname': 'demo-node', 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/control-plane': ''}, creationTimestamp: now},
		spec: {podCIDR: '10.244.0.0/24'},
		status: {
			conditions: [{type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now}],
			addresses: [
				{type: 'InternalIP', address: '192.168.49.2'},
				{type: 'Hostname', address: 'demo-node'},
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
	if (kubelet) store.put('nodes', demoNode());
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

	const running = kubelet?.start(store, logs, scenarios, speed);
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
		async stop() {
			if (stopped) return;
			stopped = true;
			running?.stop();
			await api.close();
			if (tempDir) rmSync(tempDir, {recursive: true, force: true});
		},
	};
}
