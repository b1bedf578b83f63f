import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {LogEntry, LogNotice} from '../../source/kube/types.js';
import {currentInstance, defaultLogContainer, entryKey, findEntryIndex, logContainerChoices, logQuery} from '../../source/model/log-query.js';
import {
	bottomAnchoredTop, IncrementalFilter, containerChoiceLabel, filterEntries, formatLogForSave, matchRanges, nextMatch, noticeText,
	parseLogFilter, rowsFor, saveFileName, streamState, visibleWindow,
} from '../../source/render/log-view.js';
import {scenario1, scenario2, sidecarMigrating, sidecarRunning, makePod} from '../fixtures/pods.js';

let seq = 0;
const line = (text: string, instance = 1, time?: string): LogEntry => ({type: 'line', line: {seq: ++seq, text, instance, time}});
const notice = (value: LogNotice, at = Date.parse('2026-03-01T14:52:02Z')): LogEntry => ({type: 'notice', seq: ++seq, notice: value, at});

test('defaultLogContainer: the init container that explains the pod', () => {
	assert.equal(defaultLogContainer(scenario2.crashLoop), 'init-failed-test');
	assert.equal(defaultLogContainer(scenario2.error), 'init-failed-test');
	assert.equal(defaultLogContainer(scenario1.init0), 'init-myservice');
	assert.equal(defaultLogContainer(scenario1.init1), 'init-mydb');
	assert.equal(defaultLogContainer(scenario1.pending), 'init-myservice');
	assert.equal(defaultLogContainer(sidecarMigrating), 'migrate');
});

test('defaultLogContainer: the first app container once initialized, or the annotated one', () => {
	assert.equal(defaultLogContainer(scenario1.podInitializing), 'myapp-container');
	assert.equal(defaultLogContainer(scenario1.running), 'myapp-container');
	assert.equal(defaultLogContainer(sidecarRunning), 'app');
	const annotated = makePod({name: 'two', nodeName: 'n', containers: ['web', 'worker'], phase: 'Running'});
	annotated.metadata.annotations = {'kubectl.kubernetes.io/default-container': 'worker'};
	assert.equal(defaultLogContainer(annotated), 'worker');
	annotated.metadata.annotations = {'kubectl.kubernetes.io/default-container': 'nope'};
	assert.equal(defaultLogContainer(annotated), 'web');
});

test('logContainerChoices: init containers in order, then app containers, with state', () => {
	const choices = logContainerChoices(scenario2.crashLoop);
	assert.deepEqual(choices.map(c => [c.name, c.kind, c.state]), [
		['init-myservice', 'init', 'Terminated: Completed'],
		['init-mydb', 'init', 'Terminated: Completed'],
		['init-failed-test', 'init', 'Waiting: CrashLoopBackOff'],
		['myapp-container', 'app', 'Waiting: PodInitializing'],
	]);
	const failing = choices[2];
	assert.equal(failing.restarts, 6);
	assert.equal(failing.instance, 7);
	assert.equal(failing.hasPrevious, true);
	assert.equal(failing.running, false);
	assert.equal(choices[0].hasPrevious, false);
	assert.match(containerChoiceLabel(failing, 16), /^↻ I3  init-failed-test  init +Waiting: CrashLoopBackOff · 6 restarts$/);
	const errored = logContainerChoices(scenario2.error)[2];
	assert.equal(errored.state, 'Terminated: Error (exit 127)');
	const sidecar = logContainerChoices(sidecarMigrating);
	assert.deepEqual(sidecar.map(c => [c.name, c.kind, c.running]), [['istio-proxy', 'sidecar', true], ['migrate', 'init', true], ['app', 'app', false]]);
});

test('logQuery: tail, head, since — never a since window over a container that is not running', () => {
	assert.deepEqual(logQuery(0, {running: true}), {tailLines: 1000, label: 'tail'});
	assert.deepEqual(logQuery(1, {running: true}), {label: 'head'});
	assert.deepEqual(logQuery(2, {running: true}), {sinceSeconds: 60, label: 'since 1m'});
	assert.deepEqual(logQuery(6, {running: true}), {sinceSeconds: 3600, label: 'since 1h'});
	const stopped = logQuery(3, {running: false});
	assert.equal(stopped.sinceSeconds, undefined);
	assert.equal(stopped.tailLines, undefined);
	assert.match(stopped.note ?? '', /since 5m ignored/);
	assert.equal(logQuery(4, {running: true}, true).sinceSeconds, undefined, 'previous instance is over');
});

test('parseLogFilter: regex, smart case, ! inverts, invalid regex matched literally', () => {
	assert.equal(parseLogFilter(''), undefined);
	assert.equal(parseLogFilter('!'), undefined);
	const filter = parseLogFilter('not f.und')!;
	assert.equal(filter.invert, false);
	assert.ok(filter.regex.flags.includes('i'));
	assert.ok(!parseLogFilter('Found')!.regex.flags.includes('i'));
	const inverted = parseLogFilter('!waiting')!;
	assert.equal(inverted.invert, true);
	const invalid = parseLogFilter('a(b')!;
	assert.ok(invalid.invalid);
	assert.deepEqual(matchRanges('x a(b y', invalid), [[2, 5]]);
});

