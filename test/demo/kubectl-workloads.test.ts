// kubectl 1.32 against the demo's apps/v1 and batch/v1 kinds, with the controllers and the
// simulated kubelet running (speed 10): get with kubectl's columns, -o yaml, watch, apply
// (client-side and server-side), scale, set image, rollout status / undo / restart, delete.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {kubectl, kubectlStream, until} from './server-fixtures.js';

let cluster: DemoCluster;
const dir = mkdtempSync(join(tmpdir(), 'initk9-workloads-'));
before(async () => {
	cluster = await startDemoCluster({scenarios: [], speed: 10});
});
after(() => cluster.stop());

const ns = ['-n', 'default'];
const lines = (text: string) => text.trimEnd().split('\n').map(line => line.trimEnd().split(/\s{2,}/));

function manifest(name: string, text: string): string {
	const path = join(dir, `${name}.yaml`);
	writeFileSync(path, text);
	return path;
}

const deploymentYaml = (name: string, replicas: number, image: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  progressDeadlineSeconds: 30
  strategy:
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
${extra}      containers:
      - name: ${name}
        image: ${image}
`;

async function jsonpath(kind: string, name: string, path: string): Promise<string> {
	return (await kubectl(cluster, 'get', kind, name, ...ns, '-o', `jsonpath=${path}`)).stdout;
}

const available = (name: string, count: number) => until(`${name} ${count} available`, async () => (await jsonpath('deploy', name, '{.status.availableReplicas}/{.status.updatedReplicas}/{.status.replicas}')) === `${count}/${count}/${count}`, 60_000);

describe('Deployments', () => {
	test('apply creates it; get prints READY UP-TO-DATE AVAILABLE AGE (and CONTAINERS IMAGES SELECTOR wide); pods carry the template hash and owner', async () => {
		const created = await kubectl(cluster, 'apply', '-f', manifest('api', deploymentYaml('api', 3, 'nginx:1.27')));
		assert.equal(created.code, 0, created.stderr);
		assert.equal(created.stdout.trim(), 'deployment.apps/api created');
		await available('api', 3);
		const rows = lines((await kubectl(cluster, 'get', 'deploy', 'api', '-o', 'wide')).stdout);
		assert.deepEqual(rows[0], ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
		assert.deepEqual([rows[1]![0], rows[1]![1], rows[1]![2], rows[1]![3], ...rows[1]!.slice(5)], ['api', '3/3', '3', '3', 'api', 'nginx:1.27', 'app=api']);
		const rs = lines((await kubectl(cluster, 'get', 'rs', '-l', 'app=api')).stdout);
		assert.deepEqual(rs[0], ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
		const [rsName, desired, current, ready] = rs[1]!;
		assert.match(rsName!, /^api-[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
		assert.deepEqual([desired, current, ready], ['3', '3', '3']);
		const hash = rsName!.slice('api-'.length);
		const pods = JSON.parse((await kubectl(cluster, 'get', 'pods', '-l', 'app=api', '-o', 'json')).stdout) as {items: Array<{metadata: {name: string; labels: Record<string, string>; ownerReferences: Array<Record<string, unknown>>}; spec: {nodeName: string}}>};
		assert.equal(pods.items.length, 3);
		for (const pod of pods.items) {
			assert.match(pod.metadata.name, new RegExp(`^api-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
			assert.equal(pod.metadata.labels['pod-template-hash'], hash);
			assert.deepEqual({...pod.metadata.ownerReferences[0], uid: undefined}, {apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rsName, uid: undefined, controller: true, blockOwnerDeletion: true});
		}
		assert.deepEqual(new Set(pods.items.map(pod => pod.spec.nodeName)), new Set(['demo-node', 'demo-worker-1', 'demo-worker-2']), 'replicas spread over the three nodes');
	});

	test('-o yaml: apps/v1 Deployment with revision, observedGeneration and the Available/Progressing conditions', async () => {
		const {stdout} = await kubectl(cluster, 'get', 'deploy', 'api', '-o', 'yaml');
		assert.match(stdout, /^apiVersion: apps\/v1\nkind: Deployment\n/);
		assert.match(stdout, /deployment\.kubernetes\.io\/revision: "1"/);
		assert.match(stdout, /observedGeneration: 1/);
		assert.match(stdout, /reason: MinimumReplicasAvailable\n\s+status: "True"\n\s+type: Available/);
		assert.match(stdout, /message: ReplicaSet "api-\w+" has successfully progressed\.\n\s+reason: NewReplicaSetAvailable/);
	});

	test('scale: kubectl scale through the scale subresource; get -w shows the count change', async () => {
		const watch = kubectlStream(cluster, 'get', 'deploy', 'api', '-w');
		try {
			await watch.waitFor(/api\s+3\/3/);
			const scaled = await kubectl(cluster, 'scale', 'deploy/api', '--replicas=5');
			assert.equal(scaled.stdout.trim(), 'deployment.apps/api scaled');
			await watch.waitFor(/api\s+5\/5\s+5\s+5/, 60_000);
		} finally {
			watch.kill();
		}
		assert.equal(JSON.parse((await kubectl(cluster, 'get', '--raw', '/apis/apps/v1/namespaces/default/deployments/api/scale')).stdout).spec.replicas, 5);
	});

	test('set image rolls out revision 2 (rollout status waits for it); rollout undo goes back to revision 1\'s template as revision 3', async () => {
		assert.equal((await kubectl(cluster, 'annotate', 'deploy/api', 'kubernetes.io/change-cause=nginx 1.28')).code, 0);
		const set = await kubectl(cluster, 'set', 'image', 'deploy/api', 'api=nginx:1.28');
		assert.equal(set.stdout.trim(), 'deployment.apps/api image updated');
		const status = await kubectl(cluster, 'rollout', 'status', 'deploy/api', '--timeout=60s');
		assert.equal(status.code, 0, status.stderr);
		assert.match(status.stdout, /deployment "api" successfully rolled out\n$/);
		assert.equal(await jsonpath('deploy', 'api', '{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'), '2');
		const history = await kubectl(cluster, 'rollout', 'history', 'deploy/api');
		assert.match(history.stdout, /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+nginx 1\.28/);
		const undo = await kubectl(cluster, 'rollout', 'undo', 'deploy/api');
		assert.equal(undo.stdout.trim(), 'deployment.apps/api rolled back');
		assert.equal((await kubectl(cluster, 'rollout', 'status', 'deploy/api', '--timeout=60s')).code, 0);
		assert.equal(await jsonpath('deploy', 'api', '{.spec.template.spec.containers[0].image}'), 'nginx:1.27');
		assert.equal(await jsonpath('deploy', 'api', '{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'), '3');
		const rs = lines((await kubectl(cluster, 'get', 'rs', '-l', 'app=api')).stdout).slice(1);
		assert.equal(rs.length, 2, 'the old ReplicaSet was reused, not a third one made');
	});

	test('rollout restart stamps the template and rolls every pod', async () => {
		const before = (await kubectl(cluster, 'get', 'pods', '-l', 'app=api', '-o', 'name')).stdout.trim().split('\n');
		const restart = await kubectl(cluster, 'rollout', 'restart', 'deploy/api');
		assert.equal(restart.stdout.trim(), 'deployment.apps/api restarted');
		assert.match(await jsonpath('deploy', 'api', '{.spec.template.metadata.annotations}'), /kubectl\.kubernetes\.io\/restartedAt/);
		assert.equal((await kubectl(cluster, 'rollout', 'status', 'deploy/api', '--timeout=60s')).code, 0);
		await until('old pods gone', async () => {
			const after = (await kubectl(cluster, 'get', 'pods', '-l', 'app=api', '-o', 'name')).stdout.trim().split('\n');
			return after.length === 5 && after.every(name => !before.includes(name));
		}, 30_000);
	});

	test('a revision whose init container fails: rollout status exits 1 at the progress deadline; undo fixes it', async () => {
		const path = manifest('stuck', deploymentYaml('stuck', 2, 'nginx:1.27'));
		assert.equal((await kubectl(cluster, 'apply', '-f', path)).code, 0);
		await available('stuck', 2);
		const broken = deploymentYaml('stuck', 2, 'nginx:1.27', '      initContainers:\n      - name: migrate-db\n        image: busybox:1.28\n        command: [sh, -c, "migrate-db up"]\n');
		const applied = await kubectl(cluster, 'apply', '-f', manifest('stuck', broken));
		assert.equal(applied.stdout.trim(), 'deployment.apps/stuck configured');
		const status = await kubectl(cluster, 'rollout', 'status', 'deploy/stuck', '--timeout=60s');
		assert.equal(status.code, 1);
		assert.match(status.stderr, /^error: deployment "stuck" exceeded its progress deadline$/m);
		assert.match(status.stdout, /Waiting for deployment "stuck" rollout to finish: 1 out of 2 new replicas have been updated\.\.\./);
		// maxUnavailable 0: the old pods keep serving.
		assert.equal(await jsonpath('deploy', 'stuck', '{.status.availableReplicas}'), '2');
		assert.equal(await jsonpath('deploy', 'stuck', '{.status.conditions[?(@.type=="Progressing")].reason}'), 'ProgressDeadlineExceeded');
		assert.equal((await kubectl(cluster, 'rollout', 'undo', 'deploy/stuck')).code, 0);
		const fixed = await kubectl(cluster, 'rollout', 'status', 'deploy/stuck', '--timeout=60s');
		assert.equal(fixed.code, 0, fixed.stderr);
		assert.equal(await jsonpath('deploy', 'stuck', '{.status.conditions[?(@.type=="Progressing")].reason}'), 'NewReplicaSetAvailable');
	});

	test('server-side apply creates and updates', async () => {
		const path = manifest('ssa', deploymentYaml('ssa', 1, 'nginx:1.27'));
		const created = await kubectl(cluster, 'apply', '--server-side', '-f', path);
		assert.equal(created.code, 0, created.stderr);
		assert.equal(created.stdout.trim(), 'deployment.apps/ssa serverside-applied');
		await available('ssa', 1);
		assert.equal((await kubectl(cluster, 'apply', '--server-side', '-f', manifest('ssa', deploymentYaml('ssa', 2, 'nginx:1.27')))).code, 0);
		await available('ssa', 2);
	});

	test('delete removes the Deployment, its ReplicaSets and their pods', async () => {
		assert.equal((await kubectl(cluster, 'delete', 'deploy', 'ssa')).stdout.trim(), 'deployment.apps "ssa" deleted');
		await until('ssa pods gone', async () => (await kubectl(cluster, 'get', 'rs,pods', '-l', 'app=ssa', '-o', 'name')).stdout.trim() === '', 30_000);
	});
});

