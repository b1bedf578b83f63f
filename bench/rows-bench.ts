// The pod table's work per frame at scale, in one process (CPU only, no terminal): the summaries
// made into rows the way the table did before (the array rebuilt from every pod, a filter and sort
// of every row, every health counted) and the way it does now (model/summary-list.ts and
// model/row-selection.ts), alternating frame by frame so the machine's load hits both alike.
//   node --import tsx bench/rows-bench.ts [PODS=30000] [FRAMES=200] [CHANGES=100]
// CHANGES: summaries replaced between two frames (200 updates/s and the clock's re-summaries
// under churn give ~100 per 100 ms).
import {performance} from 'node:perf_hooks';
import {memoryBackend} from '../demo/backend.js';
import {startDemoCluster} from '../demo/index.js';
import {populate} from '../demo/workloads.js';
import {healthCounts, summarizePod, type PodSummary} from '../source/model/pod-health.js';
import {compileFilter, selectRows, type RowOptions} from '../source/model/pod-rows.js';
import {updateSelection, type RowSelection} from '../source/model/row-selection.js';
import {SummaryList} from '../source/model/summary-list.js';
import {percentile} from './stats.js';

const [pods = 30_000, frames = 200, perFrame = 100] = process.argv.slice(2).map(Number);
const cluster = await startDemoCluster({kubelet: false});
const backend = memoryBackend(cluster.store, cluster.logs);
await populate(backend, {pods, namespaces: 50, initFraction: 0.1});
const all = await backend.listPods();
await cluster.stop();

const now = Date.now();
const cache = new Map<string, PodSummary>();
const list = new SummaryList();
for (const pod of all) {
	const summary = summarizePod(pod, now);
	cache.set(pod.metadata.uid!, summary);
	list.set(pod.metadata.uid!, undefined, summary);
}
const uids = [...cache.keys()];
let options: RowOptions = {initOnly: false, sort: {key: 'name', descending: false}, allNamespaces: true};

const before = {frame: [] as number[], key: [] as number[]};
const after = {frame: [] as number[], key: [] as number[]};
let selection: RowSelection | undefined = updateSelection(undefined, list.publish(), list.version, options, list);

let oldSummaries: PodSummary[] = [];
/** Before: each refresh rebuilt the array and counted every health; the frame filtered and sorted every row. */
const oldFrame = () => {
	oldSummaries = Array.from(cache.values());
	healthCounts(oldSummaries);
	return selectRows(oldSummaries, options).length;
};
/** A typed key with no refresh since: only the rows again. */
const oldKey = () => selectRows(oldSummaries, options).length;
const newFrame = () => {
	const summaries = list.publish();
	list.counts();
	selection = updateSelection(selection, summaries, list.version, options, list);
	return selection.rows.length;
};
const time = (run: () => number, into: number[]) => {
	const started = performance.now();
	run();
	into.push(performance.now() - started);
};

const WORDS = ['cart-', 'payments', 'shipping'];
const typing = {word: 0, length: 0};
for (let frame = 0; frame < frames; frame++) {
	// Between frames: some pods re-summarized (a restart, the clock), in both stores alike.
	for (let i = 0; i < perFrame; i++) {
		const uid = uids[Math.floor(Math.random() * uids.length)]!;
		const previous = cache.get(uid)!;
		const next = {...previous, restartCount: previous.restartCount + 1, restarts: String(previous.restartCount + 1)};
		cache.set(uid, next);
		list.set(uid, previous, next);
	}
	// A frame for a key (`j`: the rows of the newest summaries), then one per typed filter key.
	if (frame % 2) {
		time(oldFrame, before.frame);
		time(newFrame, after.frame);
	} else {
		time(newFrame, after.frame);
		time(oldFrame, before.frame);
	}
	// The filter typed one key per frame, word after word (Esc between them).
	const word = WORDS[typing.word % WORDS.length]!;
	typing.length++;
	options = {...options, filter: compileFilter(word.slice(0, typing.length)).filter};
	time(oldKey, before.key);
	time(newFrame, after.key);
	if (typing.length === word.length) {
		options = {...options, filter: undefined};
		typing.word++;
		typing.length = 0;
	}
}

const line = (name: string, samples: number[]) => `${name} p50 ${percentile(samples, 50).toFixed(2)} ms, p95 ${percentile(samples, 95).toFixed(2)} ms`;
console.log(`${pods} pods, ${frames} frames, ${perFrame} changed summaries per frame:`);
console.log(`  frame (j):        before ${line('', before.frame)} | after ${line('', after.frame)}`);
console.log(`  filter key (/):   before ${line('', before.key)} | after ${line('', after.key)}`);
process.exit(0);