test('matchRanges: every match, none for inverted filters, no loop on empty matches', () => {
	assert.deepEqual(matchRanges('sh: hello.sh: not found', parseLogFilter('sh')), [[0, 2], [10, 12]]);
	assert.deepEqual(matchRanges('abc', parseLogFilter('x*')), []);
	assert.deepEqual(matchRanges('abc', parseLogFilter('!b')), []);
	assert.deepEqual(matchRanges('abc', undefined), []);
});

test('filterEntries: keeps notices, filters lines on their sanitized text, inverts', () => {
	const entries = [line('waiting for myservice'), notice({kind: 'streaming', instance: 1}), line('\u001b[31mERROR\u001b[0m boom'), line('waiting for mydb')];
	assert.equal(filterEntries(entries, undefined), entries);
	assert.deepEqual(filterEntries(entries, parseLogFilter('error boom')).map(entryKey), [entryKey(entries[1]), entryKey(entries[2])]);
	assert.deepEqual(filterEntries(entries, parseLogFilter('!waiting')).map(entryKey), [entryKey(entries[1]), entryKey(entries[2])]);
	// The escape sequence's own characters never match.
	assert.deepEqual(filterEntries(entries, parseLogFilter('31m')).map(entryKey), [entryKey(entries[1])]);
});

test('nextMatch: n/N cycle through matching lines and skip notices', () => {
	const entries = [line('a match'), notice({kind: 'resumed'}), line('other'), line('match two')];
	const filter = parseLogFilter('match');
	assert.equal(nextMatch(entries, filter, -1, 1), 0);
	assert.equal(nextMatch(entries, filter, 0, 1), 3);
	assert.equal(nextMatch(entries, filter, 3, 1), 0, 'wraps');
	assert.equal(nextMatch(entries, filter, 0, -1), 3, 'wraps backwards');
	assert.equal(nextMatch(entries, parseLogFilter('!match'), 0, 1), undefined);
	assert.equal(nextMatch(entries, parseLogFilter('zzz'), 0, 1), undefined);
});

test('entry keys are unique between lines and notices and found again', () => {
	const entries = [line('x'), notice({kind: 'resumed'})];
	assert.notEqual(entryKey(entries[0]), entryKey(entries[1]));
	assert.equal(findEntryIndex(entries, entryKey(entries[1])), 1);
	assert.equal(findEntryIndex(entries, 'l-1'), -1);
	assert.equal(findEntryIndex(entries, undefined), -1);
});

test('visibleWindow: following shows the newest entries; rows counted with wrap', () => {
	const one = () => 1;
	assert.deepEqual(visibleWindow(0, 5, true, 0, one), {slices: [], top: 0, atBottom: true});
	const window = visibleWindow(100, 5, true, 0, one);
	assert.deepEqual(window.slices.map(s => s.index), [95, 96, 97, 98, 99]);
	assert.equal(window.atBottom, true);
	// Fewer entries than rows.
	assert.deepEqual(visibleWindow(3, 5, true, 0, one).slices.map(s => s.index), [0, 1, 2]);
	// Wrapped: entry 99 takes 3 rows, 98 takes 3 → 98 is cut at the top.
	const wrapped = visibleWindow(100, 5, true, 0, i => (i >= 98 ? 3 : 1));
	assert.deepEqual(wrapped.slices, [{index: 98, skipRows: 1, rows: 2}, {index: 99, skipRows: 0, rows: 3}]);
	// A single entry taller than the window shows its last rows.
	assert.deepEqual(visibleWindow(1, 4, true, 0, () => 10).slices, [{index: 0, skipRows: 6, rows: 4}]);
});

test('visibleWindow: paused keeps its top, clamped so the window stays full', () => {
	const one = () => 1;
	const paused = visibleWindow(100, 5, false, 10, one);
	assert.deepEqual(paused.slices.map(s => s.index), [10, 11, 12, 13, 14]);
	assert.equal(paused.atBottom, false);
	assert.equal(visibleWindow(100, 5, false, 99, one).top, 95);
	assert.equal(visibleWindow(100, 5, false, -3, one).top, 0);
	// Paused with wrap: the last entry is cut at the bottom.
	const cut = visibleWindow(100, 5, false, 0, i => (i === 1 ? 10 : 1));
	assert.deepEqual(cut.slices, [{index: 0, skipRows: 0, rows: 1}, {index: 1, skipRows: 0, rows: 4}]);
	assert.equal(bottomAnchoredTop(100, 5, one), 95);
	assert.equal(rowsFor(200, 80, true), 3);
	assert.equal(rowsFor(0, 80, true), 1);
	assert.equal(rowsFor(200, 80, false), 1);
});

test('visibleWindow: 50,000 entries cost O(height)', () => {
	// Counted, not timed: the work per window is the number of rows measured (a clock measures the neighbours).
	let calls = 0;
	for (let i = 0; i < 1000; i++) visibleWindow(50_000, 40, i % 2 === 0, 25_000, () => (calls++, 1));
	assert.ok(calls < 1000 * 200, `rowsOf called ${calls} times`);
});

