import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {layoutColumns, Table, type Column} from '../../source/ui/Table.js';
import {fit} from '../../source/ui/fit.js';

interface Row {
	id: string;
	name: string;
	why: string;
}

const columns: Column<Row>[] = [
	{id: 'name', title: 'NAME', cell: row => row.name, max: 10},
	{id: 'id', title: 'ID', cell: row => row.id, keep: 1},
	{id: 'why', title: 'WHY', cell: row => row.why, flex: true},
];

const rows: Row[] = Array.from({length: 500}, (_, index) => ({id: String(index), name: `pod-${index}`, why: index % 2 ? 'exit 127 (command not found)' : ''}));

test('fit cuts with an ellipsis and pads, by display width', () => {
	assert.equal(fit('abcdef', 4), 'abc…');
	assert.equal(fit('ab', 4), 'ab  ');
	assert.equal(fit('7', 3, 'right'), '  7');
	assert.equal(fit('日本語テキスト', 5), '日本…');
	assert.equal(fit('▰▰▱ 2/3', 7), '▰▰▱ 2/3');
});

test('columns take their content width, the flex column the rest; narrow terminals drop low-priority columns', () => {
	assert.deepEqual(layoutColumns(columns, rows.slice(0, 10), 60).widths, [5, 2, 60 - 7 - 4]);
	assert.deepEqual(layoutColumns(columns, rows.slice(0, 10), 10).widths, [5, 0, 3]);
	assert.deepEqual(layoutColumns([{...columns[0], max: 3}], rows.slice(0, 1), 20).widths, [4]);
});

test('which columns show depends on the width alone; widths never shrink below what earlier rows needed', () => {
	const pods: Column<Row>[] = [
		{id: 'name', title: 'NAME', cell: row => row.name, min: 8, max: 30},
		{id: 'id', title: 'ID', cell: row => row.id, min: 6, keep: 1},
		{id: 'why', title: 'WHY', cell: row => row.why, min: 30, flex: true},
	];
	const short = [{id: '1', name: 'a', why: ''}];
	const long = [{id: '1', name: 'a-very-long-pod-name-indeed', why: 'x'.repeat(80)}];
	// 8 + 2 + 6 + 2 + 30 = 48: ID shows at 48 whatever the values, not at 47.
	for (const data of [short, long]) {
		assert.ok(layoutColumns(pods, data, 48).widths[1]! > 0);
		assert.equal(layoutColumns(pods, data, 47).widths[1], 0);
	}
	const first = layoutColumns(pods, long, 80);
	const later = layoutColumns(pods, short, 80, first.natural);
	assert.deepEqual(later.widths, first.widths);
	assert.ok(first.widths[2]! >= 30);
});

test('a terminal too narrow even for the columns that stay: the widest gives up cells, no row overflows', () => {
	const kept: Column<Row>[] = [
		{id: 'symbol', title: ' ', cell: () => '◐'},
		{id: 'name', title: 'NAME', cell: row => row.name, max: 48},
		{id: 'status', title: 'STATUS', cell: row => row.why, max: 32},
		{id: 'why', title: 'WHY', cell: () => 'because', flex: true},
	];
	const wide = [{id: 'a', name: 'api-gateway-6f7c9d8b5d-n4xwz', why: 'Init:CreateContainerConfigError'}];
	for (const width of [60, 45, 20]) {
		const {widths} = layoutColumns(kept, wide, width);
		const shown = widths.filter(size => size > 0);
		assert.ok(shown.reduce((sum, size) => sum + size, 0) + 2 * (shown.length - 1) <= width, `${widths.join(',')} fit ${width}`);
		const {lastFrame} = render(<Table columns={kept} rows={wide} start={0} selectedIndex={0} height={3} width={width} rowKey={row => row.id} />);
		const row = lastFrame()!.split('\n')[1]!;
		assert.match(row, /^◐ {2}api/, `the symbol keeps its gap at ${width}: ${row}`);
	}
});

test('only the visible rows are rendered, the selected one in inverse', () => {
	const {lastFrame} = render(<Table columns={columns} rows={rows} start={100} selectedIndex={102} height={6} width={50} rowKey={row => row.id} />);
	const lines = lastFrame()!.split('\n');
	assert.equal(lines.length, 6);
	assert.match(lines[0], /^NAME\s+ID\s+WHY/);
	assert.match(lines[1], /^pod-100/);
	assert.match(lines[5], /^pod-104/);
	assert.ok(!lastFrame()!.includes('pod-105'));
});

test('an empty table says why', () => {
	const {lastFrame} = render(<Table columns={columns} rows={[]} start={0} selectedIndex={-1} height={4} width={40} rowKey={row => row.id} empty="no pods in namespace x" />);
	assert.match(lastFrame()!, /no pods in namespace x/);
});
