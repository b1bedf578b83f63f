// Figure 7 for several builds (or settings) in one process, alternating run by run on one demo
// server, each run next to its own curl of the full PodList (so a change in the machine's load
// hits every variant alike):
//   node --import tsx bench/details-ab.ts PODS RUNS NAME=PATH/TO/initk9.js[,ENV=VALUE...] ...
// INITK9_BENCH_LATENCY_MS=N delays every request N ms before the server answers (a remote
// cluster's round trip; curl and kubectl pay it too).
// e.g. before=/tmp/before/dist/initk9.js after=dist/initk9.js pages500=dist/initk9.js,INITK9_LIST_PAGE_SIZE=500
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {memoryBackend} from '../demo/backend.js';
import {startDemoCluster} from '../demo/index.js';
import {populate} from '../demo/workloads.js';
import {alternateDetails, parseVariants} from './alternate.js';
import {timeKubectl} from './kubectl.js';

const [podsArg, runsArg, ...variants] = process.argv.slice(2);
const pods = Number(podsArg);
const runs = Number(runsArg);
if (!(pods > 0 && runs > 0 && variants.length > 0)) {
	console.error('usage: node --import tsx bench/details-ab.ts PODS RUNS NAME=CLI[,ENV=VALUE...] ...');
	process.exit(2);
}

const cluster = await startDemoCluster({kubelet: false});
const latencyMs = Number(process.env.INITK9_BENCH_LATENCY_MS ?? 0);
const dir = mkdtempSync(join(tmpdir(), 'initk9-bench-ca-'));
try {
	const populated = await populate(memoryBackend(cluster.store, cluster.logs), {pods, namespaces: 50, initFraction: 0.1});
	const first = [...populated.pods].sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1))[0]!;
	const caFile = join(dir, 'ca.pem');
	writeFileSync(caFile, Buffer.from(/certificate-authority-data: (\S+)/.exec(cluster.kubeconfig)![1]!, 'base64'));
	await timeKubectl(cluster.kubeconfigPath, ['get', 'pods', '-n', 'default']);
	if (latencyMs > 0) cluster.faults.setLatency(latencyMs);
	await alternateDetails(parseVariants(variants), runs, {kubeconfig: cluster.kubeconfigPath, url: cluster.url, token: cluster.token, caFile, pods, firstName: first.name, settleMs: 2000, cols: 160, rows: 40}, line => console.log(line));
} finally {
	rmSync(dir, {recursive: true, force: true});
	await cluster.stop();
}
process.exit(0);
