// The whole benchmark: demo clusters of each size in this process, initk9 in a pty and kubectl
// against them, each figure run `runs` times; medians of the runs, compared with the goals.
import {startDemoCluster} from '../demo/index.js';
import {memoryBackend} from '../demo/backend.js';
import {populate} from '../demo/workloads.js';
import {timeKubectl} from './kubectl.js';
import {logRun, type LogRunResult} from './log-bench.js';
import {median, percentile} from './stats.js';
import {tableRun, type TableRunResult} from './table-bench.js';
import {causeGroupingRun, type CauseBenchResult} from './causes-bench.js';
import {detailsRun, type DetailsRunResult} from './details-bench.js';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export interface BenchConfig {
	scales: number[];
	namespaces: number;
	initFraction: number;
	/** The scale key latency is measured at. */
	keyScale: number;
	runs: number;
	churnPerSecond: number;
	warmupMs: number;
	windowMs: number;
	keySamples: number;
	firehose: {linesPerSecond: number; seconds: number};
	/** The long stream for the memory figure (initk9 alone). */
	bigStream: {lines: number; linesPerSecond: number};
	/** Figure 6: pods grouped by cause, the share of them in trouble, timed groupings. */
	causes: {pods: number; troubledFraction: number; rounds: number};
	/** Figure 7: details complete against curl, at these scales (peak RSS reported at each). */
	detailScales: number[];
	/** Figures to run (1–7); figures 1–4 share one session per run. */
	only?: number;
	cols: number;
	rows: number;
	log?: (line: string) => void;
}

export const FULL: Omit<BenchConfig, 'only' | 'log'> = {
	scales: [1000, 5000, 10_000, 30_000],
	namespaces: 50,
	initFraction: 0.1,
	// Issue 20's key-latency goal is at 30,000 pods.
	keyScale: 30_000,
	runs: 3,
	churnPerSecond: 200,
	warmupMs: 2000,
	windowMs: 10_000,
	keySamples: 60,
	firehose: {linesPerSecond: 20_000, seconds: 30},
	bigStream: {lines: 1_000_000, linesPerSecond: 100_000},
	causes: {pods: 30_000, troubledFraction: 0.1, rounds: 50},
	detailScales: [5000, 10_000, 30_000],
	cols: 160,
	rows: 40,
};

export const QUICK: Omit<BenchConfig, 'only' | 'log'> = {
	...FULL,
	scales: [300, 1000],
	keyScale: 1000,
	runs: 1,
	warmupMs: 1000,
	windowMs: 3000,
	keySamples: 8,
	firehose: {linesPerSecond: 20_000, seconds: 3},
	bigStream: {lines: 100_000, linesPerSecond: 50_000},
	detailScales: [1000],
};

export interface ScaleSummary {
	pods: number;
	runs: TableRunResult[];
	kubectlMs: number;
	firstTableMs: number;
	ratio: number;
	stalenessP50: number;
	stalenessP95: number;
	cpuPercent: number;
	framesPerSecond: number;
	peakRssMB: number;
	keyJP50?: number;
	keyJP95?: number;
	keyFilterP50?: number;
	keyFilterP95?: number;
}

export interface LogSummary {
	runs: LogRunResult[];
	initk9LinesPerSecond: number;
	kubectlLinesPerSecond: number;
	ratio: number;
	initk9Lost: number;
	kubectlLost: number;
	big?: LogRunResult;
}

export interface DetailsSummary {
	pods: number;
	runs: DetailsRunResult[];
	curlMs: number;
	/** The bare Node.js client's GET and parse of the same list (`node-floor.mjs`). */
	floorMs: number;
	/** The same for the printed Table. */
	tableFloorMs: number;
	kubectlMs: number;
	firstTableMs: number;
	detailsMs: number;
	/** details complete / curl, per run, then the median. */
	ratio: number;
	/** details complete / the bare Node.js client, per run, then the median. */
	floorRatio: number;
	peakRssMB: number;
}

export interface BenchResults {
	config: Omit<BenchConfig, 'log'>;
	scales: ScaleSummary[];
	details?: DetailsSummary[];
	logs?: LogSummary;
	causes?: CauseBenchResult;
}

const byNamespaceThenName = (a: {namespace: string; name: string}, b: {namespace: string; name: string}) =>
	a.namespace === b.namespace ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.namespace < b.namespace ? -1 : 1;

const medianOf = <T>(runs: T[], pick: (run: T) => number) => median(runs.map(pick));