describe('kubectl create <generator> (protobuf request bodies)', () => {
	test('create deployment, service, configmap, secret, job', async () => {
		const results = [
			await kubectl(cluster, 'create', 'deployment', 'gen', '--image=nginx:1.27', '--replicas=2', '--port=80'),
			await kubectl(cluster, 'create', 'service', 'nodeport', 'gen', '--tcp=8080:80'),
			await kubectl(cluster, 'create', 'configmap', 'gen', '--from-literal=a=1', '--from-literal=b=two'),
			await kubectl(cluster, 'create', 'secret', 'generic', 'gen', '--from-literal=p=x'),
			await kubectl(cluster, 'create', 'job', 'gen', '--image=busybox:1.28', '--', 'sh', '-c', 'echo hi'),
		];
		assert.deepEqual(results.map(r => r.stdout.trim()), ['deployment.apps/gen created', 'service/gen created', 'configmap/gen created', 'secret/gen created', 'job.batch/gen created']);
		await available('gen', 2);
		assert.equal(await jsonpath('deploy', 'gen', '{.spec.template.spec.containers[0].ports[0].containerPort}'), '80');
		assert.equal(await jsonpath('svc', 'gen', '{.spec.type} {.spec.selector.app} {.spec.ports[0].port} {.spec.ports[0].targetPort}'), 'NodePort gen 8080 80');
		assert.match(lines((await kubectl(cluster, 'get', 'svc', 'gen')).stdout)[1]![4]!, /^8080:3\d{4}\/TCP$/);
		assert.equal(await jsonpath('cm', 'gen', '{.data.a}/{.data.b}'), '1/two');
		assert.equal(await jsonpath('secret', 'gen', '{.data.p}'), Buffer.from('x').toString('base64'));
		await until('job complete', async () => (await jsonpath('job', 'gen', '{.status.succeeded}')) === '1', 60_000);
		assert.deepEqual(JSON.parse(await jsonpath('job', 'gen', '{.spec.template.spec.containers[0].command}')), ['sh', '-c', 'echo hi']);
	});
});

