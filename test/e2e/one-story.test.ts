// One pod, one story, end to end: the words a user reads on the table and in the drill-down while
// the demo kubelet plays the scenarios — a healthy start is never "Blocked", a crash loop never
// flashes "Not blocked" between restarts, logs are not offered for a container that never ran,
// and a side effect of an init container is init trouble in the table.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {KEYS, selectedRow, startApp, stopApp, type App} from './harness.js';

let demo: DemoCluster;
let app: App;

before(async () => {
	demo = await startDemoCluster({scenarios: ['healthy', 'side-effect', 'image-pull', 'missing-configmap'], speed: 4});
	app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath], cols: 160, rows: 40, env: {TZ: 'UTC'}});
});

after(async () => {
	if (app) await stopApp(app);
	await demo?.stop();
});

/** The drill-down's headline: the first row under the two header rows. */
const headline = () => app.screen()[2] ?? '';
const flat = () => app.screen().join(' ').replace(/\s+/g, ' ');

async function toTable(): Promise<void> {
	for (let i = 0; i < 4 && !/NAME↑?\s+READY\s+STATUS/.test(app.text()); i++) {
		await app.press(KEYS.escape);
		await app.waitFor(() => true, 1000);
	}
	await app.press(KEYS.escape); // clears a name filter
}

async function openPod(name: string): Promise<void> {
	await toTable();
	await app.waitFor(new RegExp(`\\s${name}\\s`), 20_000);
	await app.press('/', ...`^${name}$`, KEYS.enter);
	await app.waitFor(() => new RegExp(`\\s${name}\\s`).test(selectedRow(app) ?? ''), 10_000);
	await app.press(KEYS.enter);
	await app.waitFor(/Sequence — /, 10_000);
}

/** Every distinct headline drawn until `done` says enough was seen. */
async function headlinesUntil(done: (seen: string[]) => boolean, timeoutMs: number): Promise<string[]> {
	const seen: string[] = [];
	await app.waitFor(() => {
		const line = headline();
		if (/Sequence — /.test(app.text()) && line && seen.at(-1) !== line) seen.push(line);
		return done(seen);
	}, timeoutMs);
	return seen;
}

test('a healthy start says Starting, then Not blocked — never Blocked', async () => {
	await openPod('myapp-healthy');
	// The scenario starts the pod over every ~70 s of cluster time: both phases come round.
	const seen = await headlinesUntil(lines => lines.some(l => l.startsWith('Starting: init')) && lines.some(l => l.startsWith('Not blocked: Running')), 90_000);
	assert.deepEqual(seen.filter(line => line.startsWith('Blocked')), [], seen.join('\n'));
	assert.ok(seen.some(line => /^Starting: init [12]\/2 init-my(service|db) (running \d+s|waiting \(PodInitializing\)|not started yet)/.test(line)), seen.join('\n'));
});

test('a crash loop stays Blocked across restarts: no "Not blocked" between runs', async () => {
	await openPod('myapp-perms');
	const restarts = () => Number(/restarts (\d+)/.exec(flat())?.[1] ?? -1);
	await app.waitFor(() => restarts() >= 1, 60_000);
	const first = restarts();
	const seen = await headlinesUntil(() => restarts() >= first + 2, 90_000);
	assert.deepEqual(seen.filter(line => !line.startsWith('Blocked at app 1/1 myapp-container')), [], seen.join('\n'));
});

test('logs are not offered for an init container that never ran (image pull, missing ConfigMap)', async () => {
	for (const name of ['myapp-pull', 'myapp-config']) {
		await openPod(name);
		await app.waitFor(/has not run yet, so it has no logs/, 20_000);
		assert.doesNotMatch(flat(), /press l/, `${name} offers logs:\n${app.text()}`);
	}
});

test('`i` keeps the side-effect pod, its WHY naming the suspect init container', async () => {
	await toTable();
	await app.press('i');
	await app.waitFor(/init trouble only/, 10_000);
	const row = await app.waitFor(lines => lines.some(line => /myapp-perms/.test(line) && /suspect init fix-permissions: chown/.test(line)), 60_000);
	assert.ok(row.some(line => /myapp-pull/.test(line)), 'init failures stay in the view');
	assert.ok(!row.some(line => /myapp-healthy\s.*Running/.test(line)), 'a running healthy pod is not init trouble');
	await app.press('i');
});

test('stuck is one colour: the header\'s count and the stuck row', async () => {
	// A pod whose init container waits for a Service nobody creates; stuck after one second.
	demo.store.create('pods', {
		apiVersion: 'v1', kind: 'Pod',
		metadata: {name: 'waits-forever', namespace: 'default'},
		spec: {initContainers: [{name: 'wait-nothing', image: 'busybox:1.28', command: ['sh', '-c', 'until nslookup nothing; do sleep 2; done']}], containers: [{name: 'app', image: 'busybox:1.28'}]},
	});
	const stuckApp = await startApp({args: ['--kubeconfig', demo.kubeconfigPath, '--stuck-after', '1s'], cols: 160, rows: 40, env: {TZ: 'UTC'}});
	try {
		await stuckApp.waitFor(lines => lines.some(line => /⧗ +waits-forever/.test(line)) && /stuck [1-9]/.test(lines[1] ?? ''), 30_000);
		const count = stuckApp.styleOf(/stuck [1-9]/)!;
		const row = stuckApp.styleOf('⧗')!;
		assert.notEqual(count.fg, -1, 'the stuck count is coloured');
		assert.equal(count.fg, row.fg, 'same colour');
	} finally {
		await stopApp(stuckApp);
		demo.store.delete('pods', 'default', 'waits-forever');
	}
});
