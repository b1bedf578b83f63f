import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parse} from 'yaml';
import {buildChecklist} from '../../source/model/checklist.js';
import {bisectPlan} from '../../source/model/bisect.js';
import {networkChanges, permissionChanges, runsAs, scriptOf, sharedVolumes} from '../../source/model/init-effects.js';
import type {Pod} from '../../source/model/k8s-types.js';

/** The article's scenario 4: the init container chowns the shared volume to the wrong uid. */
function sideEffectPod(): Pod {
	return {
		metadata: {name: 'myapp-perms', namespace: 'default', uid: 'u-4', labels: {app: 'myapp', 'pod-template-hash': 'abc'}},
		spec: {
			nodeName: 'demo-node',
			initContainers: [{
				name: 'fix-permissions',
				image: 'busybox:1.28',
				command: ['sh', '-c', 'chown -R 1000:1000 /data && chmod 700 /data'],
				volumeMounts: [{name: 'data', mountPath: '/data'}, {name: 'kube-api-access-x1', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true}],
			}],
			containers: [{
				name: 'myapp-container',
				image: 'busybox:1.28',
				command: ['sh', '-c', 'mkdir -p /data/cache && echo started && sleep 3600'],
				securityContext: {runAsUser: 2000},
				volumeMounts: [{name: 'data', mountPath: '/data'}, {name: 'kube-api-access-x1', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true}],
			}],
			volumes: [{name: 'data', emptyDir: {}}, {name: 'kube-api-access-x1', projected: {}}],
		},
		status: {phase: 'Running'},
	};
}

function meshPod(): Pod {
	return {
		metadata: {name: 'web', namespace: 'shop', uid: 'u-5'},
		spec: {
			initContainers: [{
				name: 'istio-init',
				image: 'istio/proxyv2:1.20',
				args: ['istio-iptables', '-p', '15001', '-u', '1337'],
				securityContext: {capabilities: {add: ['NET_ADMIN', 'NET_RAW']}, runAsUser: 0},
			}, {
				name: 'tune',
				image: 'busybox',
				command: ['sh', '-c', 'sysctl -w net.core.somaxconn=4096; ip route add 10.0.0.0/8 via 172.17.0.1; ip route show'],
				securityContext: {privileged: true},
			}],
			containers: [{name: 'web', image: 'nginx'}],
		},
	};
}

test('scriptOf unwraps sh -c and keeps plain argv', () => {
	assert.equal(scriptOf({name: 'a', command: ['sh', '-c', 'echo hi && exit 1']}), 'echo hi && exit 1');
	assert.equal(scriptOf({name: 'a', command: ['/bin/bash', '-ec'], args: ['until nc -z db 5432; do sleep 1; done']}), 'until nc -z db 5432; do sleep 1; done');
	assert.equal(scriptOf({name: 'a', command: ['chown', '-R', '1000', '/data']}), 'chown -R 1000 /data');
	assert.equal(scriptOf({name: 'a'}), '');
});

test('permission changes name the exact command, target path and volume', () => {
	const changes = permissionChanges(sideEffectPod());
	assert.deepEqual(changes.map(c => [c.tool, c.path, c.volume, c.owner, c.group, c.mode]), [
		['chown', '/data', 'data', '1000', '1000', undefined],
		['chmod', '/data', 'data', undefined, undefined, '700'],
	]);
	assert.equal(changes[0]!.command, 'chown -R 1000:1000 /data');
	const mkdir = permissionChanges({metadata: {name: 'p'}, spec: {initContainers: [{name: 'i', command: ['sh', '-c', 'mkdir -p -m 0750 /work/out'], volumeMounts: [{name: 'w', mountPath: '/work'}]}], containers: []}});
	assert.deepEqual(mkdir.map(c => [c.tool, c.mode, c.path, c.volume]), [['mkdir', '0750', '/work/out', 'w']]);
});

