// Harness for the real-cluster suite: a kube-apiserver v1.20.2 + etcd 3.4 built from Debian's
// packages (scripts/kube-apiserver), started per test file on free loopback ports, stopped by PID.
// The harness (never initk9) writes to it through demo/http-backend.ts.
import {spawnSync, execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {httpBackend, type HttpBackend} from '../../demo/http-backend.js';

const run = promisify(execFile);
const scripts = fileURLToPath(new URL('../../scripts/kube-apiserver/', import.meta.url));
const EXIT_UNAVAILABLE = 3;

export type Provisioned = {ok: true; seconds: number; paths: Record<string, string>} | {ok: false; skip: string};

let provisioned: Provisioned | undefined;

/**
 * Runs provision.sh once per process (seconds when the binary is cached; a cold build takes
 * minutes, so CI runs the script before the suite). `skip` is set only when the script reports
 * that the toolchain cannot be obtained here; any other failure throws.
 */
export function provision(): Provisioned {
	if (provisioned) return provisioned;
	const started = Date.now();
	const result = spawnSync('bash', [join(scripts, 'provision.sh')], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
	if (result.status === EXIT_UNAVAILABLE) {
		const reason = result.stderr.trim().split('\n').pop() ?? 'unavailable';
		provisioned = {ok: false, skip: `real kube-apiserver cannot be provisioned here: ${reason}`};
		return provisioned;
	}
	if (result.status !== 0) throw new Error(`scripts/kube-apiserver/provision.sh failed (${result.status}): ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
	const paths = Object.fromEntries(result.stdout.trim().split('\n').map(line => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
	provisioned = {ok: true, seconds: (Date.now() - started) / 1000, paths};
	return provisioned;
}

/** `describe(name, skipUnlessProvisioned(), …)`: skips the suite with the script's reason. */
export function skipUnlessProvisioned(): {skip?: string; timeout: number} {
	const state = provision();
	return state.ok ? {timeout: 600_000} : {skip: state.skip, timeout: 600_000};
}

export interface ClusterEnv {
	SERVER: string;
	CA_FILE: string;
	SERVER_CERT: string;
	SERVER_KEY: string;
	ADMIN_TOKEN: string;
	LIMITED_TOKEN: string;
	KUBECONFIG: string;
	LIMITED_NAMESPACE: string;
	ETCD_ENDPOINT: string;
	APISERVER_PORT: string;
	AUDIT_LOG: string;
}

export interface StartOptions {
	/** API server --etcd-compaction-interval (default 5m). */
	compactionInterval?: string;
	/** Serve pod watches straight from etcd, so a watch from a compacted revision gets 410. */
	podWatchCache?: boolean;
	limitedNamespace?: string;
}

export interface TableRow {
	name: string;
	namespace: string;
	ready: string;
	status: string;
	restarts: string;
	cells: unknown[];
}

export interface RealCluster {
	dir: string;
	env: ClusterEnv;
	server: string;
	/** Kubeconfig with contexts initk9-admin (namespace default) and initk9-limited. */
	kubeconfig: string;
	/** The admin's writing backend: also the fake kubelet serving container logs. */
	backend: HttpBackend;
	ca: Buffer;
	/** `crash`: SIGKILL at once; otherwise SIGTERM, up to 10 s to drain (then SIGKILL). */
	stopApiServer(options?: {crash?: boolean}): Promise<void>;
	startApiServer(): Promise<void>;
	/** Compacts etcd up to its current revision; returns that revision. */
	compact(): Promise<number>;
	/**
	 * A real kube-controller-manager (deployment, replicaset, statefulset, job, daemonset controllers)
	 * against this API server, until stopControllerManager() or stop(). Its log: `dir`/controller-manager.log.
	 */
	startControllerManager(): Promise<void>;
	stopControllerManager(): Promise<void>;
	/** Role + RoleBinding: `user` may read pods, pods/log, events, services, endpoints, configmaps in `namespace`. */
	grantRead(user: string, namespace: string): Promise<void>;
	/** The server's own Table printer (`Accept: as=Table`) for pods. */
	podTable(namespace?: string): Promise<TableRow[]>;
	/** Writes a kubeconfig for one user against `server` (e.g. a proxy in front of the API server). */
	writeKubeconfig(options: {server?: string; token: string; namespace: string; name?: string}): string;
	/** Audit log entries (Metadata level): what initk9 asked the server. */
	audit(): Array<{verb: string; requestURI: string; user: {username: string}; userAgent?: string; responseStatus?: {code: number}}>;
	stop(): Promise<void>;
}

const tableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

export async function startRealCluster(options: StartOptions = {}): Promise<RealCluster> {
	const state = provision();
	if (!state.ok) throw new Error(state.skip);
	const dir = mkdtempSync(join(tmpdir(), 'initk9-real-'));
	const cluster = join(scripts, 'cluster.sh');
	const args = ['start', dir, '--owner-pid', String(process.pid)];
	if (options.compactionInterval) args.push('--compaction-interval', options.compactionInterval);
	if (options.podWatchCache === false) args.push('--pod-watch-cache', 'off');
	if (options.limitedNamespace) args.push('--limited-namespace', options.limitedNamespace);
	try {
		await run('bash', [cluster, ...args], {encoding: 'utf8'});
	} catch (error) {
		const stderr = (error as {stderr?: string}).stderr ?? '';
		rmSync(dir, {recursive: true, force: true});
		throw new Error(`cluster.sh start failed: ${stderr.trim() || String(error)}`);
	}
	const env = Object.fromEntries(
		readFileSync(join(dir, 'cluster.env'), 'utf8')
			.trim()
			.split('\n')
			.map(line => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
	) as unknown as ClusterEnv;
	const ca = readFileSync(env.CA_FILE);
	const backend = await httpBackend({
		server: env.SERVER,
		ca,
		token: env.ADMIN_TOKEN,
		kubeletCert: readFileSync(env.SERVER_CERT),
		kubeletKey: readFileSync(env.SERVER_KEY),
	});
	const script = async (...rest: string[]) => (await run('bash', [cluster, ...rest, dir], {encoding: 'utf8'})).stdout;
	let stopped = false;

	const real: RealCluster = {
		dir,
		env,
		server: env.SERVER,
		kubeconfig: env.KUBECONFIG,
		backend,
		ca,
		async stopApiServer({crash = false} = {}) {
			await run('bash', [cluster, 'stop-apiserver', dir, ...(crash ? ['--kill'] : [])]);
		},
		async startApiServer() {
			await run('bash', [cluster, 'start-apiserver', dir]);
		},
		async startControllerManager() {
			await script('start-controller-manager');
		},
		async stopControllerManager() {
			await script('stop-controller-manager');
		},
		async compact() {
			return Number((await script('compact')).trim());
		},
		async grantRead(user, namespace) {
			await backend.ensureNamespace(namespace);
			const rbac = `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}`;
			const role = {
				apiVersion: 'rbac.authorization.k8s.io/v1',
				kind: 'Role',
				metadata: {name: 'initk9-read', namespace},
				rules: [{apiGroups: [''], resources: ['pods', 'pods/log', 'events', 'services', 'endpoints', 'configmaps'], verbs: ['get', 'list', 'watch']}],
			};
			const binding = {
				apiVersion: 'rbac.authorization.k8s.io/v1',
				kind: 'RoleBinding',
				metadata: {name: `initk9-read-${user}`, namespace},
				roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'initk9-read'},
				subjects: [{apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user}],
			};
			for (const [path, body] of [[`${rbac}/roles`, role], [`${rbac}/rolebindings`, binding]] as const) {
				const response = await backend.api('POST', path, body);
				if (response.status !== 201 && response.status !== 409) throw new Error(`POST ${path}: ${response.status} ${response.text}`);
			}
		},
		async podTable(namespace) {
			const path = namespace ? `/api/v1/namespaces/${namespace}/pods` : '/api/v1/pods';
			const response = await backend.api<{columnDefinitions: Array<{name: string}>; rows: Array<{cells: unknown[]; object: {metadata: {name: string; namespace: string}}}>}>(
				'GET',
				`${path}?includeObject=Metadata`,
				undefined,
				{Accept: tableAccept},
			);
			if (response.status !== 200) throw new Error(`Table of pods: ${response.status} ${response.text}`);
			const column = (name: string) => response.body.columnDefinitions.findIndex(c => c.name === name);
			const [ready, status, restarts] = [column('Ready'), column('Status'), column('Restarts')];
			return response.body.rows.map(row => ({
				name: row.object.metadata.name,
				namespace: row.object.metadata.namespace,
				ready: String(row.cells[ready]),
				status: String(row.cells[status]),
				restarts: String(row.cells[restarts]),
				cells: row.cells,
			}));
		},
		writeKubeconfig({server = env.SERVER, token, namespace, name = 'kubeconfig-custom'}) {
			const file = join(dir, name);
			writeFileSync(
				file,
				[
					'apiVersion: v1',
					'kind: Config',
					'clusters:',
					'- name: real',
					'  cluster:',
					`    server: ${server}`,
					`    certificate-authority-data: ${ca.toString('base64')}`,
					'users:',
					'- name: user',
					'  user:',
					`    token: ${token}`,
					'contexts:',
					'- name: real',
					`  context: {cluster: real, user: user, namespace: ${namespace}}`,
					'current-context: real',
					'',
				].join('\n'),
				{mode: 0o600},
			);
			return file;
		},
		audit() {
			let text = '';
			try {
				text = readFileSync(env.AUDIT_LOG, 'utf8');
			} catch {
				return [];
			}
			return text
				.split('\n')
				.filter(Boolean)
				.map(line => JSON.parse(line));
		},
		async stop() {
			if (stopped) return;
			stopped = true;
			await backend.close().catch(() => {});
			await run('bash', [cluster, 'stop', dir]).catch(() => {});
			rmSync(dir, {recursive: true, force: true});
		},
	};
	return real;
}

/** Polls `check` until it returns a truthy value or the deadline passes (then throws with `what`). */
export async function eventually<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
		await new Promise(resolve => setTimeout(resolve, everyMs));
	}
}
