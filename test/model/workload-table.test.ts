// The workload tables' filter and sort keys: the pod table's rules over workload rows — table-driven.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {compileFilter, type SortOrder} from '../../source/model/pod-rows.js';
import type {WorkloadRow} from '../../source/model/workloads/rows.js';
import {selectWorkloadRows} from '../../source/model/workloads/table.js';
import type {WorkloadKind} from '../../source/model/workloads/types.js';
import type {PodHealth} from '../../source/model/pod-health.js';
import {MINUTE} from '../fixtures/pods.js';
import {workload} from '../fixtures/workloads.js';

function row(kind: WorkloadKind, name: string, health: PodHealth, createdAgo: number): WorkloadRow {
	const object = workload({kind, name, createdAgo});
	return {uid: object.metadata.uid!, workload: object, pods: {groups: []}, why: {text: health === 'healthy' ? '' : 'something', health}};
}

const rows = [
	row('Job', 'report-sync', 'init-failing', 2 * MINUTE),
	row('Deployment', 'web', 'healthy', 30 * MINUTE),
	row('StatefulSet', 'db', 'stuck', 10 * MINUTE),
	row('Deployment', 'api', 'initializing', 5 * MINUTE),
];

const cases: Array<{name: string; filter?: string; sort: SortOrder; expected: string[]}> = [
	{name: 'by name: kind first, as kubectl lists them', sort: {key: 'name', descending: false}, expected: ['api', 'web', 'db', 'report-sync']},
	{name: 'by name again: reversed', sort: {key: 'name', descending: true}, expected: ['report-sync', 'db', 'web', 'api']},
	{name: 'by age: youngest first', sort: {key: 'age', descending: false}, expected: ['report-sync', 'api', 'db', 'web']},
	{name: 'by status: worst first', sort: {key: 'status', descending: false}, expected: ['report-sync', 'db', 'api', 'web']},
	{name: 'filter: a case-insensitive regular expression on the name', filter: '^(API|db)$', sort: {key: 'name', descending: false}, expected: ['api', 'db']},
	{name: 'filter matching nothing', filter: 'nope', sort: {key: 'name', descending: false}, expected: []},
];

for (const item of cases) {
	test(item.name, () => {
		const {filter} = compileFilter(item.filter ?? '');
		assert.deepEqual(selectWorkloadRows(rows, {filter, sort: item.sort, allNamespaces: false}).map(r => r.workload.metadata.name), item.expected);
	});
}

test('all namespaces: the filter sees namespace/name', () => {
	const {filter} = compileFilter('^rollout/api$');
	assert.deepEqual(selectWorkloadRows(rows, {filter, sort: {key: 'name', descending: false}, allNamespaces: true}).map(r => r.workload.metadata.name), ['api']);
	assert.deepEqual(selectWorkloadRows(rows, {filter, sort: {key: 'name', descending: false}, allNamespaces: false}), []);
});
