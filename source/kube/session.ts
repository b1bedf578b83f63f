// One connection to one context: a fresh KubeConfig and client (credentials never shared with
// another context), checked on open, and the factory for watches and log followers. Read-only:
// every request this layer sends is a GET.
import type {Endpoints, KubeEvent, Namespace, Pod, Service} from '../model/k8s-types.js';
import {ApiError, describeError, isForbidden, isNotFound} from './errors.js';
import {ApiClient} from './http.js';
import {loadKubeconfig, resolveContext} from './kubeconfig.js';
import {LogFollowerImpl, logPath} from './log-follower.js';
import {readAllLines} from './log-line.js';
import {ResourceWatchLoop} from './resource-watch.js';
import type {WatchTarget, WatchedObject} from './resource-watch.js';
import {resolveTunables} from './tunables.js';
import {KINDS, workloadPath} from '../model/workloads/kinds.js';
import type {Workload, WorkloadKind} from '../model/workloads/types.js';
import type {Tunables} from './tunables.js';
import {InitError} from './types.js';
import type {ClusterSession, LogFollower, LogOptions, PodListWatch, ResourceWatch, SessionInfo} from './types.js';

export interface SessionOptions {
	/** --kubeconfig */
	kubeconfig?: string;
	/** --context */
	context?: string;
	/** -n/--namespace */
	namespace?: string;
	/** -A/--all-namespaces */
	allNamespaces?: boolean;
	env?: NodeJS.ProcessEnv;
	homeDir?: string;
	/** Timings for tests; INITK9_* environment variables apply underneath. */
	tunables?: Partial<Tunables>;
}

const enc = encodeURIComponent;
/** Pods per page of a one-shot list. */
const LIST_PAGE = 500;
const namespacePath = (namespace: string) => `/api/v1/namespaces/${enc(namespace)}`;

/** The kubeconfig's contexts and current context (for the :ctx picker); InitError on a bad config. */
export function listContexts(options: SessionOptions): {current: string | undefined; contexts: string[]} {
	const config = loadKubeconfig(options);
	return {current: config.currentContext, contexts: config.contexts.map(context => context.name)};
}

/**
 * Loads the kubeconfig like kubectl, checks the server answers (GET /version) and the namespace
 * exists and is accessible; every failure is an InitError with one line.
 */
export async function openSession(options: SessionOptions): Promise<ClusterSession> {
	const config = loadKubeconfig(options);
	const resolved = resolveContext(config, options.context);
	const namespace = options.namespace || resolved.context.namespace || 'default';
	const tunables = resolveTunables(options.tunables, options.env ?? process.env);
	let client: ApiClient;
	try {
		client = new ApiClient(resolved.kubeConfig, tunables.requestTimeoutMs);
	} catch (error) {
		throw new InitError(describeError(error));
	}
	const session = new Session(client, tunables, {
		context: resolved.context.name,
		cluster: resolved.cluster.name,
		user: resolved.user?.name ?? '',
		server: resolved.cluster.server,
		namespace,
		allNamespaces: options.allNamespaces === true,
		contexts: resolved.contexts,
		candidateNamespaces: config.contexts.map(context => context.namespace).filter((name): name is string => !!name),
	});
	try {
		await session.verify();
	} catch (error) {
		session.close();
		throw error instanceof InitError ? error : new InitError(describeError(error));
	}
	return session;
}

interface SessionFacts extends SessionInfo {
	/** Namespaces named by the kubeconfig's contexts: candidates when namespaces cannot be listed. */
	candidateNamespaces: string[];
}

class Session implements ClusterSession {
	readonly context: string;
	readonly cluster: string;
	readonly user: string;
	readonly server: string;
	readonly namespace: string;
	readonly allNamespaces: boolean;
	readonly contexts: string[];
	private readonly candidateNamespaces: string[];
	private readonly open = new Set<{stop(): void; reconnect(): void}>();
	private closed = false;

	constructor(
		private readonly client: ApiClient,
		private readonly tunables: Tunables,
		facts: SessionFacts,
	) {
		this.context = facts.context;
		this.cluster = facts.cluster;
		this.user = facts.user;
		this.server = facts.server;
		this.namespace = facts.namespace;
		this.allNamespaces = facts.allNamespaces;
		this.contexts = facts.contexts;
		this.candidateNamespaces = facts.candidateNamespaces;
	}

	/** The server answers with these credentials, and the namespace is there and ours to read. */
	async verify(): Promise<void> {
		try {
			await this.client.getJson('/version', {describe: {verb: 'get', resource: 'version'}});
		} catch (error) {
			throw new InitError(describeError(error));
		}
		if (this.allNamespaces) return;
		try {
			await this.client.getJson(namespacePath(this.namespace), {describe: {verb: 'get', resource: 'namespaces', namespace: this.namespace}});
			return;
		} catch (error) {
			if (isNotFound(error)) throw new InitError(`namespace "${this.namespace}" not found`);
			if (!isForbidden(error)) throw new InitError(describeError(error));
		}
		// Reading the namespace object is often forbidden to namespace-scoped users; listing pods
		// in it is what initk9 needs.
		try {
			await this.client.getJson(`${namespacePath(this.namespace)}/pods`, {query: {limit: 1}, describe: {verb: 'list', resource: 'pods', namespace: this.namespace}});
		} catch (error) {
			throw new InitError(describeError(error));
		}
	}

	watchPods(namespace: string | undefined): PodListWatch {
		return this.watch<Pod>({path: namespace === undefined ? '/api/v1/pods' : `${namespacePath(namespace)}/pods`, resource: 'pods', namespace, printedFirst: true});
	}

