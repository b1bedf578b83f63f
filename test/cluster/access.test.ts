// A namespace-limited user on a real RBAC-enforcing kube-apiserver v1.20.2 (a Role + RoleBinding
// in one namespace), and init-container logs streamed through the API server from the fake kubelet.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {startKubelet, type Kubelet} from '../../demo/kubelet.js';
import type {Pod} from '../../source/model/k8s-types.js';
import {openSession} from '../../source/kube/session.js';
import type {ClusterSession, LogEntry} from '../../source/kube/types.js';
import {eventually, skipUnlessProvisioned, startRealCluster, type RealCluster} from './real-cluster.js';

const team = 'team-a';
const tunables = {backoffBaseMs: 200, backoffCapMs: 1_000};
const lines = (entries: readonly LogEntry[]) => entries.flatMap(entry => (entry.type === 'line' ? [entry.line.text] : []));

describe('real kube-apiserver: RBAC-limited user and logs through the API server', skipUnlessProvisioned(), () => {
	let cluster: RealCluster;
	let kubelet: Kubelet;
	let admin: ClusterSession;
	let limited: ClusterSession;

	before(async () => {
		cluster = await startRealCluster({limitedNamespace: team});
		await cluster.grantRead('initk9-limited', team);
		// Scenario 2 (exit 127) plays in "default", 3 (waiting for a Service) in "staging"; one pod in team-a.
		kubelet = startKubelet({backend: cluster.backend, scenarios: ['exit-127', 'dependency-wait'], speed: 4});
		await cluster.backend.createPod({
			metadata: {name: 'team-pod', namespace: team},
			spec: {nodeName: 'initk9-node', containers: [{name: 'app', image: 'busybox:1.28'}]},
		} as Pod);
		admin = await openSession({kubeconfig: cluster.kubeconfig, context: 'initk9-admin', tunables});
		limited = await openSession({kubeconfig: cluster.kubeconfig, context: 'initk9-limited', tunables});
	});
	after(async () => {
		kubelet?.stop();
		admin?.close();
		limited?.close();
		await cluster?.stop();
	});

	it('the limited user sees its own namespace', async () => {
		assert.equal(limited.namespace, team);
		const watch = limited.watchPods(team);
		try {
			await eventually('team-pod', () => watch.synced && [...watch.items().values()].some(p => p.metadata.name === 'team-pod'));
			// Live once the watch has proved itself (accepted and not rejected at once), not at the 200.
			await eventually('live', () => watch.state.kind === 'live');
		} finally {
			watch.stop();
		}
	});

	it('gets a clear forbidden message for all namespaces and for a namespace it may not read', async () => {
		for (const namespace of [undefined, 'default']) {
			const watch = limited.watchPods(namespace);
			try {
				const state = await eventually(`forbidden for ${namespace ?? 'all namespaces'}`, () => (watch.state.kind === 'forbidden' ? watch.state : undefined));
				assert.equal(state.message, `forbidden: user "initk9-limited" cannot list pods ${namespace ? 'in namespace "default"' : 'at cluster scope (all namespaces)'}`);
				assert.equal(watch.items().size, 0);
			} finally {
				watch.stop();
			}
		}
		// A forbidden watch does not hammer the server: it stays forbidden.
		const again = limited.watchPods(undefined);
		await eventually('forbidden', () => again.state.kind === 'forbidden');
		again.stop();
	});

	it("an init container's log streams live through the API server (scenario 3: waiting for myservice)", async () => {
		const pod = await eventually('myapp-waiting to run init-myservice', async () => {
			const found = await admin.getPod('staging', 'myapp-waiting');
			return found?.status?.initContainerStatuses?.[0]?.state?.running ? found : undefined;
		});
		const follower = admin.followLog({namespace: 'staging', pod: pod.metadata.name, container: pod.spec.initContainers![0]!.name});
		try {
			const first = await eventually('a first line', () => lines(follower.entries()).length || undefined, 20_000);
			// The container loops every 2 s of cluster time (0.5 s at speed 4): new lines must keep arriving.
			await eventually('lines arriving live', () => lines(follower.entries()).length >= first + 6, 20_000);
			const text = lines(follower.entries());
			assert.ok(text.filter(line => line === 'waiting for myservice').length >= 2, text.join(' | '));
			assert.ok(text.some(line => /can't resolve 'myservice\./.test(line)), text.join(' | '));
		} finally {
			follower.stop();
		}
	});

	it('reads the failed init container of scenario 2 (exit 127) and the API server refuses the app container', async () => {
		await eventually('init-failed-test to have failed once', async () => {
			const pod = await admin.getPod('default', 'myapp-pod');
			const status = pod?.status?.initContainerStatuses?.find(s => s.name === 'init-failed-test');
			return (status?.restartCount ?? 0) >= 1 || status?.state?.terminated?.exitCode === 127;
		}, 30_000);
		const text = await admin.readLog({namespace: 'default', pod: 'myapp-pod', container: 'init-failed-test', follow: false});
		assert.ok(text.includes('sh: hello.sh: not found'), text.join(' | '));
		await assert.rejects(admin.readLog({namespace: 'default', pod: 'myapp-pod', container: 'myapp-container', follow: false}), (error: Error) => {
			assert.match(error.message, /container "myapp-container" in pod "myapp-pod" is waiting to start: PodInitializing/);
			return true;
		});
	});
});
