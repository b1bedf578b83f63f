// Figure 1 for several builds in one process, alternating run by run (so a change in the
// machine's load hits every build alike), each next to its own `kubectl get pods -A`:
//   node --import tsx bench/first-table-ab.ts PODS RUNS NAME=PATH/TO/initk9.js[:NODE_ARGS] ...
// e.g. a build of another commit copied aside: before=/tmp/before/dist/initk9.js after=dist/initk9.js
import {memoryBackend} from '../demo/backend.js';
import {startDemoCluster} from '../demo/index.js';
import {populate} from '../demo/workloads.js';
import {timeKubectl} from './kubectl.js';
import {median} from './stats.js';
import {spawnTui} from './tui.js';

const [podsArg, runsArg, ...variants] = process.argv.slice(2);
const pods = Number(podsArg);
const runs = Number(runsArg);
if (!(pods > 0 && runs > 0 && variants.length > 0)) {
	console.error('usage: node --import tsx bench/first-table-ab.ts PODS RUNS NAME=CLI[:NODE_ARGS] ...');
	process.exit(2);
}
const builds = variants.map(variant => {
	const at = variant.indexOf('=');
	const [cli, nodeArgs = ''] = variant.slice(at + 1).split(':');
	return {name: variant.slice(0, at), cli: cli!, nodeArgs};
});

const cluster = await startDemoCluster({kubelet: false});
try {
	const populated = await populate(memoryBackend(cluster.store, cluster.logs), {pods, namespaces: 50, initFraction: 0.1});
	const first = [...populated.pods].sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1))[0]!;
	await timeKubectl(cluster.kubeconfigPath, ['get', 'pods', '-n', 'default']);
	const results = new Map<string, {initk9: number[]; ratio: number[]}>();
	const kubectl: number[] = [];
	for (let run = 0; run < runs; run++) {
		for (const build of builds) {
			const kubectlMs = await timeKubectl(cluster.kubeconfigPath, ['get', 'pods', '-A']);
			kubectl.push(kubectlMs);
			process.env.INITK9_BENCH_CLI = build.cli;
			process.env.INITK9_BENCH_NODE_ARGS = build.nodeArgs;
			const tui = spawnTui(['--kubeconfig', cluster.kubeconfigPath, '-A']);
			const counted = new RegExp(`\\bpods ${pods}\\b`);
			const frame = await tui.waitFor(screen => screen.slice(0, 3).some(line => counted.test(line)) && screen.some(line => line.includes(first.name)), 60_000, 'the first complete table');
			await tui.stop();
			const result = results.get(build.name) ?? {initk9: [], ratio: []};
			result.initk9.push(frame.at - tui.spawnedAt);
			result.ratio.push((frame.at - tui.spawnedAt) / kubectlMs);
			results.set(build.name, result);
		}
	}
	console.log(`${pods} pods, ${runs} runs each; kubectl get pods -A median ${median(kubectl).toFixed(0)} ms`);
	for (const [name, {initk9, ratio}] of results) {
		console.log(`${name.padEnd(12)} median ${median(initk9).toFixed(0)} ms, ratio ${median(ratio).toFixed(2)}× · ${initk9.map(ms => ms.toFixed(0)).join(' ')}`);
	}
} finally {
	await cluster.stop();
}
process.exit(0);
