// Figure 7 for several builds (or settings), alternating run by run against one server, each run
// next to its own curl of the full PodList: a change in the machine's load hits every variant alike.
// Used by details-ab.ts (demo server) and real-apiserver-ab.ts (kube-apiserver v1.20).
import {detailsRun, type DetailsRunOptions, type DetailsRunResult} from './details-bench.js';
import {median} from './stats.js';

export interface Variant {
	name: string;
	/** The built CLI (INITK9_BENCH_CLI). */
	cli: string;
	/** Environment for this variant's initk9 (e.g. INITK9_LIST_PAGE_SIZE=500). */
	env: Record<string, string>;
}

/** `NAME=PATH/TO/initk9.js[,ENV=VALUE...]` each. */
export function parseVariants(args: readonly string[]): Variant[] {
	return args.map(variant => {
		const at = variant.indexOf('=');
		const [cli, ...settings] = variant.slice(at + 1).split(',');
		return {name: variant.slice(0, at), cli: cli!, env: Object.fromEntries(settings.map(setting => [setting.slice(0, setting.indexOf('=')), setting.slice(setting.indexOf('=') + 1)]))};
	});
}

/** `runs` rounds of one run per variant, in turn; each run's line is logged as it ends, then the medians. */
export async function alternateDetails(variants: readonly Variant[], runs: number, options: DetailsRunOptions, log: (line: string) => void): Promise<Map<string, DetailsRunResult[]>> {
	const results = new Map<string, DetailsRunResult[]>();
	for (let run = 0; run < runs; run++) {
		for (const variant of variants) {
			const saved = {...process.env};
			Object.assign(process.env, {INITK9_BENCH_CLI: variant.cli}, variant.env);
			try {
				const result = await detailsRun(options);
				log(`${variant.name.padEnd(12)} load ${result.load.toFixed(2)}: curl ${result.curlMs.toFixed(0)} ms, bare Node ${result.floorMs.toFixed(0)} ms (Table ${result.tableFloorMs.toFixed(0)} ms), kubectl ${result.kubectlMs.toFixed(0)} ms, first table ${result.firstTableMs.toFixed(0)} ms (${(result.firstTableMs / result.kubectlMs).toFixed(2)}× kubectl), details ${result.detailsMs.toFixed(0)} ms = ${(result.detailsMs / result.curlMs).toFixed(2)}× curl = ${(result.detailsMs / result.floorMs).toFixed(2)}× bare Node, cpu ${result.cpuMs.toFixed(0)} ms, peak RSS ${result.peakRssMB.toFixed(0)} MB`);
				results.set(variant.name, [...(results.get(variant.name) ?? []), result]);
			} finally {
				process.env = saved;
			}
		}
	}
	log(`${options.pods} pods, ${runs} runs each (medians):`);
	for (const [name, list] of results) {
		const m = (pick: (r: DetailsRunResult) => number) => median(list.map(pick)).toFixed(0);
		const ratio = (pick: (r: DetailsRunResult) => number) => median(list.map(pick)).toFixed(2);
		log(`${name.padEnd(12)} details ${m(r => r.detailsMs)} ms, ${ratio(r => r.detailsMs / r.curlMs)}× curl (${m(r => r.curlMs)} ms), ${ratio(r => r.detailsMs / r.floorMs)}× bare Node (${m(r => r.floorMs)} ms), first table ${m(r => r.firstTableMs)} ms = ${ratio(r => r.firstTableMs / r.kubectlMs)}× kubectl (${m(r => r.kubectlMs)} ms), cpu ${m(r => r.cpuMs)} ms, peak RSS ${m(r => r.peakRssMB)} MB, load ${list.map(r => r.load.toFixed(1)).join('/')}`);
	}
	return results;
}
