// The demo API server: HTTP routing, bearer-token auth, audit, latency and injected failures in
// front of the list/get/watch/log/create/delete handlers in api/.
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {createServer as createTlsServer} from 'node:https';
import type {Socket} from 'node:net';
import {timingSafeEqual} from 'node:crypto';
import type {MemoryAuditLog} from './audit.js';
import type {FaultState} from './faults.js';
import type {LogStore} from './logs.js';
import type {ClusterStore} from './store.js';
import {authorize} from './api/authorize.js';
import {getObject, listObjects} from './api/reads.js';
import {createObject, deleteObject, patchObject, replaceObject, requireNamespace, writeScale} from './api/writes.js';
import {discovery} from './api/discovery.js';
import {queryFlag, readBody, readBodyBytes, sendError, sendJson} from './api/http.js';
import {decodeProtobuf, isProtobuf} from './api/protobuf.js';
import {openapiGroupVersion, openapiRoot} from './api/openapi.js';
import {serveLog, type LogStream} from './api/pod-log.js';
import {resourceAt, type ResourceInfo} from './api/resources.js';
import {ApiError, statusObject} from './api/status.js';
import {serveWatch, type ActiveWatch} from './api/watch.js';
import {wantsTable} from './table.js';

export interface ApiServerOptions {
	store: ClusterStore;
	logs: LogStore;
	audit: MemoryAuditLog;
	faults: FaultState;
	token: string;
	bookmarkIntervalMs: number;
	/** Serve HTTPS with this certificate; plain HTTP without. */
	tls?: {cert: string; key: string};
}

export interface ApiServer {
	server: Server;
	listen(port: number): Promise<number>;
	/** Stops listening and destroys every socket (open watches and log streams included). */
	close(): Promise<void>;
}

interface Route {
	info: ResourceInfo;
	namespace: string | undefined;
	name: string | undefined;
	subresource: string | undefined;
}

/** Parses `/api/v1/...` and `/apis/<group>/<version>/...` into resource, namespace, name, subresource; undefined if it is no resource path. */
function parseResourcePath(path: string): Route | undefined {
	const parts = path.split('/').filter(p => p !== '').map(decodeURIComponent);
	let group: string;
	let version: string;
	let rest: string[];
	if (parts[0] === 'api' && parts.length >= 3) [group, version, rest] = ['', parts[1]!, parts.slice(2)];
	else if (parts[0] === 'apis' && parts.length >= 4) [group, version, rest] = [parts[1]!, parts[2]!, parts.slice(3)];
	else return undefined;
	let namespace: string | undefined;
	if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
		namespace = rest[1];
		rest = rest.slice(2);
	}
	const info = resourceAt(group, version, rest[0]!);
	if (!info || rest.length > 3) return undefined;
	if (info.namespaced === false && namespace !== undefined) return undefined;
	return {info, namespace, name: rest[1], subresource: rest[2]};
}

function bearerMatches(header: string | undefined, token: string): boolean {
	const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
	if (!match) return false;
	const given = Buffer.from(match[1]!.trim());
	const expected = Buffer.from(token);
	return given.length === expected.length && timingSafeEqual(given, expected);
}

const delay = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms).unref());

