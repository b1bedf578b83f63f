import {test} from 'node:test';
import assert from 'node:assert/strict';
import {CR_MARK, REPLACEMENT, sanitizeLine, sanitizeText, stripSgr} from '../../source/model/sanitize.js';

const ESC = '\u001b';
const R = REPLACEMENT;

// [name, hostile input, expected without colours, expected with colours]
const cases: Array<[string, string, string, string?]> = [
	['plain text passes', 'sh: hello.sh: not found', 'sh: hello.sh: not found'],
	['empty line', '', ''],
	['unicode stays', 'héllo 世界 🚀', 'héllo 世界 🚀'],
	['SGR colour', `${ESC}[31mred${ESC}[0m ok`, 'red ok', `${ESC}[31mred${ESC}[0m ok`],
	['SGR 256 and truecolor', `${ESC}[38;5;196mx${ESC}[38;2;1;2;3my${ESC}[m`, 'xy', `${ESC}[38;5;196mx${ESC}[38;2;1;2;3my${ESC}[m`],
	['unbalanced SGR is reset at line end', `${ESC}[1;31mbold red`, 'bold red', `${ESC}[1;31mbold red${ESC}[0m`],
	['cursor movement CSI', `a${ESC}[2Ab${ESC}[10;20Hc${ESC}[5D`, 'abc', 'abc'],
	['screen clear ED/EL', `${ESC}[2J${ESC}[3J${ESC}[Kvisible${ESC}[1K`, 'visible', 'visible'],
	['private modes (alt screen, hide cursor, mouse)', `${ESC}[?1049h${ESC}[?25l${ESC}[?1000hx${ESC}[?1049l`, 'x', 'x'],
	['SGR with private marker is not SGR', `${ESC}[?31mx`, 'x', 'x'],
	['SGR with intermediates is dropped', `${ESC}[1 mx`, 'x', 'x'],
	['scroll region and insert lines', `${ESC}[1;5r${ESC}[5L${ESC}[3Mok`, 'ok', 'ok'],
	['device status report (answerback)', `${ESC}[6n${ESC}[cok`, 'ok', 'ok'],
	['OSC title with BEL', `${ESC}]0;pwned\u0007after`, 'after', 'after'],
	['OSC title with ST', `${ESC}]2;pwned${ESC}\\after`, 'after', 'after'],
	['OSC 8 hyperlink', `${ESC}]8;;http://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\ here`, 'click here', 'click here'],
	['OSC 52 clipboard write', `${ESC}]52;c;cm0gLXJmIC8=\u0007x`, 'x', 'x'],
	['unterminated OSC swallows to end', `a${ESC}]0;never ends`, 'a', 'a'],
	['DCS', `${ESC}P+q544e${ESC}\\ok`, 'ok', 'ok'],
	['DCS does not end at BEL', `${ESC}Pabc\u0007def${ESC}\\ok`, 'ok', 'ok'],
	['APC and PM and SOS', `${ESC}_apc${ESC}\\${ESC}^pm${ESC}\\${ESC}Xsos${ESC}\\ok`, 'ok', 'ok'],
	['8-bit CSI', `a\u009b2Jb`, 'ab', 'ab'],
	['8-bit OSC with 8-bit ST', `a\u009d0;t\u009cb`, 'ab', 'ab'],
	['other C1 controls', `a\u0085b\u008dc\u0084d`, `a${R}b${R}c${R}d`],
	['two-char escapes (RIS, DECSC, charset)', `${ESC}c${ESC}7${ESC}8${ESC}(0${ESC}#8ok`, 'ok', 'ok'],
	['lone ESC at end', `ok${ESC}`, 'ok', 'ok'],
	['ESC followed by control', `a${ESC}\u0001b`, `a${R}b`],
	['bell removed', `ding\u0007\u0007`, 'ding'],
	['backspace overstrike made visible', 'ab\bc', `ab${R}c`],
	['CR overwrite made visible', 'secret\rpublic', `secret${CR_MARK}public`],
	['CRLF ending dropped', 'line\r\n'.trimEnd() + '\r', 'line'],
	['tabs expanded to 8', 'a\tb\tc', 'a       b       c'],
	['tab after wide text column counts chars', '1234567\tx', '1234567 x'],
	['NUL and binary junk', '\u0000\u0001\u0002\u007f\ufffd', `${R}${R}${R}${R}\ufffd`],
	['lone surrogate', 'a\ud800b', `a${R}b`],
	['bidi override removed', 'abc\u202edef\u202c', 'abcdef'],
	['line separator becomes space', 'a\u2028b', 'a b'],
	['newline inside a line is made visible', 'a\nb', `a${R}b`],
	['CSI cut off at end', `ok${ESC}[12;`, 'ok', 'ok'],
	['nested ESC inside CSI', `${ESC}[${ESC}[31mx`, 'x', `${ESC}[31mx${ESC}[0m`],
	['overlong SGR dropped', `${ESC}[${'1;'.repeat(100)}mx`, 'x', 'x'],
];

for (const [name, input, plain, colored] of cases) {
	test(`sanitizeLine: ${name}`, () => {
		const withoutColors = sanitizeLine(input);
		assert.equal(withoutColors, plain);
		const withColors = sanitizeLine(input, {colors: true});
		assert.equal(withColors, colored ?? plain);
		assertTerminalSafe(withoutColors, false);
		assertTerminalSafe(withColors, true);
	});
}

function assertTerminalSafe(text: string, colors: boolean): void {
	const withoutSgr = colors ? text.replace(/\u001b\[[0-9;:]*m/g, '') : text;
	assert.doesNotMatch(withoutSgr, /[\u0000-\u001f\u007f-\u009f]/, `control character left in ${JSON.stringify(text)}`);
}

test('sanitizeLine: 1 MB line is cut before it is processed, with a note', () => {
	// What keeps it cheap: the cut comes first, so the 1 MB tail (control characters here) is never
	// scanned. How fast that is is the benchmark's business, not this test's.
	const head = 'x'.repeat(8192);
	const huge = head + '\u001b[31m\u0007\u0000\r'.repeat((1024 * 1024 - 8192) / 8);
	const shown = sanitizeLine(huge);
	assert.equal(shown, `${sanitizeLine(head)} … [+1,040,384 chars]`);
});

test('sanitizeLine: cutting never splits a surrogate pair', () => {
	const shown = sanitizeLine(`${'a'.repeat(9)}🚀🚀`, {maxLength: 10});
	assert.equal(shown, `${'a'.repeat(9)} … [+4 chars]`);
});

test('sanitizeLine: 1 MB of random binary stays safe and bounded', () => {
	let junk = '';
	for (let i = 0; i < 1024 * 1024; i++) junk += String.fromCharCode((i * 2654435761) % 256);
	const shown = sanitizeLine(junk, {colors: true});
	assertTerminalSafe(shown, true);
	assert.ok(shown.length < 8192 * 8 + 40);
});

test('sanitizeText: plain one-line text without any sequence', () => {
	assert.equal(sanitizeText(`Back-off ${ESC}[31mrestarting${ESC}[0m\nfailed\tcontainer\r\n`), 'Back-off restarting failed container ');
	assert.equal(sanitizeText(`title${ESC}]0;x\u0007 done\rnow`), 'title done now');
});

test('stripSgr removes kept colours for matching', () => {
	assert.equal(stripSgr(sanitizeLine(`${ESC}[32mgreen${ESC}[0m text`, {colors: true})), 'green text');
});
