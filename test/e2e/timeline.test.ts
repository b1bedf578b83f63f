// The init timeline in the drill-down, end to end: the built initk9 in a pty on the demo cluster,
// the pod opened from the table with Enter, the lanes read off the screen at 80 and 200 columns
// for the article's exit-127 crash loop and for a healthy start. Build first.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import type {Pod} from '../../source/model/k8s-types.js';
import {KEYS, startApp, stopApp, type App} from './harness.js';

let demo: DemoCluster;

before(async () => {
	demo = await startDemoCluster({scenarios: ['exit-127', 'healthy'], speed: 4});
});

after(async () => {
	await demo?.stop();
});

const LANE = /^(pod|[IAS]\d+ )/;

/** The timeline block: from the row after "Timeline" to the blank row that ends it. */
function timelineRows(full: string[]): string[] {
	const screen = full.map(row => row.trimEnd());
	const start = screen.findIndex(line => line === 'Timeline');
	if (start === -1) return [];
	const end = screen.findIndex((line, at) => at > start && line.trim() === '');
	return screen.slice(start + 1, end === -1 ? undefined : end);
}

function lane(rows: string[], label: string): string | undefined {
	return rows.find(row => row.startsWith(`${label} `));
}

function restartCount(pod: string, container: string): number {
	const object = demo.store.get('pods', 'default', pod) as unknown as Pod | undefined;
	return object?.status?.initContainerStatuses?.find(status => status.name === container)?.restartCount ?? 0;
}

/** Opens the pod from the table (name filter, Enter) and scrolls so the timeline is on screen. */
async function openTimeline(app: App, name: string): Promise<void> {
	await app.waitFor(new RegExp(`\\s${name}\\s`), 20_000);
	await app.press('/', ...`^${name}$`, KEYS.enter);
	await app.press(KEYS.enter);
	await app.waitFor(/Sequence — /, 10_000);
}

/** Scrolls down (j) until the timeline's axis row is on screen. */
async function scrollToTimeline(app: App): Promise<string[]> {
	for (let i = 0; i < 80; i++) {
		const rows = timelineRows(app.screen());
		const axis = rows.findIndex(row => row.includes('├'));
		// The axis, its scale and the legend below it, all on screen.
		if (axis > 0 && /^\s+0s\b/.test(rows[axis + 1] ?? '') && rows[axis + 2] !== undefined) return rows;
		await app.press('j');
	}
	throw new Error(`no timeline on screen:\n${app.text()}`);
}

/** Every timeline row is one screen row: lanes start with their label, nothing spills over. */
function assertNoWrap(rows: string[], cols: number): void {
	const axis = rows.findIndex(row => row.includes('├'));
	assert.ok(axis > 0, rows.join('\n'));
	for (const row of rows.slice(0, axis)) assert.match(row, LANE, `a lane row, not a wrapped piece:\n${rows.join('\n')}`);
	assert.match(rows[axis + 1] ?? '', /^\s+0s\b.*\d+[smh]$/, 'the scale under the axis');
	for (const row of rows) assert.ok(row.length <= cols, `row fits ${cols} columns: ${row}`);
}

