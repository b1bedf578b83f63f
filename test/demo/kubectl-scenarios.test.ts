// The "Done when": kubectl watching the simulated kubelet play scenarios 1 and 2 on the
// demo server (time compressed with `speed`).
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {kubectl, kubectlStream, until} from './server-fixtures.js';

/** STATUS and RESTARTS of each `kubectl get pods -w` row of one pod, in order. */
function rowsOf(output: string, pod: string): Array<{status: string; restarts: number}> {
	return output
		.split('\n')
		.map(line => line.trim().split(/\s{2,}/))
		.filter(cells => cells[0] === pod)
		.map(cells => ({status: cells[2]!, restarts: Number.parseInt(cells[3]!, 10)}));
}

/** True when `wanted` occurs in `seen` in order (other entries may come between). */
function inOrder(seen: string[], wanted: string[]): boolean {
	let next = 0;
	for (const status of seen) if (status === wanted[next]) next++;
	return next === wanted.length;
}

describe('scenario 1 (healthy) under kubectl get pods -w', () => {
	let cluster: DemoCluster;
	before(async () => {
		cluster = await startDemoCluster({scenarios: ['healthy'], speed: 10});
	});
	after(() => cluster.stop());

	test('Pending → Init:0/2 → Init:1/2 → PodInitializing → Running', async () => {
		const watch = kubectlStream(cluster, 'get', 'pods', '-w');
		try {
			const wanted = ['Pending', 'Init:0/2', 'Init:1/2', 'PodInitializing', 'Running'];
			// The scenario loops (the pod is deleted and created again), so a full pass shows up
			// even if the first Pending was over before kubectl listed.
			await until(`${wanted.join(' → ')} in ${JSON.stringify(watch.stdout)}`, () => inOrder(rowsOf(watch.stdout, 'myapp-healthy').map(r => r.status), wanted), 30_000);
		} finally {
			watch.kill();
		}
	});
});

describe('scenario 2 (exit-127) with kubectl', () => {
	let cluster: DemoCluster;
	before(async () => {
		cluster = await startDemoCluster({scenarios: ['exit-127'], speed: 20});
	});
	after(() => cluster.stop());

	test('get pods -w alternates Init:Error / Init:CrashLoopBackOff with climbing restarts', async () => {
		const watch = kubectlStream(cluster, 'get', 'pods', '-w');
		try {
			// kubectl may start listing after the first failure: wait for two full rounds it printed.
			const alternating = (rows: Array<{status: string}>) => inOrder(rows.map(r => r.status), ['Init:Error', 'Init:CrashLoopBackOff', 'Init:Error', 'Init:CrashLoopBackOff']);
			const enough = () => {
				const rows = rowsOf(watch.stdout, 'myapp-pod');
				return alternating(rows) && rows[rows.length - 1]!.restarts >= 3 ? rows : undefined;
			};
			const rows = await until(`crash loop rows in ${JSON.stringify(watch.stdout)}`, enough, 90_000);
			const restarts = rows.map(r => r.restarts);
			assert.deepEqual(restarts, [...restarts].sort((a, b) => a - b), 'restarts never go down');
			assert.ok(alternating(rows));
		} finally {
			watch.kill();
		}
	});

	test('logs: PodInitializing for the app container, the init container says sh: hello.sh: not found', async () => {
		const app = await kubectl(cluster, 'logs', 'myapp-pod');
		assert.equal(app.code, 1);
		assert.match(app.stderr, /^Error from server \(BadRequest\): container "myapp-container" in pod "myapp-pod" is waiting to start: PodInitializing$/m);
		const init = await kubectl(cluster, 'logs', 'myapp-pod', '-c', 'init-failed-test');
		assert.equal(init.code, 0, init.stderr);
		assert.match(init.stdout, /^sh: hello\.sh: not found$/m);
	});

	test('get nodes shows the simulated kubelet\'s node', async () => {
		const nodes = await kubectl(cluster, 'get', 'nodes');
		assert.match(nodes.stdout, /^demo-node\s+Ready\s+control-plane\s+\S+\s+v1\.32\.0$/m);
	});

	test('describe pod and get events show the kubelet events', async () => {
		const described = await kubectl(cluster, 'describe', 'pod', 'myapp-pod');
		assert.equal(described.code, 0, described.stderr);
		const events = described.stdout.slice(described.stdout.indexOf('Events:'));
		assert.match(events, /Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default\/myapp-pod to demo-node/);
		assert.match(events, /Warning\s+BackOff\s+.*kubelet\s+.*Back-off restarting failed container init-failed-test/);
		const listed = await kubectl(cluster, 'get', 'events');
		assert.equal(listed.code, 0, listed.stderr);
		assert.match(listed.stdout, /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/m);
		assert.match(listed.stdout, /Warning\s+BackOff\s+pod\/myapp-pod\s+Back-off restarting failed container init-failed-test/);
	});
});

