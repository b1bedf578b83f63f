// What the bundle does not do before its first frame (scripts/bundle.mjs; issue 9, figure 1):
// call the global fetch (Node 20 loads undici for it: yoga's wasm loader did, to decode base64),
// or load the packages kept in dist/lazy/ (node-fetch, socks-proxy-agent, yaml). A preloaded hook
// in the real process logs both; opening the YAML view shows the hook sees a lazy load. Needs the build.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {spawnTui, type Tui} from '../../bench/tui.js';
import {createPod} from '../kube/helpers.js';

const CLI = fileURLToPath(new URL('../../dist/initk9.js', import.meta.url));

const hook = `
const {appendFileSync} = require('node:fs');
const Module = require('node:module');
const note = line => appendFileSync(process.env.INITK9_STARTUP_LOG, line + '\\n');
const fetch = globalThis.fetch;
globalThis.fetch = function (...args) {
	note('fetch');
	return fetch.apply(this, args);
};
const load = Module._load;
Module._load = function (request, ...rest) {
	if (/[\\\\/]lazy[\\\\/]/.test(request)) note('require ' + request);
	return load.call(this, request, ...rest);
};
`;

let demo: DemoCluster;
let dir: string;
let tui: Tui | undefined;
before(async () => {
	demo = await startDemoCluster({kubelet: false});
	dir = mkdtempSync(join(tmpdir(), 'initk9-startup-'));
	writeFileSync(join(dir, 'hook.cjs'), hook);
});
after(async () => {
	await tui?.stop();
	await demo?.stop();
});

test('up to the first complete frame: no fetch, no package from dist/lazy; the YAML view loads yaml then', async () => {
	assert.ok(existsSync(CLI), `${CLI} is missing: run \`node scripts/bundle.mjs\` first`);
	createPod(demo, 'web-1');
	const log = join(dir, 'events.log');
	writeFileSync(log, '');
	const events = () => readFileSync(log, 'utf8').split('\n').filter(Boolean);

	process.env['INITK9_BENCH_NODE_ARGS'] = `--require ${join(dir, 'hook.cjs')}`;
	try {
		tui = spawnTui(['--kubeconfig', demo.kubeconfigPath, '-n', 'default'], {env: {INITK9_STARTUP_LOG: log}});
	} finally {
		delete process.env['INITK9_BENCH_NODE_ARGS'];
	}
	await tui.waitFor(screen => screen.some(line => line.includes('● live')) && screen.some(line => /\bweb-1\b/.test(line)), 60_000, 'the table with web-1');
	assert.deepEqual(events(), []);

	tui.press('\r');
	await tui.waitFor(screen => screen.join('\n').includes('Sequence — '), 30_000, 'the pod view');
	tui.press('d');
	await tui.waitFor(screen => /Describe default\/web-1/.test(screen.join('\n')), 30_000, 'describe');
	tui.press('y');
	await tui.waitFor(screen => /apiVersion: v1/.test(screen.join('\n')), 30_000, 'the YAML');
	// The hook sees every require call: a second one for the cached module (two call sites, or the
	// view drawn twice) loads nothing more, so the calls are counted once each.
	assert.deepEqual([...new Set(events())], ['require ../lazy/yaml.cjs']);
});
