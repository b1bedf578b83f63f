// pods/{name}/log on the demo API server: options, container selection, the instance chosen from
// the pod status, follow, and every error text of k8s-semantics.md §5.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {api, crashLoopPod, openStream, runningPod, until} from './server-fixtures.js';

let cluster: DemoCluster;
const base = '/api/v1/namespaces/default/pods';
const t0 = Date.parse('2026-01-02T03:04:05.123Z');

before(async () => {
	cluster = await startDemoCluster({kubelet: false, tls: false});
	cluster.store.create('pods', crashLoopPod());
	cluster.store.create('pods', runningPod('web'));
	const {logs} = cluster;
	logs.append('default', 'myapp-pod', 'init-failed-test', 'containerd://ccc3', 'sh: hello.sh: not found (third run)', t0);
	logs.append('default', 'myapp-pod', 'init-failed-test', 'containerd://ccc4', 'sh: hello.sh: not found', t0);
	logs.append('default', 'web', 'app', 'containerd://web-1', 'one\ntwo\n', t0);
	logs.append('default', 'web', 'app', 'containerd://web-1', 'three', Date.now());
});
after(() => cluster.stop());

const log = (pod: string, query = '') => api(cluster, `${base}/${pod}/log${query}`, {accept: '*/*'});

describe('pods/log', () => {
	test('the single main container is the default; text/plain, one line each', async () => {
		const response = await log('web');
		assert.equal(response.status, 200);
		assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
		assert.equal(response.text, 'one\ntwo\nthree\n');
	});

	test('an app container waiting behind init containers: 400 PodInitializing, verbatim', async () => {
		const response = await log('myapp-pod');
		assert.equal(response.status, 400);
		assert.deepEqual(response.json, {
			kind: 'Status',
			apiVersion: 'v1',
			metadata: {},
			status: 'Failure',
			message: 'container "myapp-container" in pod "myapp-pod" is waiting to start: PodInitializing',
			reason: 'BadRequest',
			code: 400,
		});
	});

	test('a crash-looping init container serves its last terminated instance; previous has none', async () => {
		assert.equal((await log('myapp-pod', '?container=init-failed-test')).text, 'sh: hello.sh: not found\n');
		const previous = await log('myapp-pod', '?container=init-failed-test&previous=true');
		assert.equal(previous.text, 'sh: hello.sh: not found\n', 'previous = lastState.terminated.containerID');
		const noPrevious = await log('web', '?previous=true');
		assert.equal(noPrevious.status, 400);
		assert.equal(noPrevious.json.message, 'previous terminated container "app" in pod "web" not found');
	});

	test('tailLines (0 honoured), timestamps in fixed RFC3339Nano, sinceSeconds, sinceTime, limitBytes', async () => {
		assert.equal((await log('web', '?tailLines=2')).text, 'two\nthree\n');
		assert.equal((await log('web', '?tailLines=0')).text, '');
		assert.equal((await log('web', '?tailLines=1&timestamps=true')).text.replace(/^\S+ /, 'TS '), 'TS three\n');
		assert.equal((await log('web', '?tailLines=3&timestamps=true')).text.split('\n')[0], '2026-01-02T03:04:05.123000000Z one');
		assert.equal((await log('web', '?sinceSeconds=60')).text, 'three\n');
		assert.equal((await log('web', '?sinceTime=2026-01-02T03:04:05Z')).text, 'one\ntwo\nthree\n');
		assert.equal((await log('web', '?limitBytes=5')).text, 'one\nt');
	});

	test('invalid options are 422 with the validation message', async () => {
		const tail = await log('web', '?tailLines=-1');
		assert.equal(tail.status, 422);
		assert.equal(tail.json.message, 'PodLogOptions "web" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0');
		const both = await log('web', '?sinceSeconds=5&sinceTime=2026-01-02T03:04:05Z');
		assert.equal(both.json.message, 'PodLogOptions "web" is invalid: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified');
		assert.equal((await log('web', '?limitBytes=0')).json.message, 'PodLogOptions "web" is invalid: limitBytes: Invalid value: 0: must be greater than 0');
	});

	test('container selection errors, 404 and 204', async () => {
		cluster.store.create('pods', {metadata: {name: 'two', namespace: 'default'}, spec: {nodeName: 'n', initContainers: [{name: 'i'}], containers: [{name: 'a'}, {name: 'b'}]}, status: {}});
		const many = await log('two');
		assert.equal(many.json.message, 'a container name must be specified for pod two, choose one of: [i a b]');
		assert.equal((await log('two', '?container=zz')).json.message, 'container zz is not valid for pod two');
		assert.equal((await log('two', '?container=a')).json.message, 'container "a" in pod "two" is not available');
		const missing = await log('nope');
		assert.equal(missing.status, 404);
		assert.equal(missing.json.message, 'pods "nope" not found');
		cluster.store.create('pods', {metadata: {name: 'unscheduled', namespace: 'default'}, spec: {containers: [{name: 'a'}]}, status: {phase: 'Pending'}});
		const unscheduled = await log('unscheduled');
		assert.equal(unscheduled.status, 204);
		assert.equal(unscheduled.text, '');
	});

	test('waiting reasons: image pull errors and no state at all', async () => {
		const waiting = (name: string, state: object) =>
			cluster.store.create('pods', {
				metadata: {name, namespace: 'default'},
				spec: {nodeName: 'n', containers: [{name: 'c'}]},
				status: {containerStatuses: [{name: 'c', ready: false, restartCount: 0, state}]},
			});
		waiting('pull', {waiting: {reason: 'ErrImagePull'}});
		waiting('backoff', {waiting: {reason: 'ImagePullBackOff'}});
		waiting('config', {waiting: {reason: 'CreateContainerConfigError'}});
		waiting('blank', {});
		assert.equal((await log('pull')).json.message, `container "c" in pod "pull" is waiting to start: image can't be pulled`);
		assert.equal((await log('backoff')).json.message, 'container "c" in pod "backoff" is waiting to start: trying and failing to pull image');
		assert.equal((await log('config')).json.message, 'container "c" in pod "config" is waiting to start: CreateContainerConfigError');
		assert.equal((await log('blank')).json.message, 'container "c" in pod "blank" is waiting to start - no logs yet');
	});

	test('follow streams new lines of the running instance, flushed per line, and ends when it terminates', async () => {
		const stream = await openStream(cluster, `${base}/web/log?follow=true&tailLines=1`, '*/*');
		await until('the tail line', () => stream.lines.length >= 1);
		cluster.logs.append('default', 'web', 'app', 'containerd://web-1', 'four');
		await until('a new line', () => stream.lines.length >= 2);
		cluster.logs.append('default', 'web', 'app', 'containerd://other', 'not this instance');
		assert.ok(!stream.ended);
		cluster.store.update<any>('pods', 'default', 'web', pod => {
			pod.status.containerStatuses[0].state = {terminated: {exitCode: 0, reason: 'Completed', containerID: 'containerd://web-1'}};
		});
		await stream.done;
		assert.deepEqual(stream.lines, ['three', 'four']);
	});

	test('follow of a terminated instance returns its log and ends', async () => {
		const stream = await openStream(cluster, `${base}/myapp-pod/log?follow=true&container=init-failed-test`, '*/*');
		await stream.done;
		assert.deepEqual(stream.lines, ['sh: hello.sh: not found']);
	});
});
