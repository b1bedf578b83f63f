// Follows one container's log through everything a pod does to it: waiting to start (retried
// forever, woken by the pod watch), restarts (a new containerID → a marker and the new
// instance from its first line), and dropped connections (resumed with sinceTime and the
// repeated lines filtered out). The API server's own messages reach the notices verbatim.
import type {IncomingMessage} from 'node:http';
import type {ContainerStateTerminated, Pod} from '../model/k8s-types.js';
import {Backoff} from './backoff.js';
import {containerInstance, findContainerStatus} from './container-instance.js';
import type {ContainerInstance} from './container-instance.js';
import {ApiError, NetworkError, describeError} from './errors.js';
import type {ApiClient, Query} from './http.js';
import {LineSplitter} from './line-splitter.js';
import {Listeners} from './listeners.js';
import {ResumeFilter, readAllLines, sinceTimeOf, splitTimestamp} from './log-line.js';
import {LogRing} from './log-ring.js';
import {resolveTunables} from './tunables.js';
import type {Tunables} from './tunables.js';
import type {LogEntry, LogFollower, LogNotice, LogOptions, ResourceWatch} from './types.js';

export interface LogFollowerDeps {
	client: ApiClient;
	/** A watch of the one pod (only used when following). */
	watchPod: () => ResourceWatch<Pod>;
	getPod: () => Promise<Pod | undefined>;
	tunables?: Partial<Tunables>;
}

export const defaultBufferLines = 50_000;
/** How long a stream of an instance that has been replaced may still deliver its last lines. */
const supersededGraceMs = 1000;
/** How long a stream may stay open after the pod says its instance ended (the server ends it at once). */
const endedGraceMs = 3000;
/**
 * While a followed instance has ended: ask the server whether a new one ran, every 1 s at first,
 * then less often (at most every 5 s: the kubelet's back-off is at least 10 s, and an instance
 * stays readable through the back-off after it, so none can come and go unseen).
 */
const terminatedPollMs = 1000;
const terminatedPollCapMs = 5000;
/** How long to wait for the pod watch's first list before asking for logs anyway. */
const podSyncWaitMs = 5000;

/** Messages the kubelet gives while a container has no log yet: wait and retry. */
const waitingPattern = /is waiting to start|no logs yet|is not available|cannot be found - no logs available/;

export function logPath(namespace: string, pod: string): string {
	return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
}

export class LogFollowerImpl implements LogFollower {
	private readonly ring: LogRing;
	private receivedLines = 0;
	private notice: LogNotice | undefined;
	private seq = 0;
	private readonly listeners = new Listeners();
	private readonly stopController = new AbortController();
	private readonly resume = new ResumeFilter();
	private readonly backoff: Backoff;
	private readonly tunables: Tunables;
	private podWatch: ResourceWatch<Pod> | undefined;
	private podSignature = '';
	private readonly podWaiters = new Set<() => void>();
	private stream: {abort: AbortController; logID: string | undefined; superseded: boolean} | undefined;
	private supersedeTimer: NodeJS.Timeout | undefined;
	/** The pod as last read by a GET, used when it is newer than the watch's copy. */
	private fetchedPod: Pod | undefined;

	constructor(
		private readonly options: LogOptions,
		private readonly deps: LogFollowerDeps,
	) {
		this.ring = new LogRing(options.bufferLines ?? defaultBufferLines);
		this.tunables = resolveTunables(deps.tunables);
		this.backoff = new Backoff(Math.min(this.tunables.backoffBaseMs, 500), Math.min(this.tunables.backoffCapMs, 5000));
		void this.run();
	}

	entries(): readonly LogEntry[] {
		return this.ring.entries();
	}

	get received(): number {
		return this.receivedLines;
	}

	get dropped(): number {
		return this.ring.dropped;
	}

	get lastNotice(): LogNotice | undefined {
		return this.notice;
	}

	subscribe(listener: () => void): () => void {
		return this.listeners.add(listener);
	}

	/**
	 * Re-opens the stream now (resumed from the last line's time, repeats filtered out) and cuts
	 * any wait short, with the back-off reset: for when the user knows the server is back.
	 */
	reconnect(): void {
		if (this.stopped) return;
		this.backoff.reset();
		this.endStream();
		for (const wake of [...this.podWaiters]) wake();
	}

