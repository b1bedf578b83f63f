// Fitting text into terminal cells: display width, not string length (CJK, emoji, symbols).
import stringWidth from 'string-width';

/** Printable ASCII only: one cell per character, no grapheme rules needed. */
export const ASCII = /^[\x20-\x7E]*$/;

/**
 * Widths of the short non-ASCII cells a table repeats on every row (health symbols, `▰▰▱ 2/3`):
 * string-width segments graphemes, ~10 µs each, for strings that take a few distinct values.
 */
const shortWidths = new Map<string, number>();
const SHORT = 32;
const SHORT_CACHE_MAX = 4096;

export function cellWidth(text: string): number {
	if (ASCII.test(text)) return text.length;
	if (text.length > SHORT) return stringWidth(text);
	let width = shortWidths.get(text);
	if (width === undefined) {
		if (shortWidths.size >= SHORT_CACHE_MAX) shortWidths.clear();
		width = stringWidth(text);
		shortWidths.set(text, width);
	}
	return width;
}

/** Exactly `width` cells: cut with `…` when longer, padded when shorter. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	if (width <= 0) return '';
	let shown = text;
	let size = cellWidth(text);
	if (size > width) {
		if (ASCII.test(text)) {
			shown = `${text.slice(0, width - 1)}…`;
		} else {
			shown = '';
			size = 0;
			for (const char of text) {
				const charWidth = stringWidth(char);
				if (size + charWidth > width - 1) break;
				shown += char;
				size += charWidth;
			}
			shown += '…';
		}
		size = cellWidth(shown);
	}
	const padding = ' '.repeat(Math.max(0, width - size));
	return align === 'right' ? padding + shown : shown + padding;
}
