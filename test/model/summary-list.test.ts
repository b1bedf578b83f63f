import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {PodHealth, PodSummary} from '../../source/model/pod-health.js';
import {healthCounts} from '../../source/model/pod-health.js';
import {SummaryList} from '../../source/model/summary-list.js';

const summary = (uid: string, health: PodHealth = 'healthy') => ({uid, name: uid, namespace: 'default', health}) as PodSummary;

test('the summaries, their counts and their changes follow every set and removal', () => {
	const list = new SummaryList();
	const a = summary('a');
	const b = summary('b', 'stuck');
	const c = summary('c', 'init-failing');
	list.set('a', undefined, a);
	list.set('b', undefined, b);
	list.set('c', undefined, c);
	const first = list.publish();
	const firstVersion = list.version;
	assert.deepEqual(first, [a, b, c]);
	assert.equal(list.publish(), first, 'nothing changed: the same array');

	const b2 = summary('b', 'healthy');
	list.set('b', b, b2);
	list.remove('a');
	const second = list.publish();
	assert.deepEqual(first, [a, b, c], 'a published array never changes');
	assert.deepEqual(new Set(second), new Set([b2, c]));
	assert.deepEqual(list.changedSince(firstVersion), ['b', 'a']);
	assert.deepEqual(list.changedSince(list.version), []);
	assert.equal(list.current(), second, 'read before the next change: the published array, no copy');
	const c2 = summary('c', 'stuck');
	list.set('c', c, c2);
	assert.deepEqual(new Set(list.current()), new Set([b2, c2]), 'current() follows a change at once');
	assert.deepEqual(new Set(second), new Set([b2, c]), 'which the published array does not see');
	list.set('c', c2, c);
	assert.equal(list.summaryOf('b'), b2);
	assert.equal(list.summaryOf('a'), undefined);
	assert.equal(list.summaryOf('c'), c, 'moved into the place of the removed one');
	const {pods, initializing, failing, stuck} = list.counts();
	assert.deepEqual({pods, initializing, failing, stuck}, (({pods, initializing, failing, stuck}) => ({pods, initializing, failing, stuck}))(healthCounts(second)));

	// The last one moved into the removed one's place is still found by its uid.
	list.remove('c');
	list.remove('b');
	assert.deepEqual(list.publish(), []);
	assert.equal(list.counts().pods, 0);
	assert.equal(list.counts().stuck, 0);
	list.remove('b');
	assert.equal(list.size, 0);
});

test('old changes are dropped once there are many more than pods: the reader then does a full pass', () => {
	const list = new SummaryList();
	let current = summary('a');
	list.set('a', undefined, current);
	list.publish();
	const start = list.version;
	for (let i = 0; i < 1000; i++) {
		const next = summary('a', i % 2 ? 'stuck' : 'healthy');
		list.set('a', current, next);
		current = next;
		list.trim();
	}
	assert.equal(list.changedSince(start), undefined);
	assert.equal(list.changedSince(list.version - 10)?.length, 10);
	assert.equal(list.changedSince(list.version - 11), undefined, 'what the reader has read is dropped');
	assert.equal(list.changedSince(list.version - 10)?.length, 10);
	assert.equal(list.counts().stuck + list.counts().byHealth.healthy, 1);
});