describe('volume-pending with kubectl: claims, classes and the events real clusters print', () => {
	let cluster: DemoCluster;
	before(async () => {
		cluster = await startDemoCluster({scenarios: ['volume-pending'], speed: 10});
	});
	after(() => cluster.stop());

	test('get pvc,sc prints the claims and the class as kubectl does', async () => {
		const listed = await until('three claims', async () => {
			const run = await kubectl(cluster, 'get', 'pvc,sc', '-n', 'volumes');
			return (run.stdout.match(/^persistentvolumeclaim\//gm) ?? []).length === 3 ? run : undefined;
		}, 30_000);
		assert.equal(listed.code, 0, listed.stderr);
		assert.match(listed.stdout, /^NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+AGE$/m);
		assert.match(listed.stdout, /^persistentvolumeclaim\/cache-data\s+Pending\s+fast-ssd\s+<unset>\s+\S+$/m);
		assert.match(listed.stdout, /^persistentvolumeclaim\/reports-data\s+Pending\s+<unset>\s+<unset>\s+\S+$/m);
		assert.match(listed.stdout, /^persistentvolumeclaim\/shared-data\s+Bound\s+pvc-\S+\s+1Gi\s+RWO\s+gp3\s+<unset>\s+\S+$/m);
		assert.match(listed.stdout, /^NAME\s+PROVISIONER\s+RECLAIMPOLICY\s+VOLUMEBINDINGMODE\s+ALLOWVOLUMEEXPANSION\s+AGE$/m);
		assert.match(listed.stdout, /^storageclass\.storage\.k8s\.io\/gp3\s+ebs\.csi\.aws\.com\s+Delete\s+WaitForFirstConsumer\s+true\s+\S+$/m);
	});

	test('describe shows the scheduler, PV controller and attach/detach controller texts', async () => {
		const reports = await until('FailedScheduling', async () => {
			const run = await kubectl(cluster, 'describe', 'pod', 'reports', '-n', 'volumes');
			return /FailedScheduling/.test(run.stdout) ? run : undefined;
		}, 30_000);
		assert.match(reports.stdout, /Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+0\/3 nodes are available: pod has unbound immediate PersistentVolumeClaims\. preemption: 0\/3 nodes are available: 3 Preemption is not helpful for scheduling\./);
		const claims = await until('PV controller events', async () => {
			const run = await kubectl(cluster, 'get', 'events', '-n', 'volumes', '--field-selector', 'involvedObject.kind=PersistentVolumeClaim');
			return /ProvisioningFailed/.test(run.stdout) && /FailedBinding/.test(run.stdout) ? run : undefined;
		}, 30_000);
		assert.match(claims.stdout, /Normal\s+FailedBinding\s+persistentvolumeclaim\/reports-data\s+no persistent volumes available for this claim and no storage class is set/);
		assert.match(claims.stdout, /Warning\s+ProvisioningFailed\s+persistentvolumeclaim\/cache-data\s+storageclass\.storage\.k8s\.io "fast-ssd" not found/);
		const reader = await until('Multi-Attach', async () => {
			const run = await kubectl(cluster, 'describe', 'pod', 'reader', '-n', 'volumes');
			return /FailedAttachVolume/.test(run.stdout) ? run : undefined;
		}, 30_000);
		assert.match(reader.stdout, /Warning\s+FailedAttachVolume\s+\S+\s+attachdetach-controller\s+Multi-Attach error for volume "pvc-\S+" Volume is already used by pod\(s\) writer/);
		assert.match(reader.stdout, /^Status:\s+Pending$/m);
		assert.match(reader.stdout, /^Node:\s+demo-worker-2\/192\.168\.49\.4$/m);
	});
});

describe('startDemoCluster with scenarios', () => {
	test('an unknown scenario name is a one-line error naming the known ones', async () => {
		await assert.rejects(startDemoCluster({scenarios: ['nope']}), (error: Error) => {
			assert.match(error.message, /^unknown scenario "nope" \(known: healthy, exit-127, .*busy, fleet, rollout-stuck, sandbox-runtime, sandbox-cni, volume-pending, restart-rules, pod-restart, env-file, stop-signal\)$/);
			return true;
		});
	});
});
