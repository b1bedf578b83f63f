// The pod-template hash (controller.ComputeHash): FNV-32a over the template, the collision count
// appended as 8 little-endian bytes, the decimal digits mapped onto rand.SafeEncodeString's
// alphabet — `7d9f8b6c5`. Upstream hashes a deep dump of the Go struct; the demo hashes the
// template's canonical JSON (keys sorted), so equal templates hash equal.

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** JSON with object keys sorted, so the same template always serialises the same way. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

function fnv32a(bytes: Uint8Array, hash = 0x811c9dc5): number {
	for (const byte of bytes) {
		hash ^= byte;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash >>> 0;
}

/** `rand.SafeEncodeString`: every character mapped onto a vowel-free alphabet. */
export function safeEncodeString(text: string): string {
	return [...Buffer.from(text)].map(byte => ALPHANUMS[byte % ALPHANUMS.length]).join('');
}

export function computeHash(template: unknown, collisionCount?: number): string {
	let hash = fnv32a(Buffer.from(canonicalJson(template)));
	if (collisionCount !== undefined) {
		const bytes = Buffer.alloc(8);
		bytes.writeUInt32LE(collisionCount >>> 0, 0);
		hash = fnv32a(bytes, hash);
	}
	return safeEncodeString(String(hash));
}
