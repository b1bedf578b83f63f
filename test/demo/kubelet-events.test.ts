// Kubelet events: client-go style dedupe (count, firstTimestamp kept, lastTimestamp moves), names,
// the spam filter, and the scheduler's events.k8s.io-shaped Scheduled event.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {KubeEvent, Pod} from '../../source/model/k8s-types.js';
import {memoryBackend} from '../../demo/backend.js';
import {EventRecorder} from '../../demo/events.js';
import {ClusterStore, nowRfc3339} from '../../demo/store.js';

const pod: Pod = {metadata: {name: 'myapp-pod', namespace: 'default', uid: 'u-1'}, spec: {containers: [{name: 'app'}]}};

function recorder(speed = 1) {
	const store = new ClusterStore();
	const events = new EventRecorder(memoryBackend(store, {append() {}}), 'demo-node', speed);
	const list = () => store.list('events', 'default').items as unknown as KubeEvent[];
	return {events, list};
}

test('identical events merge into one with a count; firstTimestamp stays, lastTimestamp moves', async t => {
	t.mock.timers.enable({apis: ['Date'], now: Date.now()});
	const {events, list} = recorder();
	const input = {pod, type: 'Normal' as const, reason: 'Pulled', message: 'Container image "busybox:1.28" already present on machine', fieldPath: 'spec.initContainers{init-a}'};
	await events.record(input);
	const first = list()[0];
	assert.match(first.metadata.name, /^myapp-pod\.[0-9a-f]{16}$/);
	assert.equal(first.count, 1);
	assert.equal(first.firstTimestamp, first.lastTimestamp);
	assert.deepEqual(first.source, {component: 'kubelet', host: 'demo-node'});
	assert.equal(first.involvedObject.fieldPath, 'spec.initContainers{init-a}');
	assert.equal(first.involvedObject.uid, 'u-1');
	t.mock.timers.tick(1000);
	assert.notEqual(nowRfc3339(), first.firstTimestamp);
	await events.record(input);
	await events.record(input);
	assert.equal(list().length, 1);
	const merged = list()[0];
	assert.equal(merged.metadata.name, first.metadata.name);
	assert.equal(merged.count, 3);
	assert.equal(merged.firstTimestamp, first.firstTimestamp);
	assert.notEqual(merged.lastTimestamp, first.lastTimestamp);

	// Another container (fieldPath) or another message is another event.
	await events.record({...input, fieldPath: 'spec.initContainers{init-b}'});
	await events.record({...input, message: 'Container created', reason: 'Created'});
	assert.equal(list().length, 3);
	assert.equal(new Set(list().map(e => e.metadata.name)).size, 3);
});

test('the spam filter lets a burst of 25 through, then one per 5 minutes', async t => {
	// The refill follows Date.now(): a virtual clock, so a busy machine cannot add minutes.
	t.mock.timers.enable({apis: ['Date'], now: Date.now()});
	const {events, list} = recorder(1);
	const input = {pod, type: 'Warning' as const, reason: 'BackOff', message: 'Back-off restarting failed container app in pod myapp-pod_default(u-1)', fieldPath: 'spec.containers{app}'};
	for (let i = 0; i < 40; i++) await events.record(input);
	assert.equal(list()[0].count, 25);

	// At speed 600 five minutes pass in half a second: 600 ms is six minutes, one more event.
	const fast = recorder(600);
	for (let i = 0; i < 30; i++) await fast.events.record(input);
	assert.equal(fast.list()[0].count, 25);
	t.mock.timers.tick(600);
	await fast.events.record(input);
	await fast.events.record(input);
	assert.equal(fast.list()[0].count, 26);
});

test('Scheduled comes from default-scheduler in the events.k8s.io shape', async () => {
	const {events, list} = recorder();
	await events.scheduled(pod);
	const [event] = list();
	assert.equal(event.reason, 'Scheduled');
	assert.equal(event.type, 'Normal');
	assert.equal(event.message, 'Successfully assigned default/myapp-pod to demo-node');
	assert.equal(event.reportingComponent, 'default-scheduler');
	assert.equal(event.firstTimestamp, null);
	assert.equal(event.lastTimestamp, null);
	assert.match(event.eventTime ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
	assert.equal(event.involvedObject.fieldPath, undefined);
});
