// The contract between kube/ (talks to an API server) and the rest of initk9 (hooks, views,
// the report command). Nothing here imports React; nothing above kube/ talks HTTP.
import type {Endpoints, KubeEvent, Pod, PrintedRow, Service} from '../model/k8s-types.js';
import type {Workload, WorkloadKind} from '../model/workloads/types.js';

/** What the header shows about one watch. */
export type ConnectionState =
	| {kind: 'connecting'; since: number}
	/** Events flow (bookmarks count), or a fresh list was followed by an accepted watch. */
	| {kind: 'live'; since: number}
	/**
	 * The data is not live: `since` is when it stopped being live (or the last relist, which made
	 * it current again); `cause` says why in a few words, `lastError` is the full line.
	 */
	| {kind: 'reconnecting'; since: number; attempt: number; cause: string; lastError: string}
	/**
	 * Watches keep stalling or failing while lists answer: the store is refreshed by a LIST every
	 * poll interval and a watch is retried in the background. `since`: when polling began;
	 * `staleSince`: set while the polls fail too.
	 */
	| {kind: 'polling'; since: number; cause: string; staleSince?: number; lastError?: string}
	| {kind: 'forbidden'; message: string}
	| {kind: 'stopped'};

/**
 * A list+watch kept in sync with the server: a store keyed by uid that converges to the server's
 * truth after any fault. Listeners are called after changes (possibly many per second: views
 * must coalesce) and after state changes.
 */
export interface ResourceWatch<T> {
	readonly state: ConnectionState;
	/** True once the first complete list has been stored. */
	readonly synced: boolean;
	/** Increments on every change to the store (cheap change detection for coalesced refresh). */
	readonly version: number;
	/** The objects by uid. Do not mutate. */
	items(): ReadonlyMap<string, T>;
	subscribe(listener: () => void): () => void;
	/** Reconnect now: the back-off is reset and a wait for the next try is cut short. */
	reconnect(): void;
	/** Stops for good: sockets closed, no timer left, no handler restarts it. */
	stop(): void;
}

/**
 * The pod list: before the first full list completes, the server's printed rows (kubectl's
 * Table) stand in for pods whose full object has not arrived, so every pod is on screen at
 * `kubectl get`'s speed.
 */
export interface PodListWatch extends ResourceWatch<Pod> {
	/** Printed rows by key (uid) for pods not in items() yet; empty once synced. */
	preview(): ReadonlyMap<string, PrintedRow>;
	/** Every pod is in items() or preview(): the printed list or the first full list completed. */
	readonly counted: boolean;
	/**
	 * Keys (uids) of pods or printed rows set, replaced or removed since `cursor` (a value this
	 * returned before; 0 at first), and the cursor to ask with next time; `keys` is undefined when
	 * the changes are not known (first call, a relist replaced everything, or too long ago): then
	 * every item is to be looked at.
	 */
	changesSince(cursor: number): {keys: readonly string[] | undefined; cursor: number};
}

export interface LogOptions {
	namespace: string;
	pod: string;
	container: string;
	previous?: boolean;
	/** 0 is honoured (no history, only new lines). */
	tailLines?: number;
	sinceSeconds?: number;
	/** Follow the stream and the container across restarts (default true unless previous). */
	follow?: boolean;
	/** Ring-buffer cap in lines (default 50,000). */
	bufferLines?: number;
}

// The log's lines and notices are model types (the log view's logic reads them without kube).
import type {LogEntry, LogNotice} from '../model/log-entry.js';
export type {LogEntry, LogLine, LogNotice} from '../model/log-entry.js';

export interface LogFollower {
	/** Current buffer content (bounded ring; oldest dropped first). */
	entries(): readonly LogEntry[];
	/** Total lines received (including ones dropped from the ring). */
	readonly received: number;
	readonly dropped: number;
	/** Latest lifecycle notice (what the status line shows). */
	readonly lastNotice: LogNotice | undefined;
	subscribe(listener: () => void): () => void;
	/** Reconnect now: a silent stream is re-opened (resumed without repeats), the back-off reset. */
	reconnect(): void;
	stop(): void;
}

export interface SessionInfo {
	context: string;
	cluster: string;
	user: string;
	server: string;
	/** The namespace in use (from -n, else the context's, else "default"). */
	namespace: string;
	allNamespaces: boolean;
	/** All context names in the kubeconfig (for the :ctx picker). */
	contexts: string[];
}

/** One API connection for one context. Switching context = opening a new Session. */
export interface ClusterSession extends SessionInfo {
	/** namespace undefined = all namespaces. */
	watchPods(namespace: string | undefined): PodListWatch;
	/** One pod by name (fieldSelector metadata.name): for the drill-down and the log follower. */
	watchPod(namespace: string, name: string): ResourceWatch<Pod>;
	watchPodEvents(namespace: string, podName: string): ResourceWatch<KubeEvent>;
	/** Deployments, ReplicaSets, StatefulSets, DaemonSets or Jobs (namespace undefined = all), kind set on each. */
	watchWorkloads(kind: WorkloadKind, namespace: string | undefined): ResourceWatch<Workload>;
	followLog(options: LogOptions): LogFollower;
	/** Every open watch and log follower reconnects now (the `:reconnect` command). */
	reconnect(): void;
	/**
	 * One-shot read (no follow), e.g. the last lines of a failed instance for a finding.
	 * Rejects with InitError carrying the API server's message verbatim.
	 */
	readLog(options: LogOptions): Promise<string[]>;
	getPod(namespace: string, name: string): Promise<Pod | undefined>;
	/** One paged LIST of the pods (namespace undefined = all), for one-shot commands. */
	listPods(namespace: string | undefined): Promise<Pod[]>;
	getService(namespace: string, name: string): Promise<Service | undefined>;
	getEndpoints(namespace: string, name: string): Promise<Endpoints | undefined>;
	/** Read-only GET of an owner (ReplicaSet, Deployment, StatefulSet, Job, DaemonSet). */
	getObject(apiPath: string): Promise<unknown | undefined>;
	listNamespaces(): Promise<string[]>;
	close(): void;
}

/** A user-facing failure: `message` is one line, ready to print after "initk9: ". */
export class InitError extends Error {
	constructor(message: string, readonly exitCode = 1) {
		super(message);
		this.name = 'InitError';
	}
}
