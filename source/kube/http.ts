// GET requests to one API server over node:http/https. client-node supplies the credentials
// and TLS material (token, client certificates, exec plugins via applyToHTTPSOptions); the
// request itself is ours, so streams can be aborted, timed and read as raw JSON.
import http from 'node:http';
import type {IncomingMessage} from 'node:http';
import https from 'node:https';
import type {KubeConfig} from '@kubernetes/client-node';
import {ApiError, CredentialsError, networkError, oneLine} from './errors.js';
import type {ErrorContext} from './errors.js';

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
	query?: Query;
	signal?: AbortSignal;
	/** Socket idle timeout (no byte for this long → NetworkError "timed out"); 0 = none. */
	idleTimeoutMs?: number;
	/** What the request is, for error messages (verb, resource, namespace). */
	describe?: ErrorContext;
	/** Accept header (default JSON), e.g. a server-side Table. */
	accept?: string;
	/**
	 * getJson only: called once with the body's beginning (its first HEAD_BYTES characters, or
	 * all of it if shorter) as soon as that much has arrived, before the rest is read and parsed.
	 */
	onHead?: (head: string) => void;
}

/** How much of a body onHead sees: a list's metadata (with its continue token) and more. */
export const HEAD_BYTES = 4096;

const userAgent = 'initk9/0.1 (read-only)';
const maxErrorBody = 64 * 1024;

export function queryString(query: Query = {}): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		if (value !== undefined) params.set(key, String(value));
	}
	const text = params.toString();
	return text ? `?${text}` : '';
}

export class ApiClient {
	readonly server: string;
	private readonly base: URL;
	private agent: http.Agent | undefined;
	private agentKey = '';

	constructor(
		private readonly kubeConfig: KubeConfig,
		private readonly defaultIdleTimeoutMs = 30_000,
	) {
		const cluster = kubeConfig.getCurrentCluster();
		if (!cluster) throw new Error('kubeconfig has no current cluster');
		this.server = cluster.server;
		this.base = new URL(cluster.server);
	}

	/** Opens a GET and resolves with the 2xx response (a stream); non-2xx → ApiError. */
	async open(path: string, options: RequestOptions = {}): Promise<IncomingMessage> {
		const {headers, agent} = await this.credentials();
		const basePath = this.base.pathname.replace(/\/$/, '');
		const isHttps = this.base.protocol === 'https:';
		return new Promise<IncomingMessage>((resolvePromise, reject) => {
			let settled = false;
			const fail = (error: unknown) => {
				if (settled) return;
				settled = true;
				reject(error);
			};
			const onAbort = () => {
				const error = new Error('cancelled');
				error.name = 'AbortError';
				request.destroy(error);
				fail(error);
			};
			const request = (isHttps ? https : http).request({
				protocol: this.base.protocol,
				hostname: this.base.hostname.replace(/^\[|\]$/g, ''),
				port: this.base.port || (isHttps ? 443 : 80),
				path: `${basePath}${path}${queryString(options.query)}`,
				method: 'GET',
				headers: {...headers, Accept: options.accept ?? 'application/json, */*', 'User-Agent': userAgent},
				agent,
			});
			// Listening for 'error' before any abort: destroy() emits it, and unheard it is an uncaught exception.
			request.on('error', error => fail(error.name === 'AbortError' ? error : networkError(this.server, error)));
			if (options.signal?.aborted) return onAbort();
			options.signal?.addEventListener('abort', onAbort, {once: true});
			const idle = options.idleTimeoutMs ?? this.defaultIdleTimeoutMs;
			if (idle > 0) {
				request.setTimeout(idle, () => request.destroy(Object.assign(new Error('timed out'), {code: 'ETIMEDOUT'})));
			}
			request.on('close', () => options.signal?.removeEventListener('abort', onAbort));
			request.on('response', response => {
				const status = response.statusCode ?? 0;
				if (status >= 200 && status < 300) {
					settled = true;
					resolvePromise(response);
					return;
				}
				readBody(response, maxErrorBody).then(
					body => fail(ApiError.fromBody(status, body, options.describe)),
					error => fail(networkError(this.server, error)),
				);
			});
			request.end();
		});
	}

