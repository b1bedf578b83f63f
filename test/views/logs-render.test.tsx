// The log body's rendering without a cluster: entries are plain data (what the follower hands
// over), drawn by the real components into ink-testing-library's frame.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import type {LogEntry} from '../../source/kube/types.js';
import {filterEntries, IncrementalFilter, parseLogFilter, visibleWindow} from '../../source/render/log-view.js';
import {LogLines, visibleEntries} from '../../source/views/logs/LogLines.js';
import {entryRowCount, entryRows, type LineRenderOptions} from '../../source/views/logs/render-line.js';

let seq = 0;
const line = (text: string, time?: string): LogEntry => ({type: 'line', line: {seq: ++seq, text, instance: 1, time}});
const base: LineRenderOptions = {columns: 40, wrap: false, hOffset: 0, timestamps: false, filter: undefined};
const strip = (s: string) => s.replace(/\u001b\[[0-9;:]*m/g, '');

function frame(entries: LogEntry[], options: LineRenderOptions, height: number): string {
	const window = visibleWindow(entries.length, height, true, 0, index => entryRowCount(entries[index], options));
	const {lastFrame, unmount} = render(<LogLines visible={visibleEntries(entries, window)} options={options} height={height} />);
	const out = lastFrame() ?? '';
	unmount();
	return out;
}

const HOSTILE = [
	'\u001b[2J\u001b[Hcleared?',
	'\u001b]0;owned title\u0007title',
	'\u001b]8;;http://evil.example/\u001b\\link\u001b]8;;\u001b\\',
	'\u001b[?1049lleave alt screen',
	'\u001b[10;10Hmove \u001b[1Aup \u001b[Kerase',
	'bell\u0007\u0007 back\b\bspace cr\roverwrite',
	'\u009b2J c1 csi \u0085 nel',
	'\u001bPdcs payload\u001b\\after dcs',
	'\u001b[31mred never reset',
];

test('hostile lines reach the frame without any non-SGR escape or control character', () => {
	const entries = HOSTILE.map(text => line(text));
	const out = frame(entries, base, 20);
	const withoutSgr = out.replace(/\u001b\[[0-9;:]*m/g, '');
	assert.doesNotMatch(withoutSgr, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
	const rows = strip(out).split('\n');
	while (rows.length > 0 && rows[rows.length - 1].trim() === '') rows.pop();
	assert.equal(rows.length, HOSTILE.length, 'one row per line: nothing moved the cursor or broke a line');
	assert.match(rows[0], /^cleared\?/);
	assert.match(rows[1], /^title/);
	assert.match(rows[2], /^link/);
	assert.match(rows[5], /^bell back\uFFFD\uFFFDspace cr\u240Doverwrite/);
	assert.match(rows[8], /^red never reset/);
});

test('no wrap cuts to the width and ←/→ shifts the window; wrap splits into rows', () => {
	const long = line('0123456789'.repeat(10));
	assert.deepEqual(entryRows(long, base).map(strip), ['0123456789'.repeat(4)]);
	assert.deepEqual(entryRows(long, {...base, hOffset: 8}).map(strip), ['89' + '0123456789'.repeat(3) + '01234567']);
	const wrapped = entryRows(long, {...base, wrap: true}).map(strip);
	assert.deepEqual(wrapped, ['0123456789'.repeat(4), '0123456789'.repeat(4), '0123456789'.repeat(2)]);
	assert.equal(entryRowCount(long, {...base, wrap: true}), 3);
	assert.deepEqual(entryRows(line(''), base), [' ']);
});

test('timestamps are prefixed, sanitized', () => {
	const entry = line('hello', '2026-03-01T14:52:01.000000000Z');
	assert.equal(strip(entryRows(entry, {...base, columns: 80, timestamps: true})[0]), '2026-03-01T14:52:01.000000000Z hello');
	assert.equal(strip(entryRows(line('x', '\u001b[2Jbad'), {...base, timestamps: true})[0]), 'bad x');
});

test('matches are highlighted in the frame; a coloured line loses its colours only when it matches', () => {
	const filter = parseLogFilter('not found');
	const entries = [line('sh: hello.sh: not found'), line('\u001b[32mgreen\u001b[0m')];
	const rows = entries.map(entry => entryRows(entry, {...base, filter})[0]);
	assert.ok(rows[0].includes('\u001b[30;43mnot found\u001b[39;49m') || rows[0].includes('\u001b[7mnot found'), JSON.stringify(rows[0]));
	assert.ok(rows[1].includes('\u001b[32m'), 'colour kept on a line without a match');
	const current = entryRows(entries[0], {...base, filter, current: true})[0];
	assert.notEqual(current, rows[0], 'the current match looks different');
});

/** A regex that counts the lines it is tested against. */
class CountingRegExp extends RegExp {
	tests = 0;
	override test(text: string): boolean {
		this.tests++;
		return super.test(text);
	}
}

test('50,000 lines: a tick filters only its new lines, a frame touches only the visible entries', () => {
	// What keeps the view cheap, checked as work done; timing it is the benchmark's business (bench/log-bench.ts).
	const entries: LogEntry[] = [];
	for (let i = 0; i < 50_000; i++) entries.push(line(`2026-03-01 line ${i} ${i % 7 === 0 ? 'ERROR boom' : 'ok'} \u001b[33mwarn\u001b[0m`));
	const filter = parseLogFilter('error')!;
	const shown = filterEntries(entries, filter);
	assert.equal(shown.length, Math.ceil(50_000 / 7));
	// Per tick the view filters incrementally: 2,000 new lines in, 2,000 old ones out.
	const regex = new CountingRegExp(filter.regex.source, filter.regex.flags);
	const counted = {...filter, regex};
	const incremental = new IncrementalFilter();
	incremental.update(entries, counted);
	assert.equal(regex.tests, 50_000);
	let ring = entries;
	for (let tick = 0; tick < 10; tick++) {
		const fresh: LogEntry[] = [];
		for (let i = 0; i < 2000; i++) fresh.push(line(`tick ${tick} line ${i} ${i % 7 === 0 ? 'ERROR' : 'ok'}`));
		ring = [...ring.slice(2000), ...fresh];
		regex.tests = 0;
		const result = incremental.update(ring, counted);
		assert.equal(regex.tests, 2000, `tick ${tick}: only the new lines are tested`);
		assert.deepEqual(result, filterEntries(ring, filter));
	}
	// What the view does per frame: the window and the rows of the visible entries.
	const height = 40;
	const options = {...base, columns: 120, filter};
	const measured = new Set<number>();
	const window = visibleWindow(shown.length, height, true, 0, index => {
		measured.add(index);
		return entryRowCount(shown[index], options);
	});
	assert.ok(window.slices.length <= height);
	assert.ok(measured.size <= height, `a frame measured ${measured.size} entries for ${height} rows`);
	assert.ok([...measured].every(index => index >= shown.length - height), 'only the newest entries are measured');
	assert.match(strip(frame(shown as LogEntry[], options, height)), /line 49994 ERROR boom warn/);
});

test('a separator wider than the terminal wraps instead of losing its instance number or the server text', () => {
	const restarted: LogEntry = {type: 'notice', seq: ++seq, at: 0, notice: {kind: 'restarted', instance: 10, exitCode: 127, reason: 'Error', finishedAt: '2026-03-01T14:52:02Z'}};
	const waiting: LogEntry = {type: 'notice', seq: ++seq, at: 0, notice: {kind: 'waiting', reason: 'PodInitializing', message: 'container "init-mydb" in pod "myapp-waiting" is waiting to start: PodInitializing'}};
	for (const entry of [restarted, waiting]) {
		const rows = entryRows(entry, base).map(strip);
		assert.equal(rows.length, entryRowCount(entry, base));
		assert.ok(rows.length > 1, rows.join('|'));
		for (const row of rows) assert.ok(row.length <= base.columns, row);
	}
	assert.match(entryRows(restarted, base).map(strip).join(' '), /following instance #10/);
	assert.match(entryRows(waiting, base).map(strip).join(' '), /is waiting to start: PodInitializing/);
	const text = frame([restarted, line('after')], base, 10);
	assert.match(strip(text), /following instance\n#10\nafter/);
});
