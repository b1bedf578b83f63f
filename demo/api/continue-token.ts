// List continue tokens as the API server writes them (apiserver/pkg/storage/continue.go): unpadded
// base64url of {"v":"meta.k8s.io/v1","rv":N,"start":"<key after the list's prefix>\u0000"}.
// rv -1 means "continue from the latest state" (what a 410 for a compacted token hands back).
import {ApiError, badRequest} from './status.js';

export interface ContinueToken {
	rv: number;
	/** The key to resume at, relative to the list's key prefix (`name\0` or `namespace/name\0`). */
	start: string;
}

const invalidStartRv = 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)';

export const encodeContinue = (token: ContinueToken): string =>
	Buffer.from(JSON.stringify({v: 'meta.k8s.io/v1', rv: token.rv, start: token.start})).toString('base64url');

const invalidToken = (reason: string) => badRequest(`invalid continue token: ${reason}`);

/** Go's path.Clean leaves `/<start>` unchanged: no empty, `.` or `..` segments, no trailing slash. */
function isClean(key: string): boolean {
	if (key === '/') return true;
	return key
		.slice(1)
		.split('/')
		.every(segment => segment !== '' && segment !== '.' && segment !== '..');
}

/** The token's resourceVersion and start key; 400 `invalid continue token: …` like DecodeContinue. */
export function decodeContinue(text: string): ContinueToken {
	const bad = /[^A-Za-z0-9_-]/.exec(text);
	if (bad || text.length % 4 === 1) {
		throw invalidToken(`${invalidStartRv}: illegal base64 data at input byte ${bad ? bad.index : text.length - 1}`);
	}
	let parsed: {v?: unknown; rv?: unknown; start?: unknown};
	try {
		parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as typeof parsed;
	} catch (error) {
		throw invalidToken(`${invalidStartRv}: ${(error as Error).message}`);
	}
	if (parsed === null || typeof parsed !== 'object') throw invalidToken(invalidStartRv);
	if (parsed.v !== 'meta.k8s.io/v1') throw invalidToken(`continue key is not valid: server does not recognize this encoded version ${String(parsed.v ?? '')}`);
	const rv = parsed.rv ?? 0;
	if (typeof rv !== 'number' || !Number.isInteger(rv)) throw invalidToken(`${invalidStartRv}: cannot unmarshal rv`);
	if (rv === 0) throw invalidToken(invalidStartRv);
	const start = parsed.start ?? '';
	if (typeof start !== 'string') throw invalidToken(`${invalidStartRv}: cannot unmarshal start`);
	if (start === '') throw invalidToken('continue key is not valid: encoded start key empty (version meta.k8s.io/v1)');
	const key = start.startsWith('/') ? start : `/${start}`;
	if (!isClean(key)) throw invalidToken(`continue key is not valid: ${start}`);
	return {rv, start: key.slice(1)};
}

const inconsistentContinue =
	'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/**
 * 410 Expired for a token whose resourceVersion was compacted; the Status carries, in
 * metadata.continue, a token (rv -1) that continues from the same key over the latest state.
 */
export class ContinueExpired extends ApiError {
	constructor(readonly start: string) {
		super(410, inconsistentContinue, 'Expired');
	}

	override toStatus() {
		const status = super.toStatus();
		status.metadata = {continue: encodeContinue({rv: -1, start: this.start})};
		return status;
	}
}
