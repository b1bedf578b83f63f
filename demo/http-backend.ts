// The simulated kubelet's backend against a real kube-apiserver over HTTPS (issue 8): pods are
// created bound to a Node we register, their status goes through the `pods/status` subresource,
// events are upserted, deletes use grace period 0 (there is no kubelet to confirm them). It is
// also the fake kubelet's log server: the Node's InternalIP is 127.0.0.1 and its kubelet port is
// our HTTPS server, so `GET pods/{name}/log` on the API server is proxied to
// `/containerLogs/{ns}/{pod}/{container}` here, and served from the lines appendLog() received.
//
// Only the test harness and the demo use this; initk9 itself never writes to a cluster.
import {Agent, createServer, request, type Server} from 'node:https';
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {Endpoints, KubeEvent, Pod, PodStatus, Service} from '../source/model/k8s-types.js';
import type {ClusterBackend, ConfigMapData, WireObject} from './backend.js';
import {apiVersionOf, resourceByName} from './api/resources.js';
import {chooseInstance, rfc3339NanoFixed} from './api/pod-log.js';
import {LogStore, type LogLine} from './logs.js';

export interface HttpBackendOptions {
	/** e.g. https://127.0.0.1:6443 */
	server: string;
	/** PEM of the CA that signed the API server's serving cert. */
	ca: string | Buffer;
	/** Bearer token of a user allowed to write pods, pods/status, nodes, events, namespaces. */
	token: string;
	/** Serving cert + key for the fake kubelet's HTTPS log server (the API server does not verify it). */
	kubeletCert: string | Buffer;
	kubeletKey: string | Buffer;
	/** Node that pods without spec.nodeName are bound to (default initk9-node). */
	nodeName?: string;
}

export interface HttpBackend extends ClusterBackend {
	readonly nodeName: string;
	/** The fake kubelet's port on 127.0.0.1. */
	readonly kubeletPort: number;
	/** Raw API call (admin token): for harnesses that need more than the kubelet's verbs. */
	api<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
	/** Closes the log server (ending open follows) and the connection pool. */
	close(): Promise<void>;
}

export interface ApiResponse<T> {
	status: number;
	body: T;
	text: string;
}

/** A non-2xx answer from the API server, with its Status message. */
export class ApiRequestError extends Error {
	constructor(readonly status: number, readonly reason: string, message: string) {
		super(message);
		this.name = 'ApiRequestError';
	}
}

const json = 'application/json';

