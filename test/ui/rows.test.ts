import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {PodSummary} from '../../source/model/pod-health.js';
import {compileFilter, selectedIndexFor, selectRows, type RowOptions} from '../../source/model/pod-rows.js';
import {keepInView as windowStart} from '../../source/ui/scroll-window.js';

function pod(name: string, fields: Partial<PodSummary> = {}): PodSummary {
	return {
		uid: `uid-${name}`, name, namespace: 'default', ready: '1/1', status: 'Running', restarts: '0', age: '1m', ip: '', node: '', nominatedNode: '', readinessGates: '',
		health: 'healthy', symbol: '●', initDone: 0, initTotal: 0, progress: '', restartCount: 0, createdAt: 0, ...fields,
	} as PodSummary;
}

const byName: RowOptions = {initOnly: false, sort: {key: 'name', descending: false}, allNamespaces: false};
const names = (rows: PodSummary[]) => rows.map(row => row.name);

test('sorts by name, age (youngest first) and status (worst first), and reverses', () => {
	const pods = [
		pod('web', {createdAt: 3}),
		pod('broken', {health: 'init-failing', status: 'Init:Error', createdAt: 1}),
		pod('waiting', {health: 'stuck', status: 'Init:0/2', createdAt: 2}),
		pod('starting', {health: 'initializing', status: 'Init:1/2', createdAt: 4}),
	];
	assert.deepEqual(names(selectRows(pods, byName)), ['broken', 'starting', 'waiting', 'web']);
	assert.deepEqual(names(selectRows(pods, {...byName, sort: {key: 'name', descending: true}})), ['web', 'waiting', 'starting', 'broken']);
	assert.deepEqual(names(selectRows(pods, {...byName, sort: {key: 'age', descending: false}})), ['starting', 'web', 'waiting', 'broken']);
	assert.deepEqual(names(selectRows(pods, {...byName, sort: {key: 'status', descending: false}})), ['broken', 'waiting', 'starting', 'web']);
});

test('filters by a case-insensitive regex on the name; with all namespaces on namespace/name', () => {
	const pods = [pod('myapp-pod'), pod('db-0', {namespace: 'data'}), pod('MyApp-2')];
	assert.deepEqual(names(selectRows(pods, {...byName, filter: compileFilter('^myapp').filter})), ['MyApp-2', 'myapp-pod']);
	assert.deepEqual(names(selectRows(pods, {...byName, allNamespaces: true, filter: compileFilter('^data/').filter})), ['db-0']);
	assert.deepEqual(compileFilter('(['), {error: 'invalid regular expression'});
	assert.deepEqual(compileFilter(''), {});
});

test('init-only keeps pods initializing, failing to initialize or stuck', () => {
	const pods = [pod('a'), pod('b', {health: 'initializing'}), pod('c', {health: 'init-failing'}), pod('d', {health: 'stuck'}), pod('e', {health: 'app-failing'})];
	assert.deepEqual(names(selectRows(pods, {...byName, initOnly: true})), ['b', 'c', 'd']);
});

test('the selection follows the pod by uid; falls back to the old position', () => {
	const before = [pod('a'), pod('b'), pod('c')];
	const after = [pod('0'), pod('a'), pod('b'), pod('c')];
	assert.equal(selectedIndexFor(after, 'uid-b', 1), 2);
	assert.equal(selectedIndexFor(before.filter(row => row.name !== 'b'), 'uid-b', 1), 1);
	assert.equal(selectedIndexFor([pod('a')], 'uid-gone', 5), 0);
	assert.equal(selectedIndexFor([], 'uid-a', 0), -1);
	assert.equal(selectedIndexFor(before, undefined, 0), 0);
});

test('the window moves only as far as needed to show the selection', () => {
	assert.equal(windowStart(0, 0, 10, 100), 0);
	assert.equal(windowStart(9, 0, 10, 100), 0);
	assert.equal(windowStart(10, 0, 10, 100), 1);
	assert.equal(windowStart(5, 3, 10, 100), 3);
	assert.equal(windowStart(2, 3, 10, 100), 2);
	assert.equal(windowStart(99, 0, 10, 100), 90);
	assert.equal(windowStart(5, 95, 10, 20), 5);
	assert.equal(windowStart(3, 7, 10, 5), 0);
});