async function tableFigures(config: BenchConfig, pods: number, log: (line: string) => void): Promise<ScaleSummary> {
	const cluster = await startDemoCluster({kubelet: false});
	try {
		const backend = memoryBackend(cluster.store, cluster.logs);
		const populated = await populate(backend, {pods, namespaces: config.namespaces, initFraction: config.initFraction});
		const sortedPods = [...populated.pods].sort(byNamespaceThenName);
		// kubectl's discovery cache warm, as on a user's machine.
		await timeKubectl(cluster.kubeconfigPath, ['get', 'pods', '-n', 'default']);
		const runs: TableRunResult[] = [];
		for (let run = 0; run < config.runs; run++) {
			const result = await tableRun({
				kubeconfig: cluster.kubeconfigPath,
				backend,
				sortedPods,
				churnPerSecond: config.churnPerSecond,
				warmupMs: config.warmupMs,
				windowMs: config.windowMs,
				keySamples: pods === config.keyScale ? config.keySamples : 0,
				run,
				cols: config.cols,
				rows: config.rows,
			});
			log(`  ${pods} pods, run ${run + 1}: kubectl ${result.kubectlMs.toFixed(0)} ms, initk9 ${result.firstTableMs.toFixed(0)} ms, staleness p95 ${percentile(result.staleness, 95).toFixed(0)} ms (${result.staleness.length}), cpu ${result.cpuPercent.toFixed(1)}% (${result.framesPerSecond.toFixed(1)} frames/s), peak rss ${result.peakRssMB.toFixed(0)} MB${result.keyJ.length ? `, j p95 ${percentile(result.keyJ, 95).toFixed(0)} ms, filter p95 ${percentile(result.keyFilter, 95).toFixed(0)} ms` : ''}`);
			runs.push(result);
		}
		const summary: ScaleSummary = {
			pods,
			runs,
			kubectlMs: medianOf(runs, r => r.kubectlMs),
			firstTableMs: medianOf(runs, r => r.firstTableMs),
			ratio: medianOf(runs, r => r.firstTableMs / r.kubectlMs),
			stalenessP50: medianOf(runs, r => percentile(r.staleness, 50)),
			stalenessP95: medianOf(runs, r => percentile(r.staleness, 95)),
			cpuPercent: medianOf(runs, r => r.cpuPercent),
			framesPerSecond: medianOf(runs, r => r.framesPerSecond),
			peakRssMB: medianOf(runs, r => r.peakRssMB),
		};
		if (runs[0].keyJ.length > 0) {
			summary.keyJP50 = medianOf(runs, r => percentile(r.keyJ, 50));
			summary.keyJP95 = medianOf(runs, r => percentile(r.keyJ, 95));
			summary.keyFilterP50 = medianOf(runs, r => percentile(r.keyFilter, 50));
			summary.keyFilterP95 = medianOf(runs, r => percentile(r.keyFilter, 95));
		}
		return summary;
	} finally {
		await cluster.stop();
	}
}

async function logFigures(config: BenchConfig, log: (line: string) => void): Promise<LogSummary> {
	const cluster = await startDemoCluster({kubelet: false});
	try {
		const backend = memoryBackend(cluster.store, cluster.logs);
		const common = {kubeconfig: cluster.kubeconfigPath, backend, cols: config.cols, rows: config.rows};
		const runs: LogRunResult[] = [];
		for (let run = 0; run < config.runs; run++) {
			const total = config.firehose.linesPerSecond * config.firehose.seconds;
			const result = await logRun({...common, namespace: `bench-logs-${run}`, pod: 'firehose', linesPerSecond: config.firehose.linesPerSecond, total, withKubectl: true});
			log(`  firehose run ${run + 1}: initk9 ${result.initk9LinesPerSecond.toFixed(0)} lines/s, kubectl ${result.kubectlLinesPerSecond?.toFixed(0)} lines/s, lost ${result.initk9Lost}/${result.kubectlLost}, cpu ${result.initk9CpuPercent.toFixed(0)}%, rss ${result.rssMB.toFixed(0)} MB`);
			runs.push(result);
		}
		const big = await logRun({...common, namespace: 'bench-logs-big', pod: 'firehose', linesPerSecond: config.bigStream.linesPerSecond, total: config.bigStream.lines, withKubectl: false});
		log(`  ${config.bigStream.lines} lines: initk9 ${big.initk9LinesPerSecond.toFixed(0)} lines/s, lost ${big.initk9Lost}, rss ${big.rssMB.toFixed(0)} MB (peak ${big.peakRssMB.toFixed(0)} MB), buffer ${big.bufferLines} lines`);
		return {
			runs,
			initk9LinesPerSecond: medianOf(runs, r => r.initk9LinesPerSecond),
			kubectlLinesPerSecond: medianOf(runs, r => r.kubectlLinesPerSecond ?? Number.NaN),
			ratio: medianOf(runs, r => r.initk9LinesPerSecond / (r.kubectlLinesPerSecond ?? Number.NaN)),
			initk9Lost: Math.max(...runs.map(r => Math.abs(r.initk9Lost))),
			kubectlLost: Math.max(...runs.map(r => Math.abs(r.kubectlLost ?? 0))),
			big,
		};
	} finally {
		await cluster.stop();
	}
}