	/** Ends the open stream as if the server had ended it: the loop resumes without repeats. */
	private endStream(): void {
		const stream = this.stream;
		if (!stream) return;
		stream.superseded = true;
		// Cut short: its last lines may not have been read, so resume once even if it has ended.
		this.rereadPending = true;
		stream.abort.abort();
	}

	private rereadPending = false;

	stop(): void {
		if (this.stopped) return;
		this.stopController.abort();
		this.stream?.abort.abort();
		clearTimeout(this.supersedeTimer);
		this.podWatch?.stop();
		for (const wake of [...this.podWaiters]) wake();
		this.listeners.clear();
	}

	private get stopped(): boolean {
		return this.stopController.signal.aborted;
	}

	private get follow(): boolean {
		return this.options.follow ?? !this.options.previous;
	}

	private async run(): Promise<void> {
		try {
			if (this.follow && !this.options.previous) await this.followLoop();
			else await this.readOnce();
		} catch (error) {
			if (!this.stopped) this.addNotice({kind: 'error', message: this.describe(error)});
		}
	}

	private describe(error: unknown): string {
		return describeError(error, {verb: 'get', resource: 'pods/log', namespace: this.options.namespace});
	}

	private baseQuery(): Query {
		return {container: this.options.container, timestamps: true};
	}

	/** previous, or follow: false — one request, its lines, then what the instance ended with. */
	private async readOnce(): Promise<void> {
		const {options} = this;
		const pod = await this.deps.getPod().catch(() => undefined);
		const info = containerInstance(pod, options.container);
		const previous = options.previous === true;
		let response: IncomingMessage;
		try {
			response = await this.deps.client.open(logPath(options.namespace, options.pod), {
				query: {...this.baseQuery(), previous: previous || undefined, follow: this.follow || undefined, tailLines: options.tailLines, sinceSeconds: options.sinceSeconds},
				signal: this.stopController.signal,
				idleTimeoutMs: this.follow ? 0 : this.tunables.requestTimeoutMs,
			});
		} catch (error) {
			if (!this.stopped) this.addNotice({kind: 'error', message: this.describe(error)});
			return;
		}
		// The previous instance is number restartCount (the current one is restartCount + 1); while
		// the container waits after an exit, "previous" is that exited instance, restartCount + 1.
		const status = findContainerStatus(pod, options.container);
		const waitingAfterExit = status?.state?.waiting !== undefined && status.lastState?.terminated?.containerID !== undefined;
		const instance = previous ? (waitingAfterExit ? status.restartCount + 1 : Math.max(1, status?.restartCount ?? 1)) : (info?.instance ?? 1);
		const ended = previous ? findContainerStatus(pod, options.container)?.lastState?.terminated : info?.terminated;
		this.addNotice({kind: 'streaming', instance, containerID: previous ? ended?.containerID : info?.logID});
		const outcome = await this.consume(response, instance);
		if (this.stopped) return;
		if (outcome !== 'end') this.addNotice({kind: 'error', message: this.describe(outcome)});
		else if (ended) this.addNotice({kind: 'terminated', reason: ended.reason ?? 'Completed', exitCode: ended.exitCode});
	}

