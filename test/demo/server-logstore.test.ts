// LogStore: lines per container instance, live subscribers, and the bounds that keep a long demo
// session's memory flat.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {LogStore} from '../../demo/logs.js';

test('lines are kept per instance; multi-line text is split; subscribers see new lines until they unsubscribe', () => {
	const logs = new LogStore();
	const seen: string[] = [];
	const unsubscribe = logs.subscribe('id-2', line => seen.push(line.text));
	logs.append('ns', 'p', 'c', 'id-1', 'first run', 1000);
	logs.append('ns', 'p', 'c', 'id-2', 'a\nb\n', 2000);
	unsubscribe();
	logs.append('ns', 'p', 'c', 'id-2', 'c', 3000);
	assert.deepEqual(logs.lines('id-1'), [{at: 1000, text: 'first run'}]);
	assert.deepEqual(logs.lines('id-2').map(l => l.text), ['a', 'b', 'c']);
	assert.deepEqual(seen, ['a', 'b']);
	assert.deepEqual(logs.lines('unknown'), []);
});

test('old lines and old instances are dropped past the limits; watched instances stay', () => {
	const logs = new LogStore({maxLinesPerInstance: 100, maxInstances: 3});
	for (let i = 0; i < 1000; i++) logs.append('ns', 'p', 'c', 'busy', `line ${i}`);
	const kept = logs.lines('busy');
	assert.ok(kept.length >= 100 && kept.length <= 110, `${kept.length} lines kept`);
	assert.equal(kept[kept.length - 1]!.text, 'line 999');
	logs.subscribe('busy', () => {});
	for (const id of ['a', 'b', 'c', 'd']) logs.append('ns', 'p', 'c', id, id);
	assert.ok(logs.lines('busy').length > 0, 'an instance someone follows is kept');
	assert.deepEqual(logs.lines('a'), []);
	assert.deepEqual(logs.lines('d').map(l => l.text), ['d']);
});
