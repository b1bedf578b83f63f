// Fault injection for tests: every fault is off until test code turns it on.
import type {ClusterStore} from './store.js';

export interface Faults {
	/** End every open watch response now (normal close, like a timeout). */
	closeWatches(): void;
	/** Keep watch sockets open but send nothing (no events, no bookmarks): a client watchdog must notice. */
	stallWatches(on: boolean): void;
	/**
	 * Log follow streams go dead: open ones and new ones send nothing more and never end (not even
	 * when the container exits), like a connection a proxy holds open. Lifting it heals new
	 * streams only; the dead ones stay dead until the client drops them.
	 */
	stallLogs(on: boolean): void;
	/** store.compact(): a watch resuming from an older RV gets 200 + ERROR event Status 410 Expired. */
	expireHistory(): void;
	/** The next N requests answer a 5xx Status (default 500). */
	failNext(count: number, code?: number): void;
	/** 403 on cluster-scope lists/watches (RBAC message). */
	forbidClusterScope(on: boolean): void;
	/** 403 outside these namespaces (and on cluster-scope lists/watches); undefined lifts it. */
	restrictNamespaces(names: string[] | undefined): void;
	setLatency(ms: number): void;
	/** Stop listening and destroy all sockets (connection refused). */
	down(): Promise<void>;
	/** Listen again on the same port. */
	up(): Promise<void>;
}

/** What the server lets the faults drive. */
export interface FaultTarget {
	closeWatches(): void;
	stallWatches(): void;
	stallLogs(): void;
	down(): Promise<void>;
	up(): Promise<void>;
}

export class FaultState implements Faults {
	watchesStalled = false;
	logsStalled = false;
	clusterScopeForbidden = false;
	allowedNamespaces: ReadonlySet<string> | undefined;
	latencyMs = 0;
	private failures = {count: 0, code: 500};
	private target: FaultTarget | undefined;

	constructor(private readonly store: ClusterStore) {}

	attach(target: FaultTarget): void {
		this.target = target;
	}

	closeWatches(): void {
		this.target?.closeWatches();
	}

	stallWatches(on: boolean): void {
		this.watchesStalled = on;
		if (on) this.target?.stallWatches();
	}

	stallLogs(on: boolean): void {
		this.logsStalled = on;
		if (on) this.target?.stallLogs();
	}

	expireHistory(): void {
		this.store.compact();
	}

	failNext(count: number, code = 500): void {
		if (code < 500 || code > 599) throw new Error(`failNext: ${code} is not a 5xx code`);
		this.failures = {count, code};
	}

	/** The code the current request must fail with, consuming one injected failure; undefined = serve it. */
	takeFailure(): number | undefined {
		if (this.failures.count <= 0) return undefined;
		this.failures.count--;
		return this.failures.code;
	}

	forbidClusterScope(on: boolean): void {
		this.clusterScopeForbidden = on;
	}

	restrictNamespaces(names: string[] | undefined): void {
		this.allowedNamespaces = names ? new Set(names) : undefined;
	}

	setLatency(ms: number): void {
		this.latencyMs = Math.max(0, ms);
	}

	async down(): Promise<void> {
		await this.target?.down();
	}

	async up(): Promise<void> {
		await this.target?.up();
	}
}
