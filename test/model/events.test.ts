import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {containerOfFieldPath, eventRows} from '../../source/model/events.js';
import type {KubeEvent} from '../../source/model/k8s-types.js';
import {at, kubeletEvent, loadPod} from '../fixtures/findings/load.js';

const NOW = at('2026-01-01T00:10:00Z');
const pod = loadPod('article-exit-127');

describe('eventRows', () => {
	const scheduled: KubeEvent = {
		metadata: {name: 'myapp-pod.1', uid: 'sched'},
		involvedObject: {kind: 'Pod', name: 'myapp-pod', namespace: 'default'},
		reason: 'Scheduled', type: 'Normal', message: 'Successfully assigned default/myapp-pod to node1',
		eventTime: '2026-01-01T00:00:00.000000Z', reportingController: 'default-scheduler', source: {},
	};
	const pulled = kubeletEvent(pod, {reason: 'Pulled', container: 'init-failed-test', count: 4, first: '2026-01-01T00:05:46Z', last: '2026-01-01T00:09:09Z', message: 'Container image "busybox:1.28" already present on machine'});
	const backOff = kubeletEvent(pod, {reason: 'BackOff', type: 'Warning', container: 'init-failed-test', count: 20, first: '2026-01-01T00:01:00Z', last: '2026-01-01T00:09:50Z', message: 'Back-off restarting failed container init-failed-test in pod myapp-pod_default(5c9a)'});
	const started = kubeletEvent(pod, {reason: 'Started', container: 'init-myservice', first: '2026-01-01T00:00:01Z', message: 'Container started'});

	it('sorts by last time (scheduler events without lastTimestamp first) and formats describe ages', () => {
		const rows = eventRows([backOff, pulled, started, scheduled], NOW);
		assert.deepEqual(rows.map(r => [r.type, r.reason, r.age, r.from]), [
			['Normal', 'Scheduled', '10m', 'default-scheduler'],
			['Normal', 'Started', '9m59s', 'kubelet'],
			['Normal', 'Pulled', '51s (x4 over 4m14s)', 'kubelet'],
			['Warning', 'BackOff', '10s (x20 over 9m)', 'kubelet'],
		]);
		assert.deepEqual(rows.map(r => r.warning), [false, false, false, true]);
	});

	it('prefixes the fieldPath like kubectl 1.35+ and names the container', () => {
		const [row] = eventRows([backOff], NOW);
		assert.equal(row!.describeMessage, 'spec.initContainers{init-failed-test}: Back-off restarting failed container init-failed-test in pod myapp-pod_default(5c9a)');
		assert.equal(row!.container, 'init-failed-test');
	});

	it('merges identical events: counts add up, first and last widen', () => {
		const again = {...backOff, metadata: {name: 'other', uid: 'other'}, count: 3, firstTimestamp: '2025-12-31T23:59:00Z', lastTimestamp: '2026-01-01T00:09:58Z'};
		const rows = eventRows([backOff, again], NOW);
		assert.equal(rows.length, 1);
		assert.equal(rows[0]!.count, 23);
		assert.equal(rows[0]!.age, '2s (x23 over 11m)');
	});

	it('keeps events that differ in message or container apart', () => {
		const other = kubeletEvent(pod, {reason: 'Pulled', container: 'init-mydb', count: 1, first: '2026-01-01T00:00:08Z', message: 'Container image "busybox:1.28" already present on machine'});
		assert.equal(eventRows([pulled, other], NOW).length, 2);
	});

	it('uses series for events.k8s.io events', () => {
		const series: KubeEvent = {...scheduled, reason: 'BackOff', type: 'Warning', series: {count: 7, lastObservedTime: '2026-01-01T00:09:30.000000Z'}};
		assert.equal(eventRows([series], NOW)[0]!.age, '30s (x7 over 10m)');
	});
});

describe('containerOfFieldPath', () => {
	it('reads init, app and ephemeral container paths', () => {
		assert.equal(containerOfFieldPath('spec.initContainers{init-x}'), 'init-x');
		assert.equal(containerOfFieldPath('spec.containers{app}'), 'app');
		assert.equal(containerOfFieldPath('spec.ephemeralContainers{debugger}'), 'debugger');
		assert.equal(containerOfFieldPath(undefined), undefined);
	});
});
