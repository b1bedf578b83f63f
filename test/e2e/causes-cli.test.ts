// `initk9 causes`: the fleet scenario's cause groups printed once, in every format, and the exit
// codes a pipeline relies on (--fail-on; 2 with the usage for bad flags).
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {CLI, startDemo, type DemoCluster} from './harness.js';

let cluster: DemoCluster;

before(async () => {
	cluster = await startDemo({scenarios: ['fleet', 'healthy'], speed: 10});
});
after(async () => {
	await cluster?.stop();
});

interface Run {
	status: number | null;
	stdout: string;
	stderr: string;
}

function causes(args: string[]): Promise<Run> {
	return new Promise(resolve => {
		const child = spawn(process.execPath, [CLI, 'causes', '--kubeconfig', cluster.kubeconfigPath, ...args]);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += chunk));
		child.stderr.on('data', chunk => (stderr += chunk));
		child.on('close', status => resolve({status, stdout, stderr}));
	});
}

async function until(args: string[], done: (run: Run) => boolean, timeoutMs = 60_000): Promise<Run> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const run = await causes(args);
		if (done(run)) return run;
		if (Date.now() > deadline) throw new Error(`condition not met in time; last output:\n${run.stdout}${run.stderr}`);
		await new Promise(resolve => setTimeout(resolve, 500));
	}
}

interface JsonGroup {
	id: string;
	kind: string;
	subject?: string;
	severity: string;
	title: string;
	count: number;
	fingerprint: {key: string; owner: string; stage: string; blocker: string; reason: string};
	diagnosis: {reason: string; message: string; positions: string[]; containers: string[]};
	owners: Array<{kind: string; namespace: string; name: string}>;
	nodes: string[];
	pods: Array<{namespace: string; name: string; uid: string}>;
}

const fleetSettled = (run: Run) => run.status !== null && /Deployment shop\/api: 20 pods/.test(run.stdout) && /Service shop\/rabbitmq: 4 pods of 2 workloads/.test(run.stdout) && /node demo-worker-2: 3 pods of 3 workloads/.test(run.stdout);

test('text: twenty api replicas are one cause, the broken node and the missing Service one each across workloads', async () => {
	const run = await until(['-n', 'shop', '--stuck-after', '2s'], fleetSettled);
	assert.equal(run.status, 0, run.stderr);
	assert.match(run.stdout, /^initk9 causes — context \S+, namespace shop: 3 causes, 27 of \d+ pods failing or stuck$/m);
	assert.match(run.stdout, /^✖ Deployment shop\/api: 20 pods — exit 127 \(command not found\)$/m);
	assert.match(run.stdout, /^ {4}step {7}init 3\/3 migrate-db$/m);
	assert.match(run.stdout, /^! node demo-worker-2: 3 pods of 3 workloads — can't pull image: registry unreachable$/m);
	assert.match(run.stdout, /^ {4}owners {5}Deployment shop\/inventory, Deployment shop\/orders, Deployment shop\/recommendations$/m);
	assert.match(run.stdout, /^⧗ Service shop\/rabbitmq: 4 pods of 2 workloads — waits for Service shop\/rabbitmq$/m);
	// Worst first as in the table's status sort (init failing, stuck, app failing), then by size.
	const order = ['Deployment shop/api', 'Service shop/rabbitmq', 'node demo-worker-2'].map(title => run.stdout.indexOf(title));
	assert.deepEqual([...order].sort((a, b) => a - b), order);
	assert.doesNotMatch(run.stdout, /\u001b/);
});

test('json: stable ids, the fingerprint parts, pods with uids, owners, nodes and the diagnosis', async () => {
	const args = ['-n', 'shop', '--stuck-after', '2s', '--format', 'json'];
	const run = await until(args, r => r.status === 0 && (JSON.parse(r.stdout) as {groups: unknown[]}).groups.length === 3);
	const first = JSON.parse(run.stdout) as {namespace: string; groups: JsonGroup[]};
	assert.equal(first.namespace, 'shop');
	const api = first.groups.find(group => group.kind === 'workload')!;
	assert.equal(api.count, 20);
	assert.equal(api.pods.length, 20);
	assert.ok(api.pods.every(pod => pod.namespace === 'shop' && /^api-[a-z0-9]+-[a-z0-9]{5}$/.test(pod.name) && pod.uid));
	assert.deepEqual({owner: api.fingerprint.owner, stage: api.fingerprint.stage, blocker: api.fingerprint.blocker, reason: api.fingerprint.reason}, {owner: 'Deployment/shop/api', stage: 'init', blocker: 'migrate-db', reason: 'exit:127'});
	assert.equal(api.diagnosis.reason, 'exit 127 (command not found)');
	assert.deepEqual(api.owners, [{kind: 'Deployment', namespace: 'shop', name: 'api'}]);
	const node = first.groups.find(group => group.kind === 'node')!;
	assert.equal(node.subject, 'demo-worker-2');
	assert.deepEqual(node.nodes, ['demo-worker-2']);
	assert.match(node.diagnosis.message, /i\/o timeout/);
	const service = first.groups.find(group => group.kind === 'object')!;
	assert.equal(service.subject, 'Service shop/rabbitmq');
	assert.equal(service.severity, 'stuck');
	// The same groups again: the same ids.
	const again = JSON.parse((await causes(args)).stdout) as {groups: JsonGroup[]};
	assert.deepEqual(again.groups.map(group => group.id).sort(), first.groups.map(group => group.id).sort());
});

test('markdown: a heading per group, the message as code', async () => {
	const run = await until(['-n', 'shop', '--stuck-after', '2s', '--format', 'markdown'], r => /Service shop\/rabbitmq/.test(r.stdout));
	assert.equal(run.status, 0, run.stderr);
	assert.match(run.stdout, /^# Cause groups — namespace shop$/m);
	assert.match(run.stdout, /^## 1\. Deployment shop\/api: 20 pods — exit 127 \(command not found\)$/m);
	assert.match(run.stdout, /^- \*\*message:\*\* `rpc error: code = Unknown desc = failed to pull and unpack image .*`$/m);
	assert.match(run.stdout, /^- \*\*group id:\*\* `[0-9a-f]{12}`$/m);
});

test('--fail-on: failing groups make the exit status 1; a namespace without trouble exits 0; -A covers every namespace', async () => {
	const failing = await until(['-n', 'shop', '--fail-on', 'failing'], r => /Deployment shop\/api/.test(r.stdout));
	assert.equal(failing.status, 1);
	const clean = await causes(['-n', 'default', '--fail-on', 'stuck']);
	assert.equal(clean.status, 0, clean.stderr);
	assert.match(clean.stdout, /No pod is failing or stuck\./);
	const all = await causes(['-A', '--format', 'json']);
	const json = JSON.parse(all.stdout) as {namespace: string | null; groups: JsonGroup[]};
	assert.equal(json.namespace, null);
	assert.ok(json.groups.some(group => group.title.startsWith('Deployment shop/api')));
});

test('bad flags exit 2 with the usage, never a stack trace', async () => {
	for (const args of [['--format', 'yaml'], ['--fail-on', 'sometimes'], ['-n', 'shop', '-A'], ['--bogus'], ['extra'], ['--stuck-after', 'soon']]) {
		const run = await causes(args);
		assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
		assert.match(run.stderr, /^initk9: .+\n\nUsage:/);
		assert.doesNotMatch(run.stderr, /\n\s+at /);
		assert.equal(run.stdout, '');
	}
});
