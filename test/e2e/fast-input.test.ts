// Typed ahead, pasted, or sent by tmux in one read: every key counts, in order, on every prompt.
// Each press() below is ONE write to the terminal.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {KEYS, startApp, stopApp, type App} from './harness.js';

async function openDemo(): Promise<App> {
	const app = await startApp({args: ['--demo', '-n', 'default'], cols: 120, rows: 30});
	await app.waitFor(/myapp-pod/, 30_000);
	await app.waitFor(/myapp-perms/);
	return app;
}

/** The pod names in the table, top to bottom. */
function podNames(app: App): string[] {
	const screen = app.screen();
	const header = screen.findIndex(line => /\bNAME.?\s+.*\bSTATUS/.test(line));
	return screen.slice(header + 1).map(line => /^\S\s+(\S+)/.exec(line)?.[1]).filter((name): name is string => name !== undefined);
}

test('jjj⏎ in one read opens the fourth pod, not the first', async () => {
	const app = await openDemo();
	try {
		const fourth = podNames(app)[3]!;
		assert.ok(fourth, app.text());
		await app.press('jjj\r');
		await app.waitFor(new RegExp(`pods › ${fourth}$`, 'm'));
	} finally {
		await stopApp(app);
	}
});

test('filter prompt: /text⏎ and /text⏎⏎ in one read', async () => {
	const app = await openDemo();
	try {
		await app.press('/oom\r');
		await app.waitFor(/\[1\/\d+\]\s+\/oom\//);
		await app.press(KEYS.escape);
		await app.waitFor(screen => !/\/oom\//.test(screen.join('\n')));
		await app.press('/perms\r\r');
		await app.waitFor(/pods › myapp-perms$/m);
		// Esc and i in one read (Ink hands them over as Alt-i): back to the table, then init trouble only.
		await app.press(`${KEYS.escape}i`);
		await app.waitFor(/init trouble only/);
		assert.doesNotMatch(app.text(), /pods › myapp-perms$/m);
	} finally {
		await stopApp(app);
	}
});

test('describe search: a pasted Exit⏎ searches for "Exit"; Ctrl-U and Ctrl-W edit the line; YAML starts without it', async () => {
	const app = await openDemo();
	try {
		await app.press('/myapp-pod\r\r');
		await app.waitFor(/pods › myapp-pod$/m);
		await app.press('d');
		await app.waitFor(/Describe default\/myapp-pod/);
		await app.press('/Exit\r');
		const screen = await app.waitFor(/Describe default\/myapp-pod\s+\[\d+-\d+\/\d+\]\s+\/Exit: \d+ lines?/);
		assert.ok(!screen.join('\n').includes('\r'));
		// Ctrl-W drops a word, Ctrl-U the line: what is submitted is what the prompt shows.
		await app.press('/zzz yyy\u0017\u0015Init Containers\r');
		await app.waitFor(/\/Init Containers: 1 line\b/);
		await app.press('y');
		await app.waitFor(/YAML default\/myapp-pod\s+\[1-\d+\/\d+\]$/m);
	} finally {
		await stopApp(app);
	}
});

test('command prompt: :ns shop⏎ in one read; the log filter and a checklist note likewise', async () => {
	const app = await openDemo();
	try {
		await app.press(':ns shop\r');
		await app.waitFor(/ns shop/);
		await app.press(':ns default\r');
		// The namespace's pods load first (an Enter on an empty table opens nothing).
		await app.waitFor(/ns default[^]*myapp-pod/);
		await app.press('/myapp-pod\r\r');
		await app.waitFor(/pods › myapp-pod$/m);
		// The drill-down acts once its pod is loaded.
		await app.waitFor(/Sequence — /);
		await app.press('l');
		await app.waitFor(/› logs myapp-pod/);
		await app.press('/hello\r');
		await app.waitFor(/\/hello\//);
		await app.press(KEYS.escape, KEYS.escape);
		await app.waitFor(/pods › myapp-pod$/m);
		await app.press('c');
		await app.waitFor(/Checklist default\/myapp-pod/);
		await app.press('atyped ahead\r');
		await app.waitFor(/typed ahead/);
		await app.waitFor(screen => !screen.some(line => line.startsWith('note: ')));
	} finally {
		await stopApp(app);
	}
});
