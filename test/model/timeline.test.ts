// The timeline's facts without a picture (model/timeline.ts): lanes in execution order, runs and
// their outcomes, known vs inferred, where the picture ends. The drawing is test/render/timeline.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {Pod} from '../../source/model/k8s-types.js';
import {timelineFacts, type LaneKind, type RunOutcome, type TimelineFacts} from '../../source/model/timeline.js';
import {NOW, completedJob, scenario1, scenario2, scenario2Events, sidecarRunning} from '../fixtures/pods.js';

interface Row {
	name: string;
	pod: Pod;
	events?: boolean;
	/** kind:position:name per lane. */
	lanes: string[];
	/** Run outcomes per container lane, by name. */
	outcomes: Record<string, RunOutcome[] | {last: RunOutcome; inferred: boolean}>;
	endsAtRunning: boolean;
	finished: boolean;
}

const ROWS: Row[] = [
	{
		name: 'healthy start: two init containers done, the app running since moments ago, so the picture runs to now',
		pod: scenario1.running,
		lanes: ['pod:0:myapp-pod', 'init:1:init-myservice', 'init:2:init-mydb', 'app:1:myapp-container'],
		outcomes: {'init-myservice': ['completed'], 'init-mydb': ['completed'], 'myapp-container': ['running']},
		endsAtRunning: false,
		finished: false,
	},
	{
		name: 'crash loop: earlier runs inferred from the restart count, the last known run failed',
		pod: scenario2.crashLoop,
		events: true,
		lanes: ['pod:0:myapp-pod', 'init:1:init-myservice', 'init:2:init-mydb', 'init:3:init-failed-test', 'app:1:myapp-container'],
		outcomes: {'init-failed-test': {last: 'failed', inferred: true}, 'myapp-container': []},
		endsAtRunning: false,
		finished: false,
	},
	{
		name: 'native sidecar: its own kind, counted among the init containers; the app running for minutes cuts the picture short',
		pod: sidecarRunning,
		lanes: ['pod:0:mesh-pod', 'sidecar:1:istio-proxy', 'init:2:migrate', 'app:1:app'],
		outcomes: {migrate: ['completed'], app: ['running']},
		endsAtRunning: true,
		finished: false,
	},
	{
		name: 'a finished Job pod: the picture stops shortly after its last container ended',
		pod: completedJob,
		lanes: ['pod:0:job-pod', 'app:1:app'],
		outcomes: {app: ['completed']},
		endsAtRunning: true,
		finished: true,
	},
];

const laneKey = (kind: LaneKind, position: number, name: string) => `${kind}:${position}:${name}`;

function runOutcomes(facts: TimelineFacts, name: string) {
	const lane = facts.lanes.find(l => l.name === name && l.kind !== 'pod');
	assert.ok(lane, `lane ${name}`);
	return lane.spans.filter(s => s.kind === 'run');
}

for (const row of ROWS) {
	test(row.name, () => {
		const facts = timelineFacts({pod: row.pod, events: row.events ? scenario2Events(row.pod) : [], now: NOW});
		assert.deepEqual(facts.lanes.map(l => laneKey(l.kind, l.position, l.name)), row.lanes);
		assert.equal(facts.endsAtRunning, row.endsAtRunning);
		assert.equal(facts.finished, row.finished);
		assert.ok(facts.start < facts.end);
		for (const lane of facts.lanes) {
			for (const span of lane.spans) assert.ok(span.from >= facts.start && span.to <= facts.end && span.from <= span.to, `${lane.name}: span inside the picture`);
		}
		for (const [name, expected] of Object.entries(row.outcomes)) {
			const runs = runOutcomes(facts, name);
			if (Array.isArray(expected)) {
				assert.deepEqual(runs.map(s => s.outcome), expected, name);
			} else {
				assert.equal(runs[runs.length - 1]!.outcome, expected.last, name);
				assert.equal(runs.some(s => s.source === 'inferred'), expected.inferred, `${name}: inferred runs`);
			}
		}
	});
}
