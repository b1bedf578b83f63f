// Log lines and event messages come from containers and API servers we do not control. Before
// any of it reaches the terminal, every escape and control sequence that could move the cursor,
// clear the screen, set the title, open a hyperlink, ring the bell or switch modes is removed or
// made visible. Only SGR (colour/style) sequences may survive, and only when asked for.

export interface SanitizeOptions {
	/** Keep SGR colour/style sequences (`ESC [ … m`); every other sequence is removed. */
	colors?: boolean;
	/** Display cap in UTF-16 units; longer input is cut before parsing (cheap for 1 MB lines). */
	maxLength?: number;
	/** Tab stop width for expansion (default 8). */
	tabWidth?: number;
}

/** Default display cap: about 100 screen rows of 80 columns. */
export const DEFAULT_MAX_LINE_LENGTH = 8192;
export const REPLACEMENT = '\uFFFD';
/** Shown where a mid-line carriage return would have overwritten earlier text. */
export const CR_MARK = '\u240D';

const ESC = 0x1b;
const BEL = 0x07;
const MAX_SGR_PARAMS = 64;
// A quick test for "nothing to do": printable ASCII and ordinary non-control Unicode only.
const NEEDS_WORK = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

/**
 * One log line made safe for display: no control characters other than kept SGR sequences, tabs
 * expanded, colours reset at the end if the line left them on, truncated past `maxLength` with a
 * visible note of how much was cut.
 */
export function sanitizeLine(input: string, options: SanitizeOptions = {}): string {
	const maxLength = options.maxLength ?? DEFAULT_MAX_LINE_LENGTH;
	let text = input;
	let cut = 0;
	if (text.length > maxLength) {
		let end = maxLength;
		// Do not split a surrogate pair.
		const code = text.charCodeAt(end - 1);
		if (code >= 0xd800 && code <= 0xdbff) end -= 1;
		cut = text.length - end;
		text = text.slice(0, end);
	}
	const clean = NEEDS_WORK.test(text) ? scrub(text, options.colors ?? false, options.tabWidth ?? 8) : text;
	return cut > 0 ? `${clean} … [+${cut.toLocaleString('en-US')} chars]` : clean;
}

/**
 * Plain one-line text for event messages, reasons and server errors shown anywhere in the UI:
 * no escape sequences at all (colours included), newlines and tabs become spaces.
 */
export function sanitizeText(input: string, maxLength = DEFAULT_MAX_LINE_LENGTH): string {
	return sanitizeLine(input.replace(/\r\n|[\n\t\v\f]/g, ' '), {colors: false, maxLength}).replace(/\u240D/g, ' ');
}

/** Removes SGR sequences from an already sanitized line (for matching and width). */
export function stripSgr(sanitized: string): string {
	return sanitized.includes('\u001b') ? sanitized.replace(/\u001b\[[0-9;:]*m/g, '') : sanitized;
}

function isCsiParam(code: number): boolean {
	return code >= 0x30 && code <= 0x3f;
}
function isIntermediate(code: number): boolean {
	return code >= 0x20 && code <= 0x2f;
}
function isFinal(code: number): boolean {
	return code >= 0x40 && code <= 0x7e;
}

/** Returns the index just after a string-type sequence body (OSC/DCS/APC/PM/SOS), ended by BEL, ESC \ or 8-bit ST. */
function skipStringSequence(text: string, from: number, belEnds: boolean): number {
	for (let i = from; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === 0x9c) return i + 1;
		if (belEnds && code === BEL) return i + 1;
		if (code === ESC) return text.charCodeAt(i + 1) === 0x5c ? i + 2 : i + 1;
	}
	return text.length;
}

