// string-width 8.3 (MIT © Sindre Sorhus), the same widths, made cheap to start. The bundle
// aliases every `string-width` import to this module (Ink, cli-truncate, widest-line, wrap-ansi).
//
// Why: the package builds an Intl.Segmenter and a `^\p{RGI_Emoji}$` /v regular expression when
// it is loaded and on its first non-ASCII string: ~8 ms + ~28 ms here, before initk9's first
// frame (the header's ●). Here they are built on first need, and text whose every non-ASCII code
// point is its own grapheme cluster and no emoji (box drawing, ●, ▰, …, accents, CJK) is measured
// code point by code point with the same rules, without segmenting. test/ui/string-width.test.ts
// compares this module with the package over every BMP code point and mixed strings.
import stripAnsi from 'strip-ansi';
import {eastAsianWidth} from 'get-east-asian-width';

export interface Options {
	ambiguousIsNarrow?: boolean;
	countAnsiEscapeCodes?: boolean;
}

const PRINTABLE_ASCII = /^[\u0020-\u007E]*$/;

/**
 * Code points that are always a grapheme cluster of their own (Grapheme_Cluster_Break=Other) and
 * not emoji: any mix of them and printable ASCII segments into single code points.
 */
const SIMPLE_RANGES: ReadonlyArray<readonly [number, number]> = [
	[0x00a1, 0x00ac], [0x00ae, 0x02ff], [0x0370, 0x0377], [0x037a, 0x037f], [0x0384, 0x03ff], [0x0400, 0x0482],
	[0x048a, 0x052f], [0x2010, 0x2027], [0x2030, 0x205e], [0x2070, 0x20c0], [0x2100, 0x214f], [0x2150, 0x218b],
	[0x2190, 0x23ff], [0x2400, 0x2426], [0x2440, 0x244a], [0x2460, 0x27bf], [0x27c0, 0x2bff], [0x3001, 0x3029],
	[0x3030, 0x303f], [0x3041, 0x3096], [0x309b, 0x30ff], [0x4e00, 0x9fff], [0xac00, 0xd7a3], [0xff01, 0xff9d],
	[0xffa1, 0xffbe], [0xffe0, 0xffe6],
];
// Built on first use: cheap (\p{Emoji} with u is ~0.1 ms), unlike the package's /v expressions.
let emojiCodePoint: RegExp | undefined;

/** Exported for the test that checks each such code point against Intl.Segmenter. */
export function simpleCodePoint(codePoint: number): boolean {
	for (const [from, to] of SIMPLE_RANGES) {
		if (codePoint < from) return false;
		if (codePoint <= to) return !(emojiCodePoint ??= /\p{Emoji}/u).test(String.fromCharCode(codePoint));
	}
	return false;
}

/** Width without segmenting, or undefined when some code point needs the full rules. */
function simpleWidth(text: string, ambiguousAsWide: boolean): number | undefined {
	let width = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code >= 0x20 && code <= 0x7e) {
			width++;
			continue;
		}
		if (!simpleCodePoint(code)) return undefined;
		width += eastAsianWidth(code, {ambiguousAsWide});
	}
	return width;
}

// The package's machinery, built on first need.
interface Unicode {
	segmenter: Intl.Segmenter;
	visibleCharacter: RegExp;
	spacingMark: RegExp;
	rgiEmoji: RegExp;
	extendedPictographic: RegExp;
}
let unicode: Unicode | undefined;
function rules(): Unicode {
	return unicode ??= {
		segmenter: new Intl.Segmenter(),
		// Intentionally a single negated class without a quantifier (see string-width's notes).
		visibleCharacter: new RegExp('[^\\p{Default_Ignorable_Code_Point}\\p{Control}\\p{Format}\\p{Nonspacing_Mark}\\p{Enclosing_Mark}\\p{Surrogate}]', 'v'),
		spacingMark: new RegExp('\\p{Spacing_Mark}', 'v'),
		rgiEmoji: new RegExp('^\\p{RGI_Emoji}$', 'v'),
		extendedPictographic: /\p{Extended_Pictographic}/gu,
	};
}