	private async followLoop(): Promise<void> {
		const {options} = this;
		this.podWatch = this.deps.watchPod();
		this.podWatch.subscribe(() => this.onPodChanged());
		await this.waitFor(() => this.podWatch!.synced, podSyncWaitMs);

		let mode: 'initial' | 'resume' | 'fresh' = 'initial';
		let streamedID: string | undefined;
		let terminatedNoticeFor: string | undefined;
		let disconnected = false;
		let firstConnectAt: string | undefined;
		/** The highest instance number shown, read as `previous` or reported unavailable. */
		let accounted: number | undefined;
		/** How the last instance we know of ended (for the next restart's separator). */
		let lastEnded: {instance: number; terminated: ContainerStateTerminated} | undefined;
		let idlePolls = 0;

		while (!this.stopped) {
			// A stream ended: the watch may lag behind (or be away), and a resumed request gets
			// whichever instance the server has now, so ask the server what that is first.
			if (mode === 'resume') await this.refreshPod();
			const info = this.instance();
			if (streamedID === undefined && mode === 'resume' && info?.logID) streamedID = info.logID;
			if (streamedID !== undefined && info?.logID && info.logID !== streamedID) {
				if (info.previous?.containerID === streamedID && accounted !== undefined) lastEnded = {instance: accounted, terminated: info.previous};
				if (accounted !== undefined && info.instance > accounted + 1) {
					// Instances started and ended between two pod events (or while the watch was
					// away): read the one the API still serves as previous, name the lost ones.
					lastEnded = await this.fillGap(accounted, info, lastEnded);
					accounted = info.instance - 1;
					if (this.stopped) return;
					if (this.instance()?.logID !== info.logID) continue;
				}
				const before = info.previous && info.previous.containerID !== info.logID ? info.previous : lastEnded?.instance === info.instance - 1 ? lastEnded.terminated : undefined;
				this.addNotice({kind: 'restarted', instance: info.instance, exitCode: before?.exitCode, reason: before?.reason, finishedAt: before?.finishedAt ?? undefined});
				mode = 'fresh';
				streamedID = undefined;
				disconnected = false;
				this.resume.fresh();
			} else if (mode === 'resume' && streamedID !== undefined && info?.logID === streamedID && info.terminated && !this.rereadPending) {
				// That instance has ended and its log was read to the end: wait for the next one.
				if (terminatedNoticeFor !== streamedID) {
					this.addNotice({kind: 'terminated', reason: info.terminated.reason ?? 'Completed', exitCode: info.terminated.exitCode});
					terminatedNoticeFor = streamedID;
					if (accounted !== undefined) lastEnded = {instance: accounted, terminated: info.terminated};
					idlePolls = 0;
				}
				// Woken by the watch; the GET at the top of the loop covers a watch that lags or is away,
				// since the next instance may run and end before the watch says so.
				await this.waitForPodChange(Math.min(terminatedPollCapMs, terminatedPollMs * 2 ** idlePolls++));
				continue;
			}

			const query: Query = {...this.baseQuery(), follow: true};
			if (mode === 'initial') {
				query.tailLines = options.tailLines;
				query.sinceSeconds = options.sinceSeconds;
			} else if (mode === 'resume') {
				const since = this.resume.lastTime ?? firstConnectAt;
				if (since) query.sinceTime = sinceTimeOf(since);
				this.resume.resume();
			}
			const abort = new AbortController();
			this.stream = {abort, logID: info?.logID, superseded: false};
			const onStop = () => abort.abort();
			this.stopController.signal.addEventListener('abort', onStop, {once: true});
			let response: IncomingMessage;
			try {
				response = await this.deps.client.open(logPath(options.namespace, options.pod), {query, signal: abort.signal, idleTimeoutMs: 0});
			} catch (error) {
				this.stopController.signal.removeEventListener('abort', onStop);
				this.stream = undefined;
				if (this.stopped) return;
				if (error instanceof ApiError && error.code === 400 && waitingPattern.test(error.serverMessage)) {
					this.reportWaiting(info, error.serverMessage);
				} else if (error instanceof ApiError && (error.code === 422 || (error.code === 400 && /is not valid for pod|must be specified/.test(error.serverMessage)))) {
					this.addNotice({kind: 'error', message: this.describe(error)});
					return;
				} else if (error instanceof NetworkError && (streamedID !== undefined || mode === 'resume')) {
					if (!disconnected) this.addNotice({kind: 'disconnected', error: this.describe(error)});
					disconnected = true;
				} else {
					this.addNoticeOnce({kind: 'error', message: this.describe(error)});
				}
				await this.waitForPodChange(this.backoff.next());
				continue;
			}

			if (response.statusCode === 204) {
				// No Content: the pod has no node yet, so no container and no log.
				response.resume();
				this.stopController.signal.removeEventListener('abort', onStop);
				this.stream = undefined;
				this.reportWaiting(info, undefined);
				await this.waitForPodChange(this.backoff.next());
				continue;
			}
			firstConnectAt ??= new Date().toISOString();
			const instance = info?.instance ?? 1;
			if (mode !== 'resume') {
				this.addNotice({kind: 'streaming', instance, containerID: info?.logID});
				streamedID = info?.logID;
				terminatedNoticeFor = undefined;
				accounted = instance;
			} else if (disconnected) {
				this.addNotice({kind: 'resumed'});
			}
			disconnected = false;
			const linesBefore = this.receivedLines;
			const outcome = await this.consume(response, instance);
			this.stopController.signal.removeEventListener('abort', onStop);
			const superseded = this.stream?.superseded ?? false;
			if (outcome === 'end' && !superseded) this.rereadPending = false;
			this.stream = undefined;
			clearTimeout(this.supersedeTimer);
			this.supersedeTimer = undefined;
			if (this.stopped) return;
			mode = 'resume';
			if (this.receivedLines > linesBefore) this.backoff.reset();
			if (outcome !== 'end' && !superseded) {
				this.addNotice({kind: 'disconnected', error: this.describe(outcome)});
				disconnected = true;
				await this.waitForPodChange(this.backoff.next());
				continue;
			}
			const after = this.instance();
			if (after?.logID === undefined && this.receivedLines === linesBefore && streamedID === undefined) {
				// 204 / empty: the pod has no node or no container yet.
				this.reportWaiting(after, undefined);
				mode = 'initial';
				await this.waitForPodChange(this.backoff.next());
			} else if (after?.running && after.logID === streamedID) {
				// Ended while the status still says running: a dropped connection, or a status
				// that lags the exit. Resume after a pause (or as soon as the pod changes).
				await this.waitForPodChange(this.backoff.next());
			}
		}
	}

