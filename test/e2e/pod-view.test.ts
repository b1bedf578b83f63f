// The pod drill-down end to end: the built initk9 in a pty on the demo cluster, each scenario's
// pod opened from the table with Enter, the blocked step and the finding read off the screen.
// Build first (`npx tsc -p tsconfig.json`).
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {KEYS, selectedRow, startApp, stopApp, type App} from './harness.js';

const COLS = 160;
const ROWS = 40;

let demo: DemoCluster;
let app: App;

before(async () => {
	demo = await startDemoCluster({scenarios: ['exit-127', 'dependency-wait', 'image-pull', 'missing-configmap', 'oom-init', 'sidecar', 'side-effect'], speed: 4});
	// Every namespace, as `initk9 --demo` opens: myapp-waiting plays in staging, the others in default.
	app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath, '-A'], cols: COLS, rows: ROWS, env: {TZ: 'UTC'}});
});

after(async () => {
	if (app) await stopApp(app);
	await demo?.stop();
});

/** The screen with wrapped rows joined (the headline may take two rows). */
function flat(): string {
	return app.screen().join(' ').replace(/\s+/g, ' ');
}

async function waitFlat(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
	await app.waitFor(() => pattern.test(flat()), timeoutMs);
}

/** Back to the table whatever screen a previous test left open. */
async function toTable(): Promise<void> {
	for (let i = 0; i < 4 && !/NAME↑?\s+READY\s+STATUS/.test(app.text()); i++) {
		await app.press(KEYS.escape);
		await new Promise(resolve => setTimeout(resolve, 200));
	}
}

/** From the table: select the pod's row and press Enter; wait for the drill-down. */
async function openPod(name: string): Promise<void> {
	await toTable();
	await app.press(KEYS.escape); // clears the previous test's name filter
	await app.waitFor(new RegExp(`\\s${name}\\s`), 20_000);
	// The table's name filter (NAMESPACE/NAME with every namespace shown) leaves one row, which is then selected.
	await app.press('/', ...`/${name}$`, KEYS.enter);
	await app.waitFor(() => new RegExp(`\\s${name}\\s`).test(selectedRow(app) ?? ''), 10_000);
	await app.press(KEYS.enter);
	await app.waitFor(/Sequence — /, 10_000);
}

async function backToTable(name: string): Promise<void> {
	await app.press(KEYS.escape);
	await app.waitFor(/NAME↑?\s+READY\s+STATUS/, 10_000);
	assert.match(selectedRow(app) ?? '', new RegExp(`\\s${name}\\s`), 'Esc keeps the selection');
}

