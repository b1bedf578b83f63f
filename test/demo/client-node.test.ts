// @kubernetes/client-node 1.4 (CoreV1Api, Watch, Log) against the demo API server over HTTPS with
// the generated kubeconfig, including a 410 Expired watch and a resumed one.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {PassThrough} from 'node:stream';
import {CoreV1Api, KubeConfig, Log, Watch} from '@kubernetes/client-node';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {crashLoopPod, runningPod, until} from './server-fixtures.js';

let cluster: DemoCluster;
let kc: KubeConfig;
let core: CoreV1Api;
before(async () => {
	cluster = await startDemoCluster({kubelet: false});
	cluster.store.create('pods', crashLoopPod());
	cluster.store.create('pods', runningPod('web'));
	cluster.logs.append('default', 'myapp-pod', 'init-failed-test', 'containerd://ccc4', 'sh: hello.sh: not found');
	kc = new KubeConfig();
	kc.loadFromFile(cluster.kubeconfigPath);
	core = kc.makeApiClient(CoreV1Api);
});
after(() => cluster.stop());

interface Seen {
	type: string;
	object: any;
}

async function startWatch(path: string, query: Record<string, string | boolean>) {
	const events: Seen[] = [];
	let done: unknown = 'open';
	const controller = await new Watch(kc).watch(
		path,
		query,
		(type, object) => events.push({type, object}),
		error => (done = error),
	);
	return {
		events,
		get done() {
			return done;
		},
		stop: () => controller.abort(),
	};
}

describe('@kubernetes/client-node', () => {
	test('CoreV1Api lists and reads pods, namespaces and a 404', async () => {
		const list = await core.listNamespacedPod({namespace: 'default'});
		assert.deepEqual(list.items.map(p => p.metadata?.name), ['myapp-pod', 'web']);
		assert.equal(list.metadata?.resourceVersion, cluster.store.resourceVersion);
		const all = await core.listPodForAllNamespaces({labelSelector: 'app=web'});
		assert.deepEqual(all.items.map(p => p.metadata?.name), ['web']);
		const pod = await core.readNamespacedPod({namespace: 'default', name: 'myapp-pod'});
		assert.equal(pod.status?.initContainerStatuses?.[2]?.state?.waiting?.reason, 'CrashLoopBackOff');
		const namespaces = await core.listNamespace();
		assert.deepEqual(namespaces.items.map(n => n.metadata?.name), ['default', 'kube-system']);
		await assert.rejects(core.readNamespacedPod({namespace: 'default', name: 'nope'}), (error: {code?: number; body?: string}) => {
			assert.equal(error.code, 404);
			assert.equal(JSON.parse(error.body!).message, 'pods "nope" not found');
			return true;
		});
	});

	test('Watch: events after the list resourceVersion, then a resumed watch from the last one seen', async () => {
		const list = await core.listNamespacedPod({namespace: 'default'});
		const first = await startWatch('/api/v1/namespaces/default/pods', {resourceVersion: list.metadata!.resourceVersion!, allowWatchBookmarks: true});
		cluster.store.create('pods', runningPod('api'));
		await until('ADDED api', () => first.events.length >= 1);
		assert.equal(first.events[0]!.type, 'ADDED');
		assert.equal(first.events[0]!.object.metadata.name, 'api');
		const lastSeen = first.events[0]!.object.metadata.resourceVersion as string;
		cluster.faults.closeWatches();
		await until('watch done', () => first.done !== 'open');
		assert.equal(first.done, null);

		cluster.store.delete('pods', 'default', 'api');
		const resumed = await startWatch('/api/v1/namespaces/default/pods', {resourceVersion: lastSeen});
		await until('the missed DELETED', () => resumed.events.length >= 1);
		resumed.stop();
		assert.deepEqual(resumed.events.map(e => `${e.type} ${e.object.metadata.name}`), ['DELETED api']);
	});

	test('Watch: after expireHistory a resume gets the ERROR event with Status 410 Expired', async () => {
		const old = cluster.store.resourceVersion;
		cluster.store.create('pods', runningPod('later'));
		cluster.faults.expireHistory();
		const watch = await startWatch('/api/v1/namespaces/default/pods', {resourceVersion: old});
		await until('watch done', () => watch.done !== 'open');
		assert.equal(watch.events.length, 1);
		assert.equal(watch.events[0]!.type, 'ERROR');
		assert.equal(watch.events[0]!.object.code, 410);
		assert.equal(watch.events[0]!.object.reason, 'Expired');
		// The relist a reflector then does, and its watch, work.
		const relist = await core.listNamespacedPod({namespace: 'default'});
		const again = await startWatch('/api/v1/namespaces/default/pods', {resourceVersion: relist.metadata!.resourceVersion!});
		cluster.store.delete('pods', 'default', 'later');
		await until('DELETED later', () => again.events.length >= 1);
		again.stop();
		assert.equal(again.events[0]!.type, 'DELETED');
	});

	test('Log reads a container log; the API error for a waiting container arrives as 400', async () => {
		const stream = new PassThrough();
		let text = '';
		stream.on('data', chunk => (text += String(chunk)));
		const ended = new Promise(resolve => stream.on('end', resolve));
		await new Log(kc).log('default', 'myapp-pod', 'init-failed-test', stream, {});
		await ended;
		assert.equal(text, 'sh: hello.sh: not found\n');
		// client-node 1.4 drops the Status message of a 400 (only the code survives): kube/ reads logs itself.
		await assert.rejects(new Log(kc).log('default', 'myapp-pod', 'myapp-container', new PassThrough(), {}), {code: 400});
		assert.ok(cluster.audit.entries.some(e => e.path === '/api/v1/namespaces/default/pods/myapp-pod/log' && e.query.includes('container=myapp-container') && e.status === 400));
	});
});
