// The workload views against the demo's rollout-stuck scenario, in a real terminal: :deploy says
// why the rollout is stuck, Enter shows the pods by revision and what changed, Enter on a pod
// shows its owner chain; a live `kubectl set image` clears the WHY. initk9 only ever GETs.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {KEYS, rowOf, selectedRow, startApp, startDemo, stopApp, type App} from './harness.js';

const run = promisify(execFile);

async function command(app: App, text: string): Promise<void> {
	await app.press(':', ...text, KEYS.enter);
}

test('rollout-stuck: :deploy says why, Enter splits the pods by revision, a live fix clears it; only GETs', async () => {
	const demo = await startDemo({scenarios: ['rollout-stuck'], speed: 4});
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'rollout', '--stuck-after', '8s'], cols: 200, rows: 34});
	const cache = mkdtempSync(join(tmpdir(), 'initk9-kubectl-'));
	try {
		await app.waitFor(/api-/, 60_000);
		await command(app, 'deploy');
		await app.waitFor(/deployments\(rollout\)\[1\]/, 30_000);
		// The cause of the new pods, the old revision still serving, the controller's deadline.
		await app.waitFor(/rollout stuck \S+ \(ProgressDeadlineExceeded\): 0\/3 new pods ready, \d+ failing at init 1\/1 migrate-db \(exit 127: command not found\); old revision 3\/3 serving/, 120_000);
		assert.match(rowOf(app, 'api') ?? '', /^\s*✖\s+api\s+3\/3\s+1\s+3\s+\S+\s+rollout stuck/, 'kubectl\'s READY UP-TO-DATE AVAILABLE AGE, then WHY');

		// Enter: revisions, their causes, what changed, the pods new first.
		await app.press(KEYS.enter);
		await app.waitFor(/What changed in this rollout \(revision 1 → 2\)/, 30_000);
		const screen = app.text();
		assert.match(screen, /new · revision 2 · rs api-\w+: 0\/1 pods ready\s+1× init 1\/1 migrate-db \(exit 127: command not found\)/);
		assert.match(screen, /old · revision 1 · rs api-\w+: 3\/3 pods ready/);
		assert.match(screen, /\+ init container migrate-db\s+ghcr\.io\/shop\/api:1\.9\.0: sh -c migrate-db up/);
		assert.match(screen, /~ container api\s+image ghcr\.io\/shop\/api:1\.8\.2 → ghcr\.io\/shop\/api:1\.9\.0/);
		const podRows = app.screen().filter(line => /^(new|old) \d/.test(line));
		assert.equal(podRows.filter(line => /^new 2 .*Init:(Error|CrashLoopBackOff)/.test(line)).length, 1, podRows.join('\n'));
		assert.equal(podRows.filter(line => /^old 1 .*Running/.test(line)).length, 3, podRows.join('\n'));
		assert.match(selectedRow(app) ?? '', /^new 2/, 'the new pod is selected first');

		// Enter on the new pod: the drill-down, with its owner chain.
		const newPod = /(api-\w+-\w+)/.exec(selectedRow(app) ?? '')![1]!;
		await app.press(KEYS.enter);
		await app.waitFor(new RegExp(`owner: Pod ${newPod} ← ReplicaSet api-\\w+ ← Deployment api \\(revision 2\\)`), 30_000);
		assert.match(app.text(), /Blocked at init 1\/1 migrate-db/);
		await app.press(KEYS.escape);
		await app.waitFor(/What changed in this rollout/, 10_000);

		// The live fix: kubectl against the demo; the WHY clears once the new revision serves.
		await run('kubectl', ['--kubeconfig', demo.kubeconfigPath, '--cache-dir', cache, '-n', 'rollout', 'set', 'image', 'deploy/api', 'migrate-db=ghcr.io/shop/api:1.9.1', 'api=ghcr.io/shop/api:1.9.1'], {timeout: 30_000});
		await app.waitFor(/new · revision 3 · rs api-\w+: 3\/3 pods ready/, 120_000);
		await app.waitFor(/nothing wrong found/, 60_000);
		assert.match(app.text(), /What changed in this rollout \(revision 2 → 3\)/);
		assert.match(app.text(), /~ init container migrate-db\s+image ghcr\.io\/shop\/api:1\.9\.0 → ghcr\.io\/shop\/api:1\.9\.1/);
		await app.press(KEYS.escape);
		await app.waitFor(screenLines => /^\s*●\s+api\s+3\/3\s+3\s+3\s+\S+\s*$/.test(screenLines.find(line => /\sapi\s/.test(line)) ?? ''), 30_000);

		const ours = demo.audit.entries.filter(entry => !/kubectl/.test(entry.userAgent ?? ''));
		assert.deepEqual(ours.filter(entry => entry.method !== 'GET'), [], 'initk9 sent only GETs');
		assert.ok(ours.some(entry => entry.path === '/apis/apps/v1/namespaces/rollout/deployments'), 'initk9 listed and watched the Deployments');
		assert.ok(ours.some(entry => entry.path === '/apis/apps/v1/namespaces/rollout/replicasets'), 'and the ReplicaSets');
	} finally {
		await stopApp(app);
		await demo.stop();
		rmSync(cache, {recursive: true, force: true});
	}
});

test('rollout-stuck: :sts names the pod stuck in init and the ones OrderedReady holds back, :jobs the backoffLimit, :workloads all of them', async () => {
	const demo = await startDemo({scenarios: ['rollout-stuck'], speed: 4});
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'rollout', '--stuck-after', '8s'], cols: 170, rows: 30});
	try {
		await app.waitFor(/web-/, 60_000);
		await command(app, 'sts');
		await app.waitFor(/^\s*\S\s+web\s+1\/3\s+\S+\s+pod web-1 stuck in init 1\/1 wait-for-peer \(running \S+, no restarts\), web-2 not started \(OrderedReady\)/m, 90_000);
		await command(app, 'jobs');
		await app.waitFor(/report-sync\s+Failed\s+0\/1\s+\S+\s+\S+\s+backoffLimit reached: init 1\/1 fetch-config \(exit 1\) ×4/, 120_000);
		await command(app, 'workloads');
		await app.waitFor(/workloads\(rollout\)\[3\]/, 30_000);
		const text = app.text();
		assert.match(text, /deploy\s+api\s+3\/3\s+1\s+3\s+\S+\s+rollout stuck/);
		assert.match(text, /sts\s+web\s+1\/3\s+.*pod web-1 stuck in init/);
		assert.match(text, /job\s+report-sync\s+0\/1\s+.*backoffLimit reached/);
		await command(app, 'ds');
		await app.waitFor(/no daemonsets in namespace rollout/, 30_000);
		assert.deepEqual(demo.audit.entries.filter(entry => entry.method !== 'GET' && !/kubectl/.test(entry.userAgent ?? '')), [], 'initk9 sent only GETs');
	} finally {
		await stopApp(app);
		await demo.stop();
	}
});
