// The built initk9 in a real terminal against a real kube-apiserver v1.20.2: the article's
// scenario 1 and 2 sequences on the pod table, the namespace-limited user's screens, and the
// table surviving an API server restart. Build first (`npm run test:cluster` does).
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {startKubelet, type Kubelet} from '../../demo/kubelet.js';
import type {Pod} from '../../source/model/k8s-types.js';
import {rowOf, selectedRow, startApp, statusOf, stopApp, type App} from '../e2e/harness.js';
import {eventually, skipUnlessProvisioned, startRealCluster, type RealCluster} from './real-cluster.js';

const team = 'team-a';

/** Polls the screen until `done`, recording each pod's STATUS cell every time it changes. */
async function recordStatuses(app: App, pods: string[], done: (seen: Map<string, string[]>) => boolean, timeoutMs: number): Promise<Map<string, string[]>> {
	const seen = new Map(pods.map(pod => [pod, [] as string[]]));
	const deadline = Date.now() + timeoutMs;
	while (!done(seen) && Date.now() < deadline) {
		await app.waitFor(() => true);
		for (const pod of pods) {
			const status = statusOf(app, pod);
			const list = seen.get(pod)!;
			if (status && status !== list[list.length - 1]) list.push(status);
		}
		await new Promise(resolve => setTimeout(resolve, 30));
	}
	return seen;
}

/** `wanted` appear in this order (other statuses may come between). */
function inOrder(seen: string[], wanted: string[]): boolean {
	let next = 0;
	for (const status of seen) if (status === wanted[next]) next++;
	return next === wanted.length;
}

describe('real kube-apiserver: initk9 in a terminal', skipUnlessProvisioned(), () => {
	let cluster: RealCluster;
	let kubelet: Kubelet | undefined;
	before(async () => {
		cluster = await startRealCluster({limitedNamespace: team});
		await cluster.grantRead('initk9-limited', team);
		await cluster.backend.createPod({
			metadata: {name: 'team-pod', namespace: team},
			spec: {nodeName: 'initk9-node', containers: [{name: 'app', image: 'busybox:1.28'}]},
		} as Pod);
	});
	after(async () => {
		kubelet?.stop();
		await cluster?.stop();
	});

	it("shows scenario 1's and scenario 2's sequences as the pods go through them", async () => {
		const app = await startApp({args: ['--kubeconfig', cluster.kubeconfig, '--context', 'initk9-admin', '-n', 'default'], cols: 140, rows: 20});
		try {
			await app.waitFor(/NAME↑?\s+READY\s+STATUS/, 20_000);
			kubelet = startKubelet({backend: cluster.backend, scenarios: ['healthy', 'exit-127'], speed: 2});
			const healthy = ['Init:0/2', 'Init:1/2', 'PodInitializing', 'Running'];
			const failing = ['Init:0/3', 'Init:1/3', 'Init:2/3', 'Init:Error', 'Init:CrashLoopBackOff', 'Init:Error'];
			const seen = await recordStatuses(
				app,
				['myapp-healthy', 'myapp-pod'],
				s => inOrder(s.get('myapp-healthy')!, healthy) && inOrder(s.get('myapp-pod')!, failing),
				60_000,
			);
			const trail = (pod: string) => `${pod}: ${seen.get(pod)!.join(' → ')}`;
			assert.ok(inOrder(seen.get('myapp-healthy')!, healthy), trail('myapp-healthy'));
			assert.ok(inOrder(seen.get('myapp-pod')!, failing), trail('myapp-pod'));
			assert.match(rowOf(app, 'myapp-pod') ?? '', /init-failed-test: exit 127 \(command not found\)/);
			// The table agrees with the server's own printer at the end.
			const table = await cluster.podTable('default');
			const server = table.find(row => row.name === 'myapp-healthy');
			await app.waitFor(new RegExp(`myapp-healthy\\s+${server!.ready}\\s+${server!.status}`), 5_000);
		} finally {
			kubelet?.stop();
			await stopApp(app);
		}
	});

	it("streams an init container's log through the API server into the log view", async () => {
		// Scenario 1 created myservice and mydb in default; myapp-waiting looks for them in staging and waits forever.
		kubelet = startKubelet({backend: cluster.backend, scenarios: ['dependency-wait'], speed: 2});
		const app = await startApp({args: ['--kubeconfig', cluster.kubeconfig, '--context', 'initk9-admin', '-n', 'staging'], cols: 140, rows: 24});
		try {
			await app.waitFor(/\smyapp-waiting\s/, 20_000);
			for (let i = 0; i < 10 && !selectedRow(app)?.includes('myapp-waiting'); i++) await app.press('j');
			assert.match(selectedRow(app) ?? '', /myapp-waiting/, 'myapp-waiting is selected');
			await app.press('l');
			await app.waitFor(/waiting for myservice/, 20_000);
			// The status line counts the lines received; the screen itself scrolls.
			const received = () => Number(/init-myservice .*· streaming · (\d+) lines ·/.exec(app.text())?.[1] ?? 0);
			const first = received();
			assert.ok(first > 0, app.text());
			// The loop prints every 2 s of cluster time (1 s here): more lines arrive while we watch.
			await app.waitFor(() => received() >= first + 8, 20_000);
			assert.match(app.text(), /nslookup: can't resolve 'myservice\./);
		} finally {
			kubelet?.stop();
			await stopApp(app);
		}
	});

	it('keeps the table right across an API server crash and restart', async () => {
		const app = await startApp({
			args: ['--kubeconfig', cluster.kubeconfig, '--context', 'initk9-admin', '-n', team],
			cols: 140,
			rows: 20,
			env: {INITK9_BACKOFF_MS: '200,1000'},
		});
		try {
			await app.waitFor(/team-pod/, 20_000);
			await cluster.stopApiServer({crash: true});
			await cluster.startApiServer();
			await cluster.backend.createPod({
				metadata: {name: 'after-restart', namespace: team},
				spec: {nodeName: 'initk9-node', containers: [{name: 'app', image: 'busybox:1.28'}]},
			} as Pod);
			await cluster.backend.deletePod(team, 'team-pod');
			await app.waitFor(screen => screen.some(line => /\safter-restart\s/.test(line)) && !screen.some(line => /\steam-pod\s/.test(line)), 30_000);
		} finally {
			await stopApp(app);
		}
	});

	it('the namespace-limited user: its namespace works, all namespaces shows the forbidden message', async () => {
		const own = await startApp({args: ['--kubeconfig', cluster.kubeconfig, '--context', 'initk9-limited'], cols: 140, rows: 20});
		try {
			await own.waitFor(/after-restart/, 20_000);
			assert.doesNotMatch(own.text(), /forbidden/i);
		} finally {
			await stopApp(own);
		}
		const all = await startApp({args: ['--kubeconfig', cluster.kubeconfig, '--context', 'initk9-limited', '-A'], cols: 140, rows: 20});
		try {
			// Exact lines: the prefix once (it was doubled: `forbidden: forbidden: user …`).
			const line = 'forbidden: user "initk9-limited" cannot list pods at cluster scope (all namespaces)';
			await all.waitFor(rows => rows.some(row => row.trim() === line), 20_000);
			await all.waitFor(rows => rows.some(row => row.includes(`✖ ${line}`)), 20_000);
			assert.doesNotMatch(all.text(), /forbidden: forbidden/);
			await eventually('no pod rows', () => !/after-restart|team-pod/.test(all.text()));
		} finally {
			await stopApp(all);
		}
	});
});
