// The PATCH formats of demo/api/patch.ts, table-driven: strategic merge by patchMergeKey and its
// directives, JSON merge patch, JSON patch.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {jsonPatch, mergePatch, strategicMerge} from '../../demo/api/patch.js';

const podSpec = {containers: [{name: 'app', image: 'a:1', env: [{name: 'X', value: '1'}]}, {name: 'side', image: 's:1'}], volumes: [{name: 'v', emptyDir: {}}]};

const strategicCases: Array<{name: string; target: unknown; patch: unknown; want: unknown}> = [
	{name: 'kubectl set image: one container by name, the rest kept', target: podSpec, patch: {'$setElementOrder/containers': [{name: 'app'}, {name: 'side'}], containers: [{name: 'app', image: 'a:2'}]}, want: {...podSpec, containers: [{name: 'app', image: 'a:2', env: [{name: 'X', value: '1'}]}, {name: 'side', image: 's:1'}]}},
	{name: 'a new init container is appended', target: {containers: [{name: 'app'}]}, patch: {initContainers: [{name: 'migrate', image: 'm'}]}, want: {containers: [{name: 'app'}], initContainers: [{name: 'migrate', image: 'm'}]}},
	{name: 'env merged by name', target: podSpec, patch: {containers: [{name: 'app', env: [{name: 'Y', value: '2'}]}]}, want: {...podSpec, containers: [{name: 'app', image: 'a:1', env: [{name: 'X', value: '1'}, {name: 'Y', value: '2'}]}, {name: 'side', image: 's:1'}]}},
	{name: '$patch: delete removes a list element', target: podSpec, patch: {containers: [{name: 'side', $patch: 'delete'}]}, want: {...podSpec, containers: [podSpec.containers[0]]}},
	{name: '$patch: replace on a list replaces it', target: podSpec, patch: {volumes: [{$patch: 'replace'}, {name: 'w', emptyDir: {}}]}, want: {...podSpec, volumes: [{name: 'w', emptyDir: {}}]}},
	{name: '$patch: replace on a map replaces it', target: {metadata: {labels: {a: '1', b: '2'}}}, patch: {metadata: {labels: {$patch: 'replace', c: '3'}}}, want: {metadata: {labels: {c: '3'}}}},
	{name: 'null deletes a key', target: {a: 1, b: 2}, patch: {a: null}, want: {b: 2}},
	{name: 'container ports merge by containerPort', target: {ports: [{containerPort: 80, name: 'http'}]}, patch: {ports: [{containerPort: 80, protocol: 'TCP'}, {containerPort: 443}]}, want: {ports: [{containerPort: 80, name: 'http', protocol: 'TCP'}, {containerPort: 443}]}},
	{name: 'finalizers merge as a set; $deleteFromPrimitiveList removes', target: {finalizers: ['a', 'b']}, patch: {finalizers: ['b', 'c'], '$deleteFromPrimitiveList/finalizers': ['a']}, want: {finalizers: ['b', 'c']}},
	{name: 'lists without a merge key are replaced', target: {args: ['a', 'b']}, patch: {args: ['c']}, want: {args: ['c']}},
	{name: '$retainKeys drops the keys not named', target: {strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: 1}}}, patch: {strategy: {$retainKeys: ['type'], type: 'Recreate'}}, want: {strategy: {type: 'Recreate'}}},
];

for (const c of strategicCases) {
	test(`strategic merge: ${c.name}`, () => assert.deepEqual(strategicMerge(c.target, c.patch), c.want));
}

test('merge patch replaces lists and deletes with null', () => {
	assert.deepEqual(mergePatch({a: [1, 2], b: {c: 1, d: 2}}, {a: [3], b: {c: null}}), {a: [3], b: {d: 2}});
});

const jsonCases: Array<{name: string; target: unknown; ops: unknown; want: unknown}> = [
	{name: 'replace (kubectl rollout undo replaces /spec/template)', target: {spec: {template: {a: 1}}}, ops: [{op: 'replace', path: '/spec/template', value: {b: 2}}], want: {spec: {template: {b: 2}}}},
	{name: 'add to a list end and an escaped key', target: {l: [1], m: {}}, ops: [{op: 'add', path: '/l/-', value: 2}, {op: 'add', path: '/m/a~1b', value: 'x'}], want: {l: [1, 2], m: {'a/b': 'x'}}},
	{name: 'remove and move', target: {a: 1, b: 2}, ops: [{op: 'remove', path: '/a'}, {op: 'move', from: '/b', path: '/c'}], want: {c: 2}},
];

for (const c of jsonCases) {
	test(`json patch: ${c.name}`, () => assert.deepEqual(jsonPatch(c.target, c.ops), c.want));
}

test('json patch: a failed test op and a replace of a missing key are 422', () => {
	assert.throws(() => jsonPatch({a: 1}, [{op: 'test', path: '/a', value: 2}]), (error: {code: number}) => error.code === 422);
	assert.throws(() => jsonPatch({a: 1}, [{op: 'replace', path: '/b', value: 2}]), (error: {code: number}) => error.code === 422);
});
