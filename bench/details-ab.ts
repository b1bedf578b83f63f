// Figure 7 for several builds (or settings) in one process, alternating run by run on one demo
// server, each run next to its own curl of the full PodList (so a change in the machine's load
// hits every variant alike):
//   node --import tsx bench/details-ab.ts PODS RUNS NAME=PATH/TO/initk9.js[,ENV=VALUE...] ...
// e.g. before=/tmp/before/dist/initk9.js after=dist/initk9.js pages500=dist/initk9.js,INITK9_LIST_PAGE_SIZE=500
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {memoryBackend} from '../demo/backend.js';
import {startDemoCluster} from '../demo/index.js';
import {populate} from '../demo/workloads.js';
import {detailsRun, type DetailsRunResult} from './details-bench.js';
import {timeKubectl} from './kubectl.js';
import {median} from './stats.js';

const [podsArg, runsArg, ...variants] = process.argv.slice(2);
const pods = Number(podsArg);
const runs = Number(runsArg);
if (!(pods > 0 && runs > 0 && variants.length > 0)) {
	console.error('usage: node --import tsx bench/details-ab.ts PODS RUNS NAME=CLI[,ENV=VALUE...] ...');
	process.exit(2);
}
const builds = variants.map(variant => {
	const at = variant.indexOf('=');
	const [cli, ...settings] = variant.slice(at + 1).split(',');
	return {name: variant.slice(0, at), cli: cli!, env: Object.fromEntries(settings.map(setting => setting.split('=') as [string, string]))};
});

const cluster = await startDemoCluster({kubelet: false});
const dir = mkdtempSync(join(tmpdir(), 'initk9-bench-ca-'));
try {
	const populated = await populate(memoryBackend(cluster.store, cluster.logs), {pods, namespaces: 50, initFraction: 0.1});
	const first = [...populated.pods].sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1))[0]!;
	const caFile = join(dir, 'ca.pem');
	writeFileSync(caFile, Buffer.from(/certificate-authority-data: (\S+)/.exec(cluster.kubeconfig)![1]!, 'base64'));
	await timeKubectl(cluster.kubeconfigPath, ['get', 'pods', '-n', 'default']);
	const results = new Map<string, DetailsRunResult[]>();
	for (let run = 0; run < runs; run++) {
		for (const build of builds) {
			const saved = {...process.env};
			Object.assign(process.env, {INITK9_BENCH_CLI: build.cli}, build.env);
			try {
				const result = await detailsRun({kubeconfig: cluster.kubeconfigPath, url: cluster.url, token: cluster.token, caFile, pods, firstName: first.name, settleMs: 2000, cols: 160, rows: 40});
				console.log(`${build.name.padEnd(12)} load ${result.load.toFixed(2)}: curl ${result.curlMs.toFixed(0)} ms, kubectl ${result.kubectlMs.toFixed(0)} ms, first table ${result.firstTableMs.toFixed(0)} ms, details ${result.detailsMs.toFixed(0)} ms = ${(result.detailsMs / result.curlMs).toFixed(2)}× curl, cpu ${result.cpuMs.toFixed(0)} ms, peak RSS ${result.peakRssMB.toFixed(0)} MB`);
				results.set(build.name, [...(results.get(build.name) ?? []), result]);
			} finally {
				process.env = saved;
			}
		}
	}
	console.log(`${pods} pods, ${runs} runs each (medians):`);
	for (const [name, list] of results) {
		const m = (pick: (r: DetailsRunResult) => number) => median(list.map(pick)).toFixed(0);
		console.log(`${name.padEnd(12)} details ${m(r => r.detailsMs)} ms, ${median(list.map(r => r.detailsMs / r.curlMs)).toFixed(2)}× curl (${m(r => r.curlMs)} ms), first table ${m(r => r.firstTableMs)} ms, cpu ${m(r => r.cpuMs)} ms, peak RSS ${m(r => r.peakRssMB)} MB`);
	}
} finally {
	rmSync(dir, {recursive: true, force: true});
	await cluster.stop();
}
process.exit(0);
