// The results as a table for the terminal and as bench/RESULTS.md: machine, load, figures with
// their goals, and how to reproduce.
import {cpus, freemem, loadavg, totalmem} from 'node:os';
import type {BenchResults} from './suite.js';

export interface Machine {
	cores: number;
	cpuModel: string;
	memoryGB: number;
	node: string;
	kubectl: string;
	/** 1-minute load average before and after the run. */
	loadBefore: number;
	loadAfter?: number;
}

export function describeMachine(kubectlVersion: string): Machine {
	return {
		cores: cpus().length,
		cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
		memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
		node: process.version,
		kubectl: kubectlVersion,
		loadBefore: loadavg()[0],
	};
}

export const currentLoad = () => loadavg()[0];
export const freeMemoryGB = () => Math.round((freemem() / 2 ** 30) * 10) / 10;

export interface Row {
	figure: string;
	measure: string;
	value: string;
	goal: string;
	met: 'yes' | 'no' | '—';
}

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? 'n/a' : `${Math.round(value)} ms`);
const pct = (value: number) => `${value.toFixed(1)}%`;
const mb = (value: number) => `${Math.round(value)} MB`;
const verdict = (ok: boolean | undefined): Row['met'] => (ok === undefined ? '—' : ok ? 'yes' : 'no');

/**
 * What each figure is judged by (issue 9, tightened and extended to 30,000 pods by issue 20), by
 * pod count: the one place a goal is written, the table's goal column and verdict both read it.
 */
const GOALS = {
	/** initk9's first complete table / `kubectl get pods -A`. */
	firstTableVsKubectl: new Map([[5000, 1.0]]),
	/** initk9's first complete table / curl of the full PodList (figure 7's runs). */
	firstTableVsCurl: new Map([[30_000, 1.0]]),
	stalenessP95Ms: new Map([[1000, 500], [5000, 500], [10_000, 500], [30_000, 250]]),
	keyP95Ms: new Map([[5000, 100], [30_000, 50]]),
	cpuPercent: new Map([[5000, 25], [30_000, 25]]),
	/** Peak RSS under churn (figure 4). */
	rssUnderChurnMB: new Map([[10_000, 200], [30_000, 300]]),
	/** Details complete / curl of the full PodList. */
	detailsVsCurl: new Map([[5000, 1.5], [30_000, 1.5]]),
	/** Peak RSS once the details are complete, no churn. */
	idleRssMB: new Map([[10_000, 200], [30_000, 300]]),
};

/** The goal column and verdict of a value against `goals` at `pods` (none: —). */
function judge(goals: ReadonlyMap<number, number>, pods: number, value: number | undefined, words: (limit: number, at: string) => string): Pick<Row, 'goal' | 'met'> {
	const limit = goals.get(pods);
	if (limit === undefined || value === undefined) return {goal: '—', met: '—'};
	return {goal: words(limit, pods.toLocaleString('en-US')), met: verdict(value <= limit)};
}

