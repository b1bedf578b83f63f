// Cause fingerprints: replicas of one owner stuck the same way share one; a different owner,
// blocker or reason class gives another. Names, uids, IPs, timestamps and counts do not matter.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {normalizeMessage} from '../../source/model/fingerprint.js';
import type {Pod} from '../../source/model/k8s-types.js';
import {podOwner} from '../../source/model/owner.js';
import {podVerdict} from '../../source/model/verdict.js';
import {at, loadPod} from '../fixtures/findings/load.js';

const NOW = at('2026-01-01T00:10:00Z');

/** The article's exit-127 pod as replica `suffix` of ReplicaSet `rs` (Deployment `deployment`). */
function replica(deployment: string, hash: string, suffix: string, tweak: (pod: Pod) => void = () => {}): Pod {
	const pod = loadPod('article-exit-127');
	const name = `${deployment}-${hash}-${suffix}`;
	const uid = `${[...suffix].map(c => c.charCodeAt(0).toString(16)).join('').slice(0, 8).padEnd(8, '0')}-1111-4222-8333-444455556666`;
	pod.metadata = {
		...pod.metadata,
		name,
		generateName: `${deployment}-${hash}-`,
		uid,
		labels: {app: deployment, 'pod-template-hash': hash},
		ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${deployment}-${hash}`, uid: 'rs-uid', controller: true}],
	};
	const failing = pod.status!.initContainerStatuses![2]!;
	failing.state!.waiting!.message = `back-off 2m40s restarting failed container=init-failed-test pod=${name}_default(${uid})`;
	tweak(pod);
	return pod;
}

const fingerprint = (pod: Pod) => podVerdict(pod, NOW).fingerprint;

describe('cause fingerprint', () => {
	it('replicas of one Deployment stuck the same way share it, whatever their names, uids, IPs, counts and times', () => {
		const a = replica('api', '7d9f8b6c5', 'x2k4q');
		const b = replica('api', '7d9f8b6c5', 'b8r2m', pod => {
			pod.status!.podIP = '10.244.3.17';
			const failing = pod.status!.initContainerStatuses![2]!;
			failing.restartCount = 3;
			failing.lastState!.terminated!.finishedAt = '2026-01-01T00:09:12Z';
			failing.lastState!.terminated!.containerID = 'containerd://0f0f0f0f0f0f0f0f';
			failing.state!.waiting!.message = failing.state!.waiting!.message!.replace('2m40s', '40s');
		});
		assert.ok(fingerprint(a));
		assert.equal(fingerprint(a), fingerprint(b));
		assert.match(fingerprint(a)!, /^Deployment\/default\/api\|init\|init-failed-test\|exit:127\|/);
	});

	it('a different owner, blocker or reason class gives a different one', () => {
		const base = fingerprint(replica('api', '7d9f8b6c5', 'x2k4q'));
		const otherOwner = fingerprint(replica('web', '5c6d7e8f9', 'x2k4q'));
		const otherBlocker = fingerprint(replica('api', '7d9f8b6c5', 'x2k4q', pod => {
			pod.spec.initContainers![2]!.name = 'init-migrate';
			pod.status!.initContainerStatuses![2]!.name = 'init-migrate';
		}));
		const otherReason = fingerprint(replica('api', '7d9f8b6c5', 'x2k4q', pod => {
			pod.status!.initContainerStatuses![2]!.lastState!.terminated!.exitCode = 1;
		}));
		const imagePull = fingerprint(replica('api', '7d9f8b6c5', 'x2k4q', pod => {
			const status = pod.status!.initContainerStatuses![2]!;
			status.state = {waiting: {reason: 'ImagePullBackOff', message: 'Back-off pulling image "busybox:1.28"'}};
		}));
		const values = [base, otherOwner, otherBlocker, otherReason, imagePull];
		assert.equal(new Set(values).size, values.length, values.join('\n'));
	});

	it('a pod without a controller is its own owner; healthy pods have none', () => {
		assert.deepEqual(podOwner(loadPod('article-exit-127')), {kind: 'Pod', name: 'myapp-pod', namespace: 'default'});
		assert.equal(podVerdict(loadPod('healthy'), NOW).fingerprint, undefined);
	});

	it('follows a ReplicaSet to its Deployment only when the pod-template-hash says so', () => {
		const pod = replica('api', '7d9f8b6c5', 'x2k4q');
		assert.deepEqual(podOwner(pod), {kind: 'Deployment', name: 'api', namespace: 'default', via: {kind: 'ReplicaSet', name: 'api-7d9f8b6c5'}});
		pod.metadata.labels = {app: 'api'};
		assert.deepEqual(podOwner(pod), {kind: 'ReplicaSet', name: 'api-7d9f8b6c5', namespace: 'default'});
	});
});

describe('normalizeMessage', () => {
	const pod = replica('api', '7d9f8b6c5', 'x2k4q');
	const cases: Array<[string, string]> = [
		['back-off 5m0s restarting failed container=init pod=api-7d9f8b6c5-x2k4q_default(78326b34-1111-4222-8333-444455556666)', 'back-off <d> restarting failed container=init pod=<pod>_default(<uid>)'],
		['Failed to pull image "reg.example:5000/api:1.2": dial tcp 10.0.0.7:5000: i/o timeout', 'Failed to pull image "reg.example:<n>/api:<n>.<n>": dial tcp <ip>: i/o timeout'],
		['0/3 nodes are available: 3 Insufficient memory.', '<n>/<n> nodes are available: <n> Insufficient memory.'],
		['failed at 2026-01-01T00:09:12Z on containerd://abcdef0123456789', 'failed at <time> on <container>'],
		['pod api-7d9f8b6c5-zzzzz and [fd00::1]:443 timed out', 'pod <pod> and <ip> timed out'],
	];
	for (const [input, output] of cases) it(input, () => assert.equal(normalizeMessage(input, pod), output));
});
