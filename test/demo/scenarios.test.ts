// Each scenario's status sequence as `kubectl get pods -w` would print it, with the fields and
// events the article's diagnosis relies on.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {scenarioNames} from '../../demo/scenarios/index.js';
import {PULL_ERROR} from '../../demo/scenarios/image-pull.js';
import {startHarness, waitFor} from './kubelet-harness.js';
import {demoNodes} from '../../demo/index.js';
import {advanceBy, advanceUntil, freezeClock} from './virtual-clock.js';

test('scenario names are the fixed ones', () => {
	assert.deepEqual([...scenarioNames], ['healthy', 'exit-127', 'dependency-wait', 'side-effect', 'image-pull', 'missing-configmap', 'oom-init', 'sidecar', 'busy', 'fleet', 'rollout-stuck', 'sandbox-runtime', 'sandbox-cni', 'volume-pending', 'restart-rules', 'pod-restart', 'env-file', 'stop-signal']);
});

test('healthy: Pending → Init:0/2 → Init:1/2 → PodInitializing → Running on the article timeline, then a new pod', async t => {
	const speed = 20;
	const h = startHarness(['healthy'], speed);
	t.after(() => h.stop());
	await waitFor('Running', () => h.row('default', 'myapp-healthy')?.status === 'Running');
	assert.deepEqual(h.statuses('default', 'myapp-healthy'), ['Pending', 'Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);
	// Cluster seconds at which each status first appeared (article: 1s, 8s, 9s, 10s). A busy machine
	// only delays timers, so these are lower bounds: the kubelet never skips a step's wait.
	const firstSeen = (status: string) => (h.history('default', 'myapp-healthy').find(o => o.status === status)!.at * speed) / 1000;
	assert.ok(firstSeen('Init:1/2') > 5, `Init:1/2 at ${firstSeen('Init:1/2')}s`);
	assert.ok(firstSeen('Running') > 8 && firstSeen('Running') > firstSeen('Init:1/2'), `Running at ${firstSeen('Running')}s`);
	// Driven by the cluster: the scenario created the Services the init containers waited for.
	assert.ok(h.store.get('services', 'default', 'myservice'));
	const lines = h.logLines('default', 'myapp-healthy', 'init-myservice');
	assert.ok(lines.includes('waiting for myservice'));
	assert.ok(lines.includes('Name:      myservice.default.svc.cluster.local'));
	assert.deepEqual(h.logLines('default', 'myapp-healthy', 'myapp-container'), ['The app is running!']);
	assert.equal(h.row('default', 'myapp-healthy')!.ready, '1/1');

	// After about a minute of running it starts over with a new pod (new uid).
	const uid = h.pod('default', 'myapp-healthy')!.metadata.uid;
	const lookups = h.logLines('default', 'myapp-healthy', 'init-myservice').length;
	await waitFor('a new myapp-healthy running', () => {
		const pod = h.pod('default', 'myapp-healthy');
		return pod && pod.metadata.uid !== uid && h.row('default', 'myapp-healthy')!.status === 'Running';
	}, 30_000);
	const killing = h.events('default', 'myapp-healthy').find(e => e.reason === 'Killing');
	assert.equal(killing?.message, 'Stopping container myapp-container');
	assert.equal(killing?.involvedObject.uid, uid);
	// The Services stay, as in a cluster: the new pod's first lookup finds them.
	assert.ok(h.store.get('services', 'default', 'myservice'));
	assert.ok(h.store.get('services', 'default', 'mydb'));
	const again = h.logLines('default', 'myapp-healthy', 'init-myservice').slice(lookups);
	assert.ok(again.includes('Name:      myservice.default.svc.cluster.local'), again.join(' | '));
	assert.ok(!again.includes('waiting for myservice'), again.join(' | '));
});

test('exit-127: Init:0/3 … Init:Error → Init:CrashLoopBackOff with the kubelet message; the app waits PodInitializing', async t => {
	const h = startHarness(['exit-127'], 20);
	t.after(() => h.stop());
	const key = ['default', 'myapp-pod'] as const;
	await waitFor('second back-off', () => h.pod(...key)?.status?.initContainerStatuses?.[2]?.state?.waiting?.message?.startsWith('back-off 20s'), 20_000);
	const statuses = h.statuses(...key);
	assert.deepEqual(statuses.slice(0, 9), ['Pending', 'Init:0/3', 'Init:1/3', 'Init:2/3', 'Init:Error', 'Init:2/3', 'Init:Error', 'Init:CrashLoopBackOff', 'Init:2/3']);
	const pod = h.pod(...key)!;
	const [service, db, failed] = pod.status!.initContainerStatuses!;
	for (const done of [service, db]) {
		assert.equal(done.state?.terminated?.reason, 'Completed');
		assert.equal(done.state?.terminated?.exitCode, 0);
		assert.equal(done.ready, true);
	}
	assert.equal(failed.name, 'init-failed-test');
	assert.equal(failed.state?.waiting?.reason, 'CrashLoopBackOff');
	assert.equal(failed.state?.waiting?.message, `back-off 20s restarting failed container=init-failed-test pod=myapp-pod_default(${pod.metadata.uid})`);
	assert.equal(failed.lastState?.terminated?.exitCode, 127);
	assert.equal(failed.lastState?.terminated?.reason, 'Error');
	assert.equal(failed.restartCount, 2);
	assert.equal(pod.status!.containerStatuses![0].state?.waiting?.reason, 'PodInitializing');
	const initialized = pod.status!.conditions!.find(c => c.type === 'Initialized')!;
	assert.equal(initialized.status, 'False');
	assert.equal(initialized.message, 'containers with incomplete status: [init-failed-test]');
	assert.match(h.row(...key)!.restarts, /^2 \(\d+s ago\)$/);
	assert.deepEqual([...new Set(h.logLines(...key, 'init-failed-test'))], ['sh: hello.sh: not found']);
	const backOff = h.events(...key).find(e => e.reason === 'BackOff');
	assert.equal(backOff?.message, `Back-off restarting failed container init-failed-test in pod myapp-pod_default(${pod.metadata.uid})`);
	assert.equal(backOff?.involvedObject.fieldPath, 'spec.initContainers{init-failed-test}');
	const pulled = h.events(...key).find(e => e.reason === 'Pulled' && e.involvedObject.fieldPath === 'spec.initContainers{init-failed-test}');
	assert.equal(pulled?.message, 'Container image "busybox:1.28" already present on machine');
	assert.equal(pulled?.count, 3);
	// Its first two init containers resolved real Services the scenario created in default.
	for (const name of ['myservice', 'mydb']) {
		assert.ok(h.store.get('services', 'default', name), name);
		assert.ok(h.logLines(...key, `init-${name}`).includes(`Name:      ${name}.default.svc.cluster.local`), name);
	}
});

test('dependency-wait: Init:0/2 forever without warnings in namespace staging; Service + ready Endpoints there let it proceed', async t => {
	const h = startHarness(['dependency-wait'], 20);
	t.after(() => h.stop());
	const key = ['staging', 'myapp-waiting'] as const;
	const waiting = () => h.logLines(...key, 'init-myservice').filter(line => line === 'waiting for myservice').length;
	await waitFor('three lookups', () => waiting() >= 3);
	assert.deepEqual(h.row(...key), {status: 'Init:0/2', ready: '0/1', restarts: '0'});
	assert.equal(h.events(...key).filter(e => e.type === 'Warning').length, 0);
	assert.ok(h.logLines(...key, 'init-myservice').includes("nslookup: can't resolve 'myservice.staging.svc.cluster.local'"));
	// The namespace is a Namespace object, as the API server stores one.
	const namespace = h.store.get('namespaces', undefined, 'staging');
	assert.equal((namespace?.status as {phase?: string} | undefined)?.phase, 'Active');
	assert.equal((namespace?.metadata.labels as Record<string, string> | undefined)?.['kubernetes.io/metadata.name'], 'staging');

	// A Service of that name in another namespace does not resolve: the lookup is myservice.staging.
	h.store.create('services', {metadata: {name: 'myservice', namespace: 'default'}, spec: {clusterIP: '10.96.7.8', ports: [{port: 80}]}});
	h.store.create('endpoints', {metadata: {name: 'myservice', namespace: 'default'}, subsets: [{addresses: [{ip: '10.244.1.4'}], ports: [{port: 9376}]}]});
	// Nor does a Service without ready endpoints.
	h.store.create('services', {metadata: {name: 'myservice', namespace: 'staging'}, spec: {clusterIP: '10.96.7.7', ports: [{port: 80}]}});
	h.store.create('endpoints', {metadata: {name: 'myservice', namespace: 'staging'}, subsets: [{notReadyAddresses: [{ip: '10.244.1.5'}], ports: [{port: 9376}]}]});
	const before = waiting();
	await waitFor('two more lookups', () => waiting() >= before + 2);
	assert.equal(h.row(...key)!.status, 'Init:0/2');

	h.store.put('endpoints', {metadata: {name: 'myservice', namespace: 'staging'}, subsets: [{addresses: [{ip: '10.244.1.5'}], ports: [{port: 9376}]}]});
	await waitFor('Init:1/2', () => h.row(...key)!.status === 'Init:1/2');
	assert.ok(h.logLines(...key, 'init-myservice').includes('Address 1: 10.96.7.7 myservice.staging.svc.cluster.local'));
	// init-mydb now waits for mydb.
	await waitFor('waiting for mydb', () => h.logLines(...key, 'init-mydb').includes('waiting for mydb'));
	h.store.create('services', {metadata: {name: 'mydb', namespace: 'staging'}, spec: {clusterIP: '10.96.8.8'}});
	h.store.create('endpoints', {metadata: {name: 'mydb', namespace: 'staging'}, subsets: [{addresses: [{ip: '10.244.1.6'}]}]});
	await waitFor('Running', () => h.row(...key)!.status === 'Running');
	assert.equal(h.pod(...key)!.status!.initContainerStatuses![0].restartCount, 0);
});

test('side-effect: every init container Completed, the app crash-loops on Permission denied', async t => {
	const h = startHarness(['side-effect'], 20);
	t.after(() => h.stop());
	const key = ['default', 'myapp-perms'] as const;
	await waitFor('CrashLoopBackOff', () => h.row(...key)?.status === 'CrashLoopBackOff');
	const pod = h.pod(...key)!;
	assert.equal(pod.status!.initContainerStatuses![0].state?.terminated?.reason, 'Completed');
	assert.equal(pod.spec.initContainers![0].securityContext?.runAsUser, 0);
	assert.equal(pod.spec.containers[0].securityContext?.runAsUser, 2000);
	assert.equal(pod.spec.securityContext?.fsGroup, undefined);
	const app = pod.status!.containerStatuses![0];
	assert.equal(app.lastState?.terminated?.exitCode, 1);
	assert.equal(pod.status!.phase, 'Running');
	assert.ok(h.logLines(...key, 'myapp-container').includes("mkdir: can't create directory '/data/cache': Permission denied"));
	assert.ok(h.statuses(...key).includes('Error'));
	// containerStatuses[].user: the identity the runtime applied, for every container that exists.
	assert.deepEqual(pod.status!.initContainerStatuses![0].user, {linux: {uid: 0, gid: 0, supplementalGroups: [0]}});
	assert.deepEqual(app.user, {linux: {uid: 2000, gid: 0, supplementalGroups: [0]}});
});

test('image-pull: ErrImagePull ↔ ImagePullBackOff with the registry message', async t => {
	const h = startHarness(['image-pull'], 20);
	t.after(() => h.stop());
	const key = ['default', 'myapp-pull'] as const;
	await waitFor('second ErrImagePull', () => h.statuses(...key).filter(s => s === 'Init:ErrImagePull').length >= 2, 20_000);
	assert.deepEqual(h.statuses(...key).slice(0, 5), ['Pending', 'Init:0/1', 'Init:ErrImagePull', 'Init:ImagePullBackOff', 'Init:ErrImagePull']);
	const waitingMessages = h.history(...key).map(o => o.pod.status?.initContainerStatuses?.[0]?.state?.waiting).filter(w => w?.reason === 'ImagePullBackOff');
	assert.equal(waitingMessages[0]?.message, `Back-off pulling image "busybox:1.28-typo": ErrImagePull: ${PULL_ERROR}`);
	const events = h.events(...key);
	assert.ok(events.some(e => e.reason === 'Failed' && e.message === `Failed to pull image "busybox:1.28-typo": ${PULL_ERROR}`));
	assert.ok(events.some(e => e.reason === 'Failed' && e.message === 'Error: ErrImagePull'));
	assert.ok(events.some(e => e.reason === 'Failed' && e.message === 'Error: ImagePullBackOff'));
	assert.equal(events.find(e => e.reason === 'BackOff')?.type, 'Normal');
	assert.equal(events.find(e => e.reason === 'Pulling')?.message, 'Pulling image "busybox:1.28-typo"');
	assert.equal(events.find(e => e.reason === 'Pulling')?.count, 2);
});

test('missing-configmap: CreateContainerConfigError until the ConfigMap (and its key) exist', async t => {
	const h = startHarness(['missing-configmap'], 20);
	t.after(() => h.stop());
	const key = ['default', 'myapp-config'] as const;
	const waiting = () => h.pod(...key)?.status?.initContainerStatuses?.[0]?.state?.waiting;
	await waitFor('config error', () => waiting()?.reason === 'CreateContainerConfigError');
	assert.equal(waiting()!.message, 'configmap "app-config" not found');
	assert.equal(h.row(...key)!.status, 'Init:CreateContainerConfigError');
	await waitFor('a retry', () => (h.events(...key).find(e => e.message === 'Error: configmap "app-config" not found')?.count ?? 0) >= 2);

	h.store.create('configmaps', {metadata: {name: 'app-config', namespace: 'default'}, data: {other: 'x'}});
	await waitFor('missing key', () => waiting()?.message === "couldn't find key db.url in ConfigMap default/app-config");
	h.store.put('configmaps', {metadata: {name: 'app-config', namespace: 'default'}, data: {'db.url': 'postgres://db:5432/app'}});
	await waitFor('Running', () => h.row(...key)!.status === 'Running');
	assert.deepEqual(h.logLines(...key, 'init-config'), ['config written']);
});

test('env-file: render-env completes, the app cannot be created — the kubelet\'s key-not-found message with the emptyDir host path, a Failed event each sync', async t => {
	const h = startHarness(['env-file'], 20);
	t.after(() => h.stop());
	const key = ['billing', 'invoice-api'] as const;
	const waiting = () => h.pod(...key)?.status?.containerStatuses?.[0]?.state?.waiting;
	await waitFor('config error', () => waiting()?.reason === 'CreateContainerConfigError');
	const pod = h.pod(...key)!;
	const message = `environment variable key "DB_PASSWORD" not found in file "/var/lib/kubelet/pods/${pod.metadata.uid}/volumes/kubernetes.io~empty-dir/envdir/app.env"`;
	assert.equal(waiting()!.message, message);
	assert.equal(pod.status!.initContainerStatuses![0]!.state!.terminated!.reason, 'Completed');
	assert.equal(h.row(...key)!.status, 'CreateContainerConfigError');
	assert.deepEqual(h.logLines(...key, 'render-env'), ['rendered /env/app.env']);
	await waitFor('a retry', () => (h.events(...key).find(e => e.reason === 'Failed' && e.message === `Error: ${message}`)?.count ?? 0) >= 2);
	assert.equal(h.events(...key).find(e => e.reason === 'Failed')!.involvedObject.fieldPath, 'spec.containers{invoice-api}');
});

test('stop-signal: at activeDeadlineSeconds the kubelet fails the pod (DeadlineExceeded) and stops the init container with its STOPSIGNAL SIGINT — exit 130, stopSignal reported', async t => {
	freezeClock(t.mock.timers);
	const speed = 20;
	const h = startHarness(['stop-signal'], speed);
	t.after(() => h.stop());
	const key = ['reports', 'nightly-report'] as const;
	const init = () => h.pod(...key)?.status?.initContainerStatuses?.[0];
	await advanceUntil(t.mock.timers, 'running init', () => init()?.state?.running !== undefined, 20_000);
	assert.equal(init()!.stopSignal, 'SIGINT');
	// The deadline counts from startTime (the sandbox, a second or so before the init started): 40 s later it still runs.
	await advanceBy(t.mock.timers, (40 * 1000) / speed);
	assert.ok(init()?.state?.running, 'still running before the deadline');
	assert.equal(h.pod(...key)!.status!.phase, 'Pending');
	await advanceUntil(t.mock.timers, 'terminated init', () => init()?.state?.terminated !== undefined, 20_000);
	const pod = h.pod(...key)!;
	assert.deepEqual({phase: pod.status!.phase, reason: pod.status!.reason, message: pod.status!.message}, {phase: 'Failed', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline'});
	assert.deepEqual({exitCode: init()!.state!.terminated!.exitCode, reason: init()!.state!.terminated!.reason}, {exitCode: 130, reason: 'Error'});
	assert.equal(h.row(...key)!.status, 'Init:Error');
	assert.equal(pod.status!.containerStatuses![0]!.state!.waiting!.reason, 'PodInitializing');
	const events = h.events(...key);
	const deadline = events.find(e => e.reason === 'DeadlineExceeded')!;
	assert.deepEqual([deadline.type, deadline.message, deadline.involvedObject.fieldPath], ['Normal', 'Pod was active on the node longer than the specified deadline', undefined]);
	assert.equal(events.find(e => e.reason === 'Killing')?.message, 'Stopping container wait-for-ledger');
	assert.equal(h.logLines(...key, 'wait-for-ledger').at(-1), 'KeyboardInterrupt');
});

test('oom-init: Init:OOMKilled (137) then back-off', async t => {
	const h = startHarness(['oom-init'], 20);
	t.after(() => h.stop());
	const key = ['default', 'myapp-oom'] as const;
	await waitFor('CrashLoopBackOff', () => h.row(...key)?.status === 'Init:CrashLoopBackOff', 20_000);
	assert.ok(h.statuses(...key).includes('Init:OOMKilled'));
	const init = h.pod(...key)!.status!.initContainerStatuses![0];
	assert.equal(init.lastState?.terminated?.reason, 'OOMKilled');
	assert.equal(init.lastState?.terminated?.exitCode, 137);
	assert.equal(h.pod(...key)!.spec.initContainers![0].resources?.limits?.memory, '64Mi');
	assert.equal(h.pod(...key)!.status!.qosClass, 'Burstable');
});

test('sidecar: istio-proxy starts and keeps running, migrate completes, then app → Running 2/2', async t => {
	const h = startHarness(['sidecar'], 20);
	t.after(() => h.stop());
	const key = ['default', 'myapp-mesh'] as const;
	await waitFor('Running', () => h.row(...key)?.status === 'Running', 20_000);
	assert.deepEqual(h.statuses(...key), ['Pending', 'Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);
	assert.equal(h.row(...key)!.ready, '2/2');
	// Order: migrate starts only after the sidecar started; the app only after migrate completed.
	const history = h.history(...key).map(o => o.pod.status);
	const firstIndex = (test: (s: NonNullable<typeof history[number]>) => boolean) => history.findIndex(s => s && test(s));
	const sidecarStarted = firstIndex(s => s.initContainerStatuses?.[0]?.started === true);
	const migrateRunning = firstIndex(s => !!s.initContainerStatuses?.[1]?.state?.running);
	const migrateDone = firstIndex(s => s.initContainerStatuses?.[1]?.state?.terminated?.exitCode === 0);
	const appRunning = firstIndex(s => !!s.containerStatuses?.[0]?.state?.running);
	assert.ok(sidecarStarted >= 0 && sidecarStarted < migrateRunning && migrateRunning < migrateDone && migrateDone < appRunning);
	const proxy = h.pod(...key)!.status!.initContainerStatuses![0];
	assert.ok(proxy.state?.running);
	assert.equal(proxy.started, true);
	assert.equal(proxy.ready, true);
	const pulled = h.events(...key).find(e => e.reason === 'Pulled' && e.involvedObject.fieldPath === 'spec.initContainers{istio-proxy}');
	assert.match(pulled?.message ?? '', /^Successfully pulled image "docker.io\/istio\/proxyv2:1.24.0" in 3.2s \(3.2s including waiting\)\. Image size: 98123456 bytes\.$/);
});

test('busy: a shop namespace of Running pods with owner-like names and a Completed job pod', async t => {
	const h = startHarness(['busy'], 20);
	t.after(() => h.stop());
	const rows = () => (h.store.list('pods', 'shop').items as never[]).map((pod: {metadata: {name: string}}) => ({name: pod.metadata.name, ...h.row('shop', pod.metadata.name)!}));
	await waitFor('all settled', () => rows().length >= 15 && h.row('shop', 'db-migrate-28891230-7xk2p')?.status === 'Completed' && rows().every(row => row.status === 'Running' || row.status === 'Completed'), 20_000);
	const all = rows();
	assert.ok(all.some(row => row.name === 'frontend-7d9c5b8f6d-x2kqp' && row.status === 'Running' && row.ready === '1/1'));
	assert.deepEqual(all.filter(row => row.status === 'Completed').map(row => row.name), ['db-migrate-28891230-7xk2p']);
	assert.equal(h.pod('shop', 'db-migrate-28891230-7xk2p')!.status!.phase, 'Succeeded');
	assert.deepEqual(h.logLines('shop', 'db-migrate-28891230-7xk2p', 'migrate'), ['migrating schema', 'schema up to date']);
	assert.ok((h.store.list('pods', 'default').items.length) >= 2);
	assert.equal(h.pod('shop', 'frontend-7d9c5b8f6d-x2kqp')!.metadata.ownerReferences?.[0]?.kind, 'ReplicaSet');
});

test('all scenarios together: the stuck pod stays stuck while the healthy one starts', async t => {
	const h = startHarness(scenarioNames, 20);
	t.after(() => h.stop());
	// Conditions, not a moment: each pod reaches its state in its own time (later on a busy machine).
	const reached = (name: string, status: RegExp) => h.statuses('default', name).some(seen => status.test(seen));
	// One cluster: while the healthy pod runs, the Service it resolved exists in default.
	await waitFor('healthy Running with its Service', () => h.row('default', 'myapp-healthy')?.status === 'Running' && h.store.get('services', 'default', 'myservice'), 60_000);
	await waitFor('myapp-mesh Running', () => reached('myapp-mesh', /^Running$/), 60_000);
	await waitFor('myapp-config stuck on its ConfigMap', () => h.row('default', 'myapp-config')?.status === 'Init:CreateContainerConfigError', 60_000);
	await waitFor('myapp-pod failing', () => reached('myapp-pod', /^Init:(Error|CrashLoopBackOff)$/), 60_000);
	// The stuck pod never moved past its first init container, and no Service appeared where it looks.
	assert.deepEqual(h.statuses('staging', 'myapp-waiting').filter(status => status !== 'Pending'), ['Init:0/2']);
	assert.equal(h.row('staging', 'myapp-waiting')!.status, 'Init:0/2');
	assert.equal(h.store.get('services', 'staging', 'myservice'), undefined);
	assert.match(h.row('default', 'myapp-pod')!.status, /^Init:(Error|CrashLoopBackOff|2\/3)$/);
});

test('sandbox-runtime: Pending → Init:0/1 forever, FailedCreatePodSandBox repeating, no IP, PodReadyToStartContainers False', async t => {
	const h = startHarness(['sandbox-runtime'], 20);
	t.after(() => h.stop());
	await waitFor('three sandbox failures', () => h.events('sandbox', 'myapp-kata').some(event => event.reason === 'FailedCreatePodSandBox' && (event.count ?? 1) >= 3), 30_000);
	assert.deepEqual([...new Set(h.statuses('sandbox', 'myapp-kata'))], ['Pending', 'Init:0/1']);
	const pod = h.history('sandbox', 'myapp-kata').at(-1)!.pod;
	assert.equal(pod.status?.podIP, undefined);
	assert.equal(pod.status?.conditions?.find(c => c.type === 'PodReadyToStartContainers')?.status, 'False');
	assert.ok(pod.status?.initContainerStatuses?.every(s => s.state?.waiting?.reason === 'PodInitializing' && !s.containerID));
	const failure = h.events('sandbox', 'myapp-kata').find(event => event.reason === 'FailedCreatePodSandBox')!;
	assert.equal(failure.message, 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "kata" is configured');
	assert.equal(failure.involvedObject.fieldPath, undefined);
});

test('sandbox-cni: FailedCreatePodSandBox with a new sandbox id each retry; from the tenth the aggregator combines them', async t => {
	const h = startHarness(['sandbox-cni'], 20, demoNodes);
	t.after(() => h.stop());
	const combined = () => h.events('network', 'payments-worker').find(event => event.message?.startsWith('(combined from similar events): '));
	await waitFor('the combined event counting on', () => (combined()?.count ?? 0) >= 2, 60_000);
	const failures = h.events('network', 'payments-worker').filter(event => event.reason === 'FailedCreatePodSandBox');
	assert.equal(failures.length, 10, 'nine single events and the combined one');
	const ids = new Set(failures.map(event => /sandbox "([0-9a-f]{64})"/.exec(event.message ?? '')?.[1]));
	assert.equal(ids.size, 10, 'every attempt names its own sandbox');
	for (const event of failures) assert.match(event.message ?? '', /failed to setup network for sandbox "[0-9a-f]{64}": plugin type="flannel" failed \(add\): failed to delegate add: failed to allocate for range 0: no IP addresses available in range set: 10\.244\.102\.1-10\.244\.102\.254$/);
	const pod = h.history('network', 'payments-worker').at(-1)!.pod;
	assert.equal(pod.spec.nodeName, 'demo-worker-2');
	assert.equal(pod.status?.podIP, undefined);
	assert.equal(h.row('network', 'payments-worker')!.status, 'Init:0/1');
});

test('volume-pending: unscheduled for unbound claims (PodScheduled False), the reader before its sandbox, the writer running', async t => {
	const h = startHarness(['volume-pending'], 20, demoNodes);
	t.after(() => h.stop());
	await waitFor('the Multi-Attach error', () => h.events('volumes', 'reader').some(event => event.reason === 'FailedAttachVolume'), 30_000);
	await waitFor('the scheduler\'s rejection', () => h.events('volumes', 'cache').some(event => event.reason === 'FailedScheduling'), 30_000);
	const cache = h.history('volumes', 'cache').at(-1)!.pod;
	assert.equal(cache.spec.nodeName, undefined);
	assert.deepEqual(cache.status?.conditions?.map(c => [c.type, c.status, c.reason]), [['PodScheduled', 'False', 'Unschedulable']]);
	const reader = h.history('volumes', 'reader').at(-1)!.pod;
	assert.equal(reader.status?.conditions?.find(c => c.type === 'PodReadyToStartContainers')?.status, 'False');
	assert.equal(h.row('volumes', 'reader')!.status, 'Init:0/1');
	await waitFor('the writer running', () => h.row('volumes', 'writer')?.status === 'Running', 30_000);
	const attach = h.events('volumes', 'reader').find(event => event.reason === 'FailedAttachVolume')!;
	assert.equal(attach.source?.component, 'attachdetach-controller');
	assert.equal(h.events('volumes', 'reader').filter(event => event.reason === 'FailedMount').length, 0, 'a kubelet ≥ 1.28 reports no event for its volume wait timing out');
});

test('restart-rules: exit 42 restarts fetch in place under restartPolicy Never (back-off as usual); exit 1 fails the pod', async t => {
	const h = startHarness(['restart-rules'], 20);
	t.after(() => h.stop());
	await waitFor('two restarts in place', () => (h.row('training', 'train-retry')?.restarts ?? '').startsWith('2'), 30_000);
	await waitFor('the failed pod', () => h.pod('training', 'train-fatal')?.status?.phase === 'Failed', 30_000);
	assert.ok(h.statuses('training', 'train-retry').includes('Init:CrashLoopBackOff'));
	assert.equal(h.pod('training', 'train-retry')?.status?.phase, 'Pending');
	assert.equal(h.row('training', 'train-fatal')!.status, 'Init:Error');
	assert.equal(h.pod('training', 'train-fatal')?.status?.initContainerStatuses?.[0]?.restartCount, 0);
	assert.ok(h.events('training', 'train-retry').some(event => event.reason === 'BackOff' && /Back-off restarting failed container fetch/.test(event.message ?? '')));
});

test('pod-restart: exit 88 restarts the whole pod in place — AllContainersRestarting True, Running → Init:0/1 → Running, same uid, restart counts up', async t => {
	// A virtual clock: the 2 s termination phase (AllContainersRestarting True) is seen however busy the machine.
	freezeClock(t.mock.timers);
	const h = startHarness(['pod-restart'], 20);
	t.after(() => h.stop());
	const key = ['batch', 'worker-0'] as const;
	await advanceUntil(t.mock.timers, 'Running after a whole-pod restart', () => {
		const statuses = h.statuses(...key);
		const back = statuses.indexOf('Init:0/1', statuses.indexOf('Running'));
		return back > 0 && statuses.lastIndexOf('Running') > back;
	}, 30_000);
	const history = h.history(...key);
	const uids = new Set(history.map(observation => observation.pod.metadata.uid));
	assert.equal(uids.size, 1, 'the same pod, not a new one');
	assert.deepEqual(h.statuses(...key).slice(0, 8), ['Pending', 'Init:0/1', 'PodInitializing', 'Running', 'Error', 'Init:0/1', 'PodInitializing', 'Running']);
	const condition = (pod: typeof history[number]['pod']) => pod.status?.conditions?.find(c => c.type === 'AllContainersRestarting');
	const restarting = history.find(observation => condition(observation.pod)?.status === 'True');
	assert.ok(restarting, 'AllContainersRestarting True at some point');
	assert.deepEqual([condition(restarting.pod)?.reason, condition(restarting.pod)?.message], ['RestartAllContainersStarted', 'container exited with restart policy rule']);
	assert.equal(restarting.pod.status?.phase, 'Running');
	assert.equal(restarting.pod.status?.containerStatuses?.[0]?.state?.terminated?.exitCode, 88);
	// Once the containers are removed the condition clears and the init container runs again.
	const again = history.find(observation => observation.at > restarting.at && observation.status === 'Init:0/1')!;
	assert.equal(condition(again.pod)?.status, 'False');
	assert.equal(again.pod.status?.phase, 'Pending');
	assert.equal(again.pod.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode, 88);
	const pod = h.pod(...key)!;
	assert.ok((pod.status?.initContainerStatuses?.[0]?.restartCount ?? 0) >= 1, 'fetch-shard ran again, counted as a restart');
	assert.equal(again.pod.status?.containerStatuses?.[0]?.user, undefined, 'no user reported for a container removed from the runtime');
	assert.ok((pod.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1, 'worker restarted');
	assert.deepEqual(h.logLines(...key, 'fetch-shard').filter(line => line.startsWith('checkpoint loaded')).length >= 2, true);
});
