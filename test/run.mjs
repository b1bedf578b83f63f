#!/usr/bin/env node
// Runs the test suites with Node's test runner. Node 20 neither expands globs nor discovers
// .tsx files, so this finds them.
//   node test/run.mjs [folder-or-file ...]   those files (default: all of test/ but test/cluster)
//   node test/run.mjs --all                  every part in order — the fast suite, then the real
//                                            kube-apiserver suite — each run even when an earlier
//                                            one failed; each part's summary, then all of them;
//                                            exit 1 if any part failed (what `npm test` runs).
import {spawn} from 'node:child_process';
import {readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';

const isTest = name => /\.test\.tsx?$/.test(name);
function collect(path, out) {
	if (statSync(path).isDirectory()) {
		for (const entry of readdirSync(path).sort()) collect(join(path, entry), out);
	} else if (isTest(path)) {
		out.push(path);
	}
	return out;
}

const clusterRoot = join('test', 'cluster');

function testFiles(args) {
	const roots = args.length > 0 ? args : ['test'];
	return roots.flatMap(root => collect(root, [])).filter(file => args.length > 0 || !file.startsWith(clusterRoot));
}

/** Runs a command with its output passed through; resolves with its exit code and the summary lines. */
function runPassingThrough(command, args) {
	return new Promise(resolve => {
		const child = spawn(command, args, {stdio: ['inherit', 'pipe', 'inherit']});
		let tail = '';
		child.stdout.on('data', chunk => {
			process.stdout.write(chunk);
			tail = (tail + chunk.toString('utf8')).slice(-4000);
		});
		child.on('close', (code, signal) => {
			// Node's reporters end with "ℹ tests N", "ℹ pass N", … (spec) or "# tests N" (tap).
			const summary = tail.split('\n').map(line => line.trim()).filter(line => /^(ℹ|#) (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /.test(line));
			resolve({code: code ?? (signal ? 1 : 0), signal, summary});
		});
	});
}

// Node applies --test-timeout to each file as a whole too. It is there to end a hang, not to time
// anything: the slowest file (the single executable, built from scratch) took over 180 s at a load
// average of 14, and over 420 s at 13 with a second suite and two engineers' builds alongside, so a
// file gets 15 minutes (a real hang still ends well inside CI's limit).
const TIMEOUT_MS = 900_000;

function nodeTest(files) {
	return runPassingThrough(process.execPath, ['--test', '--test-concurrency=2', `--test-timeout=${TIMEOUT_MS}`, '--import', 'tsx', ...files]);
}

const args = process.argv.slice(2);
if (args[0] !== '--all') {
	const files = testFiles(args);
	if (files.length === 0) {
		console.error('no test files found under', args.join(' ') || 'test');
		process.exit(1);
	}
	const {code} = await nodeTest(files);
	process.exit(code);
}

const parts = [
	{name: 'fast suite (test/ without test/cluster)', run: () => nodeTest(testFiles([]))},
	{
		name: 'real kube-apiserver suite (test/cluster)',
		// provision.sh builds or finds the binary (its log on stderr); the suite skips with the reason
		// when the toolchain cannot be obtained here.
		run: async () => {
			await runPassingThrough('bash', ['-c', 'bash scripts/kube-apiserver/provision.sh >&2']);
			return nodeTest(testFiles([clusterRoot]));
		},
	},
];
const results = [];
for (const part of parts) {
	const started = Date.now();
	console.log(`\n=== ${part.name}\n`);
	const result = await part.run();
	results.push({...part, ...result, seconds: Math.round((Date.now() - started) / 1000)});
	console.log(`\n=== ${part.name}: ${result.code === 0 ? 'passed' : `FAILED (exit ${result.code})`} in ${Math.round((Date.now() - started) / 1000)} s`);
}
console.log('\n=== summary');
for (const result of results) {
	const counts = result.summary.filter(line => /(tests|pass|fail|skipped|cancelled) /.test(line)).map(line => line.replace(/^(ℹ|#) /, '')).join(', ');
	console.log(`${result.code === 0 ? 'passed' : 'FAILED'}  ${result.name}: ${counts || 'no summary'} (${result.seconds} s)`);
}
process.exit(results.every(result => result.code === 0) ? 0 : 1);
