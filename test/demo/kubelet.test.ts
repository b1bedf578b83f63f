// The simulated kubelet on pods a user creates (no scenario): ordering, statuses, conditions,
// back-off, restart policy, deletion, timers.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Container, Pod} from '../../source/model/k8s-types.js';
import {startKubelet} from '../../demo/kubelet.js';
import {memoryBackend} from '../../demo/backend.js';
import {ClusterStore} from '../../demo/store.js';
import {startHarness, waitFor, type Harness} from './kubelet-harness.js';
import {advanceBy, advanceUntil, freezeClock} from './virtual-clock.js';

const busybox = (name: string, script: string, fields: Partial<Container> = {}): Container => ({name, image: 'busybox:1.28', command: ['sh', '-c', script], ...fields});

function userPod(name: string, spec: Partial<Pod['spec']> & {containers: Container[]}): Pod {
	return {apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace: 'default'}, spec};
}

/** What `kubectl create` does: the API server stores the pod Pending, without node. */
function create(h: Harness, pod: Pod): void {
	void h.backend.createPod(pod);
}

test('a created pod is scheduled, then its init containers run one at a time in spec order', async t => {
	const h = startHarness([], 20);
	t.after(() => h.stop());
	// Invariant on every write: init-b never starts before init-a exited 0; the app never before both.
	const violations: string[] = [];
	h.store.subscribe(change => {
		if (change.kind !== 'pods' || change.object.metadata.name !== 'ordered') return;
		const status = (change.object as unknown as Pod).status;
		const inits = status?.initContainerStatuses ?? [];
		const app = status?.containerStatuses?.[0];
		const a = inits.find(s => s.name === 'init-a');
		const b = inits.find(s => s.name === 'init-b');
		if (b?.state?.running && a?.state?.terminated?.exitCode !== 0) violations.push('init-b ran before init-a completed');
		if (app?.state?.running && b?.state?.terminated?.exitCode !== 0) violations.push('app ran before init-b completed');
	});
	create(h, userPod('ordered', {
		initContainers: [busybox('init-a', 'echo preparing && sleep 2'), busybox('init-b', 'echo second && sleep 1')],
		containers: [busybox('app', 'echo The app is running! && sleep 3600')],
	}));
	await waitFor('Running', () => h.row('default', 'ordered')?.status === 'Running');
	assert.deepEqual(violations, []);
	assert.deepEqual(h.statuses('default', 'ordered'), ['Pending', 'Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);

	const pod = h.pod('default', 'ordered')!;
	assert.equal(pod.spec.nodeName, 'demo-node');
	const scheduled = h.events('default', 'ordered').find(event => event.reason === 'Scheduled');
	assert.equal(scheduled?.message, 'Successfully assigned default/ordered to demo-node');
	assert.equal(scheduled?.reportingComponent, 'default-scheduler');

	// The kubelet's first report: everything waiting PodInitializing, conditions in kubelet order.
	const first = h.history('default', 'ordered').find(o => o.pod.status?.initContainerStatuses)!.pod.status!;
	assert.equal(first.phase, 'Pending');
	assert.ok(first.startTime);
	assert.deepEqual(first.conditions!.map(c => c.type), ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
	const initialized = first.conditions!.find(c => c.type === 'Initialized')!;
	assert.equal(initialized.status, 'False');
	assert.equal(initialized.reason, 'ContainersNotInitialized');
	assert.equal(initialized.message, 'containers with incomplete status: [init-a init-b]');
	assert.match(initialized.lastTransitionTime ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	assert.deepEqual(first.initContainerStatuses!.map(s => s.state?.waiting?.reason), ['PodInitializing', 'PodInitializing']);
	assert.equal(first.containerStatuses![0].state?.waiting?.reason, 'PodInitializing');

	// Final: init containers Completed and ready, the app running and ready, conditions True.
	const status = pod.status!;
	assert.equal(status.phase, 'Running');
	for (const init of status.initContainerStatuses!) {
		assert.equal(init.state?.terminated?.reason, 'Completed');
		assert.equal(init.ready, true);
		assert.equal(init.started, false);
		assert.match(init.containerID ?? '', /^containerd:\/\/[0-9a-f]{64}$/);
		assert.match(init.imageID ?? '', /^docker\.io\/library\/busybox@sha256:[0-9a-f]{64}$/);
	}
	assert.ok(status.conditions!.every(c => c.status === 'True'));
	assert.deepEqual(h.logLines('default', 'ordered', 'init-a'), ['preparing']);
	assert.deepEqual(h.logLines('default', 'ordered', 'app'), ['The app is running!']);
	const started = h.events('default', 'ordered').filter(e => e.reason === 'Started').map(e => e.involvedObject.fieldPath);
	assert.deepEqual(started, ['spec.initContainers{init-a}', 'spec.initContainers{init-b}', 'spec.containers{app}']);
	assert.equal(h.events('default', 'ordered').find(e => e.reason === 'Created')?.message, 'Container created');
});

test('a failing container restarts at once, then with a back-off of 10s, 20s, 40s divided by the speed', async t => {
	const speed = 20;
	// The kubelet's timers run on a virtual clock, so the gaps are exact however busy the machine.
	freezeClock(t.mock.timers);
	const h = startHarness([], speed);
	t.after(() => h.stop());
	create(h, userPod('crasher', {initContainers: [busybox('init-fail', 'echo boom && exit 3')], containers: [busybox('app', 'sleep 3600')]}));
	const key = ['default', 'crasher'] as const;
	const status = () => h.pod(...key)?.status?.initContainerStatuses?.[0];
	await advanceUntil(t.mock.timers, 'restart count 4', () => (status()?.restartCount ?? 0) >= 4, 20_000);

	const observed = h.history(...key).map(o => ({at: o.at, s: o.pod.status?.initContainerStatuses?.[0]}));
	const messages = [...new Set(observed.map(o => o.s?.state?.waiting?.message).filter(m => m?.startsWith('back-off')))];
	const uid = h.pod(...key)!.metadata.uid;
	assert.deepEqual(messages, [10, 20, 40].map(d => `back-off ${d}s restarting failed container=init-fail pod=crasher_default(${uid})`));
	assert.deepEqual(h.statuses(...key).slice(0, 6), ['Pending', 'Init:0/1', 'Init:Error', 'Init:0/1', 'Init:Error', 'Init:CrashLoopBackOff']);

	// The wait between an exit and the next start: ~1 s sync for the first, then the back-off.
	const startedAt = new Map<number, number>();
	const exitedAt = new Map<number, number>();
	for (const o of observed) {
		if (o.s?.state?.running && !startedAt.has(o.s.restartCount)) startedAt.set(o.s.restartCount, o.at);
		if (o.s?.state?.terminated && !exitedAt.has(o.s.restartCount)) exitedAt.set(o.s.restartCount, o.at);
	}
	const gaps = [1, 2, 3, 4].map(n => startedAt.get(n)! - exitedAt.get(n - 1)!);
	const expected = [1, 10, 20, 40].map(seconds => (seconds * 1000) / speed);
	gaps.forEach((gap, i) => assert.ok(gap >= expected[i] && gap <= expected[i] + 10, `gap ${i}: ${gap} ms, expected ${expected[i]} ms (one 10 ms tick of the virtual clock)`));

	// Each instance: new containerID, lastState = the previous failure.
	const final = status()!;
	assert.equal(final.lastState?.terminated?.exitCode, 3);
	assert.equal(final.lastState?.terminated?.reason, 'Error');
	const ids = new Set(observed.map(o => o.s?.containerID).filter(Boolean));
	assert.ok(ids.size >= 5, `one containerID per instance, got ${ids.size}`);
	const perInstance = new Set(h.logs.filter(l => l.container === 'init-fail').map(l => l.containerID));
	assert.ok(perInstance.size >= 5);

	// Events deduplicated with counts.
	const events = h.events(...key);
	const startedEvent = events.filter(e => e.reason === 'Started');
	assert.equal(startedEvent.length, 1);
	assert.ok(startedEvent[0].count! >= 5);
	assert.notEqual(startedEvent[0].firstTimestamp, undefined);
	const backOff = events.filter(e => e.reason === 'BackOff');
	assert.equal(backOff.length, 1);
	assert.equal(backOff[0].type, 'Warning');
	assert.equal(backOff[0].message, `Back-off restarting failed container init-fail in pod crasher_default(${uid})`);
	assert.ok(backOff[0].count! >= 3);
	assert.equal(h.pod(...key)!.status!.phase, 'Pending');
});

test('restartPolicy Never: a failed init container fails the pod', async t => {
	freezeClock(t.mock.timers);
	const h = startHarness([], 20);
	t.after(() => h.stop());
	create(h, userPod('once', {restartPolicy: 'Never', initContainers: [busybox('init', 'hello.sh')], containers: [busybox('app', 'sleep 3600')]}));
	await advanceUntil(t.mock.timers, 'phase Failed', () => h.pod('default', 'once')?.status?.phase === 'Failed', 20_000);
	// A minute of cluster time later (longer than any back-off), still no restart.
	await advanceBy(t.mock.timers, 60_000 / 20);
	const status = h.pod('default', 'once')!.status!;
	assert.equal(h.row('default', 'once')!.status, 'Init:Error');
	assert.equal(status.initContainerStatuses![0].state?.terminated?.exitCode, 127);
	assert.equal(status.initContainerStatuses![0].restartCount, 0);
	assert.equal(status.containerStatuses![0].state?.waiting?.reason, 'PodInitializing');
	assert.deepEqual(h.logLines('default', 'once', 'init'), ['sh: hello.sh: not found']);
});

test('env files (fileKeyRef): the keys an init container echoes into its emptyDir become the app\'s env; a missing file is the kubelet\'s parse error', async t => {
	const h = startHarness([], 20);
	t.after(() => h.stop());
	const data = {name: 'config', mountPath: '/data'};
	const ref = (key: string, path = 'config.env') => ({name: key, valueFrom: {fileKeyRef: {volumeName: 'config', path, key}}});
	const envPod = (name: string, path: string) => userPod(name, {
		initContainers: [busybox('setup-envfile', "echo 'CONFIG_1=value1' > /data/config.env && echo 'CONFIG_2=value2' >> /data/config.env", {volumeMounts: [data]})],
		containers: [busybox('use-envfile', 'sleep 3600', {env: [ref('CONFIG_1'), ref('CONFIG_2', path)]})],
		volumes: [{name: 'config', emptyDir: {}}],
	});
	create(h, envPod('envfile-ok', 'config.env'));
	create(h, envPod('envfile-missing', 'other.env'));
	await waitFor('Running', () => h.row('default', 'envfile-ok')?.status === 'Running');
	await waitFor('config error', () => h.row('default', 'envfile-missing')?.status === 'CreateContainerConfigError');
	assert.equal(h.pod('default', 'envfile-missing')!.status!.containerStatuses![0]!.state!.waiting!.message, "couldn't parse env file");
});

test('a pod without init containers shows ContainerCreating, then Running; deletion stops it', async t => {
	const h = startHarness([], 20);
	t.after(() => h.stop());
	create(h, userPod('plain', {containers: [busybox('web', 'echo up && sleep 3600')]}));
	await waitFor('Running', () => h.row('default', 'plain')?.status === 'Running');
	assert.deepEqual(h.statuses('default', 'plain'), ['Pending', 'ContainerCreating', 'Running']);
	assert.equal(h.row('default', 'plain')!.ready, '1/1');
	// A graceful delete (deletionTimestamp set) → Killing, then the pod is removed.
	h.store.update('pods', 'default', 'plain', draft => {
		draft.metadata.deletionTimestamp = new Date().toISOString();
	});
	await waitFor('pod removed', () => !h.pod('default', 'plain'));
	assert.equal(h.events('default', 'plain').find(e => e.reason === 'Killing')?.message, 'Stopping container web');
});

test('a pod bound to another node is left alone', async t => {
	const h = startHarness([], 20);
	t.after(() => h.stop());
	create(h, userPod('elsewhere', {nodeName: 'other-node', containers: [busybox('web', 'sleep 3600')]}));
	create(h, userPod('mine', {containers: [busybox('web', 'sleep 3600')]}));
	await waitFor('mine Running', () => h.row('default', 'mine')?.status === 'Running');
	assert.deepEqual(h.pod('default', 'elsewhere')!.status, {phase: 'Pending', qosClass: 'BestEffort'});
	assert.equal(h.events('default', 'elsewhere').length, 0);
});

test('stop() leaves no timer behind', async () => {
	const timeouts = () => process.getActiveResourcesInfo().filter(name => name === 'Timeout').length;
	const before = timeouts();
	const store = new ClusterStore();
	const backend = memoryBackend(store, {append() {}});
	const kubelet = startKubelet({backend, scenarios: ['healthy', 'exit-127', 'sidecar', 'busy', 'image-pull'], speed: 50});
	await waitFor('pods running', () => store.list('pods').items.length >= 10 && timeouts() > before);
	await new Promise(resolve => setTimeout(resolve, 300));
	kubelet.stop();
	await new Promise(resolve => setTimeout(resolve, 50));
	assert.equal(timeouts(), before);
});

test('an unknown scenario name is refused with the known ones', () => {
	const backend = memoryBackend(new ClusterStore(), {append() {}});
	assert.throws(() => startKubelet({backend, scenarios: ['nope'], speed: 1}), /unknown scenario "nope" \(known: healthy, exit-127, /);
});

test('a pod created with spec.nodeName bypasses the scheduler: no Scheduled event', async t => {
	const h = startHarness([], 20);
	t.after(() => h.stop());
	create(h, userPod('pinned', {nodeName: 'demo-node', containers: [busybox('web', 'sleep 3600')]}));
	await waitFor('Running', () => h.row('default', 'pinned')?.status === 'Running');
	const reasons = h.events('default', 'pinned').map(e => e.reason);
	assert.deepEqual(reasons, ['Pulled', 'Created', 'Started']);
	assert.equal(h.pod('default', 'pinned')!.status!.conditions!.find(c => c.type === 'PodScheduled')?.status, 'True');
});
