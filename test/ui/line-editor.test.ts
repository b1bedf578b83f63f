// The one line editor every prompt uses, key by key.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {keyOf, splitKeys, type KeyPress} from '../../source/input/keys.js';
import {editLine, lineOf, type LineEdit} from '../../source/input/line-editor.js';

const EMPTY = keyOf('x').key;
const named = (flags: Partial<KeyPress['key']>): KeyPress => ({input: '', key: {...EMPTY, ...flags}});

function type(start: string, presses: KeyPress[]): LineEdit {
	let edit: LineEdit = {state: lineOf(start)};
	for (const press of presses) {
		edit = editLine(edit.state, press);
		if (edit.done) return edit;
	}
	return edit;
}

test('typing, a pasted line ending in Enter, Esc', () => {
	const pasted = type('', splitKeys('Exit\r', EMPTY));
	assert.deepEqual(pasted, {state: {text: 'Exit', cursor: 4}, done: 'submit'});
	assert.equal(type('abc', [named({escape: true})]).done, 'cancel');
	// Control characters never reach the text.
	assert.equal(type('', [{input: 'a\u0007b', key: EMPTY}]).state.text, 'ab');
});

test('Backspace, Ctrl-U, Ctrl-K, Ctrl-W, Ctrl-A/E and arrows', () => {
	const cases: Array<[string, KeyPress[], string, number]> = [
		['abc', [named({backspace: true})], 'ab', 2],
		['abc', [named({delete: true})], 'ab', 2],
		['one two', [keyOf('\u0017')], 'one ', 4],
		['one two  ', [keyOf('\u0017')], 'one ', 4],
		['one two', [keyOf('\u0001'), keyOf('>')], '>one two', 1],
		['one two', [keyOf('\u0001'), keyOf('\u0005'), keyOf('!')], 'one two!', 8],
		['one two', [named({leftArrow: true}), named({leftArrow: true}), keyOf('\u0015')], 'wo', 0],
		['one two', [named({leftArrow: true}), keyOf('\u000B')], 'one tw', 6],
		['ab', [named({leftArrow: true}), named({backspace: true})], 'b', 0],
		['', [named({backspace: true})], '', 0],
	];
	for (const [start, presses, text, cursor] of cases) assert.deepEqual(type(start, presses).state, {text, cursor}, `${start} → ${text}`);
});
