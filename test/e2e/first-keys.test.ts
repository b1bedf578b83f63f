// A key typed the moment the first frame appears counts: the terminal is raw before that frame, so
// Enter arrives as Enter even if Ink has not started listening yet (it was cooked then: Enter
// became a line feed, echoed, and the pod did not open in about one start in four).
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {spawnTui} from '../../bench/tui.js';
import {createPod} from '../kube/helpers.js';

let demo: DemoCluster;
before(async () => {
	demo = await startDemoCluster({kubelet: false});
	createPod(demo, 'web-1');
});
after(() => demo.stop());

test('Enter at the first frame opens the pod, start after start', {timeout: 120_000}, async () => {
	for (let start = 1; start <= 8; start++) {
		const tui = spawnTui(['--kubeconfig', demo.kubeconfigPath, '-n', 'default'], {cols: 100, rows: 24});
		try {
			await tui.waitFor(screen => screen.some(line => /\bweb-1\b/.test(line)), 20_000, 'the table');
			tui.press('\r');
			await tui.waitFor(screen => screen.join('\n').includes('Sequence — '), 5000, `the pod view (start ${start})`);
			assert.ok(!tui.screen().some(line => line.startsWith('^M')), 'no echo of the key');
		} finally {
			await tui.stop();
		}
	}
});
