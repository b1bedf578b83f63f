// list + watch kept in sync with the server, the way client-go's reflector does it, plus the
// watchdog client-go lacks: paginated list (pages stored as they arrive), watch from the list's
// resourceVersion with bookmarks and a server-side timeout, re-watch on normal close, relist on
// 410, exponential back-off with jitter on errors, abort + reconnect + relist when the stream goes
// silent, and — when watches keep stalling or failing while lists answer — polling with LIST
// while a watch is retried in the background (docs/tui.md, "Connection states").
import type {IncomingMessage} from 'node:http';
import {Backoff, sleep} from './backoff.js';
import {ApiError, NetworkError, StalledError, describeError, isExpired, isForbidden, troubleInWords} from './errors.js';
import type {ErrorContext} from './errors.js';
import type {ApiClient} from './http.js';
import {LineSplitter} from './line-splitter.js';
import {StringPool} from './string-pool.js';
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

/**
 * A refused connection costs the server nothing (nothing listens): retry it at least this often,
 * so a restarted API server is seen within seconds of being ready, however long it was away.
 */
const refusedRetryCapMs = 2000;
/** A watch the server accepted (200) is live after this long without an ERROR event. */
const acceptedGraceMs = 500;
const isRefused = (error: unknown): boolean => error instanceof NetworkError && error.code === 'ECONNREFUSED';

/** A watch that ends this soon without delivering anything is treated as a failure (no hot loop). */
const veryShortWatchMs = 1000;

/**
 * The continue token in the beginning of a list's JSON, if its metadata is all there: '' for a
 * last page, undefined when the head does not tell. The API server writes a list's kind,
 * apiVersion and metadata before its items (or a Table's columns and rows), so any "continue"
 * key before those is the list's own; a token is base64, never escaped.
 */
