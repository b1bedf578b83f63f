// Before the first init container (issue 18): volumes and the pod sandbox. The table (pod alone)
// and the drill-down (pod, events, PVC lookups) over fixtures from public reports; event texts as
// the kubelet and the attach/detach controller write them.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {classifySandboxError} from '../../source/model/findings/sandbox.js';
import {claimsToLookUp, parseMountTimeout, parseMultiAttach, unregisteredCsiDriver} from '../../source/model/findings/volumes.js';
import {summarizePod} from '../../source/model/pod-health.js';
import {podVerdict} from '../../source/model/verdict.js';
import type {Pod} from '../../source/model/k8s-types.js';
import {layoutTimeline} from '../../source/render/timeline.js';
import {at, kubeletEvent, loadPod} from '../fixtures/findings/load.js';
import {itDiagnoses, type DiagnoseCase} from '../fixtures/findings/cases.js';

const NOW = at('2026-01-01T00:10:00Z');
const EARLY = at('2026-01-01T00:00:40Z');

const IP_EXHAUSTED = 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "82c575cc978db00643b1bf84a4773c064c08dcb93dbd9741ba2e581bc7c5d545": plugin type="host-local" failed (add): failed to allocate for range 0: no IP addresses available in range set: 10.42.1.1-10.42.1.254';
const MOUNT_TIMEOUT = 'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[kube-api-access-7zbhd data], failed to process volumes=[]: timed out waiting for the condition';
const MULTI_ATTACH = 'Multi-Attach error for volume "pvc-19af27b8-fc0a-428d-bda5-552cb52b9806" Volume is already exclusively attached to one node and can\'t be attached to another';
const CSI = 'MountVolume.MountDevice failed for volume "pvc-d5685eee-7f6e-489d-b660-3b4e645c1b62" : kubernetes.io/csi: attacher.MountDevice failed to create newCsiDriverClient: driver name rook-ceph.cephfs.csi.ceph.com not found in the list of registered CSI drivers';

/** The scheduler's VolumeBinding PreFilter rejection on a 3-node cluster (schedule_one.go FitError). */
const UNBOUND_FIT_ERROR = '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';

/** The same pod before the scheduler placed it: no node, PodScheduled False Unschedulable. */
function unscheduled(pod: Pod, message: string): Pod {
	const {nodeName: _node, ...spec} = pod.spec;
	return {...pod, spec, status: {phase: 'Pending', qosClass: 'BestEffort', conditions: [{type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastTransitionTime: '2026-01-01T00:00:00Z'}]}};
}

