// `GET pods/{name}/log`: option validation, container selection, the kubelet's instance choice
// and every error text of k8s-semantics.md §5.
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {ContainerStatus, Pod} from '../../source/model/k8s-types.js';
import type {LogLine, LogStore} from '../logs.js';
import type {ClusterStore} from '../store.js';
import {queryFlag, queryInt} from './http.js';
import {ApiError, badRequest, invalid, notFound} from './status.js';

interface LogOptions {
	container: string | undefined;
	follow: boolean;
	previous: boolean;
	timestamps: boolean;
	tailLines: number | undefined;
	limitBytes: number | undefined;
	/** Lines at or after this instant (ms), from sinceSeconds / sinceTime. */
	since: number | undefined;
}

function parseOptions(pod: string, query: URLSearchParams, now: number): LogOptions {
	const tailLines = queryInt(query, 'tailLines');
	const limitBytes = queryInt(query, 'limitBytes');
	const sinceSeconds = queryInt(query, 'sinceSeconds');
	const sinceTime = query.get('sinceTime');
	const causes: Array<{field: string; message: string}> = [];
	if (tailLines !== undefined && tailLines < 0) causes.push({field: 'tailLines', message: `Invalid value: ${tailLines}: must be greater than or equal to 0`});
	if (limitBytes !== undefined && limitBytes < 1) causes.push({field: 'limitBytes', message: `Invalid value: ${limitBytes}: must be greater than 0`});
	if (sinceSeconds !== undefined && sinceSeconds < 1) causes.push({field: 'sinceSeconds', message: `Invalid value: ${sinceSeconds}: must be greater than 0`});
	if (sinceSeconds !== undefined && sinceTime) causes.push({field: '', message: 'Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified'});
	if (query.has('stream')) causes.push({field: 'stream', message: 'Forbidden: may not be specified'});
	if (causes.length > 0) throw invalid('PodLogOptions', pod, causes);
	let since: number | undefined;
	if (sinceSeconds !== undefined) since = now - sinceSeconds * 1000;
	if (sinceTime) {
		const at = Date.parse(sinceTime);
		if (Number.isNaN(at)) throw badRequest(`parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`);
		since = Math.floor(at / 1000) * 1000;
	}
	return {
		container: query.get('container') || undefined,
		follow: queryFlag(query, 'follow'),
		previous: queryFlag(query, 'previous'),
		timestamps: queryFlag(query, 'timestamps'),
		tailLines,
		limitBytes,
		since,
	};
}

const names = (list: Array<{name: string}> | undefined) => (list ?? []).map(c => c.name);

/** API server `validateContainer`: which container, or the 400. */
function chooseContainer(pod: Pod, requested: string | undefined): string {
	const name = pod.metadata.name;
	const init = names(pod.spec.initContainers);
	const main = names(pod.spec.containers);
	const ephemeral = names(pod.spec.ephemeralContainers as Array<{name: string}> | undefined);
	if (!requested) {
		if (main.length === 1) return main[0]!;
		if (main.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
		throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${[...init, ...main, ...ephemeral].join(' ')}]`);
	}
	if (![...init, ...main, ...ephemeral].includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${name}`);
	return requested;
}

function findStatus(pod: Pod, container: string): ContainerStatus | undefined {
	const status = pod.status ?? {};
	for (const list of [status.containerStatuses, status.initContainerStatuses, status.ephemeralContainerStatuses as ContainerStatus[] | undefined]) {
		const found = list?.find(s => s.name === container);
		if (found) return found;
	}
	return undefined;
}

