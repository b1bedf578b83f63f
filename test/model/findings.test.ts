// Findings over pod fixtures: the article's scenarios, the demo's, and pods written from public
// reports of stuck pods (see each fixture's header).
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {diagnose} from '../../source/model/findings/index.js';
import {logReads, serviceReads} from '../../source/model/facts.js';
import {initSequence} from '../../source/model/init-sequence.js';
import {at, kubeletEvent, loadPod} from '../fixtures/findings/load.js';
import {itDiagnoses, type DiagnoseCase} from '../fixtures/findings/cases.js';

const NOW = at('2026-01-01T00:10:00Z');

const cases: DiagnoseCase[] = [
	{
		name: 'scenario 2: exit 127 with the failed run\'s last log line and the next retry',
		fixture: 'article-exit-127',
		facts: () => ({logs: {'init-failed-test': {lines: ['sh: hello.sh: not found'], previous: true}}}),
		headline: /^Blocked at init 3\/3 init-failed-test: exits 127 \(command not found\) — last log: "sh: hello\.sh: not found" — restarted 9×, next retry in 4m10s$/,
		families: ['exit-code', 'logs-trap'],
		details: /could not find "hello\.sh".*\.\/hello\.sh/,
		logs: {container: 'init-failed-test', previous: true},
	},
	{
		name: 'scenario 3: waits for a Service that does not exist',
		fixture: 'article-dependency-wait',
		facts: () => ({services: {'default/myservice': {exists: false}}, logs: {'init-myservice': {lines: ['waiting for myservice', 'waiting for myservice', 'waiting for myservice'], previous: false}}}),
		headline: /^Blocked at init 1\/2 init-myservice: waits for Service myservice in default — it does not exist — log repeats "waiting for myservice"$/,
		families: ['dependency-wait', 'logs-trap'],
		logs: {container: 'init-myservice', previous: false},
	},
	{
		name: 'scenario 3: the Service exists but has no ready endpoints',
		fixture: 'article-dependency-wait',
		facts: () => ({services: {'default/myservice': {exists: true, readyEndpoints: 0, notReadyEndpoints: 2, ports: [80]}}}),
		headline: /init-myservice: waits for Service myservice in default — exists, 0 ready endpoints \(2 not ready\)$/,
		families: ['dependency-wait', 'logs-trap'],
	},
	{
		name: 'scenario 3: the Service is fine — the finding says so and points at DNS/port',
		fixture: 'article-dependency-wait',
		facts: () => ({services: {'default/myservice': {exists: true, readyEndpoints: 1, notReadyEndpoints: 0, ports: [80]}}}),
		headline: /waits for Service myservice in default — exists, 1 ready endpoint$/,
		families: ['dependency-wait', 'logs-trap'],
		details: /check the DNS name, the port/,
	},
	{
		name: 'scenario 3 under the threshold with the Service present: no dependency finding yet',
		fixture: 'article-dependency-wait',
		now: at('2026-01-01T00:00:11Z'),
		facts: () => ({services: {'default/myservice': {exists: true, readyEndpoints: 1, notReadyEndpoints: 0, ports: [80]}}}),
		headline: /^Starting: init 1\/2 init-myservice running 10s$/,
		families: ['logs-trap'],
	},
	{
		name: 'kubernetes#94216: init crash loop, exit 1, termination message 403',
		fixture: 'k8s-94216-init-crashloop-403',
		now: at('2020-08-25T08:22:00Z'),
		headline: /^Blocked at init 1\/1 init: exits 1 \(general error\) — "Failed to fetch \/opt\/mule\/conf\/rtfv1\.yml\. statusCode=403" — restarted 16×, next retry in 3m35s$/,
		families: ['exit-code', 'logs-trap'],
		details: /Termination message: Failed to fetch/,
	},
	{
		name: 'iks-handson#7: Init:CreateContainerConfigError, Secret my-password missing',
		fixture: 'iks-handson-7-secret-missing',
		now: at('2019-05-10T01:03:34Z'),
		headline: /init-myservice: CreateContainerConfigError — Secret my-password does not exist in default \(used by env PASSWORD of init-myservice \(key password\)\)$/,
		families: ['config-error', 'logs-trap'],
	},
	{
		name: 'easy-db-lab#733: a native sidecar needs a ConfigMap that nothing creates',
		fixture: 'easy-db-lab-733-configmap-sidecar',
		now: at('2026-07-08T10:05:00Z'),
		headline: /^Blocked at sidecar 1\/1 otel-sidecar: CreateContainerConfigError — ConfigMap cluster-config does not exist in default \(used by env CLUSTER_NAME/,
		families: ['config-error', 'logs-trap'],
	},
	{
		name: 'kubernetes#104454: init OOM-killed with exit 0 is a failure, limit named',
		fixture: 'k8s-104454-init-oom-exit0',
		now: at('2021-08-19T13:23:00Z'),
		headline: /^Blocked at init 1\/1 init: OOM-killed \(exit 0, SIGKILL\) — memory limit 64Mi$/,
		families: ['oom', 'logs-trap'],
	},
	{
		name: 'OOM crash loop: exit 137 and the 16Mi limit',
		fixture: 'oom-init-crashloop',
		headline: /init-cache: OOM-killed \(exit 137, SIGKILL\) — memory limit 16Mi — restarted 4×, next retry in 50s$/,
		families: ['oom', 'logs-trap'],
	},
	{
		name: 'image pull: image and registry message',
		fixture: 'image-pull',
		facts: pod => ({events: [kubeletEvent(pod, {reason: 'Failed', type: 'Warning', container: 'init-fetch', count: 4, first: '2026-01-01T00:00:02Z', last: '2026-01-01T00:08:00Z', message: 'Failed to pull image "busybox:nope": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/busybox:nope": not found'})]}),
		headline: /init-fetch: ImagePullBackOff: cannot pull image "busybox:nope" — the image or tag does not exist$/,
		families: ['image-pull', 'logs-trap'],
		details: /^Registry: Failed to pull image "busybox:nope": rpc error: code = NotFound/,
	},
	{
		name: 'a native sidecar runs, the next init container crash-loops',
		fixture: 'sidecar-then-crash',
		facts: () => ({logs: {migrate: {lines: ['error: dial tcp 10.96.0.20:5432: connect: connection refused'], previous: true}}}),
		headline: /^Blocked at init 2\/2 migrate: exits 1 \(general error\) — last log: "error: dial tcp 10\.96\.0\.20:5432: connect: connection refused" — restarted 3×, next retry in 21s$/,
		families: ['exit-code', 'logs-trap'],
	},
	{
		name: 'scenario 4: every init completed, the app is denied — side effects named',
		fixture: 'side-effect-perms',
		facts: () => ({logs: {'myapp-container': {lines: ["sh: can't create /data/app.log: Permission denied"], previous: true}}}),
		headline: /myapp-container: exits 1 although every init container completed — "sh: can't create \/data\/app\.log: Permission denied" — suspect init-perms, init-net/,
		families: ['side-effect', 'exit-code'],
		details: /init-perms changes ownership to 1000:1000 of \/data as root/,
	},
	{
		name: 'StartError: the runtime message, not mistaken for exit 128 semantics of a shell',
		fixture: 'start-error',
		headline: /init-setup: StartError: could not start the process — .*exec: "\/setup\.sh": stat \/setup\.sh: no such file or directory/,
		families: ['start-error', 'logs-trap'],
		details: /entrypoint is not in the image/,
	},
	{
		name: 'a configMap volume that does not exist: FailedMount names it',
		fixture: 'volume-configmap-missing',
		facts: pod => ({events: [kubeletEvent(pod, {reason: 'FailedMount', type: 'Warning', count: 5, first: '2026-01-01T00:00:01Z', last: '2026-01-01T00:08:00Z', message: 'MountVolume.SetUp failed for volume "build-system-configs" : configmap "eap-app-build-artifacts-4-sys-config" not found'})]}),
		headline: /^Blocked before init: volume build-system-configs cannot be mounted — ConfigMap eap-app-build-artifacts-4-sys-config does not exist in eap-demo \(used by volume build-system-configs\)$/,
		families: ['config-error', 'logs-trap'],
	},
	{
		name: 'an init container that runs long with no target it waits for: stuck, read its log',
		fixture: 'article-dependency-wait',
		facts: pod => {
			pod.spec.initContainers![0]!.command = ['sh', '-c', 'python /migrate.py --all'];
			return {logs: {'init-myservice': {lines: ['migrating table 7/412', 'migrating table 7/412'], previous: false}}, config: {stuckAfterMs: 60_000}};
		},
		headline: /^Blocked at init 1\/2 init-myservice: running for 9m59s with no restarts and no exit — log repeats "migrating table 7\/412"$/,
		families: ['dependency-wait', 'logs-trap'],
	},
	{
		name: 'a sidecar crash-looping after initialization blocks the pod (the Init:CrashLoopBackOff quirk)',
		fixture: 'sidecar-then-crash',
		facts: pod => {
			const [sidecar, migrate] = pod.status!.initContainerStatuses!;
			Object.assign(sidecar!, {ready: false, started: false, restartCount: 4, state: {waiting: {reason: 'CrashLoopBackOff', message: 'back-off 1m20s restarting failed container=istio-proxy pod=myapp-mesh_shop(x)'}}, lastState: {terminated: {exitCode: 255, reason: 'Error', startedAt: '2026-01-01T00:09:00Z', finishedAt: '2026-01-01T00:09:30Z'}}});
			Object.assign(migrate!, {ready: true, restartCount: 0, state: {terminated: {exitCode: 0, reason: 'Completed', startedAt: '2026-01-01T00:01:00Z', finishedAt: '2026-01-01T00:01:05Z'}}, lastState: {}});
			pod.status!.conditions = [{type: 'Initialized', status: 'True'}, {type: 'PodScheduled', status: 'True'}];
			pod.status!.containerStatuses = [{name: 'app', ready: true, restartCount: 0, started: true, state: {running: {startedAt: '2026-01-01T00:01:06Z'}}}];
			return {};
		},
		headline: /^Blocked at sidecar 1\/2 istio-proxy: exits 255 \(exit status out of range \/ unknown\) — restarted 4×, next retry in 50s$/,
		families: ['exit-code'],
	},
	{
		name: 'an unschedulable pod is blocked before its init containers',
		fixture: 'healthy',
		facts: pod => {
			pod.status = {phase: 'Pending', conditions: [{type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient memory.'}]};
			delete pod.spec.nodeName;
			return {};
		},
		headline: /^Blocked before init: not scheduled \(Unschedulable\) — 0\/3 nodes are available: 3 Insufficient memory\.$/,
		families: ['scheduling'],
	},
	{
		name: 'healthy: nothing to say',
		fixture: 'healthy',
		headline: /^Not blocked: Running, 1\/1 containers ready$/,
		families: [],
	},
];

describe('diagnose', () => {
	itDiagnoses(cases);

	it('the logs trap names the container to read and the kubectl command', () => {
		const diagnosis = diagnose({pod: loadPod('article-exit-127'), events: [], now: NOW});
		const trap = diagnosis.findings.find(f => f.family === 'logs-trap')!;
		assert.match(trap.title, /kubectl logs myapp-pod` only says "myapp-container is waiting to start: PodInitializing" — read init-failed-test's logs/);
		assert.deepEqual(trap.details, ['kubectl logs myapp-pod -c init-failed-test --previous -n default']);
		assert.deepEqual(trap.logs, {container: 'init-failed-test', previous: true});
	});

	it('keeps the exit-code finding while a crash-looping init container briefly runs again', () => {
		const pod = loadPod('article-exit-127');
		const status = pod.status!.initContainerStatuses![2]!;
		status.state = {running: {startedAt: '2026-01-01T00:09:59Z'}};
		const diagnosis = diagnose({pod, events: [], now: NOW, logs: {'init-failed-test': {lines: ['sh: hello.sh: not found'], previous: false}}});
		assert.match(diagnosis.headline, /^Blocked at init 3\/3 init-failed-test: exits 127 \(command not found\) — last log: "sh: hello\.sh: not found" — restarted 9×$/);
	});

	it('exit 127: a fact when the log names the command, a guess said as one when it does not; the command quoted as a shell would', () => {
		const table: Array<{command: string[]; lines: string[]; advice: string; commandLine: string}> = [
			{command: ['sh', '-c', 'hello.sh'], lines: ['sh: hello.sh: not found'], advice: 'The shell could not find "hello.sh" in image busybox:1.28 (a script in the working directory needs ./hello.sh or its full path): fix the command, or remove this init container.', commandLine: 'Command: sh -c hello.sh'},
			{command: ['sh', '-c', 'echo a'], lines: [], advice: 'Exit 127 means a command was not found, and the log does not say which: check the commands it runs in image busybox:1.28, or remove this init container.', commandLine: "Command: sh -c 'echo a'"},
			{command: ['sh', '-c', 'migrate --to "v 2" && echo done'], lines: ['starting'], advice: 'Exit 127 means a command was not found, and the log does not say which; the first command is "migrate" (a script in the working directory needs ./migrate or its full path): check the commands it runs in image busybox:1.28, or remove this init container.', commandLine: `Command: sh -c 'migrate --to "v 2" && echo done'`},
			{command: ['/bin/tool', "it's", ''], lines: ['/bin/tool: not found'], advice: 'The shell could not find "/bin/tool" in image busybox:1.28: fix the command, or remove this init container.', commandLine: "Command: /bin/tool 'it'\\''s' ''"},
		];
		for (const row of table) {
			const pod = loadPod('article-exit-127');
			pod.spec.initContainers![2]!.command = row.command;
			const diagnosis = diagnose({pod, events: [], now: NOW, logs: {'init-failed-test': {lines: row.lines, previous: true}}});
			const details = diagnosis.findings.find(f => f.family === 'exit-code')!.details;
			assert.equal(details[0], row.advice, row.command.join(' '));
			assert.ok(details.includes(row.commandLine), `${row.commandLine} in ${details.join(' | ')}`);
		}
	});

	it('says "checking" while the Service lookup has not answered, without claiming it is missing', () => {
		const diagnosis = diagnose({pod: loadPod('article-dependency-wait'), events: [], now: NOW});
		assert.match(diagnosis.headline, /waits for Service myservice in default \(checking…\)$/);
	});
});

describe('what both drivers of the facts plan read', () => {
	it('asks for the failed instance of crash-looping containers (previous) and running init logs', () => {
		assert.deepEqual(logReads(initSequence(loadPod('article-exit-127'), NOW)).map(r => [r.container, r.previous]), [['init-failed-test', true]]);
		assert.deepEqual(logReads(initSequence(loadPod('article-dependency-wait'), NOW)).map(r => [r.container, r.previous]), [['init-myservice', false]]);
		// OOM-killed with exit 0 is a failed run (Kubernetes >= 1.23): its log is read like any failed run's.
		assert.deepEqual(logReads(initSequence(loadPod('k8s-104454-init-oom-exit0'), at('2021-08-19T13:23:00Z'))).map(r => [r.container, r.previous]), [['init', false]]);
	});
	it('a new failed instance changes the request key', () => {
		const pod = loadPod('article-exit-127');
		const before = logReads(initSequence(pod, NOW))[0]!.key;
		pod.status!.initContainerStatuses![2]!.lastState!.terminated!.containerID = 'containerd://a3-10';
		assert.notEqual(logReads(initSequence(pod, NOW))[0]!.key, before);
	});
	it('looks up the Services that unfinished init containers wait for', () => {
		const pod = loadPod('article-dependency-wait');
		assert.deepEqual(serviceReads(pod, initSequence(pod, NOW)), [{namespace: 'default', name: 'myservice'}, {namespace: 'default', name: 'mydb'}]);
		const healthy = loadPod('healthy');
		assert.deepEqual(serviceReads(healthy, initSequence(healthy, NOW)), []);
	});
});

describe('repeatedLine', () => {
	it('picks the loop\'s own message over the tool output that repeats as often', async () => {
		const {repeatedLine} = await import('../../source/model/findings/dependency-wait.js');
		const round = ['Server:    10.96.0.10', 'Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local', '', "nslookup: can't resolve 'myservice.default.svc.cluster.local'", 'waiting for myservice'];
		assert.equal(repeatedLine({lines: [...round, ...round, ...round], previous: false}), 'waiting for myservice');
		assert.equal(repeatedLine({lines: ['starting', 'done'], previous: false}), undefined);
	});
});