	/**
	 * Instances after `accounted` and before `info.instance` that nobody streamed. The API keeps
	 * only the current and the last instance, so only `info.instance - 1` can still be read (as
	 * `previous`, while a newer one runs or has ended); the others get an "unavailable" notice.
	 * Returns how the last instance read ended, when known.
	 */
	private async fillGap(
		accounted: number,
		info: ContainerInstance,
		lastEnded: {instance: number; terminated: ContainerStateTerminated} | undefined,
	): Promise<{instance: number; terminated: ContainerStateTerminated} | undefined> {
		const previous = info.previous?.containerID && info.previous.containerID !== info.logID ? info.previous : undefined;
		for (let instance = accounted + 1; instance < info.instance && !this.stopped; instance++) {
			if (instance === info.instance - 1 && previous) {
				const before = lastEnded?.instance === instance - 1 ? lastEnded.terminated : undefined;
				if (await this.readPrevious(instance, previous, before)) {
					lastEnded = {instance, terminated: previous};
					continue;
				}
			}
			this.addNotice({kind: 'unavailable', instance});
		}
		return lastEnded;
	}

	/** Reads `ended` (instance `instance`) as previous; true if its lines were shown. */
	private async readPrevious(instance: number, ended: ContainerStateTerminated, before: ContainerStateTerminated | undefined): Promise<boolean> {
		const {options} = this;
		let raw: string[];
		try {
			const response = await this.deps.client.open(logPath(options.namespace, options.pod), {
				query: {...this.baseQuery(), previous: true},
				signal: this.stopController.signal,
				idleTimeoutMs: this.tunables.requestTimeoutMs,
			});
			raw = await readAllLines(response, () => new Error('the log stream was cut off'));
			// The server answers for whatever instance is "last" when it reads the request: only
			// if that is still ours afterwards were these its lines.
			const pod = await this.deps.getPod();
			if (findContainerStatus(pod, options.container)?.lastState?.terminated?.containerID !== ended.containerID) return false;
		} catch {
			return false;
		}
		if (this.stopped) return false;
		// Without the exit before it, the restart happened when this instance started.
		this.addNotice({kind: 'restarted', instance, exitCode: before?.exitCode, reason: before?.reason, finishedAt: before?.finishedAt ?? ended.startedAt ?? undefined});
		this.addNotice({kind: 'streaming', instance, containerID: ended.containerID});
		for (const line of raw) this.addLine(line, instance, false);
		this.addNotice({kind: 'terminated', reason: ended.reason ?? 'Completed', exitCode: ended.exitCode});
		return true;
	}

	private reportWaiting(info: ContainerInstance | undefined, serverMessage: string | undefined): void {
		const reason = info?.waiting?.reason ?? /waiting to start: (.+)$/.exec(serverMessage ?? '')?.[1] ?? 'Waiting';
		const message = serverMessage ?? info?.waiting?.message;
		const last = this.notice;
		if (last?.kind === 'waiting' && last.reason === reason && last.message === message) return;
		this.addNotice(message === undefined ? {kind: 'waiting', reason} : {kind: 'waiting', reason, message});
	}

