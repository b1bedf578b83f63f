// Figure 7 at one scale, one run, side by side on the same demo server: `curl` of the full PodList
// JSON in one request (the physical floor: the server's serialisation plus the transfer), the
// same request from a bare Node.js program that parses the body (`node-floor.mjs`: the floor of
// any Node client, start-up included) and its request for the printed Table, `kubectl get pods
// -A`, then initk9 from spawn to its first complete table and to "details
// complete" — the first frame in which every pod's row carries its full diagnosis (no provisional
// `…`, no `stuck N+?`, no "reading pod details…"). Peak RSS is the process's VmHWM once idle after that.
import {spawn} from 'node:child_process';
import {loadavg} from 'node:os';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
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
	/** Spawn to exit of `node-floor.mjs`: Node's start-up, the same GET and a JSON.parse of the body. */
	floorMs: number;
	/** The same for the printed Table (what kubectl and initk9's first screen ask for). */
	tableFloorMs: number;
	kubectlMs: number;
	firstTableMs: number;
	detailsMs: number;
	peakRssMB: number;
	/** initk9's CPU time (user + system) from spawn to details complete: less at the mercy of the load than wall time. */
	cpuMs: number;
	/** 1-minute load average when the run started. */
	load: number;
}

/** Runs a command to its exit; resolves to the wall time from spawn and its stdout, or rejects with its stderr. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ms: number; out: string}> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(command, args, {env, stdio: ['ignore', 'pipe', 'pipe']});
		let out = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', code => {
			const ms = performance.now() - started;
			if (code === 0) resolve({ms, out});
			else reject(new Error(`${command} exited ${code}: ${stderr.trim()}`));
		});
	});
}

/** curl of the whole list in one request, body counted and thrown away; resolves to the wall time and the bytes. */
export async function timeCurl(url: string, token: string, caFile: string): Promise<{ms: number; bytes: number}> {
	const {ms, out} = await timed('curl', ['-sS', '--fail', '--cacert', caFile, '-H', `Authorization: Bearer ${token}`, '-H', 'Accept: application/json', '-o', '/dev/null', '-w', '%{size_download}', `${url}/api/v1/pods`]);
	return {ms, bytes: Number(out)};
}

/** `node-floor.mjs` from spawn to exit; it must have parsed `pods` items (or printed rows, with `table`). */
export async function timeNodeFloor(url: string, token: string, caFile: string, pods: number, table = false): Promise<number> {
	const script = fileURLToPath(new URL('node-floor.mjs', import.meta.url));
	const {ms, out} = await timed(process.execPath, table ? [script, '--table'] : [script], {...process.env, FLOOR_URL: url, FLOOR_TOKEN: token, FLOOR_CA: caFile});
	if (Number(out) !== pods) throw new Error(`node-floor.mjs read ${out || 'nothing'} (want ${pods})`);
	return ms;
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
	const floorMs = await timeNodeFloor(options.url, options.token, options.caFile, options.pods);
	const tableFloorMs = await timeNodeFloor(options.url, options.token, options.caFile, options.pods, true);
	const kubectlMs = await timeKubectl(options.kubeconfig, ['get', 'pods', '-A']);
	const tui = spawnTui(['--kubeconfig', options.kubeconfig, '-A'], {cols: options.cols, rows: options.rows});
	try {
		const first = await tui.waitFor(screen => counted(screen, options.pods) && screen.some(line => line.includes(options.firstName)), 180_000, `pods ${options.pods}`);
		const details = await tui.waitFor(screen => counted(screen, options.pods) && screen.some(line => line.includes(options.firstName)) && !provisional(screen), 300_000, 'every row diagnosed');
		const cpuMs = (await cpuSeconds(tui.pid)) * 1000;
		await new Promise(resolve => setTimeout(resolve, options.settleMs));
		const {peakRssMB} = await memory(tui.pid);
		return {pods: options.pods, curlMs: curl.ms, curlBytes: curl.bytes, floorMs, tableFloorMs, kubectlMs, firstTableMs: first.at - tui.spawnedAt, detailsMs: details.at - tui.spawnedAt, peakRssMB, cpuMs, load};
	} finally {
		await tui.stop();
	}
}
