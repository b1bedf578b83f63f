// A real stuck rollout: the demo's rollout-stuck scenario on kube-apiserver v1.20.2 with a real
// kube-controller-manager. Its Deployment and ReplicaSet controllers make the ReplicaSets and pods;
// the demo's simulated kubelet (there is no real one) binds them and writes their statuses through
// `pods/status`. `kubectl rollout status` only counts and times out; initk9's :deploy, the workload
// screen and `initk9 report` say why, from the real objects, and so do :sts and :jobs for the
// scenario's StatefulSet and Job; initk9 sends only reads.
// Build first (`npm run test:cluster` does).
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {startKubelet, type Kubelet} from '../../demo/kubelet.js';
import {KEYS, rowOf, runCli, selectedRow, startApp, stopApp, type App} from '../e2e/harness.js';
import {eventually, skipUnlessProvisioned, startRealCluster, type RealCluster} from './real-cluster.js';

const run = promisify(execFile);
const ns = 'rollout';

interface Meta {
	name: string;
	uid: string;
	labels?: Record<string, string>;
	annotations?: Record<string, string>;
	ownerReferences?: Array<{kind: string; name: string; uid: string; controller?: boolean}>;
}
interface ReplicaSet {
	metadata: Meta;
	spec: {replicas: number; template: {spec: {initContainers?: Array<{name: string}>}}};
	status: {replicas?: number; readyReplicas?: number};
}
interface Deployment {
	metadata: Meta;
	status?: {conditions?: Array<{type: string; status: string; reason?: string}>};
}


