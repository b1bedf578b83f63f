// Every failure of the kube/ layer becomes one line a user can act on: no stack traces, no
// multi-line YAML snippets, the API server's own message where it has one.
import type {StatusObject} from '../model/k8s-types.js';
import {InitError} from './types.js';

export interface ErrorContext {
	verb?: string;
	resource?: string;
	/** undefined = cluster scope (all namespaces). */
	namespace?: string;
}

/** A non-2xx answer (or a watch ERROR event) from the API server. */
export class ApiError extends Error {
	constructor(
		readonly code: number,
		/** The Status reason (`Forbidden`, `Expired`, `BadRequest` …), empty if the body was not a Status. */
		readonly reason: string,
		/** The server's message verbatim (one line). */
		readonly serverMessage: string,
		readonly request: ErrorContext = {},
	) {
		super(serverMessage || `HTTP ${code}`);
		this.name = 'ApiError';
	}

	static fromStatus(status: Partial<StatusObject>, request?: ErrorContext): ApiError {
		return new ApiError(status.code ?? 500, status.reason ?? '', oneLine(status.message ?? ''), request);
	}

	/** Builds the error from a response body: a Status JSON, or plain text from a proxy. */
	static fromBody(code: number, body: string, request?: ErrorContext): ApiError {
		try {
			const parsed = JSON.parse(body) as Partial<StatusObject>;
			if (parsed && typeof parsed === 'object' && parsed.kind === 'Status') return ApiError.fromStatus({...parsed, code: parsed.code || code}, request);
		} catch {
			// Not JSON: a proxy or load balancer answered.
		}
		return new ApiError(code, '', oneLine(body), request);
	}
}

/** The connection itself failed (refused, DNS, TLS, reset, timeout). */
export class NetworkError extends Error {
	constructor(
		readonly server: string,
		readonly code: string,
		readonly detail: string,
	) {
		super(detail);
		this.name = 'NetworkError';
	}
}

/** The kubeconfig's credentials could not be produced (exec plugin failed, unreadable file). */
export class CredentialsError extends Error {
	override name = 'CredentialsError';
}

/** A watch delivered no byte for longer than the watchdog allows. */
export class StalledError extends Error {
	constructor(readonly silentMs: number) {
		super(`no data from the server for ${Math.round(silentMs / 100) / 10}s`);
		this.name = 'StalledError';
	}
}

export const isExpired = (error: unknown): boolean => error instanceof ApiError && (error.code === 410 || error.reason === 'Expired' || error.reason === 'Gone');
export const isForbidden = (error: unknown): boolean => error instanceof ApiError && error.code === 403;
export const isNotFound = (error: unknown): boolean => error instanceof ApiError && error.code === 404;

const tlsCodes: Record<string, string> = {
	DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate signed by unknown authority (self-signed)',
	SELF_SIGNED_CERT_IN_CHAIN: 'certificate signed by unknown authority (self-signed in chain)',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate signed by unknown authority',
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate signed by unknown authority',
	UNABLE_TO_GET_ISSUER_CERT: 'certificate signed by unknown authority',
	CERT_HAS_EXPIRED: 'the server certificate has expired',
	CERT_NOT_YET_VALID: 'the server certificate is not yet valid',
	ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate is not valid for this host name',
	EPROTO: 'TLS handshake failed (is the server speaking https?)',
	ERR_SSL_WRONG_VERSION_NUMBER: 'TLS handshake failed (is the server speaking https?)',
};

const networkCodes: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'no such host',
	EAI_AGAIN: 'no such host (DNS lookup failed)',
	ETIMEDOUT: 'timed out',
	ECONNRESET: 'connection reset by the server',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	EPIPE: 'connection closed by the server',
	ECONNABORTED: 'connection aborted',
};

