// The :ns, :ctx and log-container pickers in a real terminal: keys that arrive in one read
// ("jj\r" written at once, as a fast typist or a busy terminal delivers them) all count, in order.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import YAML from 'yaml';
import {KEYS, selectPod, startApp, startDemo, stopApp, type App, type DemoCluster} from './harness.js';

let demo: DemoCluster;
before(async () => {
	demo = await startDemo({scenarios: ['exit-127'], speed: 2});
	for (const name of ['alpha', 'bravo', 'charlie', 'delta']) {
		demo.store.put('namespaces', {metadata: {name, labels: {'kubernetes.io/metadata.name': name}, creationTimestamp: new Date().toISOString()}, spec: {finalizers: ['kubernetes']}, status: {phase: 'Active'}} as never);
	}
});
after(() => demo.stop());

/** The picker's rows under its title line, the marker removed, and which one is highlighted. */
function pickerRows(app: App, title: string): {rows: string[]; highlighted: number} {
	const screen = app.screen();
	const start = screen.findIndex(line => line.startsWith(title));
	const end = screen.findIndex((line, at) => at > start && line.includes('Enter choose'));
	const rows = screen.slice(start + 1, end).filter(line => line.trim() !== '');
	return {rows: rows.map(line => line.replace('❯', '').trim()), highlighted: rows.findIndex(line => line.includes('❯'))};
}

/** Types `keys` in ONE write (one read for the app), unlike press() which types them one by one. */
function typeAtOnce(app: App, keys: string): Promise<void> {
	return app.press(keys);
}

test(':ns picker: two moves and Enter in one write choose the namespace two rows down', async () => {
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath], cols: 100, rows: 24});
	try {
		await app.waitFor(/myapp-pod/, 20_000);
		await app.press(':', ...'ns', KEYS.enter);
		await app.waitFor(/^Namespace/m);
		await app.waitFor('delta');
		const {rows, highlighted} = pickerRows(app, 'Namespace');
		assert.equal(rows[highlighted], 'default', `the current namespace is highlighted:\n${app.text()}`);
		const expected = rows[highlighted + 2]!;
		await typeAtOnce(app, 'jj\r');
		await app.waitFor(new RegExp(`ns ${expected}\\b`), 15_000);
		assert.ok(!app.text().includes('Enter choose'), 'the picker closed');

		// Again from the top: g, three moves, Enter, all in one write.
		await app.press(':', ...'ns', KEYS.enter);
		await app.waitFor(/^Namespace/m);
		await app.waitFor('delta');
		const again = pickerRows(app, 'Namespace').rows;
		await typeAtOnce(app, 'gjjj\r');
		await app.waitFor(new RegExp(`ns ${again[3]}\\b`), 15_000);
	} finally {
		await stopApp(app);
	}
});

test(':ns⏎ and the picker\'s keys in one write: the keys wait for the namespace list, none reach the table', async () => {
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath], cols: 100, rows: 24});
	try {
		await app.waitFor(/myapp-pod/, 20_000);
		await app.press(':', ...'ns', KEYS.enter);
		await app.waitFor('delta');
		const {rows, highlighted} = pickerRows(app, 'Namespace');
		const expected = rows[highlighted + 2]!;
		await app.press(KEYS.escape);
		await app.waitFor(screen => !screen.some(line => line.includes('Enter choose')));
		// The namespace list is an API call: the picker opens before it returns, and these keys wait.
		await typeAtOnce(app, ':ns\rjj\r');
		await app.waitFor(new RegExp(`ns ${expected}\\b`), 15_000);
		assert.ok(!app.text().includes('Sequence — '), `no pod was opened by the Enter:\n${app.text()}`);
		assert.ok(!app.text().includes('Enter choose'), 'the picker closed');
	} finally {
		await stopApp(app);
	}
});

test(':ctx picker: a move and Enter in one write open the next context', async () => {
	const config = YAML.parse(readFileSync(demo.kubeconfigPath, 'utf8')) as {contexts: Array<{name: string; context: {namespace?: string}}>};
	const first = config.contexts[0]!;
	config.contexts.push({...first, name: 'second', context: {...first.context, namespace: 'bravo'}});
	config.contexts.push({...first, name: 'third', context: {...first.context, namespace: 'charlie'}});
	const path = join(mkdtempSync(join(tmpdir(), 'initk9-pickers-')), 'kubeconfig');
	writeFileSync(path, YAML.stringify(config));
	const app = await startApp({args: ['--kubeconfig', path], cols: 100, rows: 20});
	try {
		await app.waitFor(/● live/, 20_000);
		await app.press(':', ...'ctx', KEYS.enter);
		await app.waitFor(/^Context/m);
		await app.waitFor('third');
		const {rows, highlighted} = pickerRows(app, 'Context');
		assert.equal(rows[highlighted], first.name);
		assert.deepEqual(rows.slice(highlighted + 1), ['second', 'third']);
		await typeAtOnce(app, 'jj\r');
		await app.waitFor(/ctx third\s+ns charlie/, 10_000);
	} finally {
		await stopApp(app);
	}
});

test('log view container picker (c): moves and Enter in one write switch to that container', async () => {
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath], cols: 120, rows: 30});
	try {
		await app.waitFor(/myapp-pod/, 20_000);
		await selectPod(app, 'myapp-pod');
		await app.press('l');
		// The view knows the pod's containers once its status line names one with its kind.
		await app.waitFor(/^\S+ \((init|app) /m, 10_000);
		// A view that just mounted may not listen to keys yet: press again until the picker shows (an
		// open picker ignores `c`, so a press that was only slow to show does no harm). 30 s in all.
		for (let attempt = 0; !app.text().includes('Container of '); attempt++) {
			assert.ok(attempt < 15, `no picker:\n${app.text()}`);
			await app.press('c');
			await app.waitFor(/Container of /, 2000).catch(() => undefined);
		}
		const {rows, highlighted} = pickerRows(app, 'Container of');
		const names = rows.map(row => /\b[IA]\d+\s+(\S+)/.exec(row)?.[1]);
		assert.deepEqual(names.slice(-1), ['myapp-container'], app.text());
		assert.notEqual(highlighted, names.length - 1, 'the log opened on an init container');
		// From the top, down to the last row (the app container), Enter: one write.
		await typeAtOnce(app, `g${'j'.repeat(names.length - 1)}\r`);
		await app.waitFor(screen => screen.some(line => line.startsWith('myapp-container (app A1)')), 15_000);
		assert.ok(!app.text().includes('Container of '), 'the picker closed');
	} finally {
		await stopApp(app);
	}
});
