import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {describePod, rfc1123z, tabwrite} from '../../source/render/describe.js';
import type {Pod} from '../../source/model/k8s-types.js';
import {at, kubeletEvent, loadPod} from '../fixtures/findings/load.js';

const NOW = at('2026-01-01T00:10:00Z');

describe('tabwrite', () => {
	it('aligns a column over consecutive lines and restarts after a line without tabs', () => {
		assert.equal(tabwrite('a:\tx\nlonger:\ty\nbreak\nb:\tz'), 'a:       x\nlonger:  y\nbreak\nb:  z');
	});
	it('aligns nested columns only where lines have them (the reference container block)', () => {
		const text = [
			'    State:\tWaiting',
			'      Reason:\tCrashLoopBackOff',
			'    Last State:\tTerminated',
			'      Exit Code:\t1',
			'    Ready:\tFalse',
			'    Restart Count:\t4',
		].join('\n');
		assert.equal(tabwrite(text), [
			'    State:          Waiting',
			'      Reason:       CrashLoopBackOff',
			'    Last State:     Terminated',
			'      Exit Code:    1',
			'    Ready:          False',
			'    Restart Count:  4',
		].join('\n'));
	});
	it('aligns a second column only over the lines that have it', () => {
		assert.equal(tabwrite('a\tbb\tc\naaa\tb\tc\nx\ty'), 'a    bb  c\naaa  b   c\nx    y');
	});
});

describe('rfc1123z', () => {
	it('prints Go RFC1123Z in UTC and the zero time for absent values', () => {
		assert.equal(rfc1123z('2026-01-01T00:09:35Z'), 'Thu, 01 Jan 2026 00:09:35 +0000');
		assert.equal(rfc1123z('1970-01-01T00:00:00Z'), 'Thu, 01 Jan 1970 00:00:00 +0000');
		assert.equal(rfc1123z(undefined), 'Mon, 01 Jan 0001 00:00:00 +0000');
	});
});

describe('describePod', () => {
	const pod = loadPod('article-exit-127');
	const events = [
		kubeletEvent(pod, {reason: 'Pulled', container: 'init-failed-test', count: 4, first: '2026-01-01T00:05:46Z', last: '2026-01-01T00:09:09Z', message: 'Container image "busybox:1.28" already present on machine'}),
		kubeletEvent(pod, {reason: 'BackOff', type: 'Warning', container: 'init-failed-test', count: 20, first: '2026-01-01T00:01:00Z', last: '2026-01-01T00:09:50Z', message: 'Back-off restarting failed container init-failed-test in pod myapp-pod_default(5c9a)'}),
	];
	const text = describePod(pod, events, NOW).join('\n');

	it('lists init containers before containers, each with state, last state and restarts', () => {
		assert.ok(text.indexOf('Init Containers:') < text.indexOf('\nContainers:'));
		assert.match(text, /  init-failed-test:\n    Container ID:  \n    Image:         busybox:1\.28\n    Image ID:      \n    Port:          <none>\n    Host Port:     <none>\n    Command:\n      sh\n      -c\n      hello\.sh\n    State:          Waiting\n      Reason:       CrashLoopBackOff\n    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    127\n      Started:      Thu, 01 Jan 2026 00:09:09 \+0000\n      Finished:     Thu, 01 Jan 2026 00:09:10 \+0000\n    Ready:          False\n    Restart Count:  9\n/);
	});

	it('has the header, conditions (kubectl cells end with a space: the column is one wider), and the events table', () => {
		assert.match(text, /^Name:         myapp-pod\nNamespace:    default\nNode:         node1\/\n/);
		assert.match(text, /Conditions:\n  Type                        Status\n  PodReadyToStartContainers   True \n  Initialized                 False \n/);
		assert.match(text, /Events:\n  Type     Reason   Age                  From     Message\n  ----     ------   ----                 ----     -------\n  Normal   Pulled   51s \(x4 over 4m14s\)  kubelet  spec\.initContainers\{init-failed-test\}: Container image "busybox:1\.28" already present on machine\n  Warning  BackOff  10s \(x20 over 9m\)    kubelet  spec\.initContainers\{init-failed-test\}: Back-off/);
	});

	it('says <none> for no events and names the Secret an env var needs', () => {
		const secretPod: Pod = loadPod('iks-handson-7-secret-missing');
		const lines = describePod(secretPod, [], NOW).join('\n');
		assert.match(lines, /Events:  <none>$/);
		assert.match(lines, /PASSWORD:  <set to the key 'password' in secret 'my-password'>  Optional: false/);
		assert.match(lines, /Labels:       app=mychart\n              pod-template-hash=6bfc89db65\n              release=sample\n/);
	});
});
