// Figures 1–4 at one scale, one run: kubectl get pods -A vs initk9's first complete table, then
// with churn: staleness probes, CPU and peak RSS over a window, and (at the key scale) key latency.
import {performance} from 'node:perf_hooks';
import type {Pod} from '../source/model/k8s-types.js';
import type {ClusterBackend} from '../demo/backend.js';
import {setRestartCount, startChurn} from '../demo/workloads.js';
import {provisional} from './details-bench.js';
import {timeKubectl} from './kubectl.js';
import {cpuPercentDuring, memory} from './proc.js';
import {spawnTui, type Tui} from './tui.js';

export interface TableRunOptions {
	kubeconfig: string;
	backend: ClusterBackend;
	/** Every pod of the cluster, sorted as the table sorts them (namespace, then name). */
	sortedPods: ReadonlyArray<{namespace: string; name: string}>;
	churnPerSecond: number;
	warmupMs: number;
	/** The window CPU is measured over (churn alone), then as long again with staleness probes. */
	windowMs: number;
	/** Key latency samples of each kind (0 = skip). */
	keySamples: number;
	/** Offsets run-to-run so each probe value is new. */
	run: number;
	/** Terminal size. */
	cols: number;
	rows: number;
}

export interface TableRunResult {
	pods: number;
	kubectlMs: number;
	firstTableMs: number;
	staleness: number[];
	cpuPercent: number;
	/** Frames initk9 drew per second during the CPU window. */
	framesPerSecond: number;
	peakRssMB: number;
	/** Samples in ms; empty when skipped. */
	keyJ: number[];
	keyFilter: number[];
	churnUpdates: number;
}

const POD_NAME = /\b[a-z]+-[a-z0-9]{10}-[a-z0-9]{5}\b/;
const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));
const jitter = (min: number, max: number) => sleep(min + Math.random() * (max - min));

function headerCount(screen: string[]): number | undefined {
	for (const line of screen.slice(0, 3)) {
		const match = /\bpods (\d+)\b/.exec(line);
		if (match) return Number(match[1]);
	}
	return undefined;
}

/** Time from spawn to the first frame with all pods counted in the header and the first row drawn. */
async function firstTable(tui: Tui, total: number, firstName: string): Promise<number> {
	const frame = await tui.waitFor(screen => headerCount(screen) === total && screen.some(line => line.includes(firstName)), 120_000, `pods ${total} and ${firstName}`);
	return frame.at - tui.spawnedAt;
}

/** Server-side change → the frame showing it: a probe pod's RESTARTS set to a value never used before. */
async function probeStaleness(tui: Tui, backend: ClusterBackend, probes: Pod[], until: number, firstValue: number): Promise<number[]> {
	const samples: number[] = [];
	let value = firstValue;
	while (performance.now() < until) {
		const pod = probes[samples.length % probes.length];
		value++;
		const pattern = new RegExp(`${pod.metadata.name}\\b.*\\s${value} \\(`);
		const shown = tui.waitFor(screen => screen.some(line => pattern.test(line)), 10_000, `${pod.metadata.name} with ${value} restarts`);
		const changedAt = performance.now();
		const updated = await setRestartCount(backend, pod, value);
		if (updated) pod.status = updated.status;
		const frame = await shown;
		samples.push(frame.at - changedAt);
		await jitter(100, 300);
	}
	return samples;
}

const selectedName = (tui: Tui) => POD_NAME.exec(tui.selectedRow() ?? '')?.[0];

/** `j` → the frame where the selection is on another pod. */
async function keyJ(tui: Tui, samples: number): Promise<number[]> {
	const result: number[] = [];
	await tui.waitFor(() => selectedName(tui) !== undefined, 10_000, 'a selected row');
	for (let i = 0; i < samples; i++) {
		const before = selectedName(tui);
		const shown = tui.waitFor(() => {
			const now = selectedName(tui);
			return now !== undefined && now !== before;
		}, 10_000, `selection to move from ${before}`);
		const pressedAt = tui.press('j');
		result.push((await shown).at - pressedAt);
		await jitter(50, 200);
	}
	return result;
}

