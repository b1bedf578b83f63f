// Figure 7 at one scale, one run, side by side on the same demo server: `curl` of the full PodList
// JSON in one request (the physical floor: the server's serialisation plus the transfer),
// `kubectl get pods -A`, then initk9 from spawn to its first complete table and to "details
// complete" — the first frame in which every pod's row carries its full diagnosis (no provisional
// `…`, no `stuck N+?`, no "reading pod details…"). Peak RSS is the process's VmHWM once idle after that.
import {spawn} from 'node:child_process';
import {loadavg} from 'node:os';
import {performance} from 'node:perf_hooks';
import {timeKubectl} from './kubectl.js';
import {cpuSeconds, memory} from './proc.js';
import {spawnTui} from './tui.js';

export interface DetailsRunOptions {
	kubeconfig: string;
	/** The server's URL, its bearer token and CA certificate (PEM), for curl. */
	url: string;
	token: string;
	caFile: string;
	pods: number;
	firstName: string;
	/** After details complete: idle this long before reading the peak RSS (a late GC or frame counts). */
	settleMs: number;
	cols: number;
	rows: number;
}

export interface DetailsRunResult {
	pods: number;
	curlMs: number;
	curlBytes: number;
	kubectlMs: number;
	firstTableMs: number;
	detailsMs: number;
	peakRssMB: number;
	/** initk9's CPU time (user + system) from spawn to details complete: less at the mercy of the load than wall time. */
	cpuMs: number;
	/** 1-minute load average when the run started. */
	load: number;
}

/** curl of the whole list in one request, body counted and thrown away; resolves to the wall time and the bytes. */
export function timeCurl(url: string, token: string, caFile: string): Promise<{ms: number; bytes: number}> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn('curl', ['-sS', '--fail', '--cacert', caFile, '-H', `Authorization: Bearer ${token}`, '-H', 'Accept: application/json', '-o', '/dev/null', '-w', '%{size_download}', `${url}/api/v1/pods`], {stdio: ['ignore', 'pipe', 'pipe']});
		let out = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', code => {
			const ms = performance.now() - started;
			if (code === 0) resolve({ms, bytes: Number(out)});
			else reject(new Error(`curl exited ${code}: ${stderr.trim()}`));
		});
	});
}

const counted = (screen: string[], total: number) => screen.slice(0, 3).some(line => new RegExp(`\\bpods ${total}\\b`).test(line));
/**
 * The header marks a snapshot with any provisional row (`stuck N+?`, "reading pod details…"); the
 * marks and the rows' `…` come from the same snapshot (a `…` cell can also be a clipped cell, so the header decides).
 */
export const provisional = (screen: string[]) => screen.slice(0, 3).some(line => line.includes('reading pod details') || line.includes('+?'));

export async function detailsRun(options: DetailsRunOptions): Promise<DetailsRunResult> {
	const load = loadavg()[0];
	const curl = await timeCurl(options.url, options.token, options.caFile);
	const kubectlMs = await timeKubectl(options.kubeconfig, ['get', 'pods', '-A']);
	const tui = spawnTui(['--kubeconfig', options.kubeconfig, '-A'], {cols: options.cols, rows: options.rows});
	try {
		const first = await tui.waitFor(screen => counted(screen, options.pods) && screen.some(line => line.includes(options.firstName)), 180_000, `pods ${options.pods}`);
		const details = await tui.waitFor(screen => counted(screen, options.pods) && screen.some(line => line.includes(options.firstName)) && !provisional(screen), 300_000, 'every row diagnosed');
		const cpuMs = (await cpuSeconds(tui.pid)) * 1000;
		await new Promise(resolve => setTimeout(resolve, options.settleMs));
		const {peakRssMB} = await memory(tui.pid);
		return {pods: options.pods, curlMs: curl.ms, curlBytes: curl.bytes, kubectlMs, firstTableMs: first.at - tui.spawnedAt, detailsMs: details.at - tui.spawnedAt, peakRssMB, cpuMs, load};
	} finally {
		await tui.stop();
	}
}