test('notices read as marked separators with sanitized server text', () => {
	process.env.TZ = 'UTC';
	assert.equal(
		noticeText({kind: 'restarted', instance: 10, exitCode: 127, reason: 'Error', finishedAt: '2026-03-01T14:52:02Z'}, 0),
		'── restarted: exit 127 (command not found) at 14:52:02 — following instance #10 ──',
	);
	assert.equal(noticeText({kind: 'restarted', instance: 2}, Date.parse('2026-03-01T01:02:03Z')), '── restarted at 01:02:03 — following instance #2 ──');
	assert.equal(noticeText({kind: 'unavailable', instance: 2}, 0), '── instance #2 not available (restarted before it could be read) ──');
	assert.equal(noticeText({kind: 'terminated', reason: 'Completed', exitCode: 0}, 0), '── container terminated (Completed) ──');
	assert.equal(noticeText({kind: 'terminated', reason: 'Error', exitCode: 127}, 0), '── container terminated (Error, exit 127: command not found) ──');
	assert.equal(
		noticeText({kind: 'waiting', reason: 'PodInitializing', message: 'container "myapp-container" in pod "myapp-pod" is waiting to start: PodInitializing'}, 0),
		'── waiting: PodInitializing — container "myapp-container" in pod "myapp-pod" is waiting to start: PodInitializing ──',
	);
	assert.equal(noticeText({kind: 'disconnected', error: 'socket hang up\u001b[2J'}, 0), '── connection lost: socket hang up — reconnecting ──');
	assert.equal(noticeText({kind: 'resumed'}, 0), '── connection resumed ──');
	assert.equal(noticeText({kind: 'error', message: 'previous terminated container "x" in pod "p" not found'}, 0), '── error: previous terminated container "x" in pod "p" not found ──');
	assert.equal(noticeText({kind: 'streaming', instance: 3}, 0), '── streaming instance #3 ──');
});

test('streamState and currentInstance for the status line', () => {
	assert.equal(streamState(undefined), 'connecting');
	assert.equal(streamState({kind: 'waiting', reason: 'PodInitializing'}), 'waiting: PodInitializing');
	assert.equal(streamState({kind: 'terminated', reason: 'Completed', exitCode: 0}), 'terminated (Completed)');
	assert.equal(streamState({kind: 'disconnected', error: 'x'}), 'reconnecting');
	assert.equal(currentInstance([]), undefined);
	assert.equal(currentInstance([line('a', 3)]), 3);
	assert.equal(currentInstance([line('a', 3), notice({kind: 'restarted', instance: 4})]), 4);
	assert.equal(currentInstance([notice({kind: 'streaming', instance: 2}), notice({kind: 'resumed'})]), 2);
});

test('formatLogForSave and saveFileName', () => {
	process.env.TZ = 'UTC';
	const entries = [line('one', 1, '2026-03-01T14:52:01.000000000Z'), notice({kind: 'restarted', instance: 2, exitCode: 127}), line('two', 2)];
	assert.equal(formatLogForSave(entries, false), 'one\n── restarted: exit 127 (command not found) at 14:52:02 — following instance #2 ──\ntwo\n');
	assert.match(formatLogForSave(entries, true), /^2026-03-01T14:52:01\.000000000Z one\n/);
	assert.equal(formatLogForSave([], false), '');
	assert.equal(saveFileName('default', 'myapp-pod', 'init-failed-test', true, new Date('2026-03-01T14:52:02Z')), 'default_myapp-pod_init-failed-test_previous_20260301-145202.log');
	assert.equal(saveFileName('a/b', 'p', 'c', false, new Date('2026-03-01T14:52:02Z')), 'a_b_p_c_20260301-145202.log');
});

test('IncrementalFilter: same result as filterEntries while the ring grows and drops', () => {
	const filter = parseLogFilter('keep');
	const incremental = new IncrementalFilter();
	const all: LogEntry[] = [];
	for (let round = 0; round < 50; round++) {
		for (let i = 0; i < 37; i++) all.push(i % 11 === 0 ? notice({kind: 'resumed'}) : line(i % 3 === 0 ? `keep ${round}/${i}` : `drop ${round}/${i}`));
		const ring = all.slice(Math.max(0, all.length - 200));
		assert.deepEqual(incremental.update(ring, filter).map(entryKey), filterEntries(ring, filter).map(entryKey), `round ${round}`);
	}
	// A new filter starts over; no filter returns the buffer itself.
	const ring = all.slice(-200);
	const other = parseLogFilter('!keep');
	assert.deepEqual(incremental.update(ring, other).map(entryKey), filterEntries(ring, other).map(entryKey));
	assert.equal(incremental.update(ring, undefined), ring);
	// A buffer that no longer holds the last entry seen (all replaced) is filtered from scratch.
	const fresh = [line('keep fresh'), line('drop fresh')];
	assert.deepEqual(incremental.update(fresh, filter).map(entryKey), [entryKey(fresh[0])]);
});