describe('StatefulSets, DaemonSets, Jobs', () => {
	test('get sts, ds, jobs with kubectl\'s columns; rollout status of sts and ds', async () => {
		const path = manifest('others', `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 2
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres:16.4}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: fluent/fluent-bit:3.1.9}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: once, image: busybox:1.28, command: [sh, -c, "echo done"]}]
`);
		const applied = await kubectl(cluster, 'apply', '-f', path);
		assert.equal(applied.code, 0, applied.stderr);
		const sts = await kubectl(cluster, 'rollout', 'status', 'sts/db', '--timeout=60s');
		assert.equal(sts.code, 0, sts.stderr);
		assert.match(sts.stdout, /partitioned roll out complete: 2 new pods have been updated\.\.\.\n$/);
		const ds = await kubectl(cluster, 'rollout', 'status', 'ds/agent', '--timeout=60s');
		assert.match(ds.stdout, /daemon set "agent" successfully rolled out\n$/);
		await until('job complete', async () => (await jsonpath('job', 'once', '{.status.succeeded}')) === '1', 60_000);
		const rows = (await kubectl(cluster, 'get', 'sts/db', 'ds/agent', 'job/once')).stdout.split('\n\n').map(lines);
		assert.deepEqual(rows[0]![0], ['NAME', 'READY', 'AGE']);
		assert.deepEqual(rows[0]![1]!.slice(0, 2), ['statefulset.apps/db', '2/2']);
		assert.deepEqual(rows[1]![0], ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE']);
		assert.deepEqual(rows[1]![1]!.slice(0, 7), ['daemonset.apps/agent', '3', '3', '3', '3', '3', '<none>']);
		assert.deepEqual(rows[2]![0], ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE']);
		assert.deepEqual(rows[2]![1]!.slice(0, 3), ['job.batch/once', 'Complete', '1/1']);
		const pods = (await kubectl(cluster, 'get', 'pods', '-l', 'app=db', '-o', 'name')).stdout.trim().split('\n');
		assert.deepEqual(pods, ['pod/db-0', 'pod/db-1']);
	});

	test('api-resources lists the new kinds with their short names', async () => {
		const {stdout} = await kubectl(cluster, 'api-resources', '--api-group=apps');
		assert.match(stdout, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
		assert.match(stdout, /^statefulsets\s+sts\s+apps\/v1\s+true\s+StatefulSet$/m);
		assert.match(stdout, /^daemonsets\s+ds\s+apps\/v1\s+true\s+DaemonSet$/m);
		assert.match(stdout, /^replicasets\s+rs\s+apps\/v1\s+true\s+ReplicaSet$/m);
		assert.match((await kubectl(cluster, 'api-resources', '--api-group=batch')).stdout, /^jobs\s+batch\/v1\s+true\s+Job$/m);
	});
});
