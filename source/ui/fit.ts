// Fitting text into terminal cells: display width, not string length (CJK, emoji, symbols).
import stringWidth from 'string-width';

const ASCII = /^[\x20-\x7E]*$/;

export function cellWidth(text: string): number {
	return ASCII.test(text) ? text.length : stringWidth(text);
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
