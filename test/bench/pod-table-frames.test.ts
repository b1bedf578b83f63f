// The pod table under a watch storm renders for what is on screen only: changes to pods off screen
// cost no render (CPU stays low), a change on screen still shows at once. Needs the build
// (dist/initk9.js); INITK9_BENCH_CLI runs it against another build.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {performance} from 'node:perf_hooks';
import {startDemoCluster} from '../../demo/index.js';
import {memoryBackend} from '../../demo/backend.js';
import {populate, setRestartCount, startChurn} from '../../demo/workloads.js';
import {cpuPercentDuring} from '../../bench/proc.js';
import {spawnTui} from '../../bench/tui.js';

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

test('pods off screen change 100 times a second: no render work; a pod on screen changes: shown', {timeout: 180_000}, async () => {
	const cluster = await startDemoCluster({kubelet: false});
	const tui = spawnTui(['--kubeconfig', cluster.kubeconfigPath, '-A'], {cols: 160, rows: 30});
	try {
		const backend = memoryBackend(cluster.store, cluster.logs);
		const {pods} = await populate(backend, {pods: 400, namespaces: 4, initFraction: 0});
		const sorted = [...pods].sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1));
		await tui.waitFor(screen => screen.some(line => /\bpods 400\b/.test(line)) && screen.some(line => line.includes(sorted[0].name)), 30_000, 'the table');
		// Everything within two screens of the top stays still; the rest churns.
		const still = new Set(sorted.slice(0, 60).map(pod => `${pod.namespace}/${pod.name}`));
		const churn = startChurn(backend, {perSecond: 100, exclude: still});
		try {
			await sleep(1500);
			const framesBefore = tui.frames;
			const started = performance.now();
			const cpu = await cpuPercentDuring(tui.pid, () => sleep(4000));
			const framesPerSecond = (tui.frames - framesBefore) / ((performance.now() - started) / 1000);
			assert.ok(churn.updates > 300, `${churn.updates} updates`);
			assert.ok(framesPerSecond <= 2.5, `${framesPerSecond.toFixed(1)} frames/s while only pods off screen changed`);
			// Ink writes no frame when the output is the same, so frames alone cannot tell a table that
			// re-renders per refresh (≈ 28% of a core here) from one that does not (≈ 3%).
			assert.ok(cpu <= 12, `${cpu.toFixed(1)}% of a core while only pods off screen changed`);

			const target = sorted[2];
			const pod = (await backend.getPod(target.namespace, target.name))!;
			// Shown while the storm goes on; how soon is the benchmark's business (bench figure 2, staleness).
			const shown = tui.waitFor(screen => screen.some(line => line.includes(target.name) && /\s4242 \(/.test(line)), 30_000, `${target.name} with 4242 restarts`);
			await setRestartCount(backend, pod, 4242);
			await shown;
		} finally {
			churn.stop();
		}
	} finally {
		await tui.stop();
		await cluster.stop();
	}
});
