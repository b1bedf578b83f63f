// One pod, one story: for every fixture pod (public reports, the article) at several moments, and
// for every version of every demo scenario's pods as the simulated kubelet plays them, the pod
// table's row, the drill-down's headline and sequence, and the timeline agree: the same number of
// completed init containers, the same blocker, failing/stuck in the table exactly when the
// drill-down says something blocks the pod, and no run drawn as done that the pod counts as failed.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {diagnose} from '../../source/model/findings/index.js';
import type {KubeEvent, Pod} from '../../source/model/k8s-types.js';
import {summarizePod} from '../../source/model/pod-health.js';
import {hasRun} from '../../source/model/container-state.js';
import {layoutTimeline} from '../../source/render/timeline.js';
import {DEFAULT_CONFIG, type DiagnosisConfig} from '../../source/model/verdict.js';
import {loadPod} from '../fixtures/findings/load.js';
import {startHarness, waitFor} from '../demo/kubelet-harness.js';
import {scenarioNames} from '../../demo/scenarios/index.js';

const TROUBLED = new Set(['init-failing', 'app-failing', 'stuck']);

/** Every way the surfaces can disagree about one pod at one moment; empty when they agree. */
export function disagreements(pod: Pod, events: readonly KubeEvent[], now: number, config: DiagnosisConfig): string[] {
	const problems: string[] = [];
	const row = summarizePod(pod, now, config);
	const diagnosis = diagnose({pod, events, now, config});
	const {verdict, sequence} = diagnosis;
	const say = (text: string) => problems.push(`${text} [table ${row.health} ${row.progress} "${row.why ?? ''}" | drill-down "${diagnosis.headline}"]`);

	if (row.initDone !== verdict.initDone || row.initTotal !== verdict.initTotal) say(`init done: table ${row.initDone}/${row.initTotal}, drill-down ${verdict.initDone}/${verdict.initTotal}`);
	const tableTrouble = TROUBLED.has(row.health) || (row.health === 'pending' && verdict.progress === 'failing');
	if (tableTrouble !== diagnosis.blocked) say(`table ${tableTrouble ? 'troubled' : 'fine'} but drill-down ${diagnosis.blocked ? 'blocked' : 'not blocked'}`);
	if (diagnosis.headline.startsWith('Blocked') !== diagnosis.blocked) say('headline says Blocked but nothing blocks (or the reverse)');
	if (diagnosis.blocked && verdict.blocker) {
		if (!diagnosis.headline.includes(`${verdict.blocker.position} ${verdict.blocker.name}`)) say(`headline does not name blocker ${verdict.blocker.name}`);
		if (!row.why?.includes(verdict.blocker.name)) say(`WHY does not name blocker ${verdict.blocker.name}`);
	}
	if (diagnosis.headlineAction === 'logs' && diagnosis.logs) {
		const step = sequence.steps.find(s => s.name === diagnosis.logs!.container);
		if (step && !hasRun(step.status)) say(`offers logs of ${step.name}, which never ran`);
	}
	const timeline = layoutTimeline({pod, events: [...events], now, width: 120});
	for (const step of sequence.steps) {
		if (step.kind !== 'init') continue;
		const lane = timeline.lanes.find(l => l.name === step.name);
		const lastRun = lane?.segments.filter(segment => segment.kind === 'run').at(-1);
		if (!lastRun) continue;
		if (step.initDone && lastRun.outcome !== 'completed') say(`timeline draws ${step.name}'s last run ${lastRun.outcome}, sequence says done`);
		if (step.symbol === 'failed' && step.terminated && lastRun.outcome !== 'failed') say(`timeline draws ${step.name}'s last run ${lastRun.outcome}, sequence says failed`);
	}
	return problems;
}

/** The latest instant a pod mentions: moments are taken after it. */
function latestTimestamp(pod: Pod): number {
	const found = JSON.stringify(pod).match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g) ?? [];
	return Math.max(...found.map(text => Date.parse(text)), Date.parse(pod.metadata.creationTimestamp ?? '2026-01-01T00:00:00Z'));
}

const fixtureDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'findings');
const fixtures = readdirSync(fixtureDir).filter(name => name.endsWith('.yaml')).map(name => name.replace(/\.yaml$/, ''));
const MOMENTS = [1000, 30_000, 3 * 60_000, 15 * 60_000, 2 * 3_600_000];

describe('every fixture pod tells one story on every surface', () => {
	for (const fixture of fixtures) {
		it(fixture, () => {
			const pod = loadPod(fixture);
			const latest = latestTimestamp(pod);
			const problems = MOMENTS.flatMap(after => disagreements(pod, [], latest + after, DEFAULT_CONFIG).map(problem => `+${after / 1000}s: ${problem}`));
			assert.deepEqual(problems, []);
		});
	}

	it('the OOM-killed init container with exit 0 is failing everywhere (kubernetes#104454)', () => {
		const pod = loadPod('k8s-104454-init-oom-exit0');
		const now = latestTimestamp(pod) + 30_000;
		const row = summarizePod(pod, now);
		assert.equal(row.health, 'init-failing');
		assert.equal(row.progress, '▱ 0/1');
		assert.match(row.why ?? '', /OOMKilled \(exit 0\)/);
		const diagnosis = diagnose({pod, events: [], now});
		assert.match(diagnosis.headline, /^Blocked at init 1\/1 /);
		const lane = layoutTimeline({pod, events: [], now, width: 120}).lanes.find(l => l.kind === 'init')!;
		assert.equal(lane.segments.filter(segment => segment.kind === 'run').at(-1)?.outcome, 'failed');
	});
});

describe('every demo scenario tells one story on every surface, at every pod version', () => {
	const configs: Array<[string, DiagnosisConfig]> = [['default', DEFAULT_CONFIG], ['stuck after 2s', {stuckAfterMs: 2000}]];
	it('all scenarios played together at speed 20', async () => {
		const harness = startHarness(scenarioNames.filter(name => name !== 'busy'), 20);
		try {
			// Until the crash loops have restarted a few times and the slow starters have run.
			await waitFor('three restarts of the side-effect pod', () => (harness.history('default', 'myapp-perms').at(-1)?.pod.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 3, 60_000);
			const problems: string[] = [];
			for (const key of harness.keys()) {
				const [namespace, name] = key.split('/') as [string, string];
				const events = harness.events(namespace, name);
				for (const observation of harness.history(namespace, name)) {
					for (const [label, config] of configs) {
						for (const after of [0, 5000]) {
							for (const problem of disagreements(observation.pod, events, observation.wallAt + after, config)) problems.push(`${key} (${observation.status}, ${label}, +${after}ms): ${problem}`);
						}
					}
				}
			}
			assert.deepEqual(problems, []);
			// A crash loop stays failing between restarts: no "healthy" flash while the app runs again.
			const perms = harness.history('default', 'myapp-perms').filter(observation => (observation.pod.status?.containerStatuses?.[0]?.restartCount ?? 0) > 0);
			assert.ok(perms.length >= 3, `observed ${perms.length} versions after the first crash`);
			for (const observation of perms) {
				for (const after of [0, 1000]) {
					const row = summarizePod(observation.pod, observation.wallAt + after);
					assert.equal(row.health, 'app-failing', `${observation.status} +${after}ms: ${row.health}`);
					assert.equal(row.initCause, true);
					assert.match(row.why ?? '', /^suspect init fix-permissions: /);
				}
			}
		} finally {
			harness.stop();
		}
	});
});