/** `/` then a filter typed one key at a time: each key → the frame whose prompt shows it. */
async function keyFilter(tui: Tui, samples: number, words: string[]): Promise<number[]> {
	const result: number[] = [];
	const promptShows = (text: string) => (screen: string[]) => screen.slice(0, 4).some(line => line === text || line.startsWith(`${text} `));
	for (let round = 0; result.length < samples; round++) {
		const word = words[round % words.length];
		await tui.waitFor(screen => !promptShows('/')(screen), 10_000, 'no prompt');
		tui.press('/');
		await tui.waitFor(promptShows('/'), 10_000, 'the / prompt');
		for (let i = 1; i <= word.length && result.length < samples; i++) {
			await jitter(50, 150);
			const shown = tui.waitFor(promptShows(`/${word.slice(0, i)}`), 10_000, `prompt /${word.slice(0, i)}`);
			const pressedAt = tui.press(word[i - 1]);
			result.push((await shown).at - pressedAt);
		}
		await jitter(50, 150);
		tui.press('\u001B');
		await tui.waitFor(screen => !screen.slice(0, 4).some(line => line.startsWith('/')), 10_000, 'the prompt to close');
	}
	return result;
}

export async function tableRun(options: TableRunOptions): Promise<TableRunResult> {
	const {kubeconfig, backend, sortedPods} = options;
	const total = sortedPods.length;
	const kubectlMs = await timeKubectl(kubeconfig, ['get', 'pods', '-A']);

	const tui = spawnTui(['--kubeconfig', kubeconfig, '-A'], {cols: options.cols, rows: options.rows});
	try {
		const firstTableMs = await firstTable(tui, total, sortedPods[0].name);

		// Probe pods: on screen (the first rows in table order) and Running (RESTARTS is their container's count).
		const probes: Pod[] = [];
		for (const {namespace, name} of sortedPods.slice(0, Math.min(options.rows - 12, sortedPods.length))) {
			const pod = await backend.getPod(namespace, name);
			if (pod?.status?.phase === 'Running' && pod.status.containerStatuses?.[0]?.state?.running) probes.push(structuredClone(pod));
			if (probes.length === 5) break;
		}
		if (probes.length === 0) throw new Error('no Running pod among the first rows to probe');
		const exclude = new Set(probes.map(pod => `${pod.metadata.namespace}/${pod.metadata.name}`));
		// Figures 2-4 are about churn on a loaded table: the full pods (at 30,000 pods, seconds after the
		// first table) are in before it starts, so the CPU window never holds the list's tail.
		await tui.waitFor(screen => !provisional(screen), 300_000, 'every row diagnosed');
		const churn = startChurn(backend, {perSecond: options.churnPerSecond, exclude});
		try {
			await sleep(options.warmupMs);
			// CPU under the churn alone (the probes below change rows on screen, which costs frames).
			const framesBefore = tui.frames;
			const windowStart = performance.now();
			const cpuPercent = await cpuPercentDuring(tui.pid, () => sleep(options.windowMs));
			const framesPerSecond = (tui.frames - framesBefore) / ((performance.now() - windowStart) / 1000);
			const staleness = await probeStaleness(tui, backend, probes, performance.now() + options.windowMs, 100_000 + options.run * 10_000);
			const {peakRssMB} = await memory(tui.pid);
			let j: number[] = [];
			let filter: number[] = [];
			if (options.keySamples > 0) {
				j = await keyJ(tui, options.keySamples);
				filter = await keyFilter(tui, options.keySamples, ['cart-', 'payments', 'shipping', 'frontend']);
			}
			return {pods: total, kubectlMs, firstTableMs, staleness, cpuPercent, framesPerSecond, peakRssMB, keyJ: j, keyFilter: filter, churnUpdates: churn.updates};
		} finally {
			churn.stop();
		}
	} finally {
		await tui.stop();
	}
}
