// initk9's pod watch (source/kube/session.ts) against a real kube-apiserver v1.20.2: it must
// converge to the server's truth after the API server restarts mid-session, and after etcd
// compaction turns its resume into a 410 (too old resource version) that forces a relist.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Pod} from '../../source/model/k8s-types.js';
import {openSession} from '../../source/kube/session.js';
import type {ClusterSession, ResourceWatch} from '../../source/kube/types.js';
import {eventually, skipUnlessProvisioned, startRealCluster, type RealCluster} from './real-cluster.js';
import {startTcpProxy, type TcpProxy} from './tcp-proxy.js';

const ns = 'watch-test';
const tunables = {backoffBaseMs: 200, backoffCapMs: 1_000, watchdogMs: 20_000, watchTimeoutSeconds: () => 300};

function bare(name: string): Pod {
	return {metadata: {name, namespace: ns, labels: {test: 'watch'}}, spec: {nodeName: 'initk9-node', containers: [{name: 'app', image: 'busybox:1.28'}]}} as Pod;
}

/** Names and resourceVersions the watch holds vs. what the server lists now. */
async function converged(cluster: RealCluster, watch: ResourceWatch<Pod>): Promise<boolean> {
	const server = await cluster.backend.listPods(ns);
	const mine = [...watch.items().values()];
	const key = (pods: Pod[]) =>
		pods
			.map(p => `${p.metadata.name}@${p.metadata.resourceVersion}`)
			.sort()
			.join(',');
	return watch.state.kind === 'live' && key(mine) === key(server);
}

describe('real kube-apiserver: the pod watch converges after faults', skipUnlessProvisioned(), () => {
	let cluster: RealCluster;
	let proxy: TcpProxy;
	let session: ClusterSession;
	before(async () => {
		// Pod watches served from etcd (no watch cache), so a compacted revision answers 410.
		cluster = await startRealCluster({podWatchCache: false});
		await cluster.backend.ensureNamespace(ns);
		proxy = await startTcpProxy(Number(cluster.env.APISERVER_PORT));
		const kubeconfig = cluster.writeKubeconfig({server: `https://127.0.0.1:${proxy.port}`, token: cluster.env.ADMIN_TOKEN, namespace: ns});
		session = await openSession({kubeconfig, tunables});
	});
	after(async () => {
		session?.close();
		await proxy?.close();
		await cluster?.stop();
	});

	it('the first list is the server\'s printed rows (a v1 Table), then the full pods replace them', async () => {
		await cluster.backend.createPod(bare('printed'));
		const watch = session.watchPods(ns);
		const firstCounted: Array<{printed: number; full: number; status: unknown; uid?: string}> = [];
		watch.subscribe(() => {
			if (!watch.counted || firstCounted.length > 0) return;
			const row = [...watch.preview().values()].find(candidate => candidate.metadata.name === 'printed');
			firstCounted.push({printed: watch.preview().size, full: watch.items().size, status: row?.cells['Status'], uid: row?.metadata.uid});
		});
		try {
			await eventually('the watch to sync', () => watch.synced);
			const server = (await cluster.backend.listPods(ns)).find(pod => pod.metadata.name === 'printed')!;
			assert.equal(firstCounted[0]?.full, 0, 'counted before any full pod arrived');
			assert.ok((firstCounted[0]?.printed ?? 0) >= 1, 'from printed rows');
			assert.equal(firstCounted[0]?.uid, server.metadata.uid, 'printed rows carry the pod\'s uid');
			assert.equal(typeof firstCounted[0]?.status, 'string');
			assert.equal(watch.preview().size, 0);
			assert.ok([...watch.items().values()].some(pod => pod.metadata.uid === server.metadata.uid));
		} finally {
			watch.stop();
			await cluster.backend.deletePod(ns, 'printed');
		}
	});

	it('lists and watches live changes', async () => {
		const watch = session.watchPods(ns);
		try {
			await cluster.backend.createPod(bare('first'));
			await eventually('the watch to sync and see "first"', () => watch.synced && [...watch.items().values()].some(p => p.metadata.name === 'first'));
			await cluster.backend.updatePodStatus(ns, 'first', {phase: 'Running'});
			await eventually('the phase change', () => [...watch.items().values()].some(p => p.status?.phase === 'Running'));
			assert.ok(await converged(cluster, watch));
		} finally {
			watch.stop();
		}
	});

	it('converges after the API server is restarted mid-session', async () => {
		const watch = session.watchPods(ns);
		try {
			await eventually('first sync', () => converged(cluster, watch));
			await cluster.stopApiServer();
			await eventually('the watch to notice the server is gone', () => watch.state.kind === 'reconnecting', 30_000);
			await cluster.startApiServer();
			// Changes right after the restart must arrive too.
			await cluster.backend.createPod(bare('after-restart'));
			await cluster.backend.deletePod(ns, 'first');
			await eventually('convergence after the restart', () => converged(cluster, watch), 30_000);
			const names = [...watch.items().values()].map(p => p.metadata.name);
			assert.deepEqual(names.sort(), ['after-restart']);
		} finally {
			watch.stop();
		}
	});

	it('relists after etcd compaction makes its resume point too old (410)', async () => {
		const watch = session.watchPods(ns);
		try {
			await eventually('first sync', () => converged(cluster, watch));
			proxy.cut();
			await eventually('the watch to notice the partition', () => watch.state.kind === 'reconnecting', 30_000);
			// While initk9 cannot see the server: a pod comes, one goes, one changes; then etcd compacts
			// past initk9's last resourceVersion, so no watch can replay these changes.
			await cluster.backend.createPod(bare('while-away'));
			await cluster.backend.createPod(bare('short-lived'));
			await cluster.backend.deletePod(ns, 'short-lived');
			await cluster.backend.deletePod(ns, 'after-restart');
			await cluster.backend.updatePodStatus(ns, 'while-away', {phase: 'Running', message: 'changed while away'});
			const revision = await cluster.compact();
			const stale = await cluster.backend.api<{type: string; object: {code: number; reason: string}}>('GET', `/api/v1/namespaces/${ns}/pods?watch=1&resourceVersion=1&timeoutSeconds=1`);
			assert.match(stale.text, /"code":410/, `a watch from before revision ${revision} must get 410 Expired`);
			const auditBefore = cluster.audit().length;
			proxy.restore();
			await eventually('convergence after the 410', () => converged(cluster, watch), 30_000);
			assert.deepEqual([...watch.items().values()].map(p => p.metadata.name), ['while-away']);
			assert.equal([...watch.items().values()][0]?.status?.message, 'changed while away');
			// The way back was a fresh list (a replaying watch is impossible after compaction).
			const relists = cluster
				.audit()
				.slice(auditBefore)
				.filter(entry => entry.verb === 'list' && entry.requestURI.startsWith(`/api/v1/namespaces/${ns}/pods`) && entry.user.username === 'initk9-admin');
			assert.ok(relists.length >= 1, 'initk9 listed the pods again');
		} finally {
			watch.stop();
		}
	});
});