test('network changes: iptables, ip route (not ip route show), sysctl -w, capabilities, privileged', () => {
	const whats = networkChanges(meshPod()).map(c => `${c.container}: ${c.what}`);
	assert.deepEqual(whats, [
		'istio-init: istio-iptables -p 15001 -u 1337',
		'istio-init: capability NET_ADMIN',
		'istio-init: capability NET_RAW',
		'tune: sysctl -w net.core.somaxconn=4096',
		'tune: ip route add 10.0.0.0/8 via 172.17.0.1',
		'tune: privileged: true',
	]);
	assert.deepEqual(networkChanges(sideEffectPod()), []);
});

test('runsAs: container over pod over image default', () => {
	const pod = sideEffectPod();
	assert.equal(runsAs(pod, pod.spec.initContainers![0]!).root, 'unknown');
	assert.equal(runsAs(pod, pod.spec.containers[0]!).uid, 2000);
	pod.spec.securityContext = {runAsUser: 3000, runAsGroup: 3000};
	assert.match(runsAs(pod, pod.spec.initContainers![0]!).description, /uid 3000, gid 3000 \(pod runAsUser\)/);
});

test('shared volumes skip the service-account token volume', () => {
	assert.deepEqual(sharedVolumes(sideEffectPod()).map(s => [s.volume, s.type, s.initContainer, s.appContainer]), [['data', 'emptyDir', 'fix-permissions', 'myapp-container']]);
});

test('scenario 4 checklist: the uid mismatch is flagged, pre-marked failed, with the app log as evidence', () => {
	const {steps} = buildChecklist({pod: sideEffectPod(), events: [], appLogs: {'myapp-container': ["mkdir: can't create directory '/data/cache': Permission denied"]}});
	assert.deepEqual(steps.map(s => s.id), ['shared-volumes', 'ownership', 'why-init', 'start-conditions', 'image-security', 'bisect']);
	const ownership = steps.find(s => s.id === 'ownership')!;
	assert.ok(ownership.evidence.includes('fix-permissions runs `chown -R 1000:1000 /data` on /data (volume data) as the image\'s default user (usually root: no runAsUser)'));
	assert.ok(ownership.evidence.includes('MISMATCH: fix-permissions chowns /data to 1000:1000, but myapp-container runs as uid 2000 and the pod has no fsGroup'));
	assert.ok(ownership.evidence.includes("myapp-container log: mkdir: can't create directory '/data/cache': Permission denied"));
	assert.equal(ownership.preset?.verdict, 'failed');
	assert.match(ownership.preset!.why, /runs as uid 2000.*Permission denied/);
	assert.equal(steps.find(s => s.id === 'network'), undefined, 'no network step when nothing touches the network');
});

test('no mismatch when the app runs as the owner; chown as non-root is flagged', () => {
	const pod = sideEffectPod();
	pod.spec.containers[0]!.securityContext = {runAsUser: 1000};
	assert.equal(buildChecklist({pod, events: []}).steps.find(s => s.id === 'ownership')!.preset, undefined);
	pod.spec.initContainers![0]!.securityContext = {runAsUser: 1000, runAsNonRoot: true};
	const step = buildChecklist({pod, events: []}).steps.find(s => s.id === 'ownership')!;
	assert.match(step.preset!.why, /does not run as root/);
});

test('network-changing init containers get a network step with the evidence', () => {
	const {steps} = buildChecklist({pod: meshPod(), events: []});
	const network = steps.find(s => s.id === 'network')!;
	assert.ok(network.evidence.includes('tune: ip route add 10.0.0.0/8 via 172.17.0.1'));
	assert.equal(steps.find(s => s.id === 'ownership'), undefined);
});

