// What a user can read at 80×24, 120×40 and 200×60: the pod table with -A (namespace, name,
// status and a readable WHY; columns that stay put), the drill-down, logs, describe and YAML
// (wrap and sideways scrolling), help (one column, scrolling, the symbol legend) and the checklist.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {KEYS, startApp, stopApp, type App} from './harness.js';

const SIZES: Array<[number, number]> = [[80, 24], [120, 40], [200, 60]];

function header(app: App): string {
	return app.screen().find(line => /\bNAME.\s.*\bSTATUS\b.*\bWHY\b/.test(line)) ?? '';
}

function footer(app: App): string {
	const lines = app.screen().filter(line => line.trim() !== '');
	return lines[lines.length - 1] ?? '';
}

function assertFits(app: App, cols: number): void {
	for (const line of app.screen()) assert.ok(line.length <= cols, `wider than ${cols}: ${line}`);
}

for (const [cols, rows] of SIZES) {
	test(`at ${cols}×${rows}: pod table with -A, drill-down, logs, describe, YAML, help, checklist`, async () => {
		const app = await startApp({args: ['--demo', '-A'], cols, rows});
		try {
			// The table: NAMESPACE (NS when narrow), NAME sorted ↑, STATUS, WHY with ≥ 30 cells.
			const table = await app.waitFor(screen => /myapp-config\s+.*Init:.*init-config: CreateContainerC/.test(screen.join('\n')), 60_000);
			const head = header(app);
			assert.match(head, /^\s+(NS|NAMESPACE)\s+NAME↑\s+/, head);
			assert.ok(cols - head.indexOf('WHY') >= 30, `WHY has ${cols - head.indexOf('WHY')} cells: ${head}`);
			assert.ok(table.some(line => /^\S\s+default\s+myapp-/.test(line)), 'default pods show their namespace');
			if (rows >= 40) assert.ok(table.some(line => /^\S\s+shop\s+/.test(line)), 'shop pods show their namespace');
			assertFits(app, cols);
			assert.match(footer(app), /<\?> help\s+<q> quit/);
			// Columns stay where they are while ages, steps and statuses change.
			await new Promise(resolve => setTimeout(resolve, 2500));
			assert.equal(header(app), head);
			// The sort column is marked and moves with the sort.
			await app.press('S');
			await app.waitFor(screen => /STATUS↑/.test(screen.join('\n')));

			// Drill-down on the pod that fails.
			await app.press('/', ...'myapp-config', KEYS.enter);
			await app.waitFor(/\/myapp-config\//);
			await app.press(KEYS.enter);
			await app.waitFor(/pods › myapp-config/);
			await app.waitFor(/app-config/);
			assertFits(app, cols);
			assert.match(footer(app), /<\?> help\s+<Esc> back/);

			// Describe: long event messages wrap with w and scroll sideways without.
			await app.press('d');
			await app.waitFor(/Describe default\/myapp-config[^\n]*\n(.*\n)*Name: +myapp-config/);
			await app.waitFor('Init Containers:');
			await app.press('G');
			await app.waitFor(/Events:/);
			assert.match(footer(app), /<\?> help\s+<Esc> back/);
			// w wraps: the whole event message can be read at any width.
			await app.press('w');
			await app.waitFor(screen => screen.join(' ').replace(/\s+/g, ' ').includes('configmap "app-config" not found'));
			assertFits(app, cols);
			// Without wrap, → scrolls sideways.
			await app.press('w', KEYS.right);
			await app.waitFor(/→ col 9/);
			await app.press(KEYS.left);
			await app.waitFor(screen => !/→ col/.test(screen.join('\n')));
			// YAML, its own search.
			await app.press('/', ...'app-config', KEYS.enter);
			await app.waitFor(/\/app-config: \d+ lines?/);
			await app.press('y');
			await app.waitFor(/YAML default\/myapp-config/);
			assert.doesNotMatch(app.screen()[3] ?? '', /\/app-config:/, 'the search stays with describe');
			await app.press(KEYS.escape);
			await app.waitFor(/pods › myapp-config$/m);
			// The drill-down loads its pod again before its keys act.
			await app.waitFor(/init-config/);

			// Logs.
			await app.press('l');
			await app.waitFor(/pods › myapp-config › logs/);
			assert.match(footer(app), /<\?> help\s+<Esc> back/);
			assertFits(app, cols);
			await app.press('q');
			await app.waitFor(/pods › myapp-config$/m);

			// Help: one column, scrolling, with the legend and the word on q.
			await app.press('?');
			await app.waitFor(/The pod screen \(Enter\)/);
			await app.waitFor(/^\s+l\s+logs of the blocking container/m);
			await app.press('G');
			await app.waitFor(/Pod symbols/);
			for (const [symbol, label] of [['●', 'healthy'], ['◐', 'initializing'], ['⧗', 'stuck'], ['✖', 'init failing'], ['!', 'app failing'], ['○', 'pending'], ['✔', 'completed'], ['✝', 'terminating']]) {
				assert.match(app.text(), new RegExp(`^\\s+${symbol.replace('!', '\\!')}\\s+${label}$`, 'm'), `${symbol} ${label}`);
			}
			await app.press('g');
			await app.waitFor(/^\s+q\s+back one screen; on the pod table, quit/m);
			assertFits(app, cols);
			await app.press('?');
			await app.waitFor(/pods › myapp-config$/m);

			// Checklist.
			await app.press('c');
			await app.waitFor(/Checklist default\/myapp-config/);
			assertFits(app, cols);
			await app.press('q', 'q');
			await app.waitFor(/myapp-config/);
			await app.waitFor(screen => header({screen: () => screen} as App) !== '');
			await app.press('q');
			const {code} = await app.exit;
			assert.equal(code, 0);
		} finally {
			await stopApp(app);
		}
	});
}