	/** GET and parse JSON (raw wire JSON: timestamps stay strings). */
	async getJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
		const response = await this.open(path, options);
		let body: string;
		try {
			body = await readBody(response, Infinity, options.onHead);
		} catch (error) {
			throw error instanceof Error && error.name === 'AbortError' ? error : networkError(this.server, error);
		}
		try {
			return JSON.parse(body) as T;
		} catch {
			throw new ApiError(response.statusCode ?? 200, '', `the server sent a response that is not JSON for ${path}`, options.describe);
		}
	}

	/** Like getJson, but a 404 resolves undefined. */
	async getOptional<T>(path: string, options: RequestOptions = {}): Promise<T | undefined> {
		try {
			return await this.getJson<T>(path, options);
		} catch (error) {
			if (error instanceof ApiError && error.code === 404) return undefined;
			throw error;
		}
	}

	/** Closes pooled keep-alive sockets so the process can exit. */
	close(): void {
		this.agent?.destroy();
		this.agent = undefined;
	}

	/**
	 * Headers and an agent for the next request. Asked per request because exec plugins and
	 * token files rotate credentials; the agent (connection pool) is kept while TLS material
	 * stays the same.
	 */
	private async credentials(): Promise<{headers: Record<string, string>; agent: http.Agent}> {
		const options: https.RequestOptions = {};
		try {
			await this.kubeConfig.applyToHTTPSOptions(options);
		} catch (error) {
			// Exec plugins, token files and cert files fail here; say whose credentials.
			throw new CredentialsError(`cannot get credentials for user "${this.kubeConfig.getCurrentUser()?.name ?? ''}": ${oneLine(error instanceof Error ? error.message : String(error)) || 'unknown error'}`);
		}
		const headers: Record<string, string> = {};
		for (const [key, value] of Object.entries(options.headers ?? {})) {
			if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : String(value);
		}
		if (options.auth) headers.Authorization = `Basic ${Buffer.from(options.auth).toString('base64')}`;
		if (this.kubeConfig.getCurrentCluster()?.proxyUrl && options.agent) return {headers, agent: options.agent as http.Agent};
		const key = [options.ca, options.cert, options.key, options.rejectUnauthorized, options.servername].map(part => String(part ?? '')).join('\0');
		if (!this.agent || key !== this.agentKey) {
			this.agent?.destroy();
			this.agentKey = key;
			this.agent =
				this.base.protocol === 'https:'
					? new https.Agent({keepAlive: true, ca: options.ca, cert: options.cert, key: options.key, rejectUnauthorized: options.rejectUnauthorized ?? true, servername: options.servername})
					: new http.Agent({keepAlive: true});
		}
		return {headers, agent: this.agent};
	}
}

/**
 * Reads a whole body as UTF-8 (stopping after about `limit` bytes if given). Decoded chunk by
 * chunk as it arrives (JSON.parse flattens the joined string once): no copy of the whole body
 * into one Buffer first, which at 8 MB a page was a visible share of a large list.
 */
export function readBody(response: IncomingMessage, limit = Infinity, onHead?: (head: string) => void): Promise<string> {
	return new Promise((resolvePromise, reject) => {
		let body = '';
		let size = 0;
		let head = onHead;
		response.setEncoding('utf8');
		response.on('data', (chunk: string) => {
			if (size >= limit) return;
			body += chunk;
			size += chunk.length;
			if (head && size >= HEAD_BYTES) {
				head(body.slice(0, HEAD_BYTES));
				head = undefined;
			}
		});
		response.on('end', () => {
			head?.(body);
			resolvePromise(body);
		});
		response.on('error', reject);
		response.on('close', () => {
			if (!response.complete) reject(Object.assign(new Error('connection closed before the response was complete'), {code: 'ECONNRESET'}));
		});
	});
}