	/** Reads a log response into the ring; resolves 'end' on a normal end, else the error. */
	private consume(response: IncomingMessage, instance: number): Promise<'end' | unknown> {
		return new Promise(resolvePromise => {
			let done = false;
			const finish = (outcome: 'end' | unknown) => {
				if (done) return;
				done = true;
				resolvePromise(outcome);
			};
			const splitter = new LineSplitter(raw => this.addLine(raw, instance));
			response.on('data', (chunk: Buffer) => {
				const before = this.ring.version;
				splitter.push(chunk);
				if (this.ring.version !== before) this.notify();
			});
			response.on('end', () => {
				const before = this.ring.version;
				splitter.end();
				if (this.ring.version !== before) this.notify();
				finish('end');
			});
			response.on('error', error => finish(this.stream?.superseded ? 'end' : error));
			response.on('close', () => {
				if (!response.complete) finish(this.stream?.superseded ? 'end' : new NetworkError('', 'ECONNRESET', 'the log stream was cut off'));
			});
		});
	}

	private addLine(raw: string, instance: number, mayRepeat = true): void {
		const line = splitTimestamp(raw);
		if (mayRepeat && this.resume.isRepeat(line)) return;
		this.resume.seen(line);
		this.receivedLines++;
		this.ring.push({type: 'line', line: line.time === undefined ? {seq: ++this.seq, text: line.text, instance} : {seq: ++this.seq, text: line.text, time: line.time, instance}});
	}

	private addNotice(notice: LogNotice): void {
		this.notice = notice;
		this.ring.push({type: 'notice', seq: ++this.seq, notice, at: Date.now()});
		this.notify();
	}

	private addNoticeOnce(notice: LogNotice): void {
		if (JSON.stringify(this.notice) !== JSON.stringify(notice)) this.addNotice(notice);
	}

	private instance(): ContainerInstance | undefined {
		const watched = this.podWatch?.items().values().next().value;
		return containerInstance(newerPod(watched, this.fetchedPod), this.options.container);
	}

	private async refreshPod(): Promise<void> {
		try {
			this.fetchedPod = await this.deps.getPod();
		} catch {
			// The watch's view will do; the request that follows reports the connection problem.
		}
	}

	private onPodChanged(): void {
		const info = this.instance();
		const signature = `${info?.logID}|${info?.running}|${info?.waiting?.reason}|${info?.terminated?.exitCode}|${this.podWatch?.synced}`;
		if (signature === this.podSignature) return;
		this.podSignature = signature;
		for (const wake of [...this.podWaiters]) wake();
		const stream = this.stream;
		// A silent stream of a running container is just a quiet container. It is stale only when
		// the pod contradicts it: a new instance runs, or the streamed one has ended, and the
		// stream did not end by itself within a grace period (a stream cut silently in between).
		const replaced = info?.logID !== undefined && info.logID !== stream?.logID;
		const ended = info?.logID === stream?.logID && info?.terminated !== undefined;
		if (stream?.logID && (replaced || ended) && !this.supersedeTimer) {
			this.supersedeTimer = setTimeout(() => {
				if (this.stream === stream) this.endStream();
			}, ended ? endedGraceMs : supersededGraceMs);
		}
	}

	/** Resolves when the container's state changes, after `ms`, or on stop. */
	private waitForPodChange(ms: number): Promise<void> {
		return new Promise(resolvePromise => {
			if (this.stopped) return resolvePromise();
			const done = () => {
				clearTimeout(timer);
				this.podWaiters.delete(done);
				resolvePromise();
			};
			const timer = ms === Infinity ? undefined : setTimeout(done, ms);
			this.podWaiters.add(done);
		});
	}

	private async waitFor(condition: () => boolean, ms: number): Promise<void> {
		const deadline = Date.now() + ms;
		while (!condition() && !this.stopped && Date.now() < deadline) await this.waitForPodChange(deadline - Date.now());
	}

	private notify(): void {
		this.listeners.notify();
	}
}

/** The newer of two copies of the pod by resourceVersion (numeric in practice; else the watch's). */
function newerPod(watched: Pod | undefined, fetched: Pod | undefined): Pod | undefined {
	if (!watched) return fetched;
	if (!fetched || fetched.metadata.uid !== watched.metadata.uid) return watched;
	const a = watched.metadata.resourceVersion ?? '';
	const b = fetched.metadata.resourceVersion ?? '';
	if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return watched;
	return BigInt(b) > BigInt(a) ? fetched : watched;
}
