// list + watch kept in sync with the server, the way client-go's reflector does it, plus the
// watchdog client-go lacks: paginated list (pages stored as they arrive), watch from the list's
// resourceVersion with bookmarks and a server-side timeout, re-watch on normal close, relist on
// 410, exponential back-off with jitter on errors, abort + reconnect when the stream goes silent.
import type {IncomingMessage} from 'node:http';
import {Backoff, sleep} from './backoff.js';
import {ApiError, StalledError, describeError, isExpired, isForbidden} from './errors.js';
import type {ErrorContext} from './errors.js';
import type {ApiClient} from './http.js';
import {LineSplitter} from './line-splitter.js';
import {Listeners} from './listeners.js';
import {resolveTunables} from './tunables.js';
import type {Tunables} from './tunables.js';
import type {ConnectionState, ResourceWatch} from './types.js';
import type {PrintedRow} from '../model/k8s-types.js';
import {printedRows, TABLE_ACCEPT, type WireTable} from './printed-table.js';

export interface WatchedObject {
	kind?: string;
	apiVersion?: string;
	metadata: {name: string; namespace?: string; uid?: string; resourceVersion?: string};
}

export interface WatchTarget<T> {
	/** Collection path, e.g. `/api/v1/namespaces/x/pods` or `/api/v1/pods`. */
	path: string;
	/** Plural resource name for messages (`pods`, `events`). */
	resource: string;
	/** undefined = cluster scope. */
	namespace?: string;
	fieldSelector?: string;
	labelSelector?: string;
	/** Client-side filter on top of the selectors (a server that ignores a selector cannot fool the store). */
	matches?: (object: T) => boolean;
	/** Before the first full list: the server's printed rows (preview()), as `kubectl get` lists them. */
	printedFirst?: boolean;
	/** Set on every stored object: a list's items carry no kind or apiVersion (watch events do). */
	typeMeta?: {kind: string; apiVersion: string};
}

interface WatchEvent {
	type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
	object: unknown;
}

interface ListMeta {
	metadata?: {resourceVersion?: string; continue?: string};
}

interface ListPage<T> extends ListMeta {
	items?: T[];
}

/** A watch that ends this soon without delivering anything is treated as a failure (no hot loop). */
const veryShortWatchMs = 1000;

