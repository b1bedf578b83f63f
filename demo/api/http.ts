// Small HTTP helpers shared by the API handlers.
import type {IncomingMessage, ServerResponse} from 'node:http';
import {ApiError} from './status.js';

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(code, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text)});
	res.end(text);
}

export function sendError(res: ServerResponse, error: unknown): void {
	if (res.headersSent) {
		res.destroy();
		return;
	}
	const apiError = error instanceof ApiError ? error : new ApiError(500, `Internal error occurred: ${error instanceof Error ? error.message : String(error)}`);
	sendJson(res, apiError.code, apiError.toStatus());
}

export async function readBody(req: IncomingMessage, limit = 3 * 1024 * 1024): Promise<string> {
	return (await readBodyBytes(req, limit)).toString('utf8');
}

export async function readBodyBytes(req: IncomingMessage, limit = 3 * 1024 * 1024): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > limit) throw new ApiError(413, 'Request entity too large', 'RequestEntityTooLarge');
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

/** Query booleans as the API server parses them (`true`, `1`). */
export function queryFlag(query: URLSearchParams, name: string): boolean {
	const value = query.get(name);
	return value === 'true' || value === '1' || value === 'True';
}

/** An integer query parameter, undefined when absent; 400 when not an integer. */
export function queryInt(query: URLSearchParams, name: string): number | undefined {
	const value = query.get(name);
	if (value === null || value === '') return undefined;
	if (!/^-?\d+$/.test(value)) throw new ApiError(400, `invalid value for ${name}: ${JSON.stringify(value)}: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
	return Number(value);
}
