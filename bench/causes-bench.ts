// Figure 6: grouping the pod table's summaries by cause (model/cause-groups.ts), which the feed
// does at every refresh. 30,000 pods over 300 Deployments on 30 nodes, 10% in trouble: crash-looping
// init containers, image pulls failing on two broken nodes, init containers waiting for Services.
// In-process (no cluster, no terminal): the summaries are made once, as the feed caches them; the
// grouping is timed over them.
import {performance} from 'node:perf_hooks';
import type {Pod} from '../source/model/k8s-types.js';
import {groupCauses} from '../source/model/cause-groups.js';
import {summarizePod, type PodSummary} from '../source/model/pod-health.js';
import {REFRESH_MS} from '../source/hooks/pod-table-feed.js';
import {median, percentile} from './stats.js';

export interface CauseBenchResult {
	pods: number;
	troubled: number;
	groups: number;
	/** Wall-clock ms per grouping. */
	samples: number[];
	p50: number;
	p95: number;
	/** CPU ms per grouping (process.cpuUsage: what the grouping costs when the machine is busy with others). */
	cpuP50: number;
	cpuP95: number;
	/** The pod table's frame budget: one refresh interval. */
	budgetMs: number;
}

const STARTED = new Date(Date.now() - 600_000).toISOString();

function benchPod(index: number, troubled: boolean): Pod {
	const workload = `app-${index % 300}`;
	const hash = `${(index % 300).toString(16).padStart(4, '0')}5d7f9`;
	const name = `${workload}-${hash}-${index.toString(36).padStart(5, '0')}`;
	const node = `node-${index % 30}`;
	const namespace = `bench-${index % 10}`;
	const kind = troubled ? index % 3 : -1;
	const image = kind === 1 ? `registry.internal/${workload}:1.0` : 'busybox:1.36';
	const waiting = kind === 1 ? {reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}": ErrImagePull: dial tcp 10.0.0.1:443: i/o timeout`} : undefined;
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name, namespace, uid: `uid-${index}`, generateName: `${workload}-${hash}-`, creationTimestamp: STARTED, labels: {app: workload, 'pod-template-hash': hash}, ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${workload}-${hash}`, uid: `rs-${workload}`, controller: true}]},
		spec: {
			nodeName: kind === 1 ? `node-${index % 2}` : node,
			initContainers: [{name: 'init', image: 'busybox:1.36', command: ['sh', '-c', kind === 2 ? `until nslookup svc-${index % 7}; do sleep 2; done` : 'migrate up']}],
			containers: [{name: 'app', image}],
		},
		status: {
			phase: troubled && kind !== 1 ? 'Pending' : 'Running',
			startTime: STARTED,
			initContainerStatuses: [kind === 0
				? {name: 'init', image: 'busybox:1.36', imageID: '', ready: false, restartCount: 5, state: {waiting: {reason: 'CrashLoopBackOff', message: `back-off 2m40s restarting failed container=init pod=${name}`}}, lastState: {terminated: {exitCode: 127, reason: 'Error', startedAt: STARTED, finishedAt: STARTED}}}
				: kind === 2
					? {name: 'init', image: 'busybox:1.36', imageID: '', ready: false, restartCount: 0, state: {running: {startedAt: STARTED}}}
					: {name: 'init', image: 'busybox:1.36', imageID: '', ready: true, restartCount: 0, state: {terminated: {exitCode: 0, reason: 'Completed', startedAt: STARTED, finishedAt: STARTED}}}],
			containerStatuses: [waiting
				? {name: 'app', image, imageID: '', ready: false, restartCount: 0, state: {waiting}}
				: kind >= 0 ? {name: 'app', image, imageID: '', ready: false, restartCount: 0, state: {waiting: {reason: 'PodInitializing'}}}
					: {name: 'app', image, imageID: '', ready: true, restartCount: 0, state: {running: {startedAt: STARTED}}}],
		},
	};
}

export function causeGroupingRun(pods: number, troubledFraction: number, rounds: number): CauseBenchResult {
	const now = Date.now();
	const every = Math.round(1 / troubledFraction);
	const summaries: PodSummary[] = Array.from({length: pods}, (_, index) => summarizePod(benchPod(index, index % every === 0), now));
	const troubled = summaries.filter(summary => summary.cause).length;
	let groups = 0;
	// Warm-up (JIT), then the timed rounds.
	for (let round = 0; round < 5; round++) groups = groupCauses(summaries, now).length;
	const samples: number[] = [];
	const cpu: number[] = [];
	for (let round = 0; round < rounds; round++) {
		const started = performance.now();
		const cpuStarted = process.cpuUsage();
		groups = groupCauses(summaries, now).length;
		const used = process.cpuUsage(cpuStarted);
		samples.push(performance.now() - started);
		cpu.push((used.user + used.system) / 1000);
	}
	return {pods, troubled, groups, samples, p50: median(samples), p95: percentile(samples, 95), cpuP50: median(cpu), cpuP95: percentile(cpu, 95), budgetMs: REFRESH_MS};
}

// `node --import tsx bench/causes-bench.ts`: this figure alone.
if (import.meta.url === `file://${process.argv[1]}`) {
	const result = causeGroupingRun(30_000, 0.1, 50);
	console.log(`${result.pods} pods, ${result.troubled} in trouble, ${result.groups} groups: grouping p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms wall; CPU p50 ${result.cpuP50.toFixed(1)} ms, p95 ${result.cpuP95.toFixed(1)} ms (budget ${result.budgetMs} ms)`);
}