const cases: DiagnoseCase[] = [
	{
		name: 'k3s#4682: the IP range is exhausted — FailedCreatePodSandBox read, stuck before init',
		fixture: 'sandbox-cni-ip-exhausted',
		facts: pod => ({events: [kubeletEvent(pod, {reason: 'FailedCreatePodSandBox', type: 'Warning', count: 31, first: '2026-01-01T00:00:01Z', last: '2026-01-01T00:09:40Z', message: IP_EXHAUSTED})]}),
		headline: /^Blocked before init: sandbox not created — the node's pod IP range is exhausted \(10\.42\.1\.1-10\.42\.1\.254\) — leaked IP leases/,
		families: ['sandbox', 'logs-trap'],
		details: /^Kubelet \(31×\): Failed to create pod sandbox: .*no IP addresses available/,
	},
	{
		name: 'within the threshold the same pod is waiting, not blocked, and says why',
		fixture: 'sandbox-cni-ip-exhausted',
		now: EARLY,
		facts: pod => ({events: [kubeletEvent(pod, {reason: 'FailedCreatePodSandBox', type: 'Warning', first: '2026-01-01T00:00:01Z', message: IP_EXHAUSTED})]}),
		headline: /^Waiting: sandbox and volumes 40s — sandbox not created — the node's pod IP range is exhausted/,
		families: ['sandbox', 'logs-trap'],
	},
	{
		name: 'no events yet: starting, preparing the sandbox',
		fixture: 'sandbox-cni-ip-exhausted',
		now: EARLY,
		headline: /^Starting: preparing the pod's sandbox and volumes 40s$/,
		families: ['logs-trap'],
	},
	{
		name: 'a PVC that stays Pending: no StorageClass (read with GET)',
		fixture: 'volume-pvc-pending',
		facts: pod => ({
			events: [kubeletEvent(pod, {reason: 'FailedMount', type: 'Warning', count: 4, first: '2026-01-01T00:02:01Z', last: '2026-01-01T00:08:05Z', message: MOUNT_TIMEOUT})],
			claims: {'db/data-postgres-0': {exists: true, phase: 'Pending', accessModes: ['ReadWriteOnce']}},
		}),
		headline: /^Blocked before start: volume data: PVC data-postgres-0 is Pending: no StorageClass set \(and no default\)/,
		families: ['volume'],
	},
	{
		name: 'not scheduled for an unbound claim: the claim read with GET says why, the FitError stays as evidence',
		fixture: 'volume-pvc-pending',
		facts: pod => ({
			pod: unscheduled(pod, UNBOUND_FIT_ERROR),
			claims: {'db/data-postgres-0': {exists: true, phase: 'Pending', accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', storageClass: {exists: false}}},
		}),
		headline: /^Blocked before init: not scheduled — volume data: PVC data-postgres-0 is Pending: StorageClass fast-ssd does not exist$/,
		families: ['scheduling', 'volume'],
		first: /^not scheduled \(Unschedulable\) — 0\/3 nodes are available: pod has unbound immediate PersistentVolumeClaims\./,
	},
	{
		name: 'not scheduled and the claim cannot be read: the scheduler\'s FitError is the headline',
		fixture: 'volume-pvc-pending',
		facts: pod => ({pod: unscheduled(pod, UNBOUND_FIT_ERROR), claims: {'db/data-postgres-0': {error: 'persistentvolumeclaims "data-postgres-0" is forbidden', forbidden: true}}}),
		headline: /^Blocked before init: not scheduled \(Unschedulable\) — 0\/3 nodes are available: pod has unbound immediate PersistentVolumeClaims\./,
		families: ['scheduling', 'volume'],
	},
	{
		name: 'a PVC whose StorageClass does not exist',
		fixture: 'volume-pvc-pending',
		facts: () => ({claims: {'db/data-postgres-0': {exists: true, phase: 'Pending', accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', storageClass: {exists: false}}}}),
		headline: /^Blocked before start: volume data: PVC data-postgres-0 is Pending: StorageClass fast-ssd does not exist$/,
		families: ['volume'],
	},
	{
		name: 'a PVC that does not exist',
		fixture: 'volume-pvc-pending',
		facts: () => ({claims: {'db/data-postgres-0': {exists: false}}}),
		headline: /^Blocked before start: volume data: PVC data-postgres-0 does not exist in db$/,
		families: ['volume'],
	},
	{
		name: 'RBAC forbids reading the PVC: said, and the kubelet\'s mount timeout still explains',
		fixture: 'volume-pvc-pending',
		facts: pod => ({
			events: [kubeletEvent(pod, {reason: 'FailedMount', type: 'Warning', count: 4, first: '2026-01-01T00:02:01Z', last: '2026-01-01T00:08:05Z', message: MOUNT_TIMEOUT})],
			claims: {'db/data-postgres-0': {error: 'persistentvolumeclaims "data-postgres-0" is forbidden', forbidden: true}},
		}),
		headline: /^Blocked before start: volumes data not mounted: timed out waiting for the condition \(PVC data-postgres-0\)$/,
		families: ['volume', 'volume'],
	},
	{
		name: 'vsphere-csi-driver known issue: Multi-Attach error for a ReadWriteOnce volume',
		fixture: 'volume-multi-attach',
		facts: pod => ({events: [
			{...kubeletEvent(pod, {reason: 'FailedAttachVolume', type: 'Warning', first: '2026-01-01T00:00:02Z', message: MULTI_ATTACH}), source: {component: 'attachdetach-controller'}},
			kubeletEvent(pod, {reason: 'FailedMount', type: 'Warning', count: 3, first: '2026-01-01T00:02:03Z', last: '2026-01-01T00:06:07Z', message: 'Unable to attach or mount volumes: unmounted volumes=[persistent-storage], unattached volumes=[persistent-storage], failed to process volumes=[]: timed out waiting for the condition'}),
		]}),
		headline: /^Blocked before init: volume pvc-19af27b8-fc0a-428d-bda5-552cb52b9806 is still attached to another node — a ReadWriteOnce volume attaches to one node at a time$/,
		families: ['volume', 'logs-trap'],
	},
	{
		name: 'a CSI driver not registered on the node',
		fixture: 'volume-multi-attach',
		facts: pod => ({events: [kubeletEvent(pod, {reason: 'FailedMount', type: 'Warning', count: 7, first: '2026-01-01T00:00:02Z', last: '2026-01-01T00:09:00Z', message: CSI})]}),
		headline: /^Blocked before init: volume pvc-d5685eee-7f6e-489d-b660-3b4e645c1b62: CSI driver rook-ceph\.cephfs\.csi\.ceph\.com is not registered on worker-3$/,
		families: ['volume', 'logs-trap'],
		details: /kubectl get csinode worker-3 -o yaml/,
	},
	{
		name: 'an image volume that cannot be pulled blocks the first init container',
		fixture: 'image-volume-pull',
		facts: pod => ({events: [kubeletEvent(pod, {reason: 'Failed', type: 'Warning', count: 6, first: '2026-01-01T00:00:03Z', last: '2026-01-01T00:09:10Z', message: 'Failed to pull image "registry.example/models/llama:v3-typo": rpc error: code = NotFound desc = failed to pull and unpack image "registry.example/models/llama:v3-typo": not found'})]}),
		headline: /^Blocked at init 1\/1 check-weights: image volume weights cannot be pulled: "registry\.example\/models\/llama:v3-typo" — the image or tag does not exist$/,
		families: ['volume', 'logs-trap'],
	},
];

describe('before the first init container: findings', () => {
	itDiagnoses(cases);
});

describe('before the first init container: the verdict from the pod alone', () => {
	it('PodReadyToStartContainers False: stage sandbox, progressing then stuck; the table says so without events', () => {
		const pod = loadPod('sandbox-cni-ip-exhausted');
		assert.deepEqual([podVerdict(pod, EARLY).stage, podVerdict(pod, EARLY).progress], ['sandbox', 'progressing']);
		const verdict = podVerdict(pod, NOW);
		assert.deepEqual([verdict.stage, verdict.progress, verdict.reason, verdict.blocker], ['sandbox', 'stuck', 'sandbox', undefined]);
		const row = summarizePod(pod, NOW);
		assert.equal(row.health, 'stuck');
		assert.equal(row.why, 'sandbox and volumes not ready after 10m, no container created');
		assert.equal(row.initCause, true, 'its init containers cannot start: `i` shows it');
		assert.equal(summarizePod(pod, EARLY).health, 'initializing');
	});
	it('without the condition (before 1.29), no pod IP means no sandbox yet; a pod IP means init', () => {
		const pod = loadPod('volume-multi-attach');
		assert.equal(podVerdict(pod, NOW).stage, 'sandbox');
		pod.status!.podIP = '10.244.2.9';
		assert.equal(podVerdict(pod, NOW).stage, 'init');
	});
	it('sandbox ready (condition True) or a container with a failure of its own: not the sandbox stage', () => {
		assert.equal(podVerdict(loadPod('image-volume-pull'), NOW).stage, 'init');
		assert.equal(podVerdict(loadPod('image-pull'), NOW).stage, 'init');
		assert.equal(podVerdict(loadPod('healthy'), NOW).stage, 'running');
	});
	it('replicas stuck before their sandbox share a fingerprint', () => {
		const a = loadPod('sandbox-cni-ip-exhausted');
		const b = loadPod('sandbox-cni-ip-exhausted');
		b.metadata.name = 'web-7c9d8f6b5-q8rtz';
		b.metadata.uid = '46820000-0000-4000-8000-000000000002';
		assert.equal(podVerdict(a, NOW).fingerprint, podVerdict(b, NOW).fingerprint);
	});
});

describe('before the first init container: the timeline', () => {
	it('the pod lane says sandbox and marks the wait with the warning behind it', () => {
		const pod = loadPod('sandbox-cni-ip-exhausted');
		const events = [kubeletEvent(pod, {reason: 'FailedCreatePodSandBox', type: 'Warning', count: 31, first: '2026-01-01T00:00:01Z', last: '2026-01-01T00:09:40Z', message: IP_EXHAUSTED})];
		const lane = layoutTimeline({pod, events, now: NOW, width: 120}).lanes[0]!;
		assert.equal(lane.summary, 'sandbox 10m');
		const wait = lane.segments.find(segment => segment.kind === 'prestart')!;
		assert.deepEqual([wait.blocked, wait.reason], [true, 'FailedCreatePodSandBox']);
		const started = layoutTimeline({pod: loadPod('image-pull'), events: [], now: NOW, width: 120}).lanes[0]!;
		assert.doesNotMatch(started.summary, /^sandbox/);
	});
});

describe('before the first init container: reading the messages', () => {
	it('sandbox errors: CNI, IP range, runtime handler', () => {
		assert.equal(classifySandboxError(IP_EXHAUSTED).kind, 'ip-exhausted');
		assert.equal(classifySandboxError('Failed to create pod sandbox: rpc error: code = Unknown desc = failed to set up sandbox container "3f2a" network for pod "web": networkPlugin cni failed to set up pod "web_shop" network: plugin type="calico" failed (add): stat /var/lib/calico/nodename: no such file or directory').reading, 'the CNI plugin calico could not set up the pod\'s network — check the CNI pods on the node');
		assert.match(classifySandboxError('Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "kata" is configured').reading, /^runtime handler kata is not configured/);
	});
	it('the kubelet\'s mount timeout, old and new wording', () => {
		assert.deepEqual(parseMountTimeout(MOUNT_TIMEOUT), {unmounted: ['data'], unattached: ['kube-api-access-7zbhd', 'data'], cause: 'timed out waiting for the condition'});
		assert.deepEqual(parseMountTimeout('Unable to attach or mount volumes: unmounted volumes=[job-logs], unattached volumes=[job-logs]: context deadline exceeded')?.cause, 'context deadline exceeded');
	});
	it('Multi-Attach and CSI driver messages', () => {
		assert.deepEqual(parseMultiAttach('Multi-Attach error for volume "pvc-1" Volume is already used by pod(s) registry-0, registry-1'), {volume: 'pvc-1', holders: 'registry-0, registry-1'});
		assert.equal(unregisteredCsiDriver(CSI), 'rook-ceph.cephfs.csi.ceph.com');
	});
	it('PVCs are looked up only while no container was created', () => {
		assert.deepEqual(claimsToLookUp(loadPod('volume-pvc-pending')), [{namespace: 'db', name: 'data-postgres-0'}]);
		assert.deepEqual(claimsToLookUp(loadPod('healthy')), []);
	});
});
