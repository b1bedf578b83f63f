// The TUI's export (checklist, `e`) and `initk9 report` of the same pod are the same document:
// one facts plan read by two drivers (live and once), one diagnosis. What may differ is only what
// the moment changes: the generation time, ages and durations, and where the timeline's cells fall.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CLI, startApp, startDemo, stopApp, type DemoCluster} from './harness.js';

let demo: DemoCluster;
const stateHome = mkdtempSync(join(tmpdir(), 'initk9-parity-state-'));

before(async () => {
	demo = await startDemo({scenarios: ['missing-configmap', 'side-effect'], speed: 1});
});
after(() => demo.stop());

function report(pod: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, 'report', '--kubeconfig', demo.kubeconfigPath, pod], {env: {...process.env, XDG_STATE_HOME: stateHome}});
		let stdout = '';
		child.stdout.on('data', chunk => (stdout += chunk));
		child.on('close', status => (status === 0 ? resolve(stdout) : reject(new Error(`report exited ${status}`))));
	});
}

/** The document without what the moment changes. */
function moment(markdown: string): string {
	const timeline = /## Timeline\n\n```\n([\s\S]*?)```/;
	const lanes = timeline.exec(markdown)?.[1]!.split('\n').map(line => /^(pod|[IA]\d+ \S+)/.exec(line)?.[1]).filter(Boolean).join('\n') ?? '';
	return markdown
		.replace(timeline, `## Timeline\n\n${lanes}\n`)
		.replace(/generated \S+Z/, 'generated <time>')
		.replace(/\b\d+(?:\.\d+)?(?:ms|s|m|h|d)(?:\d+(?:ms|s|m|h))*\b/g, '<d>')
		.replace(/\(x\d+ over <d>\)/g, '(x<n> over <d>)');
}

test('the export from the checklist and `initk9 report` of the same pod say the same', async () => {
	const app = await startApp({args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'default'], cols: 160, rows: 40, env: {XDG_STATE_HOME: stateHome}});
	try {
		// A pod whose state holds still: its init container cannot be created (ConfigMap missing).
		await app.waitFor(/myapp-config\s+0\/1\s+Init:CreateContainerConfigError/, 30_000);
		await app.press('/', ...'^myapp-config$', '\r');
		await app.press('c');
		await app.waitFor(/Checklist default\/myapp-config/);
		await app.waitFor(/1\. /, 10_000);
		await app.press('e');
		const screen = await app.waitFor(/exported report\.md and bisect\/ to /);
		const where = screen.join('').match(/exported report\.md and bisect\/ to (\S+)/)![1]!;
		const exports = join(stateHome, 'initk9', 'exports');
		const exported = readFileSync(join(exports, readdirSync(exports).find(name => where.includes(name))!, 'report.md'), 'utf8');
		const printed = await report('default/myapp-config');
		assert.equal(moment(printed), moment(exported));
		assert.doesNotMatch(printed, /press [a-z]/, 'no key hints outside the TUI');
		assert.match(printed, /\*\*Blocked at init 1\/1 init-config: /);
	} finally {
		await stopApp(app);
	}
});