export function resultRows(results: BenchResults): Row[] {
	const rows: Row[] = [];
	for (const scale of results.scales) {
		const at = `${scale.pods.toLocaleString('en-US')} pods`;
		if (scale.firstTableMs !== undefined) {
			rows.push({figure: '1 first table', measure: `${at}: initk9 / kubectl get pods -A`, value: `${ms(scale.firstTableMs)} / ${ms(scale.kubectlMs)} = ${scale.ratio.toFixed(2)}×`, ...judge(GOALS.firstTableVsKubectl, scale.pods, scale.ratio, (limit, n) => `≤ ${limit.toFixed(1)}× at ${n}`)});
		}
	}
	for (const scale of results.scales) {
		rows.push({figure: '2 staleness', measure: `${scale.pods.toLocaleString('en-US')} pods, churn ${results.config.churnPerSecond}/s: p50 / p95`, value: `${ms(scale.stalenessP50)} / ${ms(scale.stalenessP95)}`, ...judge(GOALS.stalenessP95Ms, scale.pods, scale.stalenessP95, limit => `p95 ≤ ${limit} ms`)});
	}
	for (const scale of results.scales.filter(s => s.keyJP95 !== undefined)) {
		rows.push({figure: '3 key latency', measure: `\`j\` at ${scale.pods.toLocaleString('en-US')} pods under churn: p50 / p95`, value: `${ms(scale.keyJP50)} / ${ms(scale.keyJP95)}`, ...judge(GOALS.keyP95Ms, scale.pods, scale.keyJP95, limit => `p95 ≤ ${limit} ms`)});
		rows.push({figure: '3 key latency', measure: `\`/\` filter typing at ${scale.pods.toLocaleString('en-US')} pods under churn: p50 / p95`, value: `${ms(scale.keyFilterP50)} / ${ms(scale.keyFilterP95)}`, ...judge(GOALS.keyP95Ms, scale.pods, scale.keyFilterP95, limit => `p95 ≤ ${limit} ms`)});
	}
	for (const scale of results.scales) {
		rows.push({figure: '4 CPU', measure: `${scale.pods.toLocaleString('en-US')} pods, churn ${results.config.churnPerSecond}/s`, value: `${pct(scale.cpuPercent)} (${scale.framesPerSecond.toFixed(1)} frames/s)`, ...judge(GOALS.cpuPercent, scale.pods, scale.cpuPercent, (limit, n) => `≤ ${limit}% at ${n}`)});
	}
	for (const scale of results.scales) {
		rows.push({figure: '4 peak RSS', measure: `${scale.pods.toLocaleString('en-US')} pods, churn`, value: mb(scale.peakRssMB), ...judge(GOALS.rssUnderChurnMB, scale.pods, scale.peakRssMB, (limit, n) => `≤ ${limit} MB at ${n}`)});
	}
	if (results.logs) {
		const {logs, config} = results;
		rows.push({figure: '5 log ingest', measure: `${config.firehose.linesPerSecond.toLocaleString('en-US')} lines/s for ${config.firehose.seconds} s: initk9 / kubectl logs -f`, value: `${Math.round(logs.initk9LinesPerSecond).toLocaleString('en-US')} / ${Math.round(logs.kubectlLinesPerSecond).toLocaleString('en-US')} lines/s = ${logs.ratio.toFixed(2)}`, goal: 'ratio ≥ 0.9', met: verdict(logs.ratio >= 0.9)});
		rows.push({figure: '5 lines lost', measure: 'initk9 / kubectl (worst run)', value: `${logs.initk9Lost} / ${logs.kubectlLost}`, goal: 'none', met: verdict(logs.initk9Lost === 0)});
		if (logs.big) {
			rows.push({figure: '5 log memory', measure: `RSS after ${config.bigStream.lines.toLocaleString('en-US')} lines (buffer ${logs.big.bufferLines.toLocaleString('en-US')} lines, peak ${mb(logs.big.peakRssMB)}, lost ${logs.big.initk9Lost})`, value: mb(logs.big.rssMB), goal: '≤ 250 MB', met: verdict(logs.big.rssMB <= 250 && logs.big.initk9Lost === 0)});
		}
	}
	if (results.causes) {
		const causes = results.causes;
		rows.push({figure: '6 cause groups', measure: `grouping ${causes.pods.toLocaleString('en-US')} pods, ${causes.troubled.toLocaleString('en-US')} in trouble (${causes.groups} groups): CPU p50 / p95 (wall p95)`, value: `${ms(causes.cpuP50)} / ${ms(causes.cpuP95)} (${ms(causes.p95)})`, goal: `CPU p95 ≤ ${causes.budgetMs} ms (one refresh)`, met: verdict(causes.cpuP95 <= causes.budgetMs)});
	}
	for (const details of results.details ?? []) {
		const at = `${details.pods.toLocaleString('en-US')} pods`;
		rows.push({figure: '7 details complete', measure: `${at}: initk9 / curl of the full PodList (kubectl ${ms(details.kubectlMs)})`, value: `${ms(details.detailsMs)} / ${ms(details.curlMs)} = ${details.ratio.toFixed(2)}×`, ...judge(GOALS.detailsVsCurl, details.pods, details.ratio, limit => `≤ ${limit.toFixed(1)}×`)});
		rows.push({figure: '7 Node floor', measure: `${at}: a bare Node.js GET + JSON.parse of the full PodList / curl`, value: `${ms(details.floorMs)} / ${ms(details.curlMs)} = ${(details.floorMs / details.curlMs).toFixed(2)}×`, goal: '—', met: '—'});
		rows.push({figure: '7 details complete', measure: `${at}: initk9 / the bare Node.js GET + parse`, value: `${ms(details.detailsMs)} / ${ms(details.floorMs)} = ${details.floorRatio.toFixed(2)}×`, goal: '—', met: '—'});
		const firstVsCurl = details.firstTableMs / details.curlMs;
		rows.push({figure: '7 first table', measure: `${at}: initk9 / curl of the full PodList`, value: `${ms(details.firstTableMs)} / ${ms(details.curlMs)} = ${firstVsCurl.toFixed(2)}×`, ...judge(GOALS.firstTableVsCurl, details.pods, firstVsCurl, limit => `≤ ${limit.toFixed(1)}×`)});
		rows.push({figure: '7 first table', measure: `${at}: initk9 / kubectl get pods -A / a bare Node.js GET + parse of the printed Table`, value: `${ms(details.firstTableMs)} / ${ms(details.kubectlMs)} / ${ms(details.tableFloorMs)}`, goal: '—', met: '—'});
		rows.push({figure: '7 peak RSS', measure: `${at}, details complete, idle`, value: mb(details.peakRssMB), ...judge(GOALS.idleRssMB, details.pods, details.peakRssMB, limit => `≤ ${limit} MB`)});
	}
	return rows;
}