const nameKey = (object: WatchedObject): string => `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
const keyOf = (object: WatchedObject): string => object.metadata.uid || nameKey(object);

export class ResourceWatchLoop<T extends WatchedObject> implements ResourceWatch<T> {
	private store = new Map<string, T>();
	/** Printed rows standing in for objects not listed yet (first list only). */
	private readonly printed = new Map<string, PrintedRow>();
	private isCounted = false;
	private currentState: ConnectionState = {kind: 'connecting', since: Date.now()};
	private isSynced = false;
	private changeVersion = 0;
	private readonly listeners = new Listeners();
	private readonly stopController = new AbortController();
	private attemptController: AbortController | undefined;
	private resourceVersion = '';
	private readonly backoff: Backoff;
	/** Paces re-watches when the server ends watches at once (not a failure, so not in `backoff`). */
	private readonly shortCloseBackoff: Backoff;
	private readonly tunables: Tunables;
	private failingSince: number | undefined;
	/** After a silent stall, only data proves the new stream healthy (a stalled server still sends headers). */
	private needDataForLive = false;

	constructor(
		private readonly client: ApiClient,
		private readonly target: WatchTarget<T>,
		tunables: Partial<Tunables> = {},
	) {
		this.tunables = resolveTunables(tunables);
		this.backoff = new Backoff(this.tunables.backoffBaseMs, this.tunables.backoffCapMs);
		this.shortCloseBackoff = new Backoff(this.tunables.backoffBaseMs, this.tunables.backoffCapMs);
		void this.run();
	}

	get state(): ConnectionState {
		return this.currentState;
	}

	get synced(): boolean {
		return this.isSynced;
	}

	get version(): number {
		return this.changeVersion;
	}

	items(): ReadonlyMap<string, T> {
		return this.store;
	}

	preview(): ReadonlyMap<string, PrintedRow> {
		return this.printed;
	}

	get counted(): boolean {
		return this.isCounted || this.isSynced;
	}

	subscribe(listener: () => void): () => void {
		return this.listeners.add(listener);
	}

	stop(): void {
		if (this.stopped) return;
		this.stopController.abort();
		this.attemptController?.abort();
		this.currentState = {kind: 'stopped'};
		this.notify();
		this.listeners.clear();
	}

	private get stopped(): boolean {
		return this.stopController.signal.aborted;
	}

	private get describe(): ErrorContext {
		return {resource: this.target.resource, namespace: this.target.namespace};
	}

	private async run(): Promise<void> {
		let needList = true;
		let expiredInARow = 0;
		let printedFirst = this.target.printedFirst === true;
		while (!this.stopped) {
			const attempt = new AbortController();
			this.attemptController = attempt;
			try {
				if (printedFirst) {
					printedFirst = false;
					await this.listPrinted(attempt.signal);
				}
				if (needList) {
					await this.list(attempt.signal);
					needList = false;
					if (this.stopped) return;
				}
				await this.watch(attempt.signal);
				expiredInARow = 0;
			} catch (error) {
				if (this.stopped) return;
				if (isExpired(error)) {
					needList = true;
					// The first 410 is routine (history compacted): relist at once; a loop of them backs off.
					if (expiredInARow++ === 0) continue;
				}
				if (error instanceof StalledError) this.needDataForLive = true;
				this.failingSince ??= Date.now();
				const delay = this.backoff.next();
				if (isForbidden(error)) {
					this.setState({kind: 'forbidden', message: describeError(error, {verb: needList ? 'list' : 'watch', ...this.describe})});
				} else {
					this.setState({kind: 'reconnecting', since: this.failingSince, attempt: this.backoff.attempt, lastError: describeError(error, {verb: needList ? 'list' : 'watch', ...this.describe})});
				}
				await sleep(delay, this.stopController.signal);
			} finally {
				attempt.abort();
			}
		}
	}

	/**
	 * GETs the collection page by page (limit/continue), handing each page over as it arrives;
	 * `onPage` returning false stops early. Resolves with the list's resourceVersion, or undefined
	 * when stopped early or stopped for good.
	 */
	private async paginate<P extends ListMeta>(signal: AbortSignal, accept: string | undefined, pageSize: number, onPage: (page: P, more: boolean) => boolean): Promise<string | undefined> {
		let continueToken: string | undefined;
		let listVersion = '';
		do {
			const page = await this.client.getJson<P>(this.target.path, {
				query: {
					limit: pageSize,
					continue: continueToken,
					fieldSelector: this.target.fieldSelector,
					labelSelector: this.target.labelSelector,
				},
				signal,
				idleTimeoutMs: this.tunables.requestTimeoutMs,
				describe: {verb: 'list', ...this.describe},
				accept,
			});
			if (this.stopped) return undefined;
			continueToken = page.metadata?.continue || undefined;
			listVersion = page.metadata?.resourceVersion ?? listVersion;
			if (!onPage(page, continueToken !== undefined)) return undefined;
		} while (continueToken);
		return listVersion;
	}

	/** Paginated list; objects are stored page by page; at the end, objects not listed are removed. */
	private async list(signal: AbortSignal): Promise<void> {
		const seen = new Set<string>();
		const listVersion = await this.paginate<ListPage<T>>(signal, undefined, this.tunables.pageSize, (page, more) => {
			for (const item of page.items ?? []) {
				this.stamp(item);
				if (this.target.matches && !this.target.matches(item)) continue;
				const key = keyOf(item);
				seen.add(key);
				this.store.set(key, item);
				if (this.printed.size > 0) {
					this.printed.delete(key);
					this.printed.delete(nameKey(item));
				}
			}
			if (more) this.changed();
			return true;
		});
		if (listVersion === undefined) return;
		for (const key of [...this.store.keys()]) {
			if (!seen.has(key)) this.store.delete(key);
		}
		this.printed.clear();
		this.resourceVersion = listVersion;
		this.isSynced = true;
		this.changed();
	}

	/**
	 * The first screen's list: the server's printed rows, page by page, before the full objects.
	 * Best effort: a server without Tables, or any failure, leaves it to the full list (which
	 * reports errors).
	 */
	private async listPrinted(signal: AbortSignal): Promise<void> {
		try {
			const listed = await this.paginate<WireTable>(signal, TABLE_ACCEPT, this.tunables.printedPageSize, table => {
				const rows = printedRows(table);
				if (!rows) return false;
				for (const row of rows) this.printed.set(keyOf(row), row);
				this.changed();
				return true;
			});
			if (listed !== undefined) {
				this.isCounted = true;
				this.changed();
				return;
			}
		} catch (error) {
			if (signal.aborted) throw error;
		}
		if (this.printed.size === 0) return;
		this.printed.clear();
		this.changed();
	}

	/** One watch request; resolves when the server ends it normally, rejects on any failure. */
	private async watch(signal: AbortSignal): Promise<void> {
		const startedAt = Date.now();
		let received = 0;
		let watchdogTimer: NodeJS.Timeout | undefined;
		let stalled: StalledError | undefined;
		const armWatchdog = () => {
			clearTimeout(watchdogTimer);
			watchdogTimer = setTimeout(() => {
				stalled = new StalledError(Date.now() - lastByteAt);
				watchAbort.abort();
			}, this.tunables.watchdogMs);
		};
		let lastByteAt = Date.now();
		const watchAbort = new AbortController();
		const onOuterAbort = () => watchAbort.abort();
		signal.addEventListener('abort', onOuterAbort, {once: true});
		armWatchdog();
		try {
			let response: IncomingMessage;
			try {
				response = await this.client.open(this.target.path, {
					query: {
						watch: 1,
						resourceVersion: this.resourceVersion,
						allowWatchBookmarks: true,
						timeoutSeconds: this.tunables.watchTimeoutSeconds(),
						fieldSelector: this.target.fieldSelector,
						labelSelector: this.target.labelSelector,
					},
					signal: watchAbort.signal,
					idleTimeoutMs: 0,
					describe: {verb: 'watch', ...this.describe},
				});
			} catch (error) {
				throw stalled ?? error;
			}
			if (!this.needDataForLive) this.markLive();
			await new Promise<void>((resolvePromise, reject) => {
				let failed = false;
				const fail = (error: unknown) => {
					if (failed) return;
					failed = true;
					response.destroy();
					reject(error);
				};
				const splitter = new LineSplitter(line => {
					if (failed || line.trim() === '') return;
					let event: WatchEvent;
					try {
						event = JSON.parse(line) as WatchEvent;
					} catch {
						return fail(new ApiError(500, '', `the server sent a watch event that is not JSON (${line.length} bytes)`, {verb: 'watch', ...this.describe}));
					}
					try {
						received++;
						this.apply(event);
					} catch (error) {
						fail(error);
					}
				});
				response.on('data', (chunk: Buffer) => {
					lastByteAt = Date.now();
					armWatchdog();
					if (this.needDataForLive) {
						this.needDataForLive = false;
						this.markLive();
					}
					splitter.push(chunk);
				});
				response.on('end', () => {
					if (failed) return;
					splitter.end();
					if (!failed) resolvePromise();
				});
				response.on('error', error => fail(stalled ?? error));
				response.on('close', () => {
					if (!response.complete) fail(stalled ?? new Error('the watch connection was closed before the server ended it'));
				});
			});
			if (received === 0 && Date.now() - startedAt < veryShortWatchMs) {
				// Established, then ended at once: nothing is lost (the re-watch resumes from the same
				// resourceVersion), but a server doing this in a loop must not be hammered.
				await sleep(this.shortCloseBackoff.next(), this.stopController.signal);
				return;
			}
			this.backoff.reset();
		} finally {
			clearTimeout(watchdogTimer);
			signal.removeEventListener('abort', onOuterAbort);
			watchAbort.abort();
		}
	}

	private apply(event: WatchEvent): void {
		if (event.type === 'ERROR') {
			throw ApiError.fromStatus((event.object ?? {}) as Record<string, unknown>, {verb: 'watch', ...this.describe});
		}
		const object = event.object as T | undefined;
		if (!object?.metadata) throw new ApiError(500, '', `the server sent a ${event.type} event without an object`, {verb: 'watch', ...this.describe});
		if (object.metadata.resourceVersion) this.resourceVersion = object.metadata.resourceVersion;
		this.stamp(object);
		// Data arrived: the connection is healthy again.
		this.backoff.reset();
		this.shortCloseBackoff.reset();
		switch (event.type) {
			case 'BOOKMARK':
				return;
			case 'ADDED':
			case 'MODIFIED':
				if (this.target.matches && !this.target.matches(object)) {
					if (this.store.delete(keyOf(object))) this.changed();
				} else {
					this.store.set(keyOf(object), object);
					this.changed();
				}
				return;
			case 'DELETED':
				if (this.store.delete(keyOf(object))) this.changed();
				return;
			default:
				return;
		}
	}

	private stamp(object: T): void {
		const typeMeta = this.target.typeMeta;
		if (!typeMeta) return;
		object.kind = typeMeta.kind;
		object.apiVersion = typeMeta.apiVersion;
	}

	private markLive(): void {
		this.failingSince = undefined;
		if (this.currentState.kind !== 'live') this.setState({kind: 'live', since: Date.now()});
	}

	private setState(state: ConnectionState): void {
		if (this.stopped) return;
		this.currentState = state;
		this.notify();
	}

	private changed(): void {
		this.changeVersion++;
		this.notify();
	}

	private notify(): void {
		this.listeners.notify();
	}
}
