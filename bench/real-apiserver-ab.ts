// Figure 7 (and figure 1's ratio) on the real kube-apiserver v1.20 (lists served from etcd), so
// the demo server's speed does not flatter initk9: builds alternate run by run, each run next to
// its own curl of the full PodList and `kubectl get pods -A`.
//   node --import tsx bench/real-apiserver-ab.ts SIZES RUNS NAME=PATH/TO/initk9.js[,ENV=VALUE...] ...
// e.g. 1000,5000 2 before=/tmp/before/dist/initk9.js after=dist/initk9.js. The pods are created
// through the API (status through the status subresource), growing the cluster size by size.
// Needs scripts/kube-apiserver/provision.sh (docs/real-apiserver.md).
import {populate} from '../demo/workloads.js';
import {startRealCluster} from '../test/cluster/real-cluster.js';
import {alternateDetails, parseVariants} from './alternate.js';
import {timeKubectl} from './kubectl.js';

const [sizesArg, runsArg, ...variants] = process.argv.slice(2);
const sizes = (sizesArg ?? '').split(',').map(Number);
const runs = Number(runsArg);
if (!(sizes.every(size => Number.isInteger(size) && size > 0) && runs > 0 && variants.length > 0)) {
	console.error('usage: node --import tsx bench/real-apiserver-ab.ts SIZES RUNS NAME=CLI[,ENV=VALUE...] ...');
	process.exit(2);
}

const cluster = await startRealCluster();
try {
	const pods: Array<{namespace: string; name: string}> = [];
	for (const [index, size] of [...sizes].sort((a, b) => a - b).entries()) {
		const started = Date.now();
		if (size > pods.length) {
			const populated = await populate(cluster.backend, {pods: size - pods.length, namespaces: 50, initFraction: 0.1, prefix: `bench${index}`});
			pods.push(...populated.pods);
		}
		console.log(`${pods.length} pods created (${((Date.now() - started) / 1000).toFixed(0)} s)`);
		const first = [...pods].sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1))[0]!;
		await timeKubectl(cluster.kubeconfig, ['get', 'pods', '-n', 'default']);
		await alternateDetails(parseVariants(variants), runs, {kubeconfig: cluster.kubeconfig, url: cluster.server, token: cluster.env.ADMIN_TOKEN, caFile: cluster.env.CA_FILE, pods: pods.length, firstName: first.name, settleMs: 2000, cols: 160, rows: 40}, line => console.log(line));
	}
} finally {
	await cluster.stop();
}
process.exit(0);