export function createApiServer(options: ApiServerOptions): ApiServer {
	const {store, logs, audit, faults, token} = options;
	const watches = new Set<ActiveWatch>();
	const follows = new Set<LogStream>();
	const sockets = new Set<Socket>();
	const watchContext = {store, bookmarkIntervalMs: options.bookmarkIntervalMs, registry: watches, stalled: () => faults.watchesStalled};
	const logContext = {store, logs, registry: follows, stalled: () => faults.logsStalled};

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const method = req.method ?? 'GET';
		const originalWriteHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
		res.writeHead = ((...args: unknown[]) => {
			audit.record({method, path: url.pathname, query: url.search.replace(/^\?/, ''), status: args[0] as number, at: Date.now(), ...(req.headers['user-agent'] ? {userAgent: req.headers['user-agent']} : {}), ...(req.headers.accept ? {accept: req.headers.accept} : {})});
			return originalWriteHead(...args);
		}) as ServerResponse['writeHead'];

		if (faults.latencyMs > 0) await delay(faults.latencyMs);
		if (!bearerMatches(req.headers.authorization, token)) {
			sendJson(res, 401, statusObject(401, 'Unauthorized', 'Unauthorized'));
			return;
		}
		const failure = faults.takeFailure();
		if (failure !== undefined) {
			const message = failure === 503 ? 'the server is currently unable to handle the request' : 'Internal error occurred: injected failure';
			sendJson(res, failure, statusObject(failure, message));
			return;
		}

		const path = url.pathname.replace(/\/+$/, '') || '/';
		const query = url.searchParams;
		const document = discovery[path];
		if (document) {
			if (method !== 'GET') throw new ApiError(405, 'the server does not allow this method on the requested resource', 'MethodNotAllowed');
			sendJson(res, 200, document());
			return;
		}
		if (path.startsWith('/openapi/v3')) {
			const openapi = path === '/openapi/v3' ? openapiRoot() : openapiGroupVersion(path.slice('/openapi/v3/'.length));
			if (!openapi) throw new ApiError(404, 'the server could not find the requested resource', 'NotFound');
			sendJson(res, 200, openapi);
			return;
		}
		const route = parseResourcePath(path);
		if (!route) throw new ApiError(404, 'the server could not find the requested resource', 'NotFound');
		const {info, namespace, name, subresource} = route;
		const table = wantsTable(req.headers.accept);
		const dryRun = query.getAll('dryRun').includes('All');

		if (subresource !== undefined) {
			if (info.resource === 'pods' && subresource === 'log' && method === 'GET') {
				authorize(faults, {verb: 'get', resource: 'pods/log', namespace, name, clusterScopedKind: false});
				serveLog(logContext, namespace!, name!, query, req, res);
				return;
			}
			const verb = method === 'GET' ? 'get' : method === 'PUT' ? 'update' : method === 'PATCH' ? 'patch' : undefined;
			if (verb && name !== undefined && info.subresources?.includes(subresource as 'status' | 'scale') && (subresource === 'status' || subresource === 'scale')) {
				authorize(faults, {verb, resource: `${info.resource}/${subresource}`, namespace, name, clusterScopedKind: !info.namespaced, group: info.group});
				const body = method === 'GET' ? '' : await readBody(req);
				const contentType = req.headers['content-type'] ?? '';
				if (subresource === 'scale') sendJson(res, 200, writeScale(store, info, namespace, name, method, contentType, body, dryRun));
				else if (method === 'GET') sendJson(res, 200, getObject(store, info, namespace, name, false, query));
				else if (method === 'PUT') sendJson(res, 200, replaceObject(store, info, namespace, name, body, dryRun, 'status'));
				else sendJson(res, 200, patchObject(store, info, namespace, name, contentType, body, dryRun, 'status'));
				return;
			}
			throw new ApiError(404, 'the server could not find the requested resource', 'NotFound');
		}

		if (name === undefined) {
			if (method === 'GET') {
				const watching = queryFlag(query, 'watch');
				authorize(faults, {verb: watching ? 'watch' : 'list', resource: info.resource, namespace, clusterScopedKind: !info.namespaced, group: info.group});
				if (watching) serveWatch(watchContext, {info, namespace, query, table}, req, res);
				else sendJson(res, 200, listObjects(store, {info, namespace, query, table}));
				return;
			}
			if (method === 'POST' && info.writable) {
				authorize(faults, {verb: 'create', resource: info.resource, namespace, clusterScopedKind: !info.namespaced, group: info.group});
				const contentType = req.headers['content-type'];
				const bytes = await readBodyBytes(req);
				const body = isProtobuf(contentType) ? JSON.stringify(decodeProtobuf(bytes)) : bytes.toString('utf8');
				sendJson(res, 201, createObject(store, info, namespace, body, dryRun));
				return;
			}
			throw new ApiError(405, 'the server does not allow this method on the requested resource', 'MethodNotAllowed');
		}

		if (method === 'GET') {
			authorize(faults, {verb: 'get', resource: info.resource, namespace, name, clusterScopedKind: !info.namespaced, group: info.group});
			sendJson(res, 200, getObject(store, info, namespace, name, table, query));
			return;
		}
		if ((method === 'PUT' || method === 'PATCH') && info.writable) {
			authorize(faults, {verb: method === 'PUT' ? 'update' : 'patch', resource: info.resource, namespace, name, clusterScopedKind: !info.namespaced, group: info.group});
			const body = await readBody(req);
			const result =
				method === 'PUT'
					? replaceObject(store, info, namespace, name, body, dryRun)
					: patchObject(store, info, namespace, name, req.headers['content-type'] ?? '', body, dryRun);
			sendJson(res, 200, result);
			return;
		}
		if (method === 'DELETE' && info.writable) {
			authorize(faults, {verb: 'delete', resource: info.resource, namespace, name, clusterScopedKind: !info.namespaced, group: info.group});
			if (namespace !== undefined) requireNamespace(store, namespace);
			sendJson(res, 200, deleteObject(store, info, namespace, name, dryRun));
			return;
		}
		throw new ApiError(405, 'the server does not allow this method on the requested resource', 'MethodNotAllowed');
	}

	const onRequest = (req: IncomingMessage, res: ServerResponse) => {
		handle(req, res).catch(error => sendError(res, error));
	};
	const server: Server = options.tls ? createTlsServer({cert: options.tls.cert, key: options.tls.key}, onRequest) : createServer(onRequest);
	server.on('connection', socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	let port = 0;
	const listen = (wanted: number) =>
		new Promise<number>((resolve, reject) => {
			const onError = (error: NodeJS.ErrnoException) => {
				server.off('listening', onListening);
				reject(error.code === 'EADDRINUSE' ? new Error(`port ${wanted} is already in use`) : error);
			};
			const onListening = () => {
				server.off('error', onError);
				const address = server.address();
				port = typeof address === 'object' && address ? address.port : wanted;
				resolve(port);
			};
			server.once('error', onError);
			server.once('listening', onListening);
			server.listen(wanted, '127.0.0.1');
		});

	const closeStreams = () => {
		for (const watch of [...watches]) watch.close();
		for (const follow of [...follows]) follow.finish();
	};
	const close = () =>
		new Promise<void>(resolve => {
			closeStreams();
			for (const socket of sockets) socket.destroy();
			if (!server.listening) {
				resolve();
				return;
			}
			server.close(() => resolve());
			server.closeAllConnections();
		});

	faults.attach({
		closeWatches: () => {
			for (const watch of [...watches]) watch.close();
		},
		stallWatches: () => {
			for (const watch of watches) watch.stall();
		},
		stallLogs: () => {
			for (const follow of follows) follow.stall();
		},
		down: close,
		up: async () => {
			if (!server.listening) await listen(port);
		},
	});

	return {server, listen, close};
}