export function continueInHead(head: string): string | undefined {
	const end = head.search(/"(items|rows|columnDefinitions)"\s*:/);
	if (end < 0) return undefined;
	const before = head.slice(0, end);
	if (!/"metadata"\s*:/.test(before)) return undefined;
	return /"continue"\s*:\s*"([^"\\]*)"/.exec(before)?.[1] ?? '';
}

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
	/** When the data stopped being live (or was last made current by a relist); undefined while live. */
	private staleSince: number | undefined;
	/**
	 * After a watch that the server accepted then broke (a stall, an ERROR event, a cut stream),
	 * only an event proves the next one healthy: a wedged server still answers 200.
	 */
	private needDataForLive = false;
	/** When recent watch stalls/failures happened (while lists answered): 3 in 5 min → polling. */
	private watchFailures: number[] = [];
	private polling = false;
	/** Aborted by reconnect(): cuts a back-off wait or a poll interval short. */
	private wake = new AbortController();
	/**
	 * Keys changed, in order: entry i is change number changeLogStart + i. Bounded: the oldest half
	 * goes when it outgrows the store twice over (a reader that far behind looks at everything).
	 */
	private changeLog: string[] = [];
	private changeLogStart = 1;
	/** Equal strings of the stored objects shared (string-pool.ts). */
	private readonly strings = new StringPool();

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

	changesSince(cursor: number): {keys: readonly string[] | undefined; cursor: number} {
		const end = this.changeLogStart + this.changeLog.length;
		if (cursor < this.changeLogStart || cursor > end) return {keys: undefined, cursor: end};
		return {keys: this.changeLog.slice(cursor - this.changeLogStart), cursor: end};
	}

	/** A key set, replaced or removed (in the store or the printed rows). */
	private logChange(key: string): void {
		this.changeLog.push(key);
		if (this.changeLog.length > Math.max(4096, 2 * (this.store.size + this.printed.size))) {
			const dropped = this.changeLog.length >> 1;
			this.changeLog = this.changeLog.slice(dropped);
			this.changeLogStart += dropped;
		}
	}

	/** Too many changes at once to list (everything replaced): readers look at everything. */
	private forgetChanges(): void {
		this.changeLogStart += this.changeLog.length + 1;
		this.changeLog = [];
	}

	subscribe(listener: () => void): () => void {
		return this.listeners.add(listener);
	}

	reconnect(): void {
		if (this.stopped) return;
		this.backoff.reset();
		this.shortCloseBackoff.reset();
		this.attemptController?.abort();
		this.wake.abort();
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
			let phase: 'list' | 'watch' = 'list';
			let listed = false;
			try {
				let printing: Promise<void> | undefined;
				if (printedFirst) {
					printedFirst = false;
					// The full list starts once the last printed page has begun to arrive (the server
					// prepares the first full page while that one is read and drawn), or
					// (fullListAlongside) once the first is in, alongside the rest (tunables.ts says
					// which won where).
					let startFullList = () => {};
					const fullListDue = new Promise<void>(resolve => (startFullList = resolve));
					const alongside = this.tunables.fullListAlongside;
					// Best effort (listPrinted reports nothing): an abort is seen by the full list.
					printing = this.listPrinted(
						attempt.signal,
						() => alongside && startFullList(),
						() => startFullList(),
					).catch(() => undefined);
					await Promise.race([fullListDue, printing]);
					// Stopped or reconnect() meanwhile: the printed list swallowed that abort; the catch below sees it.
					attempt.signal.throwIfAborted();
				}
				if (needList) {
					await this.list(attempt.signal);
					needList = false;
					listed = true;
					// A completed relist ends a run of 410s: the next 410 is routine again.
					expiredInARow = 0;
					if (this.stopped) return;
				}
				await printing;
				phase = 'watch';
				if (this.polling) await this.watchWhilePolling(attempt.signal);
				else await this.watch(attempt.signal);
				expiredInARow = 0;
			} catch (error) {
				if (this.stopped) return;
				if (attempt.signal.aborted && this.wake.signal.aborted) {
					// reconnect(): start over at once, with a fresh list.
					this.wake = new AbortController();
					needList = true;
					continue;
				}
				if (isExpired(error)) {
					needList = true;
					// The first 410 is routine (history compacted): relist at once; a loop of them backs off.
					if (expiredInARow++ === 0) continue;
				}
				const stalled = error instanceof StalledError;
				// After a stall, relist: changes made meanwhile show even if the next watch stalls too.
				if (stalled) needList = true;
				// Counted towards polling: watches that stall, or fail right after a list answered.
				if (phase === 'watch' && (stalled || (listed && !isForbidden(error) && !isExpired(error)))) this.noteWatchFailure();
				this.staleSince ??= Date.now();
				const delay = isRefused(error) ? Math.min(this.backoff.next(), refusedRetryCapMs) : this.backoff.next();
				const verb = needList ? 'list' : 'watch';
				if (isForbidden(error)) {
					this.setState({kind: 'forbidden', message: describeError(error, {verb, ...this.describe})});
				} else if (this.polling && phase === 'watch') {
					// Polling takes over at once (the watch is retried in the background meanwhile).
					needList = true;
					continue;
				} else {
					this.setState({kind: 'reconnecting', since: this.staleSince, attempt: this.backoff.attempt, cause: troubleInWords(error), lastError: describeError(error, {verb, ...this.describe})});
				}
				await this.pause(delay);
			} finally {
				attempt.abort();
			}
		}
	}

	/** Waits `ms`, or less when stopped or reconnect() is called. */
	private async pause(ms: number): Promise<void> {
		await sleep(ms, AbortSignal.any([this.stopController.signal, this.wake.signal]));
		if (this.wake.signal.aborted) this.wake = new AbortController();
	}

	/** A watch stalled or failed although lists answer; enough of them in the window → polling. */
	private noteWatchFailure(): void {
		const now = Date.now();
		this.watchFailures = [...this.watchFailures.filter(at => now - at < this.tunables.fallbackWindowMs), now];
		if (!this.polling && this.watchFailures.length >= this.tunables.fallbackFailures) {
			this.polling = true;
			this.needDataForLive = true;
		}
	}

	/**
	 * Polling: a LIST every poll interval keeps the store current while a watch is retried in the
	 * background (with the back-off between tries). The first event from a watch ends polling and
	 * that watch carries on; returns (or throws) when that watch ends.
	 */
	private async watchWhilePolling(signal: AbortSignal): Promise<void> {
		const pollStop = new AbortController();
		this.pollingEnded = pollStop;
		const stopPolls = AbortSignal.any([signal, pollStop.signal]);
		this.setState({kind: 'polling', since: Date.now(), cause: 'watch stalled'});
		const polls = this.pollLoop(stopPolls);
		try {
			for (;;) {
				try {
					await this.watch(signal);
					if (!this.polling) return;
				} catch (error) {
					if (!this.polling || signal.aborted || isForbidden(error)) throw error;
					this.noteWatchFailure();
					await sleep(this.backoff.next(), AbortSignal.any([signal, this.wake.signal]));
					if (signal.aborted) throw error;
				}
			}
		} finally {
			pollStop.abort();
			this.pollingEnded = undefined;
			await polls;
		}
	}

	private pollingEnded: AbortController | undefined;

	/** LISTs every poll interval until `signal` aborts; each list replaces the store at once. */
	private async pollLoop(signal: AbortSignal): Promise<void> {
		const since = Date.now();
		while (!signal.aborted) {
			await sleep(this.tunables.pollIntervalMs, signal);
			if (signal.aborted) return;
			try {
				await this.list(signal, () => this.polling && !signal.aborted);
				if (signal.aborted || !this.polling) return;
				this.staleSince = Date.now();
				this.setState({kind: 'polling', since, cause: 'watch stalled'});
			} catch (error) {
				if (signal.aborted || !this.polling) return;
				this.setState({kind: 'polling', since, cause: 'watch stalled', staleSince: this.staleSince ?? Date.now(), lastError: describeError(error, {verb: 'list', ...this.describe})});
			}
		}
	}

	/**
	 * GETs the collection page by page (limit/continue), handing each page over as it arrives;
	 * `onPage` returning false stops early. Resolves with the list's resourceVersion, or undefined
	 * when stopped early or stopped for good.
	 *
	 * One page is read ahead: a list's metadata (and its continue token) comes before its items,
	 * so the next page is asked for as soon as a page's head arrives, and the server prepares it
	 * while this page is read, parsed and stored (at 30,000 pods, six pages one after the other
	 * left the server and initk9 waiting on each other in turn). `onLastHead` is called once the
	 * head of the last page is in (no continue token): what comes after the list can be asked for.
	 */
	private async paginate<P extends ListMeta>(signal: AbortSignal, accept: string | undefined, pageSize: number, onPage: (page: P, more: boolean) => boolean, onLastHead?: () => void): Promise<string | undefined> {
		interface Request {
			token: string | undefined;
			page: Promise<P>;
			/** The continue token read from the head: a string (maybe empty = last page) once the head is in. */
			next?: string;
			abort: AbortController;
		}
		let ahead: Request | undefined;
		const readAhead = (request: Request) => {
			if (request !== current || request.next === undefined || signal.aborted) return;
			if (request.next === '') return onLastHead?.();
			ahead ??= send(request.next);
		};
		const send = (token: string | undefined): Request => {
			const abort = new AbortController();
			const request: Request = {token, abort, page: Promise.resolve({} as P)};
			request.page = this.client.getJson<P>(this.target.path, {
				query: {
					limit: pageSize,
					continue: token,
					fieldSelector: this.target.fieldSelector,
					labelSelector: this.target.labelSelector,
				},
				signal: AbortSignal.any([signal, abort.signal]),
				idleTimeoutMs: this.tunables.requestTimeoutMs,
				describe: {verb: 'list', ...this.describe},
				accept,
				onHead: head => {
					request.next = continueInHead(head);
					readAhead(request);
				},
			});
			// Awaited in order below; one read ahead and then not wanted must not go unhandled.
			request.page.catch(() => undefined);
			return request;
		};
		let listVersion = '';
		/** The page awaited; only its head may read ahead. */
		let current = send(undefined);
		try {
			for (;;) {
				const page: P = await current.page;
				if (this.stopped) return undefined;
				const continueToken = page.metadata?.continue || undefined;
				listVersion = page.metadata?.resourceVersion ?? listVersion;
				if (!onPage(page, continueToken !== undefined)) return undefined;
				if (!continueToken) return listVersion;
				if (ahead?.token === continueToken) {
					current = ahead;
				} else {
					// The head said otherwise than the whole page (or had no token): ask again.
					ahead?.abort.abort();
					current = send(continueToken);
				}
				ahead = undefined;
				readAhead(current);
			}
		} finally {
			ahead?.abort.abort();
		}
	}

	/**
	 * Paginated list; objects are stored page by page; at the end, objects not listed are removed.
	 * With `stillWanted` (a poll), the pages are gathered and stored at once only if it still says
	 * yes: a watch that went live meanwhile has newer data.
	 */
	private async list(signal: AbortSignal, stillWanted?: () => boolean): Promise<void> {
		if (stillWanted) {
			const items: T[] = [];
			const listVersion = await this.paginate<ListPage<T>>(signal, undefined, this.tunables.pageSize, page => {
				items.push(...(page.items ?? []));
				return true;
			});
			if (listVersion === undefined || !stillWanted()) return;
			this.replaceAll(items, listVersion);
			return;
		}
		const seen = new Set<string>();
		const listVersion = await this.paginate<ListPage<T>>(signal, undefined, this.tunables.pageSize, (page, more) => {
			for (const item of page.items ?? []) {
				this.stamp(item);
				if (this.target.matches && !this.target.matches(item)) continue;
				const key = keyOf(item);
				seen.add(key);
				this.store.set(key, item);
				this.logChange(key);
				if (this.printed.size > 0) {
					this.printed.delete(key);
					if (this.printed.delete(nameKey(item))) this.logChange(nameKey(item));
				}
			}
			if (more) this.changed();
			return true;
		});
		if (listVersion === undefined) return;
		for (const key of [...this.store.keys()]) {
			if (seen.has(key)) continue;
			this.store.delete(key);
			this.logChange(key);
		}
		for (const key of this.printed.keys()) this.logChange(key);
		this.printed.clear();
		this.resourceVersion = listVersion;
		this.isSynced = true;
		// The data is current again as of this list: staleness counts from here until the watch is live.
		if (this.staleSince !== undefined) {
			this.staleSince = Date.now();
			if (this.currentState.kind === 'reconnecting') this.currentState = {...this.currentState, since: this.staleSince, cause: 'listed, waiting for the watch'};
		}
		this.changed();
	}

	private replaceAll(items: readonly T[], listVersion: string): void {
		const next = new Map<string, T>();
		for (const item of items) {
			this.stamp(item);
			if (this.target.matches && !this.target.matches(item)) continue;
			next.set(keyOf(item), item);
		}
		this.store = next;
		this.printed.clear();
		this.forgetChanges();
		this.resourceVersion = listVersion;
		this.isSynced = true;
		this.changed();
	}

	/**
	 * The first screen's list: the server's printed rows, page by page, while the full objects are
	 * listed too (from `onFirstPage` on); a row whose full object is in already is skipped. Best effort: a server without Tables, or any failure, leaves it to the full list (which
	 * reports errors).
	 */
	private async listPrinted(signal: AbortSignal, onFirstPage: () => void, onLastHead: () => void): Promise<void> {
		try {
			const listed = await this.paginate<WireTable>(signal, TABLE_ACCEPT, this.tunables.printedPageSize, table => {
				// The full list (running alongside) completed first: nothing left to stand in for.
				if (this.isSynced) return false;
				const rows = printedRows(table);
				if (!rows) return false;
				for (const row of rows) {
					const key = keyOf(row);
					// Its full object arrived first.
					if (this.store.has(key)) continue;
					this.printed.set(key, row);
					this.logChange(key);
				}
				this.changed();
				onFirstPage();
				return true;
			}, onLastHead);
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
		this.forgetChanges();
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
		let acceptedTimer: NodeJS.Timeout | undefined;
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
				if (stalled) this.needDataForLive = true;
				throw stalled ?? error;
			}
			// A 200 is not yet live: a server answers a too-old resourceVersion with 200 and then an
			// ERROR event at once. Live after a quiet moment without one (or at the first event), and
			// after a stall only at the first event (a wedged server still answers 200).
			if (!this.needDataForLive) acceptedTimer = setTimeout(() => this.markLive(), acceptedGraceMs);
			await new Promise<void>((resolvePromise, reject) => {
				let failed = false;
				const fail = (error: unknown) => {
					if (failed) return;
					failed = true;
					clearTimeout(acceptedTimer);
					if (stalled) this.needDataForLive = true;
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
			clearTimeout(acceptedTimer);
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
		// An event (a bookmark counts) arrived: the watch is live.
		this.backoff.reset();
		this.shortCloseBackoff.reset();
		this.needDataForLive = false;
		this.markLive();
		switch (event.type) {
			case 'BOOKMARK':
				return;
			case 'ADDED':
			case 'MODIFIED':
				if (this.target.matches && !this.target.matches(object)) {
					this.remove(keyOf(object));
				} else {
					this.store.set(keyOf(object), object);
					this.logChange(keyOf(object));
					this.changed();
				}
				return;
			case 'DELETED':
				this.remove(keyOf(object));
				return;
			default:
				return;
		}
	}

	private remove(key: string): void {
		if (!this.store.delete(key)) return;
		this.logChange(key);
		this.changed();
	}

	private stamp(object: T): void {
		// Server-side apply's bookkeeping: often the largest part of an object on a real cluster,
		// read by nothing here (the YAML view hides it, as kubectl's does not need it): not kept.
		delete (object.metadata as {managedFields?: unknown}).managedFields;
		this.strings.share(object);
		const typeMeta = this.target.typeMeta;
		if (!typeMeta) return;
		object.kind = typeMeta.kind;
		object.apiVersion = typeMeta.apiVersion;
	}

	private markLive(): void {
		this.staleSince = undefined;
		if (this.polling) {
			// A watch works again: polling ends, this watch carries on.
			this.polling = false;
			this.watchFailures = [];
			this.pollingEnded?.abort();
		}
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
