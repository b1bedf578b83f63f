// The real API server as the demo kubelet drives it (demo/http-backend.ts): provisioning is cached,
// pods go through pods/status, logs are proxied by the API server to our fake kubelet, and the
// kubelet's error texts arrive as the API server's Status messages.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {request} from 'node:https';
import {fileURLToPath} from 'node:url';
import type {Pod, PodStatus} from '../../source/model/k8s-types.js';
import {eventually, provision, skipUnlessProvisioned, startRealCluster, type RealCluster} from './real-cluster.js';

const ns = 'backend-test';
const at = (offsetSeconds = 0) => new Date(Math.floor(Date.now() / 1000) * 1000 + offsetSeconds * 1000).toISOString().replace('.000Z', 'Z');

function podSpec(name: string): Pod {
	return {
		metadata: {name, namespace: ns},
		spec: {
			nodeName: 'initk9-node',
			initContainers: [{name: 'init-myservice', image: 'busybox:1.28', command: ['sh', '-c', 'until nslookup myservice; do echo waiting for myservice; sleep 2; done']}],
			containers: [{name: 'myapp-container', image: 'busybox:1.28'}],
		},
	} as Pod;
}

function initRunning(containerID: string, restartCount = 0, lastID?: string): PodStatus {
	return {
		phase: 'Pending',
		conditions: [{type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init-myservice]'}],
		initContainerStatuses: [
			{
				name: 'init-myservice',
				ready: false,
				restartCount,
				image: 'busybox:1.28',
				imageID: '',
				containerID,
				state: {running: {startedAt: at()}},
				...(lastID ? {lastState: {terminated: {exitCode: 1, reason: 'Error', containerID: lastID, startedAt: at(-5), finishedAt: at(-1)}}} : {}),
			},
		],
		containerStatuses: [{name: 'myapp-container', ready: false, restartCount: 0, image: 'busybox:1.28', imageID: '', state: {waiting: {reason: 'PodInitializing'}}}],
	} as PodStatus;
}

/** GET through the API server, collecting the streamed body as it arrives. */
function stream(cluster: RealCluster, path: string) {
	const url = new URL(cluster.server);
	let body = '';
	let status = 0;
	let ended = false;
	const req = request({hostname: url.hostname, port: url.port, path, ca: cluster.ca, headers: {Authorization: `Bearer ${cluster.env.ADMIN_TOKEN}`}}, res => {
		status = res.statusCode ?? 0;
		res.setEncoding('utf8');
		res.on('data', (chunk: string) => (body += chunk));
		res.on('end', () => (ended = true));
		res.on('error', () => (ended = true));
	});
	req.on('error', () => (ended = true));
	req.end();
	return {
		get body() {
			return body;
		},
		get status() {
			return status;
		},
		get ended() {
			return ended;
		},
		abort: () => req.destroy(),
	};
}

describe('real kube-apiserver: provisioning and the HTTP backend', skipUnlessProvisioned(), () => {
	let cluster: RealCluster;
	before(async () => {
		cluster = await startRealCluster();
		await cluster.backend.ensureNamespace(ns);
	});
	after(async () => cluster?.stop());

	it('serves v1.20.2 and a second provisioning run uses the cached binary (no download, no build)', async () => {
		assert.ok(provision().ok);
		// With every Debian mirror unreachable, only the cache can make it succeed; how long that takes is not a test's business.
		const again = spawnSync('bash', [fileURLToPath(new URL('../../scripts/kube-apiserver/provision.sh', import.meta.url))], {
			encoding: 'utf8',
			env: {...process.env, INITK9_DEBIAN_MIRROR: 'http://127.0.0.1:9'},
		});
		assert.equal(again.status, 0, again.stderr);
		assert.match(again.stdout, /^KUBE_APISERVER=\S+\nETCD=\S+\nETCDCTL=\S+\n$/);
		const version = await cluster.backend.api<{gitVersion: string}>('GET', '/version');
		assert.equal(version.body.gitVersion, 'v1.20.2');
	});

	it('provisioning reports "unavailable" (exit 3, one line) when the packages cannot be downloaded', () => {
		const cache = mkdtempSync(join(tmpdir(), 'initk9-nocache-'));
		try {
			const result = spawnSync('bash', [fileURLToPath(new URL('../../scripts/kube-apiserver/provision.sh', import.meta.url))], {
				encoding: 'utf8',
				// A Debian mirror nobody serves: loopback port 9 refuses at once.
				env: {...process.env, INITK9_CACHE: cache, INITK9_DEBIAN_MIRROR: 'http://127.0.0.1:9'},
			});
			assert.equal(result.status, 3, result.stderr);
			assert.match(result.stderr.trim().split('\n').pop() ?? '', /^\[kube-apiserver\] unavailable: apt-get download failed/);
			assert.equal(result.stdout, '', 'no binary paths printed');
		} finally {
			rmSync(cache, {recursive: true, force: true});
		}
	});

	it('creates pods bound to the fake kubelet node and replaces their status through pods/status', async () => {
		const created = await cluster.backend.createPod(podSpec('status-pod'));
		assert.ok(created.metadata.uid);
		assert.equal(created.spec.nodeName, 'initk9-node');
		const updated = await cluster.backend.updatePodStatus(ns, 'status-pod', initRunning('containerd://s1'), {'initk9.test/step': '1'});
		assert.equal(updated?.status?.initContainerStatuses?.[0]?.state?.running?.startedAt !== undefined, true);
		assert.equal(updated?.metadata.annotations?.['initk9.test/step'], '1');
		const [row] = (await cluster.podTable(ns)).filter(r => r.name === 'status-pod');
		assert.deepEqual([row?.ready, row?.status], ['0/1', 'Init:0/1']);
		const node = await cluster.backend.api<{status: {daemonEndpoints: {kubeletEndpoint: {Port: number}}}}>('GET', '/api/v1/nodes/initk9-node');
		assert.equal(node.body.status.daemonEndpoints.kubeletEndpoint.Port, cluster.backend.kubeletPort);
	});

	it('streams an init container log through the API server while it runs, and ends when it terminates', async () => {
		await cluster.backend.createPod(podSpec('log-pod'));
		await cluster.backend.updatePodStatus(ns, 'log-pod', initRunning('containerd://l1'));
		cluster.backend.appendLog(ns, 'log-pod', 'init-myservice', 'containerd://l1', 'waiting for myservice\n', Date.now());
		const follow = stream(cluster, `/api/v1/namespaces/${ns}/pods/log-pod/log?container=init-myservice&follow=true`);
		await eventually('the first line', () => follow.body.includes('waiting for myservice\n'));
		assert.equal(follow.status, 200);
		cluster.backend.appendLog(ns, 'log-pod', 'init-myservice', 'containerd://l1', 'waiting for myservice\n', Date.now());
		await eventually('the second line, live', () => follow.body === 'waiting for myservice\nwaiting for myservice\n');
		assert.equal(follow.ended, false, 'a follow of a running container stays open');
		const done = initRunning('containerd://l1');
		done.initContainerStatuses![0]!.state = {terminated: {exitCode: 0, reason: 'Completed', containerID: 'containerd://l1', startedAt: at(-2), finishedAt: at()}};
		await cluster.backend.updatePodStatus(ns, 'log-pod', done);
		await eventually('the stream to end with the container', () => follow.ended);
	});

	it("passes the kubelet's refusals on as the API server's own messages", async () => {
		await cluster.backend.createPod(podSpec('refusal-pod'));
		await cluster.backend.updatePodStatus(ns, 'refusal-pod', initRunning('containerd://r2', 1, 'containerd://r1'));
		const app = await cluster.backend.api<{message: string; reason: string}>('GET', `/api/v1/namespaces/${ns}/pods/refusal-pod/log?container=myapp-container`);
		assert.equal(app.status, 400);
		assert.equal(app.body.reason, 'BadRequest');
		assert.equal(app.body.message, 'container "myapp-container" in pod "refusal-pod" is waiting to start: PodInitializing');
		cluster.backend.appendLog(ns, 'refusal-pod', 'init-myservice', 'containerd://r1', 'first run\n', Date.now());
		cluster.backend.appendLog(ns, 'refusal-pod', 'init-myservice', 'containerd://r2', 'second run\n', Date.now());
		const previous = await cluster.backend.api('GET', `/api/v1/namespaces/${ns}/pods/refusal-pod/log?container=init-myservice&previous=true`);
		assert.equal(previous.text, 'first run\n');
		const current = await cluster.backend.api('GET', `/api/v1/namespaces/${ns}/pods/refusal-pod/log?container=init-myservice&timestamps=true`);
		assert.match(current.text, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z second run\n$/);
		const unknown = await cluster.backend.api<{message: string}>('GET', `/api/v1/namespaces/${ns}/pods/refusal-pod/log?container=nope`);
		assert.equal(unknown.status, 400);
		assert.equal(unknown.body.message, 'container nope is not valid for pod refusal-pod');
	});

	it('upserts events and deletes pods at once (grace period 0, no kubelet to confirm)', async () => {
		const pod = await cluster.backend.createPod(podSpec('gone-pod'));
		const event = {
			metadata: {name: 'gone-pod.1', namespace: ns},
			involvedObject: {kind: 'Pod', namespace: ns, name: 'gone-pod', uid: pod.metadata.uid, apiVersion: 'v1', fieldPath: 'spec.initContainers{init-myservice}'},
			reason: 'BackOff',
			message: 'Back-off restarting failed container',
			type: 'Warning',
			count: 1,
			firstTimestamp: at(),
			lastTimestamp: at(),
			source: {component: 'kubelet', host: 'initk9-node'},
		};
		await cluster.backend.upsertEvent(event as never);
		await cluster.backend.upsertEvent({...event, count: 4} as never);
		const events = await cluster.backend.api<{items: Array<{count: number}>}>('GET', `/api/v1/namespaces/${ns}/events?fieldSelector=involvedObject.name%3Dgone-pod`);
		assert.deepEqual(events.body.items.map(e => e.count), [4]);
		await cluster.backend.deletePod(ns, 'gone-pod');
		assert.equal(await cluster.backend.getPod(ns, 'gone-pod'), undefined);
	});

	it('stops etcd and the API server by PID', async () => {
		const pids = ['apiserver.pid', 'etcd.pid'].map(file => Number(readFileSync(`${cluster.dir}/${file}`, 'utf8')));
		await cluster.stop();
		const alive = (pid: number) => {
			try {
				process.kill(pid, 0);
				return true;
			} catch {
				return false;
			}
		};
		// cluster.sh waits until they stopped running; an exited child may stay a zombie until reaped.
		await eventually('both processes reaped', () => pids.every(pid => !alive(pid)), 5_000);
	});
});
