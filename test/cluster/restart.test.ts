// The pod watch with initk9's own default timings (back-off 0.8 s doubling to 30 s) across two
// restarts of a real kube-apiserver with its watch cache on: after each, the resume point is too
// old for the new watch cache (200 + ERROR 410), and the watch must relist at once and converge
// within seconds of the server being ready — the second time as well as the first.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Pod} from '../../source/model/k8s-types.js';
import {openSession} from '../../source/kube/session.js';
import type {ClusterSession, ConnectionState, ResourceWatch} from '../../source/kube/types.js';
import {eventually, skipUnlessProvisioned, startRealCluster, type RealCluster} from './real-cluster.js';

const ns = 'restart-test';

function bare(name: string): Pod {
	return {metadata: {name, namespace: ns}, spec: {nodeName: 'initk9-node', containers: [{name: 'app', image: 'busybox:1.28'}]}} as Pod;
}

async function converged(cluster: RealCluster, watch: ResourceWatch<Pod>): Promise<boolean> {
	const key = (pods: Pod[]) => pods.map(p => `${p.metadata.name}@${p.metadata.resourceVersion}`).sort().join(',');
	return watch.state.kind === 'live' && key([...watch.items().values()]) === key(await cluster.backend.listPods(ns));
}

describe('real kube-apiserver restarted twice: the watch converges within seconds of readiness each time', skipUnlessProvisioned(), () => {
	let cluster: RealCluster;
	let session: ClusterSession;
	before(async () => {
		cluster = await startRealCluster();
		await cluster.backend.ensureNamespace(ns);
		const kubeconfig = cluster.writeKubeconfig({token: cluster.env.ADMIN_TOKEN, namespace: ns});
		session = await openSession({kubeconfig, env: {}});
	});
	after(async () => {
		session?.close();
		await cluster?.stop();
	});

	// Two API server stops and starts take minutes on a loaded machine: more than the runner's default.
	it('two restarts one after the other', {timeout: 600_000}, async t => {
		const watch = session.watchPods(ns);
		const states: ConnectionState[] = [];
		watch.subscribe(() => {
			if (states.at(-1) !== watch.state) states.push(watch.state);
		});
		try {
			await cluster.backend.createPod(bare('before'));
			await eventually('first sync', () => converged(cluster, watch), 30_000);
			for (const round of [1, 2]) {
				const stoppedAt = Date.now();
				await cluster.stopApiServer();
				await eventually(`round ${round}: the watch notices the server is gone`, () => watch.state.kind === 'reconnecting', 60_000);
				const stale = watch.state as Extract<ConnectionState, {kind: 'reconnecting'}>;
				assert.ok(stale.since >= stoppedAt - 1000, 'staleness counts from when the data stopped being live');
				assert.match(stale.cause, /^(server unreachable|connection lost)$/, 'said in words');
				await cluster.startApiServer();
				const readyAt = Date.now();
				await cluster.backend.createPod(bare(`after-${round}`));
				// Within a few seconds of readiness: refused connections are retried at least every 2 s,
				// and the 410 that follows a restart is relisted at once, every time.
				await eventually(`round ${round}: convergence`, () => converged(cluster, watch), 10_000, 100);
				t.diagnostic(`round ${round}: converged ${Date.now() - readyAt} ms after the API server was ready`);
			}
			assert.deepEqual([...watch.items().values()].map(p => p.metadata.name).sort(), ['after-1', 'after-2', 'before']);
			assert.ok(!states.some(state => state.kind === 'reconnecting' && /resource version/.test(state.cause)), 'no raw apiserver text in the cause');
		} finally {
			watch.stop();
		}
	});
});