	watchPod(namespace: string, name: string): ResourceWatch<Pod> {
		return this.watch<Pod>({
			path: `${namespacePath(namespace)}/pods`,
			resource: 'pods',
			namespace,
			fieldSelector: `metadata.name=${name}`,
			matches: pod => pod.metadata.name === name,
		});
	}

	watchPodEvents(namespace: string, podName: string): ResourceWatch<KubeEvent> {
		return this.watch<KubeEvent>({
			path: `${namespacePath(namespace)}/events`,
			resource: 'events',
			namespace,
			fieldSelector: `involvedObject.name=${podName},involvedObject.namespace=${namespace}`,
			matches: event => event.involvedObject?.name === podName && (event.involvedObject.namespace ?? namespace) === namespace,
		});
	}

	watchWorkloads(kind: WorkloadKind, namespace: string | undefined): ResourceWatch<Workload> {
		const info = KINDS[kind];
		return this.watch<Workload>({path: workloadPath(kind, namespace), resource: info.resource, namespace, typeMeta: {kind, apiVersion: info.groupVersion}});
	}

	followLog(options: LogOptions): LogFollower {
		this.assertOpen();
		const follower = new LogFollowerImpl(options, {
			client: this.client,
			watchPod: () => this.watchPod(options.namespace, options.pod),
			getPod: () => this.getPod(options.namespace, options.pod),
			tunables: this.tunables,
		});
		return this.track(follower);
	}

	async readLog(options: LogOptions): Promise<string[]> {
		this.assertOpen();
		try {
			const response = await this.client.open(logPath(options.namespace, options.pod), {
				query: {container: options.container, previous: options.previous || undefined, tailLines: options.tailLines, sinceSeconds: options.sinceSeconds},
				describe: {verb: 'get', resource: 'pods/log', namespace: options.namespace},
			});
			return await readAllLines(response, () => new ApiError(0, '', 'the log stream was cut off'));
		} catch (error) {
			throw new InitError(describeError(error, {verb: 'get', resource: 'pods/log', namespace: options.namespace}));
		}
	}

	getPod(namespace: string, name: string): Promise<Pod | undefined> {
		return this.client.getOptional<Pod>(`${namespacePath(namespace)}/pods/${enc(name)}`, {describe: {verb: 'get', resource: 'pods', namespace}});
	}

	async listPods(namespace: string | undefined): Promise<Pod[]> {
		const path = namespace === undefined ? '/api/v1/pods' : `${namespacePath(namespace)}/pods`;
		const pods: Pod[] = [];
		let next: string | undefined;
		try {
			do {
				const page: {items?: Pod[]; metadata?: {continue?: string}} = await this.client.getJson(path, {query: {limit: LIST_PAGE, continue: next}, describe: {verb: 'list', resource: 'pods', namespace}});
				pods.push(...(page.items ?? []));
				next = page.metadata?.continue || undefined;
			} while (next);
		} catch (error) {
			throw new InitError(describeError(error, {verb: 'list', resource: 'pods', namespace}));
		}
		return pods;
	}

	getService(namespace: string, name: string): Promise<Service | undefined> {
		return this.client.getOptional<Service>(`${namespacePath(namespace)}/services/${enc(name)}`, {describe: {verb: 'get', resource: 'services', namespace}});
	}

	getEndpoints(namespace: string, name: string): Promise<Endpoints | undefined> {
		return this.client.getOptional<Endpoints>(`${namespacePath(namespace)}/endpoints/${enc(name)}`, {describe: {verb: 'get', resource: 'endpoints', namespace}});
	}

	getObject(apiPath: string): Promise<unknown | undefined> {
		if (!apiPath.startsWith('/api/') && !apiPath.startsWith('/apis/')) return Promise.reject(new Error(`not an API path: ${apiPath}`));
		return this.client.getOptional<unknown>(apiPath);
	}

	/**
	 * All namespaces; if listing them is forbidden, the candidates this user can work in: the
	 * kubeconfig contexts' namespaces, the session's and `default`, each probed with a pod list.
	 */
	async listNamespaces(): Promise<string[]> {
		try {
			const list = await this.client.getJson<{items?: Namespace[]}>('/api/v1/namespaces', {describe: {verb: 'list', resource: 'namespaces'}});
			return (list.items ?? []).map(item => item.metadata.name).sort();
		} catch (error) {
			if (!isForbidden(error)) throw new InitError(describeError(error, {verb: 'list', resource: 'namespaces'}));
		}
		const candidates = [...new Set([this.namespace, ...this.candidateNamespaces, 'default'])];
		const usable = await Promise.all(
			candidates.map(async namespace => {
				try {
					await this.client.getJson(`${namespacePath(namespace)}/pods`, {query: {limit: 1}});
					return namespace;
				} catch {
					return undefined;
				}
			}),
		);
		return usable.filter((namespace): namespace is string => namespace !== undefined).sort();
	}

	reconnect(): void {
		for (const handle of [...this.open]) handle.reconnect();
	}

	close(): void {
		this.closed = true;
		for (const handle of [...this.open]) handle.stop();
		this.open.clear();
		this.client.close();
	}

	private watch<T extends WatchedObject>(target: WatchTarget<T>): ResourceWatchLoop<T> {
		this.assertOpen();
		return this.track(new ResourceWatchLoop<T>(this.client, target, this.tunables));
	}

	/** Remembers a watch/follower so close() stops it; its own stop() forgets it. */
	private track<H extends {stop(): void; reconnect(): void}>(handle: H): H {
		const stop = handle.stop.bind(handle);
		const entry = {stop, reconnect: () => handle.reconnect()};
		handle.stop = () => {
			this.open.delete(entry);
			stop();
		};
		this.open.add(entry);
		return handle;
	}

	private assertOpen(): void {
		if (this.closed) throw new Error('session is closed');
	}
}