export async function httpBackend(options: HttpBackendOptions): Promise<HttpBackend> {
	const agent = new Agent({ca: options.ca, keepAlive: true, maxSockets: 8});
	const base = new URL(options.server);
	const defaultNode = options.nodeName ?? 'initk9-node';
	/**
	 * Set by close(): a request that fails from then on (the API server going away under the
	 * simulated kubelet's fire-and-forget writes) is left unsettled instead of rejecting into
	 * nobody's catch, an unhandled 'socket hang up' after the suite has ended.
	 */
	let closing = false;

	function api<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
		const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
		return new Promise((resolve, fail) => {
			const reject = (error: Error) => {
				if (!closing) fail(error);
			};
			const req = request(
				{
					agent,
					protocol: base.protocol,
					hostname: base.hostname,
					port: base.port,
					method,
					path,
					headers: {
						Authorization: `Bearer ${options.token}`,
						Accept: json,
						...(payload === undefined ? {} : {'Content-Type': json, 'Content-Length': Buffer.byteLength(payload)}),
						...headers,
					},
				},
				res => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('error', reject);
					res.on('end', () => {
						const text = Buffer.concat(chunks).toString('utf8');
						let parsed: unknown = text;
						try {
							parsed = text ? JSON.parse(text) : undefined;
						} catch {
							// plain text (logs) stays text
						}
						resolve({status: res.statusCode ?? 0, body: parsed as T, text});
					});
				},
			);
			req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
			req.on('error', reject);
			req.end(payload);
		});
	}

	/** Like api() but throws ApiRequestError on anything but 2xx (and `allow`ed codes). */
	async function call<T>(method: string, path: string, body?: unknown, allow: number[] = [], headers?: Record<string, string>): Promise<ApiResponse<T>> {
		const response = await api<T>(method, path, body, headers);
		if ((response.status >= 200 && response.status < 300) || allow.includes(response.status)) return response;
		const status = response.body as {message?: string; reason?: string} | undefined;
		throw new ApiRequestError(response.status, status?.reason ?? '', `${method} ${path}: ${response.status} ${status?.message ?? response.text}`);
	}

	const podPath = (namespace: string, name?: string) => `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods${name ? `/${encodeURIComponent(name)}` : ''}`;
	const objectPath = (namespace: string, plural: string, name?: string) =>
		`/api/v1/namespaces/${encodeURIComponent(namespace)}/${plural}${name ? `/${encodeURIComponent(name)}` : ''}`;

	/** Any registered kind's collection or object: `/api/v1/…` or `/apis/<group>/<version>/…`. */
	function resourcePath(resource: string, namespace: string | undefined, name?: string): string {
		const info = resourceByName.get(resource);
		if (!info) throw new Error(`unknown resource ${resource}`);
		const root = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
		const scope = info.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}` : '';
		return `${root}${scope}/${info.resource}${name ? `/${encodeURIComponent(name)}` : ''}`;
	}

	async function getOptional<T>(path: string): Promise<T | undefined> {
		const response = await call<T>('GET', path, undefined, [404]);
		return response.status === 404 ? undefined : response.body;
	}

	// --- the fake kubelet's log server -------------------------------------------------------
	const logs = new LogStore();
	/** Latest pod we wrote or read, by ns/name: the kubelet's own view of its pods. */
	const pods = new Map<string, Pod>();
	const podListeners = new Set<(key: string, pod: Pod | undefined) => void>();
	const remember = (pod: Pod | undefined, key?: string) => {
		const k = key ?? `${pod?.metadata.namespace}/${pod?.metadata.name}`;
		if (pod) pods.set(k, pod);
		else pods.delete(k);
		for (const listener of podListeners) listener(k, pod);
		return pod;
	};
	const follows = new Set<() => void>();

	const server: Server = createServer({cert: options.kubeletCert, key: options.kubeletKey}, (req, res) => {
		serveContainerLogs(req, res).catch(error => {
			if (!res.headersSent) res.writeHead(500, {'Content-Type': 'text/plain'});
			res.end(String(error instanceof Error ? error.message : error));
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const kubeletPort = (server.address() as AddressInfo).port;

	const plain = (res: ServerResponse, code: number, message: string) => {
		res.writeHead(code, {'Content-Type': 'text/plain; charset=utf-8'});
		res.end(message);
	};

	async function serveContainerLogs(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'https://127.0.0.1');
		const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
		if (req.method !== 'GET' || parts[0] !== 'containerLogs' || parts.length !== 4) return plain(res, 404, '404 page not found');
		const [, namespace, podName, container] = parts as [string, string, string, string];
		const pod = pods.get(`${namespace}/${podName}`) ?? remember(await getOptional<Pod>(podPath(namespace, podName)));
		if (!pod) return plain(res, 404, `pod "${podName}" does not exist`);
		const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
		if (!all.some(c => c.name === container)) return plain(res, 404, `container "${container}" not found in pod "${podName}"`);
		const query = url.searchParams;
		const flag = (name: string) => query.get(name) === 'true' || query.get(name) === '1';
		let containerID: string;
		try {
			containerID = chooseInstance(pod, container, flag('previous'));
		} catch (error) {
			// The kubelet writes the error text verbatim with 400; the API server wraps it in a Status.
			return plain(res, 400, error instanceof Error ? error.message : String(error));
		}
		const now = Date.now();
		let lines: ReadonlyArray<LogLine> = logs.lines(containerID);
		const sinceSeconds = Number(query.get('sinceSeconds') ?? NaN);
		const sinceTime = Date.parse(query.get('sinceTime') ?? '');
		const since = Number.isFinite(sinceSeconds) ? now - sinceSeconds * 1000 : Number.isFinite(sinceTime) ? sinceTime : undefined;
		if (since !== undefined) lines = lines.filter(line => line.at >= since);
		const tail = query.get('tailLines') ?? query.get('tail');
		if (tail !== null && tail !== 'all' && tail !== '' && Number(tail) >= 0) lines = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
		const timestamps = flag('timestamps');
		let budget = Number(query.get('limitBytes') ?? NaN);
		if (!Number.isFinite(budget) || budget < 1) budget = Number.POSITIVE_INFINITY;

		res.writeHead(200, {'Content-Type': 'text/plain'});
		res.flushHeaders();
		let ended = false;
		const write = (line: LogLine): boolean => {
			if (ended) return false;
			const bytes = Buffer.from(`${timestamps ? `${rfc3339NanoFixed(line.at)} ` : ''}${line.text}\n`);
			if (bytes.length >= budget) {
				res.write(bytes.subarray(0, budget));
				budget = 0;
				return false;
			}
			budget -= bytes.length;
			res.write(bytes);
			return true;
		};
		for (const line of lines) {
			if (!write(line)) return void res.end();
		}
		const running = (current: Pod | undefined) => {
			const status = [...(current?.status?.initContainerStatuses ?? []), ...(current?.status?.containerStatuses ?? [])].find(s => s.name === container);
			return !!status?.state?.running && status.containerID === containerID;
		};
		if (!flag('follow') || flag('previous') || !running(pod)) return void res.end();

		let unsubscribeLines = () => {};
		const finish = () => {
			if (ended) return;
			ended = true;
			unsubscribeLines();
			podListeners.delete(onPod);
			follows.delete(finish);
			if (!res.writableEnded) res.end();
		};
		const onPod = (key: string, current: Pod | undefined) => {
			if (key === `${namespace}/${podName}` && !running(current)) finish();
		};
		follows.add(finish);
		podListeners.add(onPod);
		unsubscribeLines = logs.subscribe(containerID, line => {
			if (!write(line)) finish();
		});
		req.on('close', finish);
		res.on('close', finish);
	}

	// --- nodes -------------------------------------------------------------------------------
	const nodes = new Map<string, Promise<void>>();
	function ensureNode(name: string): Promise<void> {
		let pending = nodes.get(name);
		if (!pending) {
			pending = registerNode(name);
			nodes.set(name, pending);
			pending.catch(() => nodes.delete(name));
		}
		return pending;
	}
	async function registerNode(name: string): Promise<void> {
		const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
		const status = {
			addresses: [
				{type: 'InternalIP', address: '127.0.0.1'},
				{type: 'Hostname', address: name},
			],
			daemonEndpoints: {kubeletEndpoint: {Port: kubeletPort}},
			conditions: [{type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now}],
			nodeInfo: {kubeletVersion: 'v1.20.2', containerRuntimeVersion: 'initk9-demo://1', osImage: 'initk9 demo', operatingSystem: 'linux', architecture: 'amd64'},
		};
		const node = {apiVersion: 'v1', kind: 'Node', metadata: {name, labels: {'kubernetes.io/hostname': name}}, spec: {}, status};
		const created = await call<{metadata: {resourceVersion: string}}>('POST', '/api/v1/nodes', node, [409]);
		// Nodes take status on create; an existing node (earlier run, other port) gets ours.
		const current = created.status === 409 ? (await call<Record<string, unknown>>('GET', `/api/v1/nodes/${name}`)).body : created.body;
		await call('PUT', `/api/v1/nodes/${name}/status`, {...current, status});
	}

	// --- ClusterBackend ----------------------------------------------------------------------
	async function replaceStatus(namespace: string, name: string, status: PodStatus, annotations?: Record<string, string>): Promise<Pod | undefined> {
		for (let attempt = 0; ; attempt++) {
			const current = await getOptional<Pod>(podPath(namespace, name));
			if (!current) return remember(undefined, `${namespace}/${name}`);
			const next: Pod = {...current, status};
			if (annotations) next.metadata = {...current.metadata, annotations: {...current.metadata.annotations, ...annotations}};
			const response = await call<Pod>('PUT', `${podPath(namespace, name)}/status`, next, [404, 409]);
			if (response.status === 200 || response.status === 201) return remember(response.body);
			if (response.status === 404) return remember(undefined, `${namespace}/${name}`);
			if (attempt >= 5) throw new ApiRequestError(409, 'Conflict', `PUT pods/${name}/status: still conflicting after ${attempt + 1} attempts`);
		}
	}

	async function upsert(path: string, plural: string, object: {metadata: {name: string; namespace?: string}}, createOnUpdate: boolean): Promise<void> {
		const namespace = object.metadata.namespace ?? 'default';
		const named = objectPath(namespace, plural, object.metadata.name);
		if (createOnUpdate) {
			await call('PUT', named, {...object, metadata: {...object.metadata, namespace, resourceVersion: undefined}});
			return;
		}
		const created = await call('POST', path, {...object, metadata: {...object.metadata, namespace}}, [409]);
		if (created.status !== 409) return;
		const current = await call<{metadata: {resourceVersion: string}; spec?: Record<string, unknown>}>('GET', named);
		const spec = {...(current.body.spec ?? {}), ...((object as {spec?: Record<string, unknown>}).spec ?? {})};
		await call('PUT', named, {...object, metadata: {...object.metadata, namespace, resourceVersion: current.body.metadata.resourceVersion}, spec});
	}

	const backend: HttpBackend = {
		nodeName: defaultNode,
		kubeletPort,
		api,

		async ensureNamespace(name) {
			await call('POST', '/api/v1/namespaces', {apiVersion: 'v1', kind: 'Namespace', metadata: {name}}, [409]);
		},

		async createPod(pod) {
			const namespace = pod.metadata.namespace ?? 'default';
			const nodeName = pod.spec.nodeName;
			if (nodeName) await ensureNode(nodeName);
			const {resourceVersion: _rv, uid: _uid, creationTimestamp: _ct, ...metadata} = pod.metadata;
			const body = {apiVersion: 'v1', kind: 'Pod', ...pod, metadata: {...metadata, namespace}};
			const created = (await call<Pod>('POST', podPath(namespace), body)).body;
			if (!pod.status) return remember(created)!;
			// The API server drops status on create: set it through the subresource as a kubelet would.
			return (await replaceStatus(namespace, created.metadata.name, pod.status)) ?? created;
		},

		async getPod(namespace, name) {
			return remember(await getOptional<Pod>(podPath(namespace, name)), `${namespace}/${name}`);
		},

		updatePodStatus: replaceStatus,

		async deletePod(namespace, name) {
			await call('DELETE', `${podPath(namespace, name)}?gracePeriodSeconds=0`, {apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0}, [404]);
			remember(undefined, `${namespace}/${name}`);
		},

		async listPods(namespace) {
			const path = namespace === undefined ? '/api/v1/pods' : podPath(namespace);
			return (await call<{items: Pod[]}>('GET', path)).body.items;
		},

		async upsertEvent(event: KubeEvent) {
			const namespace = event.metadata.namespace ?? event.involvedObject?.namespace ?? 'default';
			const withMeta = {apiVersion: 'v1', kind: 'Event', ...event, metadata: {...event.metadata, namespace}};
			await upsert(objectPath(namespace, 'events'), 'events', withMeta, true);
		},

		getService: (namespace, name) => getOptional<Service>(objectPath(namespace, 'services', name)),
		getEndpoints: (namespace, name) => getOptional<Endpoints>(objectPath(namespace, 'endpoints', name)),
		getConfigMap: (namespace, name) => getOptional<ConfigMapData>(objectPath(namespace, 'configmaps', name)),

		appendLog(namespace, pod, container, containerID, text, at) {
			logs.append(namespace, pod, container, containerID, text, at);
		},

		async bindPod(namespace, name, nodeName) {
			await ensureNode(nodeName);
			const binding = {apiVersion: 'v1', kind: 'Binding', metadata: {name, namespace}, target: {apiVersion: 'v1', kind: 'Node', name: nodeName}};
			const response = await call('POST', `${podPath(namespace, name)}/binding`, binding, [404]);
			if (response.status === 404) return remember(undefined, `${namespace}/${name}`);
			return backend.getPod(namespace, name);
		},

		async upsertService(service: Service) {
			const namespace = service.metadata.namespace ?? 'default';
			await upsert(objectPath(namespace, 'services'), 'services', {apiVersion: 'v1', kind: 'Service', ...service} as Service, false);
		},

		async upsertEndpoints(endpoints: Endpoints) {
			const namespace = endpoints.metadata.namespace ?? 'default';
			await upsert(objectPath(namespace, 'endpoints'), 'endpoints', {apiVersion: 'v1', kind: 'Endpoints', ...endpoints} as Endpoints, true);
		},

		async deleteService(namespace, name) {
			await call('DELETE', objectPath(namespace, 'services', name), undefined, [404]);
		},

		async deleteEndpoints(namespace, name) {
			await call('DELETE', objectPath(namespace, 'endpoints', name), undefined, [404]);
		},

		// Workloads (Deployments, StatefulSets, Jobs …): the API server's controllers — a real
		// kube-controller-manager when one runs — make their pods, which the kubelet then plays.
		async createObject(resource: string, object: WireObject) {
			const info = resourceByName.get(resource);
			const body = {apiVersion: info ? apiVersionOf(info) : undefined, kind: info?.kind, ...object};
			return (await call<WireObject>('POST', resourcePath(resource, object.metadata.namespace), body)).body;
		},

		getObject: (resource: string, namespace: string | undefined, name: string) => getOptional<WireObject>(resourcePath(resource, namespace, name)),

		async patchObject(resource: string, namespace: string | undefined, name: string, patch: object) {
			return (await call<WireObject>('PATCH', resourcePath(resource, namespace, name), patch, [], {'Content-Type': 'application/strategic-merge-patch+json'})).body;
		},

		async deleteObject(resource: string, namespace: string | undefined, name: string) {
			await call('DELETE', resourcePath(resource, namespace, name), undefined, [404]);
		},

		async close() {
			closing = true;
			for (const finish of [...follows]) finish();
			const closed = new Promise<void>(resolve => server.close(() => resolve()));
			server.closeAllConnections();
			await closed;
			agent.destroy();
		},
	};
	await ensureNode(defaultNode);
	return backend;
}
