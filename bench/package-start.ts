// How initk9 arrives and starts, per way of installing it (issue 21; docs/packaging.md):
// the npm package (files, tarball, installed size), `npx` from the tarball on an empty npm cache,
// the installed bin, and the single executable: wall time from spawning to the first complete
// table (a pod row and `● live`) against a demo API server, in a pty, median of N runs.
//   node --import tsx bench/package-start.ts [RUNS]     (needs `npm run package`, which builds)
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {startDemoCluster} from '../demo/index.js';
import {createPod} from '../test/kube/helpers.js';
import {median} from './stats.js';
import {spawnTui} from './tui.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 5);
const executable = join(ROOT, 'dist', 'release', 'initk9');
if (!existsSync(executable)) throw new Error(`${executable} is missing: run \`npm run package\` first`);

const bytesUnder = (path: string): number => {
	const stat = statSync(path);
	return stat.isDirectory() ? readdirSync(path).reduce((sum, entry) => sum + bytesUnder(join(path, entry)), 0) : stat.size;
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const npm = (args: string[], cwd: string) => {
	const result = spawnSync('npm', args, {cwd, encoding: 'utf8'});
	if (result.status !== 0) throw new Error(`npm ${args.join(' ')}: ${result.stderr}`);
	return result.stdout;
};

const dir = mkdtempSync(join(tmpdir(), 'initk9-package-bench-'));
const demo = await startDemoCluster({kubelet: false});
try {
	createPod(demo, 'web-1');
	const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], ROOT)) as Array<{filename: string; entryCount: number; size: number; unpackedSize: number}>;
	const tarball = join(dir, packed!.filename);
	const prefix = join(dir, 'prefix');
	const installStarted = performance.now();
	npm(['install', '-g', '--prefix', prefix, tarball], dir);
	const installMs = performance.now() - installStarted;

	const firstTable = async (command: string[], env: Record<string, string> = {}) => {
		const tui = spawnTui(['--kubeconfig', demo.kubeconfigPath, '-n', 'default'], {command, env});
		try {
			const frame = await tui.waitFor(screen => screen.some(line => line.includes('● live')) && screen.some(line => /\bweb-1\b/.test(line)), 120_000, 'the table');
			return frame.at - tui.spawnedAt;
		} finally {
			await tui.stop();
		}
	};
	const measure = async (name: string, command: () => string[], env?: () => Record<string, string>) => {
		const samples: number[] = [];
		for (let run = 0; run < runs; run++) samples.push(await firstTable(command(), env?.()));
		console.log(`| ${name} | ${Math.round(median(samples))} | ${Math.round(Math.min(...samples))}–${Math.round(Math.max(...samples))} |`);
	};

	console.log(`npm package: ${packed!.entryCount} files, tarball ${mb(packed!.size)}, unpacked ${mb(packed!.unpackedSize)}`);
	console.log(`npm install -g <tarball>: ${mb(bytesUnder(join(prefix, 'lib', 'node_modules')))} on disk, ${Math.round(installMs)} ms`);
	console.log(`single executable: ${mb(statSync(executable).size)}; release archive ${mb(statSync(join(ROOT, 'dist', 'release', 'initk9-linux-amd64.tar.gz')).size)}`);
	console.log(`\nfirst complete table, ${runs} runs, ms from spawn\n\n| how | median | range |\n|---|---|---|`);
	// A fresh npm cache for every run: npx unpacks the tarball before starting initk9.
	await measure('npx <tarball>, empty npm cache', () => ['npx', '--yes', '--package', tarball, 'initk9'], () => ({npm_config_cache: mkdtempSync(join(dir, 'cache-'))}));
	await measure('installed bin (npm install -g)', () => [join(prefix, 'bin', 'initk9')]);
	await measure('single executable', () => [executable]);
} finally {
	await demo.stop();
	rmSync(dir, {recursive: true, force: true});
}
