// Where the first list's time goes: initk9 -A against a demo server of PODS pods, then every list
// request the server answered (when it began its answer, relative to spawn) and the frames that counted every pod
// and completed the details:  node --import tsx bench/list-timeline.ts PODS [--all] (--all: every
// request, /version included, not only the pod lists)
import {memoryBackend} from '../demo/backend.js';
import {startDemoCluster} from '../demo/index.js';
import {populate} from '../demo/workloads.js';
import {provisional} from './details-bench.js';
import {spawnTui} from './tui.js';

const pods = Number(process.argv[2] ?? 30_000);
const everyRequest = process.argv.includes('--all');
const cluster = await startDemoCluster({kubelet: false});
try {
	await populate(memoryBackend(cluster.store, cluster.logs), {pods, namespaces: 50, initFraction: 0.1});
	cluster.audit.clear();
	const spawnedAt = Date.now();
	const tui = spawnTui(['--kubeconfig', cluster.kubeconfigPath, '-A']);
	const counted = await tui.waitFor(screen => screen.slice(0, 3).some(line => line.includes(`pods ${pods} `)), 300_000);
	const details = await tui.waitFor(screen => !provisional(screen) && screen.slice(0, 3).some(line => line.includes(`pods ${pods} `)), 300_000);
	await tui.stop();
	for (const entry of cluster.audit.entries) {
		if (!everyRequest && entry.path !== '/api/v1/pods') continue;
		console.log(`${String(entry.at - spawnedAt).padStart(6)} ms  ${entry.path} ${/as=Table/.test(entry.accept ?? '') ? 'table' : 'full '} ${entry.query.replace(/continue=[^&]+/, 'continue=…')}`);
	}
	console.log(`counted ${(counted.at - tui.spawnedAt).toFixed(0)} ms, details ${(details.at - tui.spawnedAt).toFixed(0)} ms`);
} finally {
	await cluster.stop();
}
process.exit(0);
