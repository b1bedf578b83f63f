// kubectl 1.32 (/usr/bin/kubectl, unmodified) against the demo API server through its kubeconfig.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {ago, crashLoopPod, kubectl, kubectlStream, podEvent, runningPod, until} from './server-fixtures.js';

let cluster: DemoCluster;
/** When the fixtures were made: the BackOff event was last seen 20 s before it. */
let made = 0;
/** A "last seen" age printed by kubectl (`35s`) is 20 s plus the time since the fixtures, whatever the load. */
function assertLastSeen(printed: string): void {
	const seconds = Number(/^(\d+)s$/.exec(printed)?.[1] ?? NaN);
	const upper = 20 + Math.ceil((Date.now() - made) / 1000);
	assert.ok(seconds >= 20 && seconds <= upper, `last seen ${printed}, expected 20–${upper}s`);
}

before(async () => {
	made = Date.now();
	cluster = await startDemoCluster({kubelet: false});
	cluster.store.create('namespaces', {metadata: {name: 'team-a'}, status: {phase: 'Active'}});
	const pod = cluster.store.create('pods', crashLoopPod());
	cluster.store.create('pods', runningPod('web'));
	cluster.store.create('pods', runningPod('db', 'team-a'));
	cluster.store.create('events', podEvent(pod, 'a0', 'Scheduled', 'Successfully assigned default/myapp-pod to demo-node', 'Normal', {source: {component: 'default-scheduler'}, firstTimestamp: ago(600), lastTimestamp: ago(600)}));
	cluster.store.create('events', podEvent(pod, 'a1', 'BackOff', 'Back-off restarting failed container init-failed-test in pod myapp-pod_default(x)', 'Warning', {count: 4, firstTimestamp: ago(300), lastTimestamp: ago(20), involvedObject: {kind: 'Pod', namespace: 'default', name: 'myapp-pod', uid: pod.metadata.uid, apiVersion: 'v1', fieldPath: 'spec.initContainers{init-failed-test}'}}));
	cluster.logs.append('default', 'myapp-pod', 'init-failed-test', 'containerd://ccc4', 'sh: hello.sh: not found');
	cluster.logs.append('default', 'web', 'app', 'containerd://web-1', 'listening on :80');
});
after(() => cluster.stop());

const lines = (text: string) => text.trimEnd().split('\n').map(line => line.trimEnd().split(/\s{2,}/));

describe('kubectl get', () => {
	test('get pods prints the server-side table with the STATUS column', async () => {
		const {code, stdout} = await kubectl(cluster, 'get', 'pods');
		assert.equal(code, 0);
		const rows = lines(stdout);
		assert.deepEqual(rows[0], ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
		assert.deepEqual(rows[1]!.slice(0, 3), ['myapp-pod', '0/1', 'Init:CrashLoopBackOff']);
		assert.match(rows[1]![3]!, /^3 \(\d+s ago\)$/);
		assert.deepEqual(rows[2]!.slice(0, 4), ['web', '1/1', 'Running', '0']);
	});

	test('get pods -A adds the NAMESPACE column and lists every namespace', async () => {
		const {stdout} = await kubectl(cluster, 'get', 'pods', '-A');
		const rows = lines(stdout);
		assert.deepEqual(rows[0], ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
		assert.deepEqual(rows.slice(1).map(r => `${r[0]}/${r[1]}`), ['default/myapp-pod', 'default/web', 'team-a/db']);
	});

	test('get pods in an empty namespace', async () => {
		const {code, stderr} = await kubectl(cluster, 'get', 'pods', '-n', 'kube-system');
		assert.equal(code, 0);
		assert.equal(stderr.trim(), 'No resources found in kube-system namespace.');
	});

	test('get pods -w prints changes made in the store', async () => {
		const watch = kubectlStream(cluster, 'get', 'pods', '-w', '-n', 'team-a');
		try {
			await watch.waitFor(/db\s+1\/1\s+Running/);
			cluster.store.update<any>('pods', 'team-a', 'db', pod => {
				pod.status.phase = 'Failed';
				pod.status.reason = 'Evicted';
			});
			await watch.waitFor(/db\s+\S+\s+Evicted/);
		} finally {
			watch.kill();
		}
	});

	test('get events shows LAST SEEN, TYPE, REASON, OBJECT, MESSAGE', async () => {
		const {code, stdout} = await kubectl(cluster, 'get', 'events');
		assert.equal(code, 0);
		const rows = lines(stdout);
		assert.deepEqual(rows[0], ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
		const backOff = rows.find(r => r[2] === 'BackOff');
		assert.deepEqual(backOff?.slice(1, 4), ['Warning', 'BackOff', 'pod/myapp-pod']);
		assertLastSeen(backOff![0]!);
	});

	test('a bad token: 401, kubectl says so', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'initk9-badtoken-'));
		const kubeconfigPath = join(dir, 'kubeconfig');
		writeFileSync(kubeconfigPath, cluster.kubeconfig.replace(cluster.token, 'not-the-token'));
		const {code, stderr} = await kubectl({kubeconfigPath}, 'get', 'pods');
		assert.equal(code, 1);
		assert.match(stderr, /^error: You must be logged in to the server \(Unauthorized\)$/m);
		assert.ok(cluster.audit.entries.some(e => e.status === 401));
	});
});

