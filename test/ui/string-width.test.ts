// The bundle's string-width (source/ui/string-width.ts) must measure exactly as the package does.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import packageWidth from 'string-width';
import stringWidth, {simpleCodePoint} from '../../source/ui/string-width.js';

const segmenter = new Intl.Segmenter();
const segments = (text: string) => [...segmenter.segment(text)].length;

test('every BMP code point alone, and between letters, has the package\'s width', () => {
	for (let code = 0; code <= 0xffff; code++) {
		if (code >= 0xd800 && code <= 0xdfff) continue;
		const char = String.fromCharCode(code);
		for (const text of [char, `a${char}b`, `${char}${char}`]) {
			assert.equal(stringWidth(text), packageWidth(text), `U+${code.toString(16).padStart(4, '0')} in ${JSON.stringify(text)}`);
			assert.equal(stringWidth(text, {ambiguousIsNarrow: false}), packageWidth(text, {ambiguousIsNarrow: false}), `U+${code.toString(16)} ambiguous wide`);
		}
	}
});

test('the code points measured without segmenting never join a neighbour into one cluster', () => {
	let simple = 0;
	for (let code = 0x80; code <= 0xffff; code++) {
		if (code >= 0xd800 && code <= 0xdfff) continue;
		const char = String.fromCharCode(code);
		if (!simpleCodePoint(code)) continue;
		simple++;
		const hex = `U+${code.toString(16)}`;
		assert.equal(segments(`x${char}x`), 3, `${hex} between letters`);
		assert.equal(segments(`${char}${char}`), 2, `${hex} twice`);
		assert.equal(segments(`\u00e9${char}\u4e00`), 3, `${hex} between other such code points`);
	}
	assert.ok(simple > 30_000, `${simple} code points checked`);
});

test('mixed strings: symbols, accents, CJK, emoji, combining marks, ANSI colours', () => {
	const samples = [
		'● ▰▰▱ 2/3', '◐ initializing', '✖ init failing', '✔ done', '⧗ stuck', '✝', '…', 'café', 'cafe\u0301', '日本語のテキスト',
		'한국어', '\u1100\u1161\u11a8', '👍', '👍🏽', '👨‍👩‍👧', '🇩🇪', '1️⃣', '#\u20e3', '⌚', '✔\ufe0f', 'a\u200db', '\u00ad', 'tab\there',
		'\u001b[31m● red\u001b[39m', '\u001b]8;;http://x\u0007link\u001b]8;;\u0007', 'Ｆｕｌｌ', 'ｶﾞ', 'ﾞ', '©®', '\u0e01\u0e33', 'x\u0903',
	];
	for (const text of samples) {
		assert.equal(stringWidth(text), packageWidth(text), JSON.stringify(text));
		assert.equal(stringWidth(text, {countAnsiEscapeCodes: true}), packageWidth(text, {countAnsiEscapeCodes: true}), JSON.stringify(text));
	}
	// Random mixes of ASCII and code points from all over the BMP.
	let seed = 7;
	const random = () => (seed = (seed * 48_271) % 0x7fff_ffff) / 0x7fff_ffff;
	for (let round = 0; round < 3000; round++) {
		let text = '';
		const length = 1 + Math.floor(random() * 12);
		for (let i = 0; i < length; i++) {
			const code = random() < 0.5 ? 0x20 + Math.floor(random() * 95) : 0xa0 + Math.floor(random() * (0xffff - 0xa0));
			if (code >= 0xd800 && code <= 0xdfff) continue;
			text += String.fromCharCode(code);
		}
		assert.equal(stringWidth(text), packageWidth(text), JSON.stringify(text));
	}
});

test('non-strings and empty strings are 0 wide', () => {
	assert.equal(stringWidth(''), 0);
	assert.equal(stringWidth(undefined), 0);
	assert.equal(stringWidth(42), 0);
});