test('exit-127 crash loop at 80 columns: lanes I1 I2 I3 + app, failed runs with back-off gaps, sequence unwrapped; then 200 columns', async () => {
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath], cols: 80, rows: 60, env: {TZ: 'UTC'}});
	try {
		// Open the drill-down before the crash loop begins, so initk9 sees each run itself.
		await openTimeline(app, 'myapp-pod');
		// Four runs: the first two an immediate restart apart, then back-off of 10s and 20s (÷ speed).
		await app.waitFor(screen => /✖ exit 127 ×([4-9]|\d\d)$/.test(lane(timelineRows(screen), 'I3') ?? ''), 40_000);
		assert.ok(restartCount('myapp-pod', 'init-failed-test') >= 3, 'the demo crash-loops');
		let rows = await scrollToTimeline(app);
		assertNoWrap(rows, 80);
		assert.match(lane(rows, 'I1') ?? '', /^I1 init-myservice\s+[░▫]*█+\s+✔ \d+s$/);
		assert.match(lane(rows, 'I2') ?? '', /^I2 init-mydb\s+[░▫]*█*\s+✔ \d+s$/);
		const failing = lane(rows, 'I3') ?? '';
		assert.match(failing, /^I3 init-failed-test\s+.*✖ exit 127 ×\d+$/);
		// Failed runs apart, with back-off between them that grows (10s, 20s, … at speed 4).
		const gaps = failing.replace(/^I3 init-failed-test\s+/, '').replace(/\s+✖.*$/, '').match(/[╳×]([·!]+)(?=[╳×])/g) ?? [];
		assert.ok(gaps.length >= 2, `back-off gaps between runs: ${failing}`);
		assert.ok(gaps.at(-1)!.length > gaps[0]!.length, `a later back-off is drawn longer: ${failing}`);
		assert.ok(lane(rows, 'A1')?.startsWith('A1 myapp-container'), 'the app container has its lane');
		assert.ok(rows.some(row => /╳ failed/.test(row) && /· back-off/.test(row)), `legend names failed runs and back-off:\n${rows.join('\n')}`);

		// The sequence above stays readable: one row per step headline.
		await app.press('g');
		await app.waitFor(/Sequence — init 2\/3 done/);
		const screen = app.screen().map(row => row.trimEnd());
		const blocked = screen.findIndex(row => row.includes('I3  init-failed-test'));
		assert.match(screen[blocked] ?? '', /^» [↻✖] I3 {2}init-failed-test {2}(Waiting: CrashLoopBackOff {2}↻ \d+|Terminated: Error exit 127 \(command not found\).*)$/);

		// Wider: the same lanes, the scale spread over the width.
		app.resize(200, 60);
		await app.waitFor(s => (timelineRows(s).find(row => row.includes('├'))?.trimEnd().length ?? 0) > 150, 10_000);
		rows = timelineRows(app.screen());
		assertNoWrap(rows, 200);
		const axis = rows.find(row => row.includes('├'))!;
		assert.ok(axis.length > 150, `axis uses the width: ${axis.length}`);
		assert.match(lane(rows, 'I3') ?? '', /^I3 init-failed-test\s+.*╳.*·+.*╳.*✖ exit 127 ×\d+$/);
		for (const label of ['I1 init-myservice', 'I2 init-mydb', 'A1 myapp-container']) assert.ok(lane(rows, label.slice(0, 2))?.startsWith(label), label);
	} finally {
		await stopApp(app);
	}
});

test('healthy start at 80 and 200 columns: init lanes done, the app running', async () => {
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath], cols: 80, rows: 60, env: {TZ: 'UTC'}});
	try {
		await openTimeline(app, 'myapp-healthy');
		await app.waitFor(/myapp-healthy {2}Running/, 40_000);
		for (const cols of [80, 200]) {
			app.resize(cols, 60);
			await app.waitFor(screen => screen.some(row => row.startsWith('default/myapp-healthy')), 10_000);
			await app.press('g');
			const rows = await scrollToTimeline(app);
			assertNoWrap(rows, cols);
			assert.match(lane(rows, 'I1') ?? '', /^I1 init-myservice\s+.*█.*✔ \d+s$/);
			assert.match(lane(rows, 'I2') ?? '', /^I2 init-mydb\s+.*✔ \d+s$/);
			assert.match(lane(rows, 'A1') ?? '', /^A1 myapp-container\s+.*▓+ ▶ \d+[sm]/);
			assert.ok(!rows.some(row => /╳|✖/.test(row)), `nothing failed: ${rows.join('\n')}`);
		}
	} finally {
		await stopApp(app);
	}
});

test('runs the pod table saw before the drill-down opened are known runs, not inferred ones', async () => {
	// Held until the table is live, so the table sees the scenario from its first run on (a busy
	// machine may start initk9 late, and runs before it started would rightly be inferred).
	const fresh = await startDemoCluster({scenarios: ['exit-127'], speed: 4, held: true});
	const app = await startApp({args: ['--kubeconfig', fresh.kubeconfigPath], cols: 200, rows: 60, env: {TZ: 'UTC'}});
	try {
		await app.waitFor(/● live/, 30_000);
		fresh.play();
		await app.waitFor(/\smyapp-pod\s/, 20_000);
		// Only the table is open while the init container crash-loops.
		const restarts = () => (fresh.store.get('pods', 'default', 'myapp-pod') as unknown as Pod | undefined)?.status?.initContainerStatuses?.find(status => status.name === 'init-failed-test')?.restartCount ?? 0;
		await app.waitFor(() => restarts() >= 3, 60_000);
		await openTimeline(app, 'myapp-pod');
		const rows = await scrollToTimeline(app);
		const failing = lane(rows, 'I3') ?? '';
		assert.ok((failing.match(/╳/g) ?? []).length >= 3, `the failed runs are drawn as known runs: ${failing}`);
		// The notes under the timeline say where the runs come from.
		const notes = async () => {
			for (let i = 0; i < 30 && !/runs? observed by initk9/.test(app.text()); i++) await app.press('j');
			return app.text().replace(/\s+/g, ' ');
		};
		const text = await notes();
		assert.match(text, /init-failed-test: \d+ earlier runs? observed by initk9 since it started watching/);
		assert.doesNotMatch(text, /init-failed-test: \d+ of \d+ runs inferred/);
	} finally {
		await stopApp(app);
		await fresh.stop();
	}
});