/** Kubelet `validateContainerLogStatus`: the containerID whose log to serve, or the 400. */
export function chooseInstance(pod: Pod, container: string, previous: boolean): string {
	const podName = pod.metadata.name;
	const status = findStatus(pod, container);
	const prefix = `container "${container}" in pod "${podName}"`;
	if (!status) throw badRequest(`${prefix} is not available`);
	const lastTerminated = status.lastState?.terminated;
	if (previous) {
		if (!lastTerminated || !lastTerminated.containerID) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
		return lastTerminated.containerID;
	}
	const state = status.state ?? {};
	if (state.running) {
		if (status.containerID) return status.containerID;
	} else if (state.terminated) {
		if (state.terminated.containerID) return state.terminated.containerID;
		if (lastTerminated?.containerID) return lastTerminated.containerID;
		throw badRequest(`${prefix} is terminated`);
	} else if (state.waiting) {
		if (lastTerminated?.containerID) return lastTerminated.containerID;
		const reason = state.waiting.reason;
		if (reason === 'ErrImagePull') throw badRequest(`${prefix} is waiting to start: image can't be pulled`);
		if (reason === 'ImagePullBackOff') throw badRequest(`${prefix} is waiting to start: trying and failing to pull image`);
		throw badRequest(`${prefix} is waiting to start: ${reason ?? ''}`);
	}
	throw badRequest(`${prefix} is waiting to start - no logs yet`);
}

/** Go's RFC3339NanoFixed in UTC: 2006-01-02T15:04:05.000000000Z. */
export function rfc3339NanoFixed(at: number): string {
	return new Date(at).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** True while `containerID` is the running instance of `container` in this pod. */
function instanceRunning(pod: Pod | undefined, container: string, containerID: string): boolean {
	if (!pod) return false;
	const status = findStatus(pod, container);
	return !!status?.state?.running && status.containerID === containerID;
}

export interface LogContext {
	store: ClusterStore;
	logs: LogStore;
	/** Open follow streams: finish() ends one, stall() makes it dead for good. */
	registry: Set<LogStream>;
	/** The stallLogs fault: new follow streams are dead from the start. */
	stalled(): boolean;
}

export interface LogStream {
	finish(): void;
	stall(): void;
}

export function serveLog(context: LogContext, namespace: string, podName: string, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): void {
	const {store, logs} = context;
	const now = Date.now();
	const pod = store.get('pods', namespace, podName) as unknown as Pod | undefined;
	if (!pod) throw notFound('pods', podName);
	const options = parseOptions(podName, query, now);
	const container = chooseContainer(pod, options.container);
	if (!pod.spec.nodeName) {
		res.writeHead(204);
		res.end();
		return;
	}
	const containerID = chooseInstance(pod, container, options.previous);

	let lines: ReadonlyArray<LogLine> = logs.lines(containerID);
	if (options.since !== undefined) lines = lines.filter(line => line.at >= options.since!);
	if (options.tailLines !== undefined) lines = options.tailLines === 0 ? [] : lines.slice(-options.tailLines);

	res.writeHead(200, {'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private'});
	res.flushHeaders();
	let dead = options.follow && context.stalled();
	let budget = options.limitBytes ?? Number.POSITIVE_INFINITY;
	let ended = false;
	/** Writes one line; false once limitBytes is used up. */
	const write = (line: LogLine): boolean => {
		if (ended) return false;
		if (dead) return true;
		let text = `${options.timestamps ? `${rfc3339NanoFixed(line.at)} ` : ''}${line.text}\n`;
		const bytes = Buffer.from(text);
		if (bytes.length >= budget) {
			text = bytes.subarray(0, budget).toString('utf8');
			budget = 0;
			res.write(text);
			return false;
		}
		budget -= bytes.length;
		res.write(text);
		return true;
	};
	for (const line of lines) {
		if (!write(line)) {
			res.end();
			return;
		}
	}
	const live = !options.previous && instanceRunning(pod, container, containerID);
	if (!dead && (!options.follow || !live)) {
		res.end();
		return;
	}
	let stopLines: () => void = () => {};
	let stopPods: () => void = () => {};
	const stream: LogStream = {
		finish: () => {
			if (ended) return;
			ended = true;
			stopLines();
			stopPods();
			context.registry.delete(stream);
			if (!res.writableEnded) res.end();
		},
		stall: () => {
			dead = true;
		},
	};
	const finish = stream.finish;
	context.registry.add(stream);
	stopLines = logs.subscribe(containerID, line => {
		if (!write(line)) finish();
	});
	stopPods = store.subscribe(change => {
		if (dead || change.kind !== 'pods' || change.object.metadata.namespace !== namespace || change.object.metadata.name !== podName) return;
		const current = change.type === 'DELETED' ? undefined : (change.object as unknown as Pod);
		if (!instanceRunning(current, container, containerID)) finish();
	});
	req.on('close', finish);
	res.on('close', finish);
}