describe('kubectl describe', () => {
	test('describe pod shows the init containers and the Events section', async () => {
		const {code, stdout} = await kubectl(cluster, 'describe', 'pod', 'myapp-pod');
		assert.equal(code, 0);
		assert.match(stdout, /^Name:\s+myapp-pod$/m);
		assert.match(stdout, /^Init Containers:$/m);
		assert.match(stdout, /init-failed-test:\n(.*\n)*?\s+State:\s+Waiting\n\s+Reason:\s+CrashLoopBackOff/);
		assert.match(stdout, /Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+127/);
		const events = stdout.slice(stdout.indexOf('Events:'));
		assert.match(events, /Normal\s+Scheduled\s+10m\s+default-scheduler\s+Successfully assigned default\/myapp-pod to demo-node/);
		const backOff = /Warning\s+BackOff\s+(\d+s) \(x4 over 5m\d*s?\)\s+kubelet\s+.*Back-off restarting failed container init-failed-test/.exec(events);
		assert.ok(backOff, events);
		assertLastSeen(backOff[1]!);
	});
});

describe('kubectl logs', () => {
	test('logs of the app container behind init containers: the PodInitializing error verbatim', async () => {
		const {code, stderr} = await kubectl(cluster, 'logs', 'myapp-pod');
		assert.equal(code, 1);
		assert.match(stderr, /^Error from server \(BadRequest\): container "myapp-container" in pod "myapp-pod" is waiting to start: PodInitializing$/m);
	});

	test('logs -c of the crash-looping init container, and --previous', async () => {
		const current = await kubectl(cluster, 'logs', 'myapp-pod', '-c', 'init-failed-test');
		assert.equal(current.stdout, 'sh: hello.sh: not found\n');
		const previous = await kubectl(cluster, 'logs', 'myapp-pod', '-c', 'init-failed-test', '--previous');
		assert.equal(previous.stdout, 'sh: hello.sh: not found\n');
		const none = await kubectl(cluster, 'logs', 'web', '--previous');
		assert.equal(none.code, 1);
		assert.match(none.stderr, /Error from server \(BadRequest\): previous terminated container "app" in pod "web" not found/);
	});

	test('logs -f streams new lines and ends when the instance terminates', async () => {
		const follow = kubectlStream(cluster, 'logs', '-f', 'web');
		await follow.waitFor(/listening on :80\n/);
		cluster.logs.append('default', 'web', 'app', 'containerd://web-1', 'GET / 200');
		await follow.waitFor(/GET \/ 200\n/);
		cluster.store.update<any>('pods', 'default', 'web', pod => {
			pod.status.containerStatuses[0].state = {terminated: {exitCode: 0, reason: 'Completed', containerID: 'containerd://web-1'}};
		});
		const code = await Promise.race([follow.exited, until('kubectl logs -f to exit', () => false, 10_000)]);
		assert.equal(code, 0);
		assert.equal(follow.stdout, 'listening on :80\nGET / 200\n');
	});
});

describe('kubectl writes', () => {
	test('apply --dry-run=client, create -f, label (PATCH) and delete work', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'initk9-manifest-'));
		const manifest = join(dir, 'pod.yaml');
		writeFileSync(manifest, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: fixed\nspec:\n  containers:\n  - name: c\n    image: busybox\n');
		const dry = await kubectl(cluster, 'apply', '--dry-run=client', '-f', manifest);
		assert.equal(dry.stdout.trim(), 'pod/fixed created (dry run)', dry.stderr);
		const created = await kubectl(cluster, 'create', '-f', manifest);
		assert.equal(created.stdout.trim(), 'pod/fixed created', created.stderr);
		assert.ok(cluster.store.get('pods', 'default', 'fixed'));
		const labelled = await kubectl(cluster, 'label', 'pod', 'fixed', 'fixed-by=me');
		assert.equal(labelled.stdout.trim(), 'pod/fixed labeled', labelled.stderr);
		assert.equal((cluster.store.get('pods', 'default', 'fixed')!.metadata.labels as Record<string, string>)['fixed-by'], 'me');
		const deleted = await kubectl(cluster, 'delete', 'pod', 'fixed');
		assert.equal(deleted.stdout.trim(), 'pod "fixed" deleted', deleted.stderr);
		assert.equal(cluster.store.get('pods', 'default', 'fixed'), undefined);
	});
});
