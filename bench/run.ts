// `npm run bench [-- --quick] [-- --only N] [-- --pods 5000,30000] [-- --runs N] [-- --out FILE]`: runs the benchmarks,
// prints the table and writes bench/RESULTS.md (the full run; --quick writes nothing unless --out).
import {spawn} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {KUBECTL} from './kubectl.js';
import {currentLoad, describeMachine, markdown, resultRows, textTable} from './report.js';
import {FULL, QUICK, runBench} from './suite.js';

/** A hand-written section of RESULTS.md (before/after figures) that survives regeneration. */
const KEPT_MARKER = '<!-- kept across runs -->';

function kubectlVersion(): Promise<string> {
	return new Promise(resolve => {
		const child = spawn(KUBECTL, ['version', '--client'], {stdio: ['ignore', 'pipe', 'ignore']});
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.on('error', () => resolve('kubectl: not found'));
		child.on('close', () => resolve(`kubectl ${/Client Version: (\S+)/.exec(out)?.[1] ?? 'unknown'}`));
	});
}

async function main(): Promise<number> {
	const {values} = parseArgs({
		options: {
			quick: {type: 'boolean'},
			only: {type: 'string'},
			runs: {type: 'string'},
			out: {type: 'string'},
			pods: {type: 'string'},
		},
		strict: true,
	});
	const only = values.only === undefined ? undefined : Number(values.only);
	if (only !== undefined && !(Number.isInteger(only) && only >= 1 && only <= 7)) throw new Error(`--only: a figure number 1-7, got ${values.only}`);
	let base = values.quick ? QUICK : FULL;
	if (values.pods !== undefined) {
		// The sizes figures 1–4 and 7 run at (figure 3 at the first of them).
		const scales = values.pods.split(',').map(Number);
		if (!scales.every(pods => Number.isInteger(pods) && pods >= 1)) throw new Error(`--pods: pod counts separated by commas, got ${values.pods}`);
		base = {...base, scales, detailScales: scales, keyScale: scales[0]};
	}
	const runs = values.runs === undefined ? base.runs : Number(values.runs);
	if (!(Number.isInteger(runs) && runs >= 1)) throw new Error(`--runs: a positive integer, got ${values.runs}`);
	const machine = describeMachine(await kubectlVersion());
	const started = Date.now();
	console.log(`initk9 bench${values.quick ? ' (quick)' : ''}: ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}, load ${machine.loadBefore.toFixed(2)}`);
	const results = await runBench({...base, runs, only, log: line => console.log(line)});
	machine.loadAfter = currentLoad();
	console.log(`\n${textTable(resultRows(results))}\n`);
	console.log(`${((Date.now() - started) / 1000).toFixed(0)} s; load ${machine.loadBefore.toFixed(2)} → ${machine.loadAfter.toFixed(2)}`);

	const argv = process.argv.slice(2).filter(arg => !arg.startsWith('--out'));
	const command = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
	const defaultOut = fileURLToPath(new URL('RESULTS.md', import.meta.url));
	const out = values.out ?? (values.quick || only !== undefined || values.pods !== undefined ? undefined : defaultOut);
	if (out) {
		const previous = existsSync(out) ? readFileSync(out, 'utf8') : '';
		const kept = previous.includes(KEPT_MARKER) ? previous.slice(previous.indexOf(KEPT_MARKER)) : '';
		writeFileSync(out, markdown(results, machine, command) + (kept ? `\n${kept}` : ''));
		console.log(`wrote ${out}`);
	}
	return 0;
}

main().then(
	code => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof Error ? error.stack : error);
		process.exit(1);
	},
);
