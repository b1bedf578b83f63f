import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {sideEffectHints} from '../../source/model/findings/index.js';
import type {Container, Pod} from '../../source/model/k8s-types.js';
import {loadPod} from '../fixtures/findings/load.js';

function pod(init: Container, app: Partial<Container> = {}, extra: Partial<Pod['spec']> = {}): Pod {
	return {
		metadata: {name: 'p', namespace: 'default'},
		spec: {
			initContainers: [init],
			containers: [{name: 'app', image: 'app:1', ...app}],
			volumes: [{name: 'data', emptyDir: {}}],
			...extra,
		},
	};
}

describe('sideEffectHints', () => {
	const cases: Array<{name: string; pod: Pod; kinds: string[]; text?: RegExp}> = [
		{
			name: 'a read-write mount of a volume the app mounts',
			pod: pod({name: 'init', volumeMounts: [{name: 'data', mountPath: '/seed'}], securityContext: {runAsNonRoot: true}}, {volumeMounts: [{name: 'data', mountPath: '/data'}]}),
			kinds: ['shared-volume'],
			text: /init can write to volume data \(emptyDir\) at \/seed, which app at \/data mounts/,
		},
		{
			name: 'a read-only mount is not a side effect',
			pod: pod({name: 'init', volumeMounts: [{name: 'data', mountPath: '/seed', readOnly: true}], securityContext: {runAsNonRoot: true}}, {volumeMounts: [{name: 'data', mountPath: '/data'}]}),
			kinds: [],
		},
		{
			name: 'chown with the exact command and path',
			pod: pod({name: 'init', command: ['sh', '-c', 'mkdir -p /data/x && chown -R 999:999 /data/x'], securityContext: {runAsNonRoot: true}}),
			kinds: ['ownership'],
			text: /init changes ownership to 999:999 of \/data\/x as the image default user \(often root\): `chown -R 999:999 \/data\/x`/,
		},
		{
			name: 'chmod and mkdir -m',
			pod: pod({name: 'init', command: ['sh', '-c', 'chmod 0777 /cache; mkdir -m 700 /cache/tmp'], securityContext: {runAsNonRoot: true}}),
			kinds: ['permissions', 'permissions'],
		},
		{
			name: 'iptables, sysctl and ip route in a mesh init container',
			pod: pod({name: 'istio-init', command: ['sh', '-c', 'iptables -t nat -N ISTIO_REDIRECT; sysctl -w net.ipv4.ip_forward=1; ip route add default via 10.0.0.1'], securityContext: {runAsNonRoot: true}}),
			kinds: ['network', 'network', 'network'],
		},
		{
			name: 'NET_ADMIN capability',
			pod: pod({name: 'init', image: 'x', securityContext: {runAsNonRoot: true, capabilities: {add: ['NET_ADMIN', 'NET_RAW']}}}),
			kinds: ['network'],
			text: /adds capabilities NET_ADMIN, NET_RAW/,
		},
		{
			name: 'privileged init, unprivileged app',
			pod: pod({name: 'init', securityContext: {privileged: true, runAsNonRoot: true}}),
			kinds: ['privileged'],
		},
		{
			name: 'privileged init and privileged app: not a difference',
			pod: pod({name: 'init', securityContext: {privileged: true, runAsNonRoot: true}}, {securityContext: {privileged: true}}),
			kinds: [],
		},
		{
			name: 'root init, app as another uid, no fsGroup',
			pod: pod({name: 'init', securityContext: {runAsUser: 0}}, {securityContext: {runAsUser: 2000}}),
			kinds: ['root-user'],
			text: /init runs as root \(uid 0\); app runs as uid 2000, no fsGroup/,
		},
		{
			name: 'pod-level runAsUser applies to both: no difference',
			pod: pod({name: 'init'}, {}, {securityContext: {runAsUser: 1000}}),
			kinds: [],
		},
		{
			name: 'hostNetwork',
			pod: pod({name: 'init', securityContext: {runAsNonRoot: true}}, {}, {hostNetwork: true}),
			kinds: ['network'],
		},
	];
	for (const c of cases) {
		it(c.name, () => {
			const hints = sideEffectHints(c.pod);
			assert.deepEqual(hints.map(h => h.kind), c.kinds);
			if (c.text) assert.ok(hints.some(h => c.text!.test(h.text)), hints.map(h => h.text).join('\n'));
		});
	}

	it('scenario 4 fixture: volume, chown, chmod, root vs uid 2000, iptables and NET_ADMIN', () => {
		const hints = sideEffectHints(loadPod('side-effect-perms'));
		assert.deepEqual(hints.filter(h => h.container === 'init-perms').map(h => h.kind), ['shared-volume', 'ownership', 'permissions', 'root-user']);
		const ownership = hints.find(h => h.kind === 'ownership')!;
		assert.equal(ownership.evidence, 'chown -R 1000:1000 /data');
		assert.equal(ownership.path, '/data');
		assert.deepEqual(hints.find(h => h.kind === 'shared-volume')!.appContainers, ['myapp-container']);
		assert.ok(hints.some(h => h.container === 'init-net' && h.kind === 'network'));
	});
});