describe('real kube-controller-manager: why a rollout is stuck', skipUnlessProvisioned(), () => {
	let cluster: RealCluster;
	let kubelet: Kubelet | undefined;
	let cache: string;
	const kubectl = async (...args: string[]) => {
		try {
			const {stdout, stderr} = await run('kubectl', ['--kubeconfig', cluster.kubeconfig, '--cache-dir', cache, '-n', ns, ...args], {encoding: 'utf8', timeout: 60_000});
			return {code: 0, out: stdout + stderr};
		} catch (error) {
			const failed = error as {code?: number; stdout?: string; stderr?: string};
			return {code: failed.code ?? 1, out: `${failed.stdout ?? ''}${failed.stderr ?? ''}`};
		}
	};
	const replicaSets = async () => (await cluster.backend.api<{items: ReplicaSet[]}>('GET', `/apis/apps/v1/namespaces/${ns}/replicasets`)).body.items.filter(rs => rs.metadata.name.startsWith('api-'));
	const deployment = async () => (await cluster.backend.api<Deployment>('GET', `/apis/apps/v1/namespaces/${ns}/deployments/api`)).body;

	before(async () => {
		cache = mkdtempSync(join(tmpdir(), 'initk9-kubectl-'));
		cluster = await startRealCluster();
		await cluster.startControllerManager();
		kubelet = startKubelet({backend: cluster.backend, scenarios: ['rollout-stuck'], speed: 4});
	});
	after(async () => {
		kubelet?.stop();
		await cluster?.stop();
		rmSync(cache, {recursive: true, force: true});
	});

	it('the real controllers make revision 2, which stalls in init while revision 1 serves; :deploy, the workload screen and report say why, :sts and :jobs too; initk9 only reads', async () => {
		// The real Deployment controller: two ReplicaSets it owns, revision 1 serving 3/3, revision 2 with the new init container.
		const [oldRs, newRs] = await eventually('revision 2 next to revision 1 serving 3/3', async () => {
			const sets = await replicaSets();
			const byRevision = (revision: string) => sets.find(rs => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision);
			const [one, two] = [byRevision('1'), byRevision('2')];
			return one && two && one.status.readyReplicas === 3 && (two.status.replicas ?? 0) >= 1 ? [one, two] as const : undefined;
		}, 180_000, 500);
		const api = await deployment();
		for (const rs of [oldRs, newRs]) {
			assert.deepEqual(rs.metadata.ownerReferences?.map(ref => [ref.kind, ref.name, ref.uid, ref.controller]), [['Deployment', 'api', api.metadata.uid, true]]);
			assert.equal(rs.metadata.name, `api-${rs.metadata.labels?.['pod-template-hash']}`);
		}
		assert.deepEqual(newRs.spec.template.spec.initContainers?.map(c => c.name), ['migrate-db']);
		assert.equal(newRs.spec.replicas, 1, 'maxSurge 1, maxUnavailable 0: one new pod at a time');

		// kubectl only counts, and waits.
		const waiting = await kubectl('rollout', 'status', 'deploy/api', '--timeout=3s');
		assert.notEqual(waiting.code, 0, waiting.out);
		assert.match(waiting.out, /Waiting for deployment "api" rollout to finish: 1 out of 3 new replicas have been updated/);
		assert.match(waiting.out, /timed out waiting for the condition/);

		const app: App = await startApp({args: ['--kubeconfig', cluster.kubeconfig, '-n', ns, '--stuck-after', '8s'], cols: 200, rows: 34});
		try {
			await app.waitFor(/api-/, 60_000);
			await app.press(':', ...'deploy', KEYS.enter);
			await app.waitFor(/deployments\(rollout\)\[1\]/, 30_000);
			await app.waitFor(/rollout stuck \S+: 0\/3 new pods ready, \d+ failing at init 1\/1 migrate-db \(exit 127: command not found\); old revision 3\/3 serving/, 120_000);
			assert.match(rowOf(app, 'api') ?? '', /^\s*✖\s+api\s+3\/3\s+1\s+3\s+\S+\s+rollout stuck/, "kubectl's READY UP-TO-DATE AVAILABLE AGE, then WHY");

			// The workload screen: the real ReplicaSets by revision, what changed, the pods new first.
			await app.press(KEYS.enter);
			await app.waitFor(/What changed in this rollout \(revision 1 → 2\)/, 30_000);
			await app.waitFor(new RegExp(`new · revision 2 · rs ${newRs.metadata.name}: 0/1 pods ready\\s+1× init 1/1 migrate-db \\(exit 127: command not found\\)`), 30_000);
			const screen = app.text();
			assert.match(screen, new RegExp(`old · revision 1 · rs ${oldRs.metadata.name}: 3/3 pods ready`));
			assert.match(screen, /\+ init container migrate-db\s+ghcr\.io\/shop\/api:1\.9\.0: sh -c migrate-db up/);
			assert.match(screen, /~ container api\s+image ghcr\.io\/shop\/api:1\.8\.2 → ghcr\.io\/shop\/api:1\.9\.0/);
			assert.match(selectedRow(app) ?? '', new RegExp(`^new 2 .*${newRs.metadata.name}-\\w+`), 'the new pod first');
			const newPod = new RegExp(`(${newRs.metadata.name}-\\w+)`).exec(selectedRow(app) ?? '')![1]!;

			// The real controller gives up after progressDeadlineSeconds (60 s of real time): the WHY says so.
			await eventually('ProgressDeadlineExceeded from the real Deployment controller', async () => {
				const progressing = (await deployment()).status?.conditions?.find(c => c.type === 'Progressing');
				return progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded';
			}, 180_000, 1000);
			await app.press(KEYS.escape);
			await app.waitFor(/rollout stuck \S+ \(ProgressDeadlineExceeded\): 0\/3 new pods ready, \d+ failing at init 1\/1 migrate-db \(exit 127: command not found\); old revision 3\/3 serving/, 30_000);
			const deadline = await kubectl('rollout', 'status', 'deploy/api', '--timeout=30s');
			assert.notEqual(deadline.code, 0, deadline.out);
			assert.match(deadline.out, /deployment "api" exceeded its progress deadline/);

			// `initk9 report` on the new pod: the cause, and bisect manifests from the Deployment's template.
			const report = await runCli(['report', `${ns}/${newPod}`, '--kubeconfig', cluster.kubeconfig, '--format', 'json'], {XDG_STATE_HOME: cache});
			assert.equal(report.status, 0, report.stderr);
			const json = JSON.parse(report.stdout) as {bisect: {source: string; manifests: Array<{initContainers: string[]}>}};
			assert.equal(json.bisect.source, `Deployment ${ns}/api (pod template)`);
			assert.deepEqual(json.bisect.manifests.map(m => m.initContainers), [[], ['migrate-db']]);
			assert.match(report.stdout, /migrate-db/);
			assert.match(report.stdout, /exit 127|exits 127/);

			// The scenario's StatefulSet and Job, from the real StatefulSet and Job controllers.
			await app.press(':', ...'sts', KEYS.enter);
			await app.waitFor(/^\s*\S\s+web\s+1\/3\s+\S+\s+pod web-1 stuck in init 1\/1 wait-for-peer \(running \S+, no restarts\), web-2 not started \(OrderedReady\)/m, 90_000);
			await app.press(':', ...'jobs', KEYS.enter);
			// backoffLimit 3 with the real back-off (10 s, 20 s, 40 s): the fourth failed pod fails the Job.
			await app.waitFor(/report-sync\s+Failed\s+0\/1\s+\S+\s+\S+\s+backoffLimit reached: init 1\/1 fetch-config \(exit 1\) ×4/, 180_000);
		} finally {
			await stopApp(app);
		}

		// Read-only: every request initk9 made was a get, list or watch; it did read the workloads.
		const ours = cluster.audit().filter(entry => /^initk9\//.test(entry.userAgent ?? ''));
		assert.ok(ours.length > 0, 'the audit log has initk9 requests');
		assert.deepEqual(ours.filter(entry => !['get', 'list', 'watch'].includes(entry.verb)).map(entry => `${entry.verb} ${entry.requestURI}`), []);
		assert.ok(ours.some(entry => entry.requestURI.startsWith(`/apis/apps/v1/namespaces/${ns}/deployments`)), 'initk9 read the Deployments');
		assert.ok(ours.some(entry => entry.requestURI.startsWith(`/apis/apps/v1/namespaces/${ns}/replicasets`)), 'and the ReplicaSets');
	});
});
