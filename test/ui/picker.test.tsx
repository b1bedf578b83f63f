import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import type {Key} from 'ink';
import {Picker, type PickerItem} from '../../source/ui/Picker.js';
import {keepInView, pickerAction} from '../../source/ui/picker/picker-keys.js';
import {InputProvider} from '../../source/input/InputProvider.js';
import {keyOf as pressOf} from '../../source/input/keys.js';
const keyOf = (char: string): [string, Key] => { const press = pressOf(char); return [press.input, press.key]; };

const items: PickerItem[] = Array.from({length: 20}, (_, at) => ({label: `item-${String(at).padStart(2, '0')}`, value: `v${at}`}));

function mount(props: {initialValue?: string; height?: number; list?: PickerItem[]} = {}) {
	const chosen: string[] = [];
	let cancelled = 0;
	const element = (list: PickerItem[]) => (
		<InputProvider onInterrupt={() => {}}>
			<Picker title="Things" items={list} initialValue={props.initialValue} onSelect={value => void chosen.push(value)} onCancel={() => void cancelled++} isActive height={props.height ?? 7} width={40} />
		</InputProvider>
	);
	const app = render(element(props.list ?? items));
	const frame = () => app.lastFrame() ?? '';
	const rows = () => frame().split('\n').slice(1, -1);
	const highlighted = () => rows().find(row => row.includes('❯'))?.replace('❯', '').trim();
	const waitFor = async (ok: () => boolean, what: string) => {
		const deadline = Date.now() + 3000;
		while (!ok()) {
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; frame:\n${frame()}`);
			await new Promise(resolve => setTimeout(resolve, 10));
		}
	};
	/** One write: Ink hands the whole string to the input handlers as one input. */
	const write = async (keys: string) => {
		// A component that just mounted subscribes to input in an effect.
		await new Promise(resolve => setTimeout(resolve, 30));
		app.stdin.write(keys);
		await new Promise(resolve => setTimeout(resolve, 30));
	};
	return {app, frame, rows, highlighted, waitFor, write, chosen, cancelled: () => cancelled, rerender: (list: PickerItem[]) => app.rerender(element(list))};
}

const key = (char: string): [string, Key] => keyOf(char);

test('pickerAction: moves stop at the ends, pages by the rows in view, digits choose the n-th row in view', () => {
	const state = {index: 3, top: 2, count: 20, limit: 5};
	assert.deepEqual(pickerAction(...key('j'), state), {kind: 'move', index: 4});
	assert.deepEqual(pickerAction(...key('k'), {...state, index: 0}), {kind: 'move', index: 0});
	assert.deepEqual(pickerAction(...key('j'), {...state, index: 19}), {kind: 'move', index: 19});
	assert.deepEqual(pickerAction(...key('G'), state), {kind: 'move', index: 19});
	assert.deepEqual(pickerAction(...key('g'), state), {kind: 'move', index: 0});
	assert.deepEqual(pickerAction('', {...keyOf('x')[1], pageDown: true}, state), {kind: 'move', index: 8});
	assert.deepEqual(pickerAction('', {...keyOf('x')[1], pageUp: true}, state), {kind: 'move', index: 0});
	assert.deepEqual(pickerAction(...key('\r'), state), {kind: 'choose', index: 3});
	assert.deepEqual(pickerAction(...key('2'), state), {kind: 'choose', index: 3});
	assert.deepEqual(pickerAction(...key('6'), state), {kind: 'none'}, 'only rows in view');
	assert.deepEqual(pickerAction('', {...keyOf('x')[1], escape: true}, state), {kind: 'cancel'});
	assert.deepEqual(pickerAction(...key('\r'), {...state, count: 0, index: 0}), {kind: 'none'});
});

test('keepInView moves the window as little as possible', () => {
	assert.equal(keepInView(3, 0, 5, 20), 0);
	assert.equal(keepInView(5, 0, 5, 20), 1);
	assert.equal(keepInView(1, 4, 5, 20), 1);
	assert.equal(keepInView(19, 0, 5, 20), 15);
	assert.equal(keepInView(2, 18, 5, 20), 2);
	assert.equal(keepInView(2, 7, 5, 3), 0);
});

test('scrolling keeps the highlighted item in view; keys of one read all count', async () => {
	const view = mount();
	try {
		assert.equal(view.rows().length, 5, view.frame());
		assert.equal(view.highlighted(), 'item-00');
		assert.match(view.frame(), /^Things 1\/20$/m);
		// Six moves in one read: the window scrolls by two, the highlight on its last row.
		await view.write('jjjjjj');
		await view.waitFor(() => view.highlighted() === 'item-06', 'item-06');
		assert.deepEqual(view.rows().map(row => row.replace('❯', '').trim()), ['item-02', 'item-03', 'item-04', 'item-05', 'item-06']);
		assert.match(view.frame(), /^Things 7\/20$/m);
		await view.write('G');
		await view.waitFor(() => view.highlighted() === 'item-19', 'item-19');
		assert.equal(view.rows().at(-1)?.replace('❯', '').trim(), 'item-19');
		// Up within the window does not scroll; past its top it does, by one.
		await view.write('kkkkk');
		await view.waitFor(() => view.highlighted() === 'item-14', 'item-14');
		assert.deepEqual(view.rows().map(row => row.replace('❯', '').trim()), ['item-14', 'item-15', 'item-16', 'item-17', 'item-18']);
		await view.write('\u001b[6~');
		await view.waitFor(() => view.highlighted() === 'item-19', 'PgDn to the end');
		await view.write('g');
		await view.waitFor(() => view.highlighted() === 'item-00', 'item-00');
		assert.equal(view.rows()[0]?.replace('❯', '').trim(), 'item-00');
		assert.deepEqual(view.chosen, []);
	} finally {
		view.app.unmount();
	}
});

test('moves and Enter in one read choose the item moved to; later keys of that read are ignored', async () => {
	const view = mount({initialValue: 'v8'});
	try {
		assert.equal(view.highlighted(), 'item-08', 'the initial value is highlighted and in view');
		await view.write('jj\rj\r');
		await view.waitFor(() => view.chosen.length > 0, 'a choice');
		await new Promise(resolve => setTimeout(resolve, 50));
		assert.deepEqual(view.chosen, ['v10']);
	} finally {
		view.app.unmount();
	}
});

test('a digit chooses the n-th row in view; Esc cancels', async () => {
	const view = mount({initialValue: 'v12'});
	try {
		// item-12 is the last row in view (item-08 … item-12).
		await view.write('2');
		await view.waitFor(() => view.chosen.length > 0, 'a choice');
		assert.deepEqual(view.chosen, ['v9']);
	} finally {
		view.app.unmount();
	}
	const other = mount();
	try {
		await other.write('j\u001b');
		await other.waitFor(() => other.cancelled() > 0 || other.chosen.length > 0, 'cancel');
		assert.equal(other.cancelled(), 1);
		assert.deepEqual(other.chosen, []);
	} finally {
		other.app.unmount();
	}
});

test('the highlight stays on its item when the list changes under it', async () => {
	const view = mount({list: items.slice(0, 5)});
	try {
		await view.write('jj');
		await view.waitFor(() => view.highlighted() === 'item-02', 'item-02');
		view.rerender([{label: 'new-first', value: 'new'}, ...items.slice(0, 5)]);
		await view.waitFor(() => view.rows()[0]?.includes('new-first') === true, 'the new list');
		assert.equal(view.highlighted(), 'item-02');
		await view.write('\r');
		await view.waitFor(() => view.chosen.length > 0, 'a choice');
		assert.deepEqual(view.chosen, ['v2']);
	} finally {
		view.app.unmount();
	}
});
