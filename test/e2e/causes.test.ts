// The cause groups screen over the fleet scenario: `C` and `:causes` open it, Enter narrows the pod
// table to one group's pods, Enter opens a pod, Esc walks back to the same group; the header
// counts causes; creating the missing Service with kubectl makes its group say it recovered.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {KEYS, selectedRow, startApp, startDemo, stopApp, type App} from './harness.js';
import type {DemoCluster} from '../../demo/index.js';

let demo: DemoCluster;
const cache = mkdtempSync(join(tmpdir(), 'initk9-causes-kubectl-'));
before(async () => {
	demo = await startDemo({scenarios: ['fleet'], speed: 10});
});
after(() => demo.stop());

const open = () => startApp({args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'shop', '--stuck-after', '3s'], cols: 160, rows: 40});
const line = (app: App, pattern: RegExp) => app.screen().find(row => pattern.test(row));

test('C opens the causes: one row per cause, worst first; Enter → its pods; Enter → a pod; Esc back to the same group', async () => {
	const app = await open();
	try {
		// The header counts the three causes next to 43 pods.
		await app.waitFor(/pods \d+\s+causes 3\b/, 60_000);
		await app.press('C');
		await app.waitFor(/causes\(shop\)\[3\]/);
		await app.waitFor(/Service shop\/rabbitmq/, 30_000);
		const screen = app.text();
		assert.match(screen, /PODS\s+CAUSE\s+WORKLOADS\s+STEP\s+SINCE\s+TREND\s+REASON/);
		assert.match(line(app, /Deployment shop\/api/)!, /✖\s+20\s+Deployment shop\/api\s+init 3\/3 migrate-db\s+.*exit 127 \(command not found\)/);
		assert.match(line(app, /node demo-worker-2/)!, /!\s+3\s+node demo-worker-2\s+3 workloads\s+app 1\/1 \(3 containers\).*can't pull image: registry unreachable/);
		assert.match(line(app, /Service shop\/rabbitmq\s/)!, /⧗\s+4\s+Service shop\/rabbitmq\s+2 workloads\s+init 1\/1 wait-for-rabbitmq/);
		const rows = ['Deployment shop/api', 'Service shop/rabbitmq', 'node demo-worker-2'].map(text => app.screen().findIndex(row => row.includes(text)));
		assert.deepEqual([...rows].sort((a, b) => a - b), rows);
		// The detail of the selected group: owners, nodes, message.
		assert.match(app.text(), /owners\s+Deployment shop\/api/);

		await app.press('j');
		await app.waitFor(() => /Service shop\/rabbitmq/.test(selectedRow(app) ?? ''));
		await app.waitFor(/owners\s+Deployment shop\/email-worker, Deployment shop\/notifications/);
		await app.press(KEYS.enter);
		await app.waitFor(/cause: Service shop\/rabbitmq: 4 pods of 2 workloads — waits for Service shop\/rabbitmq/);
		await app.waitFor(/pods\(shop\)\[4\/\d+\]/);
		assert.ok(line(app, /notifications-/) && line(app, /email-worker-/));
		assert.equal(line(app, /\sapi-/), undefined, 'only the group\'s pods');

		await app.press(KEYS.enter);
		await app.waitFor(/wait-for-rabbitmq/);
		await app.waitFor(/pods › causes › pods of cause › (email-worker|notifications)-/);
		await app.press(KEYS.escape);
		await app.waitFor(/cause: Service shop\/rabbitmq/);
		await app.press(KEYS.escape);
		await app.waitFor(/causes\(shop\)\[3\]/);
		assert.match(selectedRow(app) ?? '', /Service shop\/rabbitmq/, 'back where it was left');
		await app.press(KEYS.escape);
		await app.waitFor(/pods\(shop\)\[\d+\]/);
		await app.press('?');
		await app.waitFor(/C\s+causes: failing and stuck pods grouped by cause/);
	} finally {
		await stopApp(app);
	}
});

test(':causes opens the list; creating the missing Service with kubectl makes its group recover live', async () => {
	const app = await open();
	try {
		await app.waitFor(/causes 3\b/, 60_000);
		await app.press(':', ...'causes', KEYS.enter);
		await app.waitFor(/Service shop\/rabbitmq\s/);
		// The fix as a user types it (kubectl sends the Service as protobuf; the demo server reads it).
		const created = await promisify(execFile)('kubectl', ['--kubeconfig', demo.kubeconfigPath, '--cache-dir', cache, '-n', 'shop', 'create', 'service', 'clusterip', 'rabbitmq', '--tcp=5672'], {timeout: 30_000});
		assert.match(created.stdout, /^service\/rabbitmq created$/m);
		// Its pods finish init and run: the group says it recovered, then leaves the list.
		await app.waitFor(() => /✔\s+0\s+Service shop\/rabbitmq.*recovered/.test(line(app, /Service shop\/rabbitmq\s/) ?? ''), 60_000);
		await app.waitFor(/causes 2\b/);
		await app.waitFor(screen => !screen.some(row => /Service shop\/rabbitmq\s/.test(row)), 60_000);
		assert.match(app.text(), /causes\(shop\)\[2\]/);
	} finally {
		await stopApp(app);
	}
});