test('permission denied in events alone still yields an ownership step', () => {
	const pod = meshPod();
	const {steps} = buildChecklist({pod, events: [{metadata: {name: 'e'}, involvedObject: {name: 'web'}, reason: 'Failed', message: 'Error: open /etc/x: read-only file system'}]});
	assert.deepEqual(steps.find(s => s.id === 'ownership')!.evidence, ['event Failed: Error: open /etc/x: read-only file system']);
});

test('bisect manifests: one per prefix of init containers, valid pods that differ only in init containers', () => {
	const pod = meshPod();
	const plan = bisectPlan(pod);
	assert.equal(plan.manifests.length, 3);
	assert.deepEqual(plan.manifests.map(m => m.file), ['0-no-init.yaml', '1-init-1-to-1.yaml', '2-init-1-to-2.yaml']);
	const docs = plan.manifests.map(m => parse(m.yaml));
	assert.deepEqual(docs.map(d => (d.spec.initContainers ?? []).map((c: {name: string}) => c.name)), [[], ['istio-init'], ['istio-init', 'tune']]);
	for (const doc of docs) {
		assert.equal(doc.kind, 'Pod');
		assert.equal(doc.metadata.namespace, 'initk9-bisect');
		assert.equal(doc.status, undefined);
		assert.equal(doc.metadata.uid, undefined);
		const {initContainers: _i, ...rest} = doc.spec;
		const {initContainers: _j, ...first} = docs[0].spec;
		assert.deepEqual(rest, first, 'everything but init containers is identical');
	}
	assert.deepEqual(plan.commands[0], 'kubectl create namespace initk9-bisect');
	assert.match(plan.commands[1]!, /^kubectl apply -n initk9-bisect -f 0-no-init.yaml/);
});

test('bisect strips node, service-account volume and controller labels; lists dependencies', () => {
	const pod = sideEffectPod();
	pod.spec.containers[0]!.envFrom = [{configMapRef: {name: 'app-config'}}];
	const plan = bisectPlan(pod, {namespace: 'scratch'});
	const doc = parse(plan.manifests[1]!.yaml);
	assert.equal(doc.spec.nodeName, undefined);
	assert.deepEqual(doc.spec.volumes, [{name: 'data', emptyDir: {}}]);
	assert.deepEqual(doc.spec.containers[0].volumeMounts, [{name: 'data', mountPath: '/data'}]);
	assert.deepEqual(doc.metadata.labels, {app: 'myapp', 'initk9.dev/bisect': '1of1'});
	assert.equal(doc.metadata.name, 'myapp-perms-init-1of1');
	assert.deepEqual(plan.dependencies, ['ConfigMap app-config']);
});

test('containerStatuses[].user (1.35) is the evidence when present: the applied uid, even with no runAsUser in the spec', () => {
	const pod = sideEffectPod();
	delete pod.spec.containers[0]!.securityContext;
	// Without the status field the app's uid is unknown: no mismatch can be shown.
	assert.ok(!buildChecklist({pod, events: []}).steps.find(step => step.id === 'ownership')!.evidence.some(line => line.startsWith('MISMATCH')));
	pod.status = {phase: 'Running', containerStatuses: [{name: 'myapp-container', ready: false, restartCount: 2, user: {linux: {uid: 2000, gid: 2000, supplementalGroups: [2000, 10]}}}]};
	assert.deepEqual(runsAs(pod, pod.spec.containers[0]!), {uid: 2000, gid: 2000, description: 'uid 2000, gid 2000, groups 2000,10 (applied, containerStatuses[].user)', root: false});
	const evidence = buildChecklist({pod, events: []}).steps.find(step => step.id === 'ownership')!.evidence;
	assert.ok(evidence.includes('myapp-container mounts data and runs as uid 2000, gid 2000, groups 2000,10 (applied, containerStatuses[].user), no fsGroup'), evidence.join('\n'));
	assert.ok(evidence.includes('MISMATCH: fix-permissions chowns /data to 1000:1000, but myapp-container runs as uid 2000 and the pod has no fsGroup'), evidence.join('\n'));
});
