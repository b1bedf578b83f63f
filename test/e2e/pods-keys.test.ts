// The pod table's keys and the terminal around it, in a real terminal against the demo cluster.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {KEYS, restoredAtExit, selectedRow, startApp, startDemo, stopApp, type App} from './harness.js';
import type {DemoCluster} from '../../demo/index.js';

let demo: DemoCluster;
before(async () => {
	demo = await startDemo({scenarios: ['exit-127', 'dependency-wait', 'healthy', 'busy'], speed: 2});
});
after(() => demo.stop());

async function open(args: string[] = [], cols = 120, rows = 24): Promise<App> {
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath, ...args], cols, rows});
	await app.waitFor(/myapp-pod/, 20_000);
	// myapp-waiting plays in namespace staging: on screen with -A (below default and shop: rows enough).
	if (args.includes('-A')) await app.waitFor('myapp-waiting');
	return app;
}

test('filter: / regex narrows the table, Enter keeps it, Esc clears it', async () => {
	const app = await open(['-A'], 120, 40);
	try {
		await app.press('/', ...'wait');
		await app.waitFor(/^\/wait/m);
		await app.waitFor(screen => !screen.some(line => line.includes('myapp-pod')) && screen.some(line => line.includes('myapp-waiting')));
		await app.press(KEYS.enter);
		await app.waitFor(/pods\(all\)\[1\/\d+\]\s+\/wait\//);
		await app.press(KEYS.escape);
		await app.waitFor(screen => screen.some(line => line.includes('myapp-pod')) && !screen.join('\n').includes('/wait/'));
		// An invalid regex says so and does not crash.
		await app.press('/', '(', KEYS.enter);
		await app.waitFor('invalid regular expression');
		await app.press(KEYS.escape);
		// i: only pods initializing or in init trouble.
		await app.press('i');
		await app.waitFor(/init trouble only/);
		assert.ok(!app.text().includes('myapp-healthy  1/1'));
	} finally {
		await stopApp(app);
	}
});

test('a filter and Enter typed at once open the pod the filter leaves selected, not the row selected before', async () => {
	const app = await open(['-A'], 120, 40);
	try {
		assert.ok(!/myapp-waiting/.test(selectedRow(app) ?? ''), 'another row is selected first');
		await app.press('/myapp-waiting\r\r');
		await app.waitFor(/Sequence — /, 10_000);
		assert.match(app.text(), /staging\/myapp-waiting /);
	} finally {
		await stopApp(app);
	}
});

test('namespace switch: :ns NAME, 0 for all namespaces (NAMESPACE column), :ns picker', async () => {
	const app = await open();
	try {
		await app.press(':', ...'ns shop', KEYS.enter);
		await app.waitFor(/ns shop/);
		await app.waitFor(/frontend-7d9c5b8f6d-x2kqp/);
		assert.ok(!app.text().includes('myapp-pod'));
		await app.press('0');
		await app.waitFor(/ns all/);
		await app.waitFor(screen => screen.some(line => /NAMESPACE\s+NAME↑?\s/.test(line)) && screen.some(line => /default\s+myapp-pod/.test(line)) && screen.some(line => /shop\s+/.test(line)));
		await app.press(':', 'n', 's', KEYS.enter);
		await app.waitFor(/Namespace\n/);
		await app.waitFor(/kube-system/);
		// The picker lists "(all namespaces)" first, then the namespaces in order: default is second.
		await app.press('2');
		await app.waitFor(/ns default/);
		await app.waitFor(/myapp-pod/);
		assert.ok(!/NAMESPACE\s+NAME/.test(app.text()));
	} finally {
		await stopApp(app);
	}
});

test('the selection moves with j/k/g/G and follows the pod when the order changes', async () => {
	const app = await open();
	try {
		const names = () => app.screen().slice(4).map(line => /^\S\s+(\S+)/.exec(line)?.[1]).filter((name): name is string => !!name && !name.includes('<'));
		await app.press('g');
		await app.waitFor(() => (selectedRow(app) ?? '').includes(names()[0]));
		await app.press('G');
		await app.waitFor(() => (selectedRow(app) ?? '').includes(names()[names().length - 1]));
		await app.press('g', 'j');
		const pod = names()[1];
		await app.waitFor(() => (selectedRow(app) ?? '').includes(pod));
		// Reverse the name order: the pod moves, the selection moves with it.
		await app.press('N');
		await app.waitFor(/sort: name ↓/);
		assert.notEqual(names().indexOf(pod), 1);
		assert.match(selectedRow(app) ?? '', new RegExp(pod));
		await app.press('k');
		await app.waitFor(() => !(selectedRow(app) ?? '').includes(pod));
	} finally {
		await stopApp(app);
	}
});

test('Enter opens the pod, Esc comes back to the table on the same pod; l opens its logs', async () => {
	const app = await open();
	try {
		await app.press('/', ...'myapp-pod', KEYS.enter);
		await app.waitFor(/pods\(default\)\[1\/\d+\]/);
		await app.press(KEYS.escape);
		await app.waitFor(/pods\(default\)\[4\]/);
		// The selection stays on the pod the filter left selected, though no key was pressed and the
		// pod is not the first row without the filter.
		await app.waitFor(() => /myapp-pod/.test(selectedRow(app) ?? ''));
		assert.ok(!/myapp-pod/.test(app.screen().find(line => /^\S\s+\S/.test(line) && !/NAME/.test(line) && /\d+\/\d+/.test(line)) ?? ''), 'myapp-pod is not the first row');
		assert.match(selectedRow(app) ?? '', /myapp-pod/);
		await app.press(KEYS.enter);
		await app.waitFor(/pods › myapp-pod/);
		await app.waitFor(/init-failed-test/);
		await app.press(KEYS.escape);
		await app.waitFor(/pods\(default\)/);
		await app.waitFor(() => /myapp-pod/.test(selectedRow(app) ?? ''));
		await app.press('l');
		await app.waitFor(/pods › logs myapp-pod/);
		await app.press(KEYS.escape);
		await app.waitFor(/pods\(default\)/);
	} finally {
		await stopApp(app);
	}
});

test('? lists every key of the pod table; Esc returns', async () => {
	// Tall enough for help on one page (paging at 80×24 is the layout test's): a page read right
	// after a key could miss a frame under load.
	const app = await open([], 120, 100);
	try {
		await app.press('?');
		await app.waitFor(/The pod table/);
		await app.waitFor(/\sq\s/);
		const text = app.text();
		for (const key of ['Enter', '/', 'i', 'N', 'A', 'S', '0', 'g/Home', 'G/End', 'q', ':']) assert.match(text, new RegExp(`\\s${key.replace(/[/?]/g, '\\$&')}\\s`), key);
		await app.press(KEYS.escape);
		await app.waitFor(/myapp-pod/);
	} finally {
		await stopApp(app);
	}
});

test('resize re-lays out the screen', async () => {
	const app = await open([], 120, 24);
	try {
		app.resize(70, 12);
		await app.waitFor(screen => screen[0].startsWith('initk9') && screen.length === 12 && /myapp-/.test(screen.join('\n')));
		await app.waitFor(screen => screen.slice(0, 11).every(line => line.length <= 70) && screen[10].trim() !== '' && screen[11].trim() === '');
		app.resize(140, 30);
		await app.waitFor(screen => screen[0].startsWith('initk9') && /WHY/.test(screen.join('\n')) && screen[28].trim() !== '');
	} finally {
		await stopApp(app);
	}
});

test('q quits with status 0 and hands the terminal back', async () => {
	const app = await open();
	await app.press('q');
	const {code} = await app.exit;
	assert.equal(code, 0);
	assert.deepEqual(restoredAtExit(app.output()), {leftAlternateScreen: true, cursorShown: true});
	assert.equal(app.onAlternateScreen(), false);
});

test(':q quits too', async () => {
	const app = await open();
	await app.press(':', 'q', KEYS.enter);
	assert.equal((await app.exit).code, 0);
	assert.equal(app.onAlternateScreen(), false);
});

test('Ctrl-C quits and restores the terminal', async () => {
	const app = await open();
	await app.press(KEYS.ctrlC);
	assert.equal((await app.exit).code, 0);
	assert.deepEqual(restoredAtExit(app.output()), {leftAlternateScreen: true, cursorShown: true});
});

test('SIGTERM: the terminal is restored and the exit says so', async () => {
	const app = await open();
	app.kill('SIGTERM');
	const {code} = await app.exit;
	assert.equal(code, 143);
	assert.deepEqual(restoredAtExit(app.output()), {leftAlternateScreen: true, cursorShown: true});
	assert.equal(app.onAlternateScreen(), false);
});

test('SIGHUP and SIGINT also restore the terminal (exit 129 / 130)', async () => {
	for (const [signal, code] of [['SIGHUP', 129], ['SIGINT', 130]] as const) {
		const app = await open();
		app.kill(signal);
		assert.equal((await app.exit).code, code, signal);
		assert.deepEqual(restoredAtExit(app.output()), {leftAlternateScreen: true, cursorShown: true}, signal);
	}
});
