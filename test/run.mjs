#!/usr/bin/env node
// Runs the test suites with Node's test runner. Node 20 neither expands globs nor discovers
// .tsx files, so this finds them: `node test/run.mjs [folder-or-file ...]` (default: all of test/
// except the real-cluster suite, which `npm run test:cluster` runs).
import {spawnSync} from 'node:child_process';
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

const args = process.argv.slice(2);
const roots = args.length > 0 ? args : ['test'];
const files = roots.flatMap(root => collect(root, [])).filter(file => args.length > 0 || !file.startsWith(join('test', 'cluster')));
if (files.length === 0) {
	console.error('no test files found under', roots.join(' '));
	process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=180000', '--import', 'tsx', ...files], {stdio: 'inherit'});
process.exit(result.status ?? 1);
