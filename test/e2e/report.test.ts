// `initk9 report NS/POD`: the findings and the checklist without the TUI, against the demo cluster.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parse} from 'yaml';
import {runCli, startDemo, until, type CliRun, type DemoCluster} from './harness.js';

let cluster: DemoCluster;
const stateHome = mkdtempSync(join(tmpdir(), 'initk9-report-state-'));

before(async () => {
	cluster = await startDemo({scenarios: ['exit-127', 'side-effect'], speed: 20});
});
after(async () => {
	await cluster?.stop();
});

function report(args: string[]): Promise<CliRun> {
	return runCli(['report', '--kubeconfig', cluster.kubeconfigPath, ...args], {XDG_STATE_HOME: stateHome});
}

test('scenario 2: the report names the exit-127 init container and quotes its log', async () => {
	const result = await until(async () => {
		const run = await report(['default/myapp-pod']);
		return /sh: hello.sh: not found/.test(run.stdout) ? run : undefined;
	});
	assert.equal(result.status, 0, result.stderr);
	assert.match(result.stdout, /^# initk9 report: default\/myapp-pod$/m);
	assert.match(result.stdout, /^\*\*Blocked at init 3\/3 init-failed-test: exits 127 \(command not found\)/m);
	assert.match(result.stdout, /^- \*\*ERROR\*\* init-failed-test exits 127 \(command not found\)/m);
	assert.match(result.stdout, /^I3 . init-failed-test: .*exit 127 \(command not found\).*<- blocks the pod$/m);
	assert.match(result.stdout, /^### \d+-init-1-to-3\.yaml$/m);
});

test('scenario 4 as JSON: the ownership mismatch pre-marked failed, the bisect manifests valid and differing only in init containers', async () => {
	const result = await until(async () => {
		const run = await report(['myapp-perms', '-n', 'default', '--format', 'json']);
		return run.status === 0 && /Permission denied/.test(run.stdout) ? run : undefined;
	});
	const json = JSON.parse(result.stdout) as {checklist: Array<{id: string; verdict: string | null; evidence: string[]}>; bisect: {manifests: Array<{initContainers: string[]}>}};
	const ownership = json.checklist.find(step => step.id === 'ownership')!;
	assert.equal(ownership.verdict, 'failed');
	assert.ok(ownership.evidence.some(line => /^MISMATCH: fix-permissions chowns \/data to 1000:1000, but myapp-container runs as uid 2000/.test(line)), ownership.evidence.join('\n'));
	assert.deepEqual(json.bisect.manifests.map(m => m.initContainers), [[], ['fix-permissions']]);
	const markdown = await report(['default/myapp-perms']);
	const yamls = [...markdown.stdout.matchAll(/```yaml\n([\s\S]*?)```/g)].map(match => parse(match[1]!));
	assert.equal(yamls.length, 2);
	const strip = (doc: {metadata: unknown; spec: {initContainers?: unknown}}) => ({...doc.spec, initContainers: undefined});
	assert.deepEqual(strip(yamls[0]), strip(yamls[1]));
});

test('bad input: unknown pod, bad target, bad format — one line each, no stack trace, nothing written', async () => {
	cluster.audit.clear();
	const missing = await report(['default/nope']);
	assert.equal(missing.status, 1);
	assert.equal(missing.stderr, 'initk9: pod "nope" not found in namespace "default"\n');
	const badTarget = await report(['a/b/c']);
	assert.equal(badTarget.status, 2);
	assert.equal(badTarget.stderr.split('\n')[0], 'initk9: "a/b/c" is not NAMESPACE/POD');
	const badFormat = await report(['default/myapp-pod', '--format', 'xml']);
	assert.equal(badFormat.status, 2);
	assert.equal(badFormat.stderr.split('\n')[0], 'initk9: --format: "xml" is not markdown or json');
	await report(['default/myapp-pod']);
	assert.deepEqual(cluster.audit.entries.filter(entry => entry.method !== 'GET'), [], 'initk9 report only reads');
});
