// Figure 5: a container logging like a firehose, read at the same time by initk9's log view and by
// `kubectl logs -f`; lines/s that reach each, lines lost, and initk9's memory afterwards.
import {performance} from 'node:perf_hooks';
import type {ClusterBackend} from '../demo/backend.js';
import {ensureLogPod, startFirehose} from '../demo/workloads.js';
import {followKubectlLogs} from './kubectl.js';
import {cpuPercentDuring, memory} from './proc.js';
import {spawnTui, type Tui} from './tui.js';

export interface LogRunOptions {
	kubeconfig: string;
	backend: ClusterBackend;
	namespace: string;
	pod: string;
	linesPerSecond: number;
	total: number;
	/** Also follow with kubectl (false: initk9 alone, e.g. for the memory run). */
	withKubectl: boolean;
	cols: number;
	rows: number;
}

export interface LogRunResult {
	total: number;
	/** Lines per second from the first line written to the last line received. */
	initk9LinesPerSecond: number;
	kubectlLinesPerSecond: number | undefined;
	initk9Lost: number;
	kubectlLost: number | undefined;
	initk9CpuPercent: number;
	rssMB: number;
	peakRssMB: number;
	/** Lines the buffer holds at the end (its cap when the stream is longer). */
	bufferLines: number;
}

const CONTAINER = 'app';

/** initk9's log status line: `N lines` or `N lines (M dropped)` → N + M. */
export function receivedOnScreen(screen: string[]): {buffer: number; received: number} | undefined {
	for (const line of screen.slice(0, 5)) {
		const match = /([\d,]+) lines?(?: \(([\d,]+) dropped\))?/.exec(line);
		if (!match) continue;
		const buffer = Number(match[1].replaceAll(',', ''));
		return {buffer, received: buffer + Number((match[2] ?? '0').replaceAll(',', ''))};
	}
	return undefined;
}

async function openLogView(tui: Tui, pod: string): Promise<void> {
	await tui.waitFor(screen => screen.some(line => line.includes(pod)), 60_000, `the pod ${pod} in the table`);
	// The only pod of the namespace is selected: open its log.
	await tui.waitFor(() => (tui.selectedRow() ?? '').includes(pod), 10_000, `${pod} selected`);
	tui.press('l');
	await tui.waitFor(screen => receivedOnScreen(screen) !== undefined, 20_000, 'the log status line');
}

export async function logRun(options: LogRunOptions): Promise<LogRunResult> {
	const {kubeconfig, backend, namespace, pod, total} = options;
	const containerID = await ensureLogPod(backend, {namespace, pod, container: CONTAINER});
	// One line before the firehose: both readers prove they are attached by showing it.
	backend.appendLog(namespace, pod, CONTAINER, containerID, 'bench: readers attached', Date.now());
	const expected = total + 1;
	const tui = spawnTui(['--kubeconfig', kubeconfig, '-n', namespace], {cols: options.cols, rows: options.rows});
	const kubectl = options.withKubectl ? followKubectlLogs(kubeconfig, namespace, pod, CONTAINER) : undefined;
	try {
		await openLogView(tui, pod);
		await tui.waitFor(screen => receivedOnScreen(screen)?.received === 1, 20_000, 'the first line in initk9');
		await kubectl?.reach(1, 20_000);

		const started = performance.now();
		const firehose = startFirehose(backend, {namespace, pod, container: CONTAINER, linesPerSecond: options.linesPerSecond, total});
		const expectedMs = (total / options.linesPerSecond) * 1000;
		// Generous: a reader that falls far behind is still measured, not aborted.
		const patience = expectedMs * 4 + 30_000;
		let initk9At = Number.NaN;
		let initk9Received = 0;
		const initk9CpuPercent = await cpuPercentDuring(tui.pid, async () => {
			try {
				initk9At = (await tui.waitFor(screen => (receivedOnScreen(screen)?.received ?? 0) >= expected, patience, `${expected} lines in initk9`)).at;
			} catch {
				// counted as lost below
			}
		});
		initk9Received = receivedOnScreen(tui.screen())?.received ?? 0;
		let kubectlAt: number | undefined;
		if (kubectl) {
			try {
				kubectlAt = await kubectl.reach(expected, Math.max(5000, patience - (performance.now() - started)));
			} catch {
				kubectlAt = Number.NaN;
			}
		}
		firehose.stop();
		// Anything still in flight lands now; more than expected would be duplicates.
		await new Promise(resolve => setTimeout(resolve, 300));
		initk9Received = receivedOnScreen(tui.screen())?.received ?? initk9Received;
		const mem = await memory(tui.pid);
		const rate = (at: number) => total / ((at - started) / 1000);
		return {
			total,
			initk9LinesPerSecond: rate(initk9At),
			kubectlLinesPerSecond: kubectl ? rate(kubectlAt ?? Number.NaN) : undefined,
			initk9Lost: expected - initk9Received,
			kubectlLost: kubectl ? expected - kubectl.lines : undefined,
			initk9CpuPercent,
			rssMB: mem.rssMB,
			peakRssMB: mem.peakRssMB,
			bufferLines: receivedOnScreen(tui.screen())?.buffer ?? 0,
		};
	} finally {
		kubectl?.stop();
		await tui.stop();
	}
}