test('scenario 2 (exit-127): blocked at init 3/3 with the exit code, the failed run\'s log line and the retry', async () => {
	await openPod('myapp-pod');
	await waitFlat(/Blocked at init 3\/3 init-failed-test: exits 127 \(command not found\) — last log: "sh: hello\.sh: not found" — restarted \d+×, (next retry in \d+[ms]|retrying now)/, 30_000);
	const text = flat();
	assert.match(text, /✔ I1 init-myservice Terminated: Completed exit 0/);
	assert.match(text, /» [✖↻] I3 init-failed-test/);
	assert.match(text, /⏸ A1 myapp-container Waiting: PodInitializing/);
	assert.match(text, /✖ init-failed-test exits 127 \(command not found\)/);
	assert.match(text, /`kubectl logs myapp-pod` only says "myapp-container is waiting to start: PodInitializing" — read init-failed-test's logs/);
	// The timeline sits below the findings: a lane per container, the failing one marked.
	await app.press('G');
	await waitFlat(/Timeline .*I3 init-failed-test [^A]*✖ exit 127/, 10_000);
	// Events are below the fold: G scrolls to the end.
	await app.press('G');
	await waitFlat(/Events \(\d+\).*Warning BackOff init-failed-test: Back-off restarting failed container init-failed-test/, 10_000);
	assert.match(flat(), /Normal Pulled init-failed-test: Container image "busybox:1\.28" already present on machine/);
	assert.match(flat(), /\(x\d+ over \d+s\)/, 'deduplicated events show their count');
	// `l` goes straight to the failing init container's log.
	await app.press('l');
	await app.waitFor(/init-failed-test \(init I3\)/, 10_000);
	await app.waitFor(() => !/Sequence — /.test(app.text()) && app.text().includes('sh: hello.sh: not found'), 15_000);
	await app.press(KEYS.escape);
	await app.waitFor(/Sequence — /, 10_000);
	await backToTable('myapp-pod');
});

test('scenario 3 (dependency-wait): names the missing Service; creating it with endpoints changes the finding and the pod proceeds', async () => {
	await openPod('myapp-waiting');
	await waitFlat(/Waiting: init 1\/2 init-myservice running \d+s — waits for Service myservice in staging — it does not exist/);
	await waitFlat(/log repeats "waiting for myservice"/, 15_000);
	demo.store.create('services', {metadata: {name: 'myservice', namespace: 'staging'}, spec: {clusterIP: '10.96.0.42', ports: [{port: 80, protocol: 'TCP'}], selector: {app: 'myservice'}}});
	await waitFlat(/waits for Service myservice in staging — exists, 0 ready endpoints/, 15_000);
	demo.store.create('endpoints', {metadata: {name: 'myservice', namespace: 'staging'}, subsets: [{addresses: [{ip: '10.244.0.9'}], ports: [{port: 80, protocol: 'TCP'}]}]});
	await waitFlat(/✔ I1 init-myservice Terminated: Completed/, 30_000);
	await waitFlat(/Waiting: init 2\/2 init-mydb running \d+s — waits for Service mydb in staging — it does not exist/, 15_000);
	await backToTable('myapp-waiting');
});

test('image-pull: the image and the registry\'s message', async () => {
	await openPod('myapp-pull');
	await waitFlat(/Blocked at init 1\/1 init-setup: (ErrImagePull|ImagePullBackOff): cannot pull image "busybox:1\.28-typo" — the image or tag does not exist/, 20_000);
	assert.match(flat(), /Registry: .*busybox:1\.28-typo.*not found/);
	await backToTable('myapp-pull');
});

test('missing-configmap: CreateContainerConfigError names the ConfigMap and who uses it', async () => {
	await openPod('myapp-config');
	await waitFlat(/Blocked at init 1\/1 init-config: CreateContainerConfigError — ConfigMap app-config does not exist in default \(used by env DB_URL of init-config \(key db\.url\)\)/, 20_000);
	await backToTable('myapp-config');
});

test('oom-init: OOMKilled with the memory limit named', async () => {
	await openPod('myapp-oom');
	await waitFlat(/Blocked at init 1\/1 load-data: OOM-killed \(exit 137, SIGKILL\) — memory limit 64Mi/, 30_000);
	assert.match(flat(), /The process needed more than its memory limit of 64Mi \(request 32Mi\)/);
	await backToTable('myapp-oom');
});

test('sidecar: the native sidecar is marked and runs; migrate blocks until done; then not blocked, 2/2 ready', async () => {
	await openPod('myapp-mesh');
	await waitFlat(/▶ I1 istio-proxy \(sidecar\) Running/, 20_000);
	await waitFlat(/Not blocked: Running, 2\/2 containers ready/, 40_000);
	assert.match(flat(), /✔ I2 migrate Terminated: Completed exit 0/);
	assert.match(flat(), /▶ A1 app Running, ready/);
	await backToTable('myapp-mesh');
});

test('scenario 4 (side-effect): every init container completed, the app is denied — the init container\'s side effects named', async () => {
	await openPod('myapp-perms');
	await waitFlat(/Blocked at app 1\/1 myapp-container: exits 1 although every init container completed — "[^"]*Permission denied" — suspect fix-permissions( — restarted \d+×[^(]*)? \(press c for the checklist\)/, 30_000);
	const text = flat();
	assert.match(text, /fix-permissions changes ownership to 1000:1000 of \/data as root \(uid 0\): `chown -R 1000:1000 \/data`/);
	assert.match(text, /fix-permissions runs as root \(uid 0\); myapp-container runs as uid 2000, no fsGroup/);
	await backToTable('myapp-perms');
});

test('d shows describe with init containers first, y the YAML, / searches; Esc returns to the drill-down', async () => {
	await openPod('myapp-pod');
	await app.press('d');
	await app.waitFor(/Describe default\/myapp-pod[\s\S]*Init Containers:/, 10_000);
	const text = app.text();
	assert.ok(text.indexOf('Init Containers:') >= 0 && (text.indexOf('\nContainers:') < 0 || text.indexOf('Init Containers:') < text.indexOf('\nContainers:')));
	await app.press('/', ...'hello.sh', KEYS.enter);
	await app.waitFor(/\/hello\.sh: \d+ lines?/, 10_000);
	await app.press('y');
	await app.waitFor(/YAML default\/myapp-pod/, 10_000);
	await app.waitFor(/apiVersion: v1/);
	// y starts YAML without describe's search: one Esc goes back.
	assert.doesNotMatch(app.text(), /\/hello\.sh:/);
	await app.press(KEYS.escape);
	await app.waitFor(/Sequence — /, 10_000);
	await backToTable('myapp-pod');
});