const unqualifiedKeycap = /^[\d#*]\u20E3$/;

function isDoubleWidthNonRgiEmojiSequence(segment: string): boolean {
	if (segment.length > 50) return false;
	if (unqualifiedKeycap.test(segment)) return true;
	if (segment.includes('\u200D')) {
		const pictographics = segment.match(rules().extendedPictographic);
		return pictographics !== null && pictographics.length >= 2;
	}
	return false;
}

function baseVisible(segment: string): string | undefined {
	const index = segment.search(rules().visibleCharacter);
	return index === -1 ? undefined : segment.slice(index);
}

function isHangulLeadingJamo(codePoint: number | undefined): boolean {
	return codePoint !== undefined && ((codePoint >= 0x11_00 && codePoint <= 0x11_5f) || (codePoint >= 0xa9_60 && codePoint <= 0xa9_7c));
}

function isHangulVowelJamo(codePoint: number | undefined): boolean {
	return codePoint !== undefined && ((codePoint >= 0x11_60 && codePoint <= 0x11_a7) || (codePoint >= 0xd7_b0 && codePoint <= 0xd7_c6));
}

function isHangulTrailingJamo(codePoint: number | undefined): boolean {
	return codePoint !== undefined && ((codePoint >= 0x11_a8 && codePoint <= 0x11_ff) || (codePoint >= 0xd7_cb && codePoint <= 0xd7_fb));
}

function isHangulJamo(codePoint: number): boolean {
	return isHangulLeadingJamo(codePoint) || isHangulVowelJamo(codePoint) || isHangulTrailingJamo(codePoint);
}

function hangulClusterWidth(visibleSegment: string, ambiguousAsWide: boolean): number | undefined {
	const codePoints: number[] = [];
	for (const character of visibleSegment) {
		if (!rules().visibleCharacter.test(character)) continue;
		codePoints.push(character.codePointAt(0)!);
	}
	if (codePoints.length === 0) return undefined;
	let width = 0;
	for (let index = 0; index < codePoints.length; index++) {
		const codePoint = codePoints[index]!;
		if (!isHangulJamo(codePoint)) {
			if (width === 0) return undefined;
			for (let remaining = index; remaining < codePoints.length; remaining++) width += eastAsianWidth(codePoints[remaining]!, {ambiguousAsWide});
			return width;
		}
		if (isHangulLeadingJamo(codePoint) && isHangulVowelJamo(codePoints[index + 1])) {
			width += 2;
			index += isHangulTrailingJamo(codePoints[index + 2]) ? 2 : 1;
			continue;
		}
		width += eastAsianWidth(codePoint, {ambiguousAsWide});
	}
	return width;
}

function trailingWidth(visibleSegment: string, ambiguousAsWide: boolean): number {
	let extra = 0;
	let first = true;
	for (const character of visibleSegment) {
		if (first) {
			first = false;
			continue;
		}
		if (rules().spacingMark.test(character) || (character >= '\uFF00' && character <= '\uFFEF')) {
			extra += eastAsianWidth(character.codePointAt(0)!, {ambiguousAsWide});
		}
	}
	return extra;
}

export default function stringWidth(input: unknown, options: Options = {}): number {
	if (typeof input !== 'string' || input.length === 0) return 0;
	const {ambiguousIsNarrow = true, countAnsiEscapeCodes = false} = options;
	let text = input;
	if (!countAnsiEscapeCodes && (text.includes('\u001B') || text.includes('\u009B'))) text = stripAnsi(text);
	if (text.length === 0) return 0;
	if (PRINTABLE_ASCII.test(text)) return text.length;
	const ambiguousAsWide = !ambiguousIsNarrow;
	const simple = simpleWidth(text, ambiguousAsWide);
	if (simple !== undefined) return simple;

	const {segmenter, rgiEmoji} = rules();
	let width = 0;
	for (const {segment} of segmenter.segment(text)) {
		const visibleSegment = baseVisible(segment);
		if (visibleSegment === undefined) continue;
		if (rgiEmoji.test(segment) || isDoubleWidthNonRgiEmojiSequence(segment)) {
			width += 2;
			continue;
		}
		const hangulWidth = hangulClusterWidth(visibleSegment, ambiguousAsWide);
		if (hangulWidth !== undefined) {
			width += hangulWidth;
			continue;
		}
		width += eastAsianWidth(visibleSegment.codePointAt(0)!, {ambiguousAsWide});
		width += trailingWidth(visibleSegment, ambiguousAsWide);
	}
	return width;
}
