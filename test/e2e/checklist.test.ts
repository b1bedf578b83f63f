// The guided checklist on the article's scenario 4, in a real terminal: walk every step, mark it,
// add a note, export; the report and the bisect manifests are what a ticket and kubectl need.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parse} from 'yaml';
import {KEYS, startApp, startDemo, stopApp, type App, type DemoCluster} from './harness.js';

let demo: DemoCluster;
const stateHome = mkdtempSync(join(tmpdir(), 'initk9-checklist-state-'));

before(async () => {
	demo = await startDemo({scenarios: ['side-effect'], speed: 20});
});
after(() => demo.stop());

function startTui(): Promise<App> {
	return startApp({args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'default'], cols: 140, rows: 40, env: {XDG_STATE_HOME: stateHome}});
}

async function openChecklist(app: App): Promise<void> {
	await app.waitFor(/myapp-perms\s+0\/1\s+(Error|CrashLoopBackOff)/, 30_000);
	await app.press('c');
	await app.waitFor(/Checklist default\/myapp-perms\s+\d\/6/);
}

test('walk all steps of scenario 4, mark them, add a note, export the report and the bisect manifests', async () => {
	const app = await startTui();
	try {
		await openChecklist(app);
		await app.waitFor(/Checklist default\/myapp-perms\s+1\/6/);
		await app.waitFor('1. Volumes the init containers share with the app');
		await app.waitFor('fix-permissions mounts data (emptyDir) at /data read-write; myapp-container mounts it at /data');
		await app.press('o', 'n');
		await app.waitFor(/2\. Ownership and permissions\s+FAILED \(pre-marked by the evidence\)/);
		await app.waitFor('MISMATCH: fix-permissions chowns /data to 1000:1000, but myapp-container runs as uid 2000 and the pod has no fsGroup');
		// The demo kubelet reports containerStatuses[].user: the applied identity is the evidence.
		await app.waitFor('myapp-container mounts data and runs as uid 2000, gid 0, groups 0 (applied, containerStatuses[].user), no fsGroup');
		await app.waitFor("myapp-container log: mkdir: can't create directory '/data/cache': Permission denied");
		await app.press('a', ...'init chowns to 1000, app is 2000', KEYS.enter);
		await app.waitFor('init chowns to 1000, app is 2000');
		for (const verdict of ['s', 'f', 's']) {
			await app.press('n');
			await app.press(verdict);
		}
		await app.press('n');
		await app.waitFor(/6\. The decisive experiment/);
		await app.waitFor('$ kubectl apply -n initk9-bisect -f 0-no-init.yaml');
		await app.press('f');
		await app.waitFor(/6\/6\s+✔ 1 passed\s+✖ 3 failed\s+– 2 skipped\s+○ 0 open/);
		await app.press('e');
		const screen = await app.waitFor(/exported report\.md and bisect\/ to /);
		const where = screen.join('').match(/exported report\.md and bisect\/ to (\S+)/)![1]!;
		assert.ok(where.startsWith(join(stateHome, 'initk9', 'exports')), where);
	} finally {
		await stopApp(app);
	}

	const exports = join(stateHome, 'initk9', 'exports');
	const folder = join(exports, readdirSync(exports)[0]!);
	const report = readFileSync(join(folder, 'report.md'), 'utf8');
	assert.match(report, /^# initk9 report: default\/myapp-perms$/m);
	assert.match(report, /^### 1\. Volumes the init containers share with the app — \[x\] passed$/m);
	assert.match(report, /^### 2\. Ownership and permissions — \[!\] failed$/m);
	assert.match(report, /^\*\*Note:\*\* init chowns to 1000, app is 2000$/m);
	assert.match(report, /^### 3\. Why an init container at all — \[-\] skipped$/m);
	assert.match(report, /^### 6\. The decisive experiment: without init containers, then one at a time — \[!\] failed$/m);
	assert.match(report, /Permission denied/);

	// The manifests: valid for kubectl, identical but for their init containers.
	const bisect = join(folder, 'bisect');
	const files = readdirSync(bisect).filter(file => file.endsWith('.yaml')).sort();
	assert.deepEqual(files, ['0-no-init.yaml', '1-init-1-to-1.yaml']);
	const docs = files.map(file => parse(readFileSync(join(bisect, file), 'utf8')));
	assert.deepEqual(docs.map(doc => (doc.spec.initContainers ?? []).map((c: {name: string}) => c.name)), [[], ['fix-permissions']]);
	assert.deepEqual({...docs[0].spec, initContainers: undefined}, {...docs[1].spec, initContainers: undefined});
	for (const file of files) {
		// Async: the demo server lives in this process and must keep answering kubectl.
		const result = await promisify(execFile)('kubectl', ['--kubeconfig', demo.kubeconfigPath, '--cache-dir', join(stateHome, 'kubectl-cache'), 'apply', '--dry-run=client', '-f', join(bisect, file)], {encoding: 'utf8', timeout: 30_000});
		assert.match(result.stdout, /^pod\/myapp-perms-init-\dof1 created \(dry run\)$/m);
	}
	assert.match(readFileSync(join(bisect, 'commands.sh'), 'utf8'), /^kubectl create namespace initk9-bisect$/m);
	assert.deepEqual(demo.audit.entries.filter(entry => entry.method !== 'GET' && !/kubectl/.test(entry.userAgent ?? '')), [], 'initk9 wrote nothing');
});

test('answers are saved per pod and resumed when the checklist is opened again', async () => {
	const app = await startTui();
	try {
		await openChecklist(app);
		// The first test left the walkthrough on step 6 with five answers.
		await app.waitFor(/6\/6\s+✔ 1 passed\s+✖ 3 failed\s+– 2 skipped/);
		await app.press('p', 'p', 'p', 'p');
		await app.waitFor('init chowns to 1000, app is 2000');
		await app.press(KEYS.escape);
		await app.waitFor(/NAME↑?\s+READY\s+STATUS/);
	} finally {
		await stopApp(app);
	}
});
