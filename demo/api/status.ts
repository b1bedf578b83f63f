// Kubernetes `Status` error objects, as the API server writes them.
import type {StatusObject} from '../../source/model/k8s-types.js';

const reasons: Record<number, string> = {
	400: 'BadRequest',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'NotFound',
	405: 'MethodNotAllowed',
	406: 'NotAcceptable',
	409: 'AlreadyExists',
	410: 'Expired',
	415: 'UnsupportedMediaType',
	422: 'Invalid',
	429: 'TooManyRequests',
	500: 'InternalError',
	503: 'ServiceUnavailable',
	504: 'Timeout',
};

export class ApiError extends Error {
	constructor(readonly code: number, message: string, readonly reason: string = reasons[code] ?? 'Unknown', readonly details?: StatusObject['details']) {
		super(message);
	}

	toStatus(): StatusObject {
		return statusObject(this.code, this.message, this.reason, this.details);
	}
}

export function statusObject(code: number, message: string, reason: string = reasons[code] ?? 'Unknown', details?: StatusObject['details']): StatusObject {
	const status: StatusObject = {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code};
	if (details) status.details = details;
	return status;
}

export const notFound = (resource: string, name: string) =>
	new ApiError(404, `${resource} "${name}" not found`, 'NotFound', {name, kind: resource});

export const badRequest = (message: string) => new ApiError(400, message);

export const invalid = (kind: string, name: string, causes: Array<{field: string; message: string}>) =>
	new ApiError(422, `${kind} "${name}" is invalid: ${causes.map(c => (c.field ? `${c.field}: ${c.message}` : c.message)).join(', ')}`, 'Invalid', {
		name,
		kind,
		causes: causes.map(c => ({type: 'FieldValueInvalid', message: c.message, field: c.field})),
	});