/** Turns a socket-level error into a NetworkError for `server`. */
export function networkError(server: string, error: unknown): NetworkError {
	const code = (error as {code?: string} | undefined)?.code ?? '';
	const message = error instanceof Error ? error.message : String(error);
	if (code in tlsCodes || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) {
		return new NetworkError(server, code, `TLS error talking to ${server}: ${tlsCodes[code] ?? oneLine(message)}`);
	}
	if (code === 'ECONNRESET' && message === 'socket hang up') return new NetworkError(server, code, `cannot reach ${server}: connection closed by the server`);
	return new NetworkError(server, code, `cannot reach ${server}: ${networkCodes[code] ?? oneLine(message)}`);
}

function scope(namespace: string | undefined): string {
	return namespace === undefined ? 'at cluster scope (all namespaces)' : `in namespace "${namespace}"`;
}

function describeApiError(error: ApiError, context: ErrorContext): string {
	const verb = context.verb ?? error.request.verb ?? 'get';
	const resource = context.resource ?? error.request.resource ?? 'the resource';
	const namespace = 'namespace' in context ? context.namespace : error.request.namespace;
	switch (error.code) {
		case 401:
			return 'unauthorized (401): the server rejected the credentials in the kubeconfig';
		case 403: {
			const user = /User "([^"]*)"/.exec(error.serverMessage)?.[1];
			return `forbidden: ${user ? `user "${user}" ` : ''}cannot ${verb} ${resource} ${scope(namespace)}`;
		}
		case 404:
			if (resource === 'namespaces' || /^namespaces "/.test(error.serverMessage)) {
				const name = /^namespaces "([^"]*)"/.exec(error.serverMessage)?.[1] ?? namespace;
				return `namespace "${name}" not found`;
			}
			return error.serverMessage || `${resource} not found (404)`;
		case 429:
			return `the server is busy (429 Too Many Requests)${error.serverMessage ? `: ${error.serverMessage}` : ''}`;
		default:
			if (error.code >= 500) return `server error (${error.code})${error.serverMessage ? `: ${error.serverMessage}` : ''}`;
			return error.serverMessage || `request failed (HTTP ${error.code})`;
	}
}

/**
 * Why a watch is not live, in a few words for the header (the full line stays in `lastError`):
 * never the apiserver's raw text.
 */
export function troubleInWords(error: unknown): string {
	if (error instanceof StalledError) return 'watch stalled';
	if (isExpired(error)) return 'history expired, relisting';
	if (error instanceof ApiError) {
		if (error.code === 401) return 'credentials rejected';
		if (error.code === 429) return 'server busy';
		if (error.code >= 500) return 'server errors';
		return `request failed (${error.code})`;
	}
	if (error instanceof NetworkError) {
		if (error.code === 'ECONNREFUSED') return 'server unreachable';
		if (error.code in tlsCodes || error.code.startsWith('ERR_SSL_') || error.code.startsWith('ERR_TLS_')) return 'TLS error';
		if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return 'server name not found';
		return 'connection lost';
	}
	if (error instanceof CredentialsError) return 'credentials failed';
	return 'connection lost';
}

/** One line for any failure, ready to print after "initk9: ". */
export function describeError(error: unknown, context: ErrorContext = {}): string {
	if (error instanceof InitError) return oneLine(error.message);
	if (error instanceof ApiError) return describeApiError(error, context);
	if (error instanceof NetworkError || error instanceof StalledError || error instanceof CredentialsError) return error.message;
	if (error instanceof Error) {
		if (error.name === 'AbortError') return 'cancelled';
		const code = (error as {code?: string}).code;
		if (code && (code in networkCodes || code in tlsCodes)) return networkError('the server', error).message;
		return oneLine(error.message) || error.name;
	}
	return oneLine(String(error));
}

/** First non-empty line, trimmed and capped: server and YAML messages can be long. */
export function oneLine(text: string, max = 500): string {
	const line = text.split(/\r?\n/).map(part => part.trim()).find(part => part !== '') ?? '';
	return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
