// Workloads end to end, second part: a DaemonSet's WHY from its pods' verdicts (fleet's log-agent
// rolled onto an image the broken node cannot pull), and the bisect experiment of a controller's
// pod built from the template of the revision it belongs to (rollout-stuck), in the TUI and in
// `initk9 report`. initk9 only ever GETs.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {KEYS, runCli, selectedRow, startApp, startDemo, stopApp, type App, type DemoCluster} from './harness.js';

const run = promisify(execFile);

async function command(app: App, text: string): Promise<void> {
	await app.press(':', ...text, KEYS.enter);
}

/** The first row under the table's header. */
function firstRow(app: App): string {
	const screen = app.screen();
	return screen[screen.findIndex(line => /\bNAME\b/.test(line)) + 1] ?? '';
}

const onlyGets = (demo: DemoCluster) => demo.audit.entries.filter(entry => entry.method !== 'GET' && !/kubectl/.test(entry.userAgent ?? ''));

const report = (demo: DemoCluster, target: string, stateHome: string) =>
	runCli(['report', target, '--kubeconfig', demo.kubeconfigPath, '--format', 'json'], {XDG_STATE_HOME: stateHome});

test("fleet: :ds shows log-agent healthy, then after a live image change the node that cannot pull it, from the pods' verdicts", async () => {
	const demo = await startDemo({scenarios: ['fleet'], speed: 4});
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'shop', '--stuck-after', '8s'], cols: 200, rows: 30});
	const cache = mkdtempSync(join(tmpdir(), 'initk9-kubectl-'));
	try {
		await app.waitFor(/api-\w+-\w+/, 60_000);

		// The pod table's filter and sort keys on a workload table.
		await command(app, 'deploy');
		await app.waitFor(/deployments\(shop\)\[9\]  sort: name ↑/, 30_000);
		await app.waitFor(/^\s*✖\s+api\s+0\/20\s/m, 60_000);
		await app.press('N');
		await app.waitFor(/sort: name ↓/, 10_000);
		assert.match(firstRow(app), /\sweb\s/, 'by name, reversed: web first');
		await app.press('S');
		await app.waitFor(/sort: status ↑/, 10_000);
		assert.match(firstRow(app), /^\s*✖\s+api\s/, 'worst first: api');
		await app.press('/', ...'^(web|auth)$', KEYS.enter);
		await app.waitFor(/deployments\(shop\)\[2\/9\]  \/\^\(web\|auth\)\$\//, 10_000);
		assert.deepEqual(app.screen().filter(line => /^\s*\S\s+\S+\s+\d+\/\d+\s/.test(line)).map(line => line.trim().split(/\s+/)[1]), ['auth', 'web']);
		await app.press(KEYS.escape);
		await app.waitFor(/deployments\(shop\)\[9\]  sort: status ↑/, 10_000);

		await command(app, 'ds');
		await app.waitFor(/daemonsets\(shop\)\[1\]/, 30_000);
		// kubectl's DESIRED CURRENT READY UP-TO-DATE AVAILABLE AGE, and no WHY while all three serve.
		await app.waitFor(screen => /^\s*●\s+log-agent\s+3\s+3\s+3\s+3\s+3\s+\S+\s*$/.test(screen.find(line => /\slog-agent\s/.test(line)) ?? ''), 60_000);

		// A new agent image from the internal registry, which demo-worker-2's broken mirror cannot reach.
		await run('kubectl', ['--kubeconfig', demo.kubeconfigPath, '--cache-dir', cache, '-n', 'shop', 'set', 'image', 'ds/log-agent', 'log-agent=registry.shop.internal/platform/fluent-bit:3.2.0'], {timeout: 30_000});
		await app.waitFor(/^\s*!\s+log-agent\s+3\s+3\s+2\s+3\s+2\s+\S+\s+1\/3 pods on demo-worker-2: app 1\/1 log-agent \(image registry\.shop\.internal\/platform\/fluent-bit:3\.2\.0 can't be pulled/m, 120_000);

		// Enter: one pod of the new revision fails to pull (the WHY above names its node).
		await app.press(KEYS.enter);
		await app.waitFor(/(ErrImagePull|ImagePullBackOff)/, 30_000);
		const failing = app.screen().filter(line => /log-agent-\w+/.test(line) && /ErrImagePull|ImagePullBackOff/.test(line));
		assert.equal(failing.length, 1, app.screen().join('\n'));
		assert.match(failing[0]!, /^new 2 .*can't be pulled/);
		assert.deepEqual(onlyGets(demo), [], 'initk9 sent only GETs');
	} finally {
		await stopApp(app);
		await demo.stop();
		rmSync(cache, {recursive: true, force: true});
	}
});

test("rollout-stuck: a new pod's bisect comes from the Deployment's template, an old pod's from its own ReplicaSet's — in the checklist and in report", async () => {
	const demo = await startDemo({scenarios: ['rollout-stuck'], speed: 4});
	const stateHome = mkdtempSync(join(tmpdir(), 'initk9-bisect-state-'));
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'rollout', '--stuck-after', '8s'], cols: 200, rows: 40, env: {XDG_STATE_HOME: stateHome}});
	try {
		await app.waitFor(/api-/, 60_000);
		await command(app, 'deploy');
		await app.waitFor(/rollout stuck \S+.*: 0\/3 new pods ready, \d+ failing at init 1\/1 migrate-db/, 120_000);
		await app.press(KEYS.enter);
		await app.waitFor(/What changed in this rollout \(revision 1 → 2\)/, 30_000);
		const rsOf = (role: string) => new RegExp(`${role} · revision \\d · rs (api-\\w+)`).exec(app.text())![1]!;
		const [newRs, oldRs] = [rsOf('new'), rsOf('old')];
		const newPod = new RegExp(`(${newRs}-\\w+)`).exec(selectedRow(app) ?? '')![1]!;

		// The checklist's decisive experiment for the new pod: the Deployment's template, with migrate-db.
		await app.press(KEYS.enter);
		await app.waitFor(/owner: Pod/, 30_000);
		await app.press('c');
		await app.waitFor(new RegExp(`Checklist rollout/${newPod}`), 30_000);
		await app.press('n', 'n', 'n', 'n', 'n');
		await app.waitFor(/From Deployment rollout\/api \(pod template\): 2 pod variants in namespace initk9-bisect — none \| migrate-db\./, 30_000);
		await app.press(KEYS.escape);
		await app.press(KEYS.escape);
		await app.waitFor(/What changed in this rollout/, 30_000);

		// `initk9 report` reads the same templates; an old pod (revision 1 never had migrate-db) its own ReplicaSet's.
		const oldPod = new RegExp(`^old 1 .*?(${oldRs}-\\w+)`, 'm').exec(app.text())![1]!;
		type Json = {bisect: {source: string; manifests: Array<{initContainers: string[]}>}};
		const fresh = await report(demo, `rollout/${newPod}`, stateHome);
		assert.equal(fresh.status, 0, fresh.stderr);
		const freshJson = JSON.parse(fresh.stdout) as Json;
		assert.equal(freshJson.bisect.source, 'Deployment rollout/api (pod template)');
		assert.deepEqual(freshJson.bisect.manifests.map(m => m.initContainers), [[], ['migrate-db']]);
		const old = await report(demo, `rollout/${oldPod}`, stateHome);
		assert.equal(old.status, 0, old.stderr);
		const oldJson = JSON.parse(old.stdout) as Json;
		assert.equal(oldJson.bisect.source, `ReplicaSet rollout/${oldRs} (pod template)`);
		assert.deepEqual(oldJson.bisect.manifests.map(m => m.initContainers), [[]]);
		assert.deepEqual(onlyGets(demo), [], 'initk9 sent only GETs');
	} finally {
		await stopApp(app);
		await demo.stop();
		rmSync(stateHome, {recursive: true, force: true});
	}
});
