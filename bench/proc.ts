// What a process costs, read from /proc (Linux): CPU time (utime + stime) and memory (VmRSS,
// VmHWM = peak resident set).
import {readFile} from 'node:fs/promises';
import {performance} from 'node:perf_hooks';

/** USER_HZ: the unit of utime/stime in /proc/PID/stat (100 on every Linux this runs on). */
const TICKS_PER_SECOND = 100;

export async function cpuSeconds(pid: number): Promise<number> {
	const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command name (which may contain spaces) start after the last ')'.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// utime and stime are fields 14 and 15 of the line; field 3 (state) is fields[0] here.
	return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

export interface Memory {
	rssMB: number;
	peakRssMB: number;
}

export async function memory(pid: number): Promise<Memory> {
	const status = await readFile(`/proc/${pid}/status`, 'utf8');
	const kB = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
	return {rssMB: kB('VmRSS') / 1024, peakRssMB: kB('VmHWM') / 1024};
}

/** Share of one core used by `pid` while `during` runs (100 = one full core). */
export async function cpuPercentDuring(pid: number, during: () => Promise<void>): Promise<number> {
	const cpuBefore = await cpuSeconds(pid);
	const wallBefore = performance.now();
	await during();
	const cpuAfter = await cpuSeconds(pid);
	const wall = (performance.now() - wallBefore) / 1000;
	return ((cpuAfter - cpuBefore) / wall) * 100;
}