export function textTable(rows: Row[]): string {
	const header: Row = {figure: 'figure', measure: 'measure', value: 'median', goal: 'goal', met: '—'};
	const all = [header, ...rows];
	const width = (pick: (row: Row) => string) => Math.max(...all.map(row => pick(row).length));
	const widths = [width(r => r.figure), width(r => r.measure), width(r => r.value), width(r => r.goal)];
	const line = (row: Row, met: string) => [row.figure.padEnd(widths[0]), row.measure.padEnd(widths[1]), row.value.padEnd(widths[2]), row.goal.padEnd(widths[3]), met].join('  ');
	return [line(header, 'met'), ...rows.map(row => line(row, row.met))].join('\n');
}

export function markdown(results: BenchResults, machine: Machine, command: string, notes: string[] = []): string {
	const rows = resultRows(results);
	const {config} = results;
	const lines = [
		'# initk9 benchmarks',
		'',
		`Measured ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} — each figure is the median of ${config.runs} run${config.runs === 1 ? '' : 's'}; percentiles are within a run, then the median over runs.`,
		'',
		'## Machine',
		'',
		`- ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGB} GB memory, Node ${machine.node}, ${machine.kubectl}`,
		`- 1-minute load average: ${machine.loadBefore.toFixed(2)} at the start, ${machine.loadAfter?.toFixed(2) ?? '?'} at the end (other engineers' tests share these cores: a load above ${machine.cores} means every process here waits for a core)`,
		'',
		'## Results',
		'',
		'| figure | measure | median | goal | met |',
		'|---|---|---|---|---|',
		...rows.map(row => `| ${row.figure} | ${row.measure} | ${row.value} | ${row.goal} | ${row.met} |`),
		'',
		'## Per run',
		'',
		...results.scales.map(scale => `- ${scale.pods.toLocaleString('en-US')} pods: ${scale.runs.map(run => `[first table ${ms(run.firstTableMs)} vs kubectl ${ms(run.kubectlMs)}, ${run.staleness.length} staleness probes, CPU ${pct(run.cpuPercent)} at ${run.framesPerSecond.toFixed(1)} frames/s, peak RSS ${mb(run.peakRssMB)}${run.keyJ.length ? `, ${run.keyJ.length} \`j\` + ${run.keyFilter.length} filter keys` : ''}, ${run.churnUpdates} churn updates]`).join(' ')}`),
		...(results.details ?? []).map(details => `- ${details.pods.toLocaleString('en-US')} pods, details: ${details.runs.map(run => `[load ${run.load.toFixed(2)}: curl ${ms(run.curlMs)} (${(run.curlBytes / 2 ** 20).toFixed(1)} MB), bare Node ${ms(run.floorMs)} (Table ${ms(run.tableFloorMs)}), kubectl ${ms(run.kubectlMs)}, first table ${ms(run.firstTableMs)}, details complete ${ms(run.detailsMs)} (CPU ${ms(run.cpuMs)}), peak RSS ${mb(run.peakRssMB)}]`).join(' ')}`),
		...(results.logs ? [`- log runs: ${results.logs.runs.map(run => `[initk9 ${Math.round(run.initk9LinesPerSecond)} vs kubectl ${Math.round(run.kubectlLinesPerSecond ?? Number.NaN)} lines/s, lost ${run.initk9Lost}/${run.kubectlLost}, initk9 CPU ${pct(run.initk9CpuPercent)}, RSS ${mb(run.rssMB)}]`).join(' ')}`] : []),
		'',
		'## How it is measured',
		'',
		`- The demo API server (HTTPS, generated kubeconfig) runs in the benchmark's process with ${config.scales.map(s => s.toLocaleString('en-US')).join(' / ')} pods over ${config.namespaces} namespaces, ${Math.round(config.initFraction * 100)}% in init states (\`demo/workloads.ts\` \`populate\`). initk9 is the built bundle \`dist/initk9.js\` in a ${config.cols}×${config.rows} pseudo-terminal (node-pty) whose output feeds a headless xterm; every output chunk is time-stamped on arrival and the screen is checked after each chunk that does not end inside a frame (Ink brackets frames with synchronized-output sequences), so a frame is timed to the chunk that completed it and never judged half drawn.`,
		'- 1: from spawning `initk9 -A` to the first frame whose header counts every pod and whose table shows the first pod; kubectl: `kubectl get pods -A` to exit, stdout to /dev/null, spawned asynchronously, discovery cache warm. Ratio = initk9 / kubectl, per run.',
		`- 2: once every row carries its full diagnosis, ${config.churnPerSecond} status updates/s (a container restart: RESTARTS changes) over all pods; meanwhile a probe sets one of the first rows' restart count to a value never used before and waits for the frame showing it.`,
		`- 3: at ${config.keyScale.toLocaleString('en-US')} pods under the same churn: \`j\` until the inverse (selected) row is another pod; \`/\` then a word typed one key at a time until the prompt shows each key. ${config.keySamples} samples of each per run, with 50–200 ms random pauses.`,
		`- 4: /proc/PID/stat utime+stime of the initk9 process over a ${config.windowMs / 1000} s window of churn alone (after ${config.warmupMs / 1000} s warm-up; the staleness probes run in the next ${config.windowMs / 1000} s), as a share of one core, with the frames drawn meanwhile (synchronized-output updates in the pty stream); peak RSS = VmHWM of the process (its whole life: first list included).`,
		`- 5: one container logging ${config.firehose.linesPerSecond.toLocaleString('en-US')} lines/s for ${config.firehose.seconds} s, read at the same time by initk9's log view (lines counted by its status line: buffered + dropped) and \`kubectl logs -f\` (lines counted from its stdout); rate = lines / (last line received − first line written). Then ${config.bigStream.lines.toLocaleString('en-US')} lines at ${config.bigStream.linesPerSecond.toLocaleString('en-US')}/s into initk9 alone with its default buffer cap; RSS (VmRSS) once all are received.`,
		'- 7: on a demo server of each size, one run after another: `curl` of `/api/v1/pods` in one request (JSON, body to /dev/null); the same request from `bench/node-floor.mjs`, a bare Node.js program that parses the body and exits (no kubeconfig library, no UI: the floor of any Node client, its start-up included), spawn to exit, and its request for the printed Table (as kubectl asks); `kubectl get pods -A`; then `initk9 -A` from spawn to its first complete table and to the first frame whose header no longer marks provisional rows (`stuck N+?`, "reading pod details…"): every row carries its full diagnosis. Ratios = details complete / curl and / the bare Node client, per run. Peak RSS = VmHWM 2 s after details complete, no churn. The load average is recorded per run.',
		...notes.map(note => `- ${note}`),
		'',
		'## Reproduce',
		'',
		'```',
		command,
		'```',
		'',
		'`--quick` runs small sizes once (a minute or two); `--only N` runs one figure (1–4 share a session per run; 3 alone runs only at its scale); `--pods 5000,30000` sets the sizes of figures 1–4 and 7 (3 at the first); `--runs N` changes the number of runs.',
		'',
	];
	return lines.join('\n');
}