/** Returns [end index, final byte, params] for a CSI body starting at `from` (after `ESC [` or 0x9b). */
function scanCsi(text: string, from: number): {end: number; final: number; params: string; valid: boolean} {
	let i = from;
	while (i < text.length && isCsiParam(text.charCodeAt(i))) i++;
	const paramsEnd = i;
	while (i < text.length && isIntermediate(text.charCodeAt(i))) i++;
	const intermediates = i > paramsEnd;
	if (i < text.length && isFinal(text.charCodeAt(i))) {
		return {end: i + 1, final: text.charCodeAt(i), params: text.slice(from, paramsEnd), valid: !intermediates};
	}
	// Malformed or cut off: swallow what looked like the sequence, keep the rest as text.
	return {end: i, final: 0, params: '', valid: false};
}

function scrub(text: string, colors: boolean, tabWidth: number): string {
	let out = '';
	let column = 0;
	let styled = false;
	let i = 0;
	// A trailing carriage return (CRLF endings) is dropped silently.
	let length = text.length;
	while (length > 0 && text.charCodeAt(length - 1) === 0x0d) length--;
	while (i < length) {
		const code = text.charCodeAt(i);
		if (code === ESC || code === 0x9b || code === 0x9d || code === 0x90 || code === 0x98 || code === 0x9e || code === 0x9f) {
			let kind = code;
			let bodyStart = i + 1;
			if (code === ESC) {
				const next = text.charCodeAt(i + 1);
				if (Number.isNaN(next) || i + 1 >= length) {
					i += 1; // lone ESC at the end
					continue;
				}
				if (next === 0x5b) kind = 0x9b;
				else if (next === 0x5d) kind = 0x9d;
				else if (next === 0x50) kind = 0x90;
				else if (next === 0x58) kind = 0x98;
				else if (next === 0x5e) kind = 0x9e;
				else if (next === 0x5f) kind = 0x9f;
				else {
					// Two/three-character escapes (ESC c, ESC 7, ESC ( B, ESC # 8 …): drop them whole.
					let j = i + 1;
					while (j < length && isIntermediate(text.charCodeAt(j))) j++;
					i = j < length && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x7e ? j + 1 : j;
					continue;
				}
				bodyStart = i + 2;
			}
			if (kind === 0x9b) {
				const csi = scanCsi(text, bodyStart);
				if (colors && csi.valid && csi.final === 0x6d && csi.params.length <= MAX_SGR_PARAMS && /^[0-9;:]*$/.test(csi.params)) {
					out += `\u001b[${csi.params}m`;
					styled = !isReset(csi.params);
				}
				i = Math.min(csi.end, length);
				continue;
			}
			// OSC may end with BEL; DCS/SOS/PM/APC only with ST.
			i = Math.min(skipStringSequence(text, bodyStart, kind === 0x9d), length);
			continue;
		}
		if (code < 0x20 || code === 0x7f) {
			if (code === 0x09) {
				const spaces = tabWidth - (column % tabWidth);
				out += ' '.repeat(spaces);
				column += spaces;
			} else if (code === 0x0d) {
				out += CR_MARK;
				column += 1;
			} else if (code !== BEL) {
				out += REPLACEMENT;
				column += 1;
			}
			i += 1;
			continue;
		}
		if (code >= 0x80 && code <= 0x9f) {
			out += REPLACEMENT;
			column += 1;
			i += 1;
			continue;
		}
		if (code >= 0xd800 && code <= 0xdfff) {
			const next = text.charCodeAt(i + 1);
			if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
				out += text.slice(i, i + 2);
				column += 2;
				i += 2;
			} else {
				out += REPLACEMENT; // lone surrogate
				column += 1;
				i += 1;
			}
			continue;
		}
		if (code === 0x2028 || code === 0x2029) {
			out += ' ';
			column += 1;
			i += 1;
			continue;
		}
		if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) {
			i += 1; // bidirectional overrides could reorder what the user reads
			continue;
		}
		out += text[i];
		column += 1;
		i += 1;
	}
	if (styled) out += '\u001b[0m';
	return out;
}

function isReset(params: string): boolean {
	if (params === '' || params === '0') return true;
	// `ESC[0;…m` sets new attributes after the reset, so only a pure reset counts.
	return /^0*$/.test(params.replace(/;/g, ''));
}
