// `?watch=1`: a chunked stream of JSON watch events, one per line (k8s-semantics.md §6).
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {Change, ClusterStore, StoredObject} from '../store.js';
import {toTable} from '../table.js';
import {queryFlag, queryInt} from './http.js';
import {withKind} from './objects.js';
import {apiVersionOf, type ResourceInfo} from './resources.js';
import {fieldMatcher, labelMatcher, type Matcher} from './selectors.js';
import {statusObject} from './status.js';

export interface WatchRequest {
	info: ResourceInfo;
	namespace: string | undefined;
	query: URLSearchParams;
	table: boolean;
}

export interface WatchContext {
	store: ClusterStore;
	bookmarkIntervalMs: number;
	/** Open watches; faults and stop() act on them. */
	registry: Set<ActiveWatch>;
	stalled(): boolean;
}

export interface ActiveWatch {
	/** End the response normally (like a timeout). */
	close(): void;
	/** From now on send nothing, not even the end of the response: a silently dead connection. */
	stall(): void;
}

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

const minRequestTimeoutMs = 1800_000;

/** Converts a change into what a watcher with these selectors sees (`cache_watcher.go convertToWatchEvent`). */
function visibleEvent(change: Change, namespace: string | undefined, matches: Matcher): {type: EventType; object: StoredObject} | undefined {
	const inScope = (object: StoredObject | undefined) => !!object && (namespace === undefined || object.metadata.namespace === namespace) && matches(object);
	const current = change.type !== 'DELETED' && inScope(change.object);
	const before = change.type === 'ADDED' ? false : change.previous ? inScope(change.previous) : inScope(change.object);
	if (change.type === 'DELETED') return before ? {type: 'DELETED', object: change.object} : undefined;
	if (current && before) return {type: 'MODIFIED', object: change.object};
	if (current) return {type: 'ADDED', object: change.object};
	if (before) {
		const gone = structuredClone(change.previous ?? change.object);
		gone.metadata.resourceVersion = String(change.rv);
		return {type: 'DELETED', object: gone};
	}
	return undefined;
}

export function serveWatch(context: WatchContext, request: WatchRequest, req: IncomingMessage, res: ServerResponse): void {
	const {store} = context;
	const {info, namespace, query, table} = request;
	const matches: Matcher = (() => {
		const labels = labelMatcher(query.get('labelSelector'));
		const fields = fieldMatcher(info, query.get('fieldSelector'));
		return object => labels(object) && fields(object);
	})();
	const timeoutSeconds = queryInt(query, 'timeoutSeconds') ?? 0;
	const bookmarks = queryFlag(query, 'allowWatchBookmarks');
	const sendInitialEvents = queryFlag(query, 'sendInitialEvents');
	const rvParam = query.get('resourceVersion') ?? '';
	const durationMs = timeoutSeconds > 0 ? timeoutSeconds * 1000 : minRequestTimeoutMs * (1 + Math.random());

	res.writeHead(200, {'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private'});
	// Flush the headers now: a watch with nothing to say yet must still look established.
	res.flushHeaders();

	let stalled = context.stalled();
	let firstTableEvent = true;
	const timers: NodeJS.Timeout[] = [];
	let unsubscribe: () => void = () => {};
	let finished = false;

	const cleanup = () => {
		if (finished) return;
		finished = true;
		for (const timer of timers) clearTimeout(timer);
		unsubscribe();
		context.registry.delete(watch);
	};
	const close = () => {
		if (finished && res.writableEnded) return;
		cleanup();
		if (!res.writableEnded) res.end();
	};
	const watch: ActiveWatch = {
		close,
		stall() {
			stalled = true;
		},
	};
	context.registry.add(watch);
	req.on('close', cleanup);
	res.on('close', cleanup);

	const send = (type: EventType, object: object) => {
		if (stalled || finished) return;
		res.write(`${JSON.stringify({type, object})}\n`);
	};
	const sendObject = (type: EventType, object: StoredObject) => {
		if (table) {
			const converted = toTable(info, [object], {resourceVersion: object.metadata.resourceVersion}, {
				includeObject: query.get('includeObject') ?? 'Metadata',
				withColumns: firstTableEvent,
			});
			firstTableEvent = false;
			send(type, converted);
		} else {
			send(type, withKind(info, object));
		}
	};
	const sendBookmark = (annotations?: Record<string, string>) => {
		const metadata: Record<string, unknown> = {resourceVersion: store.resourceVersion, creationTimestamp: null};
		if (annotations) metadata.annotations = annotations;
		const object: Record<string, unknown> = {kind: info.kind, apiVersion: apiVersionOf(info), metadata};
		if (info.resource === 'pods') Object.assign(object, {spec: {containers: null}, status: {}});
		send('BOOKMARK', object);
	};

	const initialState = rvParam === '' || rvParam === '0' || sendInitialEvents;
	if (!initialState) {
		const from = Number(rvParam);
		if (!Number.isFinite(from)) {
			send('ERROR', statusObject(400, `invalid resource version: ${JSON.stringify(rvParam)}`, 'BadRequest'));
			close();
			return;
		}
		const since = store.since(info.resource, from);
		if (since.expired) {
			send('ERROR', statusObject(410, `too old resource version: ${from} (${since.oldest})`, 'Expired'));
			close();
			return;
		}
		for (const change of since.changes) {
			const event = visibleEvent(change, namespace, matches);
			if (event) sendObject(event.type, event.object);
		}
	} else {
		for (const object of store.list(info.resource, namespace).items) {
			if (matches(object)) sendObject('ADDED', object);
		}
		if (sendInitialEvents && bookmarks) sendBookmark({'k8s.io/initial-events-end': 'true'});
	}
	unsubscribe = store.subscribe(change => {
		if (change.kind !== info.resource) return;
		const event = visibleEvent(change, namespace, matches);
		if (event) sendObject(event.type, event.object);
	});

	if (bookmarks && context.bookmarkIntervalMs > 0) {
		const every = () => {
			sendBookmark();
			timers.push(setTimeout(every, context.bookmarkIntervalMs));
		};
		timers.push(setTimeout(every, context.bookmarkIntervalMs));
		if (durationMs > 2000) timers.push(setTimeout(() => sendBookmark(), durationMs - 2000));
	}
	// At the deadline the server just ends the response; a stalled (dead) connection ends never.
	timers.push(
		setTimeout(() => {
			if (!stalled) close();
		}, durationMs),
	);
}