async function detailsFigures(config: BenchConfig, pods: number, log: (line: string) => void): Promise<DetailsSummary> {
	const cluster = await startDemoCluster({kubelet: false});
	const dir = mkdtempSync(join(tmpdir(), 'initk9-bench-ca-'));
	try {
		const backend = memoryBackend(cluster.store, cluster.logs);
		const populated = await populate(backend, {pods, namespaces: config.namespaces, initFraction: config.initFraction});
		const firstName = [...populated.pods].sort(byNamespaceThenName)[0].name;
		const caFile = join(dir, 'ca.pem');
		const ca = /certificate-authority-data: (\S+)/.exec(cluster.kubeconfig)?.[1];
		if (!ca) throw new Error('the demo kubeconfig has no certificate-authority-data');
		writeFileSync(caFile, Buffer.from(ca, 'base64'));
		await timeKubectl(cluster.kubeconfigPath, ['get', 'pods', '-n', 'default']);
		const runs: DetailsRunResult[] = [];
		for (let run = 0; run < config.runs; run++) {
			const result = await detailsRun({kubeconfig: cluster.kubeconfigPath, url: cluster.url, token: cluster.token, caFile, pods, firstName, settleMs: 2000, cols: config.cols, rows: config.rows});
			log(`  ${pods} pods, run ${run + 1} (load ${result.load.toFixed(2)}): curl ${result.curlMs.toFixed(0)} ms (${(result.curlBytes / 2 ** 20).toFixed(1)} MB), bare Node GET+parse ${result.floorMs.toFixed(0)} ms (Table ${result.tableFloorMs.toFixed(0)} ms), kubectl ${result.kubectlMs.toFixed(0)} ms, initk9 first table ${result.firstTableMs.toFixed(0)} ms, details complete ${result.detailsMs.toFixed(0)} ms = ${(result.detailsMs / result.curlMs).toFixed(2)}× curl (initk9 cpu ${result.cpuMs.toFixed(0)} ms), peak rss ${result.peakRssMB.toFixed(0)} MB`);
			runs.push(result);
		}
		return {
			pods,
			runs,
			curlMs: medianOf(runs, r => r.curlMs),
			floorMs: medianOf(runs, r => r.floorMs),
			tableFloorMs: medianOf(runs, r => r.tableFloorMs),
			kubectlMs: medianOf(runs, r => r.kubectlMs),
			firstTableMs: medianOf(runs, r => r.firstTableMs),
			detailsMs: medianOf(runs, r => r.detailsMs),
			ratio: medianOf(runs, r => r.detailsMs / r.curlMs),
			floorRatio: medianOf(runs, r => r.detailsMs / r.floorMs),
			peakRssMB: medianOf(runs, r => r.peakRssMB),
		};
	} finally {
		rmSync(dir, {recursive: true, force: true});
		await cluster.stop();
	}
}

export async function runBench(config: BenchConfig): Promise<BenchResults> {
	const log = config.log ?? (() => undefined);
	const wants = (figure: number) => config.only === undefined || config.only === figure;
	const results: BenchResults = {config: {...config, log: undefined} as BenchResults['config'], scales: []};
	if ([1, 2, 3, 4].some(wants)) {
		// Key latency alone needs only its scale.
		for (const pods of config.only === 3 ? [config.keyScale] : config.scales) {
			log(`figures 1-4 at ${pods} pods`);
			results.scales.push(await tableFigures(config, pods, log));
		}
	}
	if (wants(5)) {
		log('figure 5: log ingest');
		results.logs = await logFigures(config, log);
	}
	if (wants(6)) {
		log('figure 6: cause groups');
		results.causes = causeGroupingRun(config.causes.pods, config.causes.troubledFraction, config.causes.rounds);
	}
	if (wants(7)) {
		results.details = [];
		for (const pods of config.detailScales) {
			log(`figure 7: details complete at ${pods} pods`);
			results.details.push(await detailsFigures(config, pods, log));
		}
	}
	return results;
}
