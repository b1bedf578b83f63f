// What changed in a rollout: old vs new pod template, one line per change — table-driven.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {PodSpec} from '../../source/model/k8s-types.js';
import {changeLine, templateDiff} from '../../source/model/workloads/template-diff.js';

const base: PodSpec = {
	containers: [{name: 'api', image: 'ghcr.io/shop/api:1.8.2', volumeMounts: [{name: 'data', mountPath: '/data'}]}],
	volumes: [{name: 'data', emptyDir: {}}],
};
const migrate = {name: 'migrate-db', image: 'ghcr.io/shop/api:1.9.0', command: ['sh', '-c', 'migrate-db up']};

const cases: Array<[string, PodSpec, PodSpec, string[]]> = [
	['no change', base, structuredClone(base), []],
	['init container added, app image bumped (the rollout-stuck release)', base, {...base, initContainers: [migrate], containers: [{...base.containers[0]!, image: 'ghcr.io/shop/api:1.9.0'}]}, [
		'+ init container migrate-db  ghcr.io/shop/api:1.9.0: sh -c migrate-db up',
		'~ container api  image ghcr.io/shop/api:1.8.2 → ghcr.io/shop/api:1.9.0',
	]],
	['init container removed', {...base, initContainers: [migrate]}, base, ['- init container migrate-db  ghcr.io/shop/api:1.9.0']],
	['init container command and securityContext changed', {...base, initContainers: [migrate]}, {...base, initContainers: [{...migrate, command: ['migrate-db', 'up'], securityContext: {runAsUser: 1000}}]}, [
		'~ init container migrate-db  command sh -c migrate-db up → migrate-db up',
		'~ init container migrate-db  securityContext (none) → {"runAsUser":1000}',
	]],
	['init containers reordered', {...base, initContainers: [migrate, {name: 'wait', image: 'busybox'}]}, {...base, initContainers: [{name: 'wait', image: 'busybox'}, migrate]}, ['~ init containers  order migrate-db,wait → wait,migrate-db']],
	['volume changed and added, mount changed', base, {
		...base,
		containers: [{...base.containers[0]!, volumeMounts: [{name: 'data', mountPath: '/data', readOnly: true}]}],
		volumes: [{name: 'data', persistentVolumeClaim: {claimName: 'data'}}, {name: 'cache', emptyDir: {}}],
	}, [
		'~ container api  volumeMounts data:/data → data:/data:ro',
		'~ volume data  {"emptyDir":{}} → {"persistentVolumeClaim":{"claimName":"data"}}',
		'+ volume cache  {"emptyDir":{}}',
	]],
	['pod securityContext', base, {...base, securityContext: {fsGroup: 2000}}, ['~ pod securityContext  (none) → {"fsGroup":2000}']],
];

describe('template diff', () => {
	for (const [name, before, after, expected] of cases) {
		it(name, () => assert.deepEqual(templateDiff(before, after).map(changeLine), expected));
	}
});
