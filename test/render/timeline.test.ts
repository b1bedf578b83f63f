import {test} from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import type {KubeEvent, Pod} from '../../source/model/k8s-types.js';
import {observePod, type PodHistory} from '../../source/model/instance-history.js';
import {layoutTimeline, rowText, type TimelineLayout, type TimelineLane} from '../../source/render/timeline.js';
import {
	MINUTE, NOW, SECOND, ago, completedJob, condition, imagePullBackOff, longWait, makeEvent, makePod, scenario1, scenario2, scenario2Events,
	scenario2Runs, scenario4, sidecarRunning, terminated, waiting,
} from '../fixtures/pods.js';

const layout = (pod: Pod, width: number, extra: {events?: KubeEvent[]; history?: PodHistory; now?: number} = {}) =>
	layoutTimeline({pod, events: extra.events ?? [], history: extra.history, now: extra.now ?? NOW, width});
const lane = (l: TimelineLayout, name: string): TimelineLane => {
	const found = l.lanes.find(x => x.name === name && x.kind !== 'pod');
	assert.ok(found, `lane ${name}`);
	return found;
};
const runs = (x: TimelineLane) => x.segments.filter(s => s.kind === 'run');

/** Structural checks every layout must pass, at any width. */
function assertWellFormed(l: TimelineLayout, width: number) {
	assert.ok(l.width <= width, `layout ${l.width} wider than ${width}`);
	for (const row of l.rows) assert.equal(stringWidth(rowText(row)), l.width, `row "${rowText(row)}"`);
	for (const line of l.legend) assert.ok(stringWidth(rowText(line)) <= width);
	for (const x of l.lanes) {
		let previousEnd = 0;
		for (const s of [...x.segments].sort((a, b) => a.from - b.from)) {
			assert.ok(s.from <= s.to && s.from >= l.start && s.to <= l.end, `${x.name} segment inside the range`);
			assert.ok(s.startCol >= 0 && s.endCol <= l.plotWidth && s.startCol < s.endCol, `${x.name} columns`);
			assert.ok(s.startCol >= previousEnd - 1, `${x.name} segments in order`);
			previousEnd = s.endCol;
			assert.equal(s.known, s.source !== 'inferred');
		}
	}
	// Scale: 0s at the left edge, the total at the right edge, labels never overlap.
	assert.equal(l.ticks[0]!.text, '0s');
	assert.equal(l.ticks[0]!.col, 0);
	const last = l.ticks[l.ticks.length - 1]!;
	assert.equal(last.col + last.text.length, l.plotWidth);
	for (let i = 1; i < l.ticks.length; i++) assert.ok(l.ticks[i]!.col > l.ticks[i - 1]!.col + l.ticks[i - 1]!.text.length);
}

test('healthy start: lanes in execution order, one completed run each, the app running at the end', () => {
	for (const width of [80, 200]) {
		const l = layout(scenario1.running, width);
		assertWellFormed(l, width);
		assert.deepEqual(l.lanes.map(x => x.label), ['pod', 'I1 init-myservice', 'I2 init-mydb', 'A1 myapp-container']);
		assert.deepEqual(runs(lane(l, 'init-myservice')).map(s => s.outcome), ['completed']);
		assert.deepEqual(runs(lane(l, 'init-mydb')).map(s => s.outcome), ['completed']);
		assert.deepEqual(runs(lane(l, 'myapp-container')).map(s => s.outcome), ['running']);
		// Execution order on the time axis: each step starts after the previous one finished.
		const svc = runs(lane(l, 'init-myservice'))[0]!;
		const db = runs(lane(l, 'init-mydb'))[0]!;
		const app = runs(lane(l, 'myapp-container'))[0]!;
		assert.ok(svc.to <= db.from && db.to <= app.from);
		assert.ok(svc.endCol <= db.startCol && db.endCol <= app.startCol);
		assert.equal(app.endCol, l.plotWidth, 'the running bar reaches now');
		// The wait before the first container is the pod lane's own segment.
		const pod = l.lanes[0]!;
		assert.ok(pod.segments.some(s => s.kind === 'prestart' && s.to === svc.from));
		assert.equal(l.compressed.length, 0);
		assert.equal(l.notes.length, 0);
		assert.equal(l.ticks[l.ticks.length - 1]!.text, '12s');
		assert.ok(l.lanes.every(x => x.inferredRuns === 0));
	}
});

test('the running bar grows while you watch', () => {
	const early = layout(longWait(3 * MINUTE), 80);
	const later = layout(longWait(3 * MINUTE), 80, {now: NOW + 2 * MINUTE});
	assert.ok(later.end > early.end);
	assert.equal(runs(lane(later, 'init-mydb'))[0]!.to, later.end);
	assert.equal(lane(later, 'init-mydb').summary, '▶ 5m');
});

test('exit-127 crash loop with 6 restarts: 7 failed runs, back-off gaps growing, honest about inference', () => {
	for (const width of [80, 200]) {
		const l = layout(scenario2.crashLoop, width, {events: scenario2Events()});
		assertWellFormed(l, width);
		const crash = lane(l, 'init-failed-test');
		const crashRuns = runs(crash);
		assert.equal(crashRuns.length, 7);
		assert.ok(crashRuns.every(s => s.outcome === 'failed'));
		// Only the last instance's times are in the API; the 6 before it are inferred.
		assert.equal(crash.inferredRuns, 6);
		assert.deepEqual(crashRuns.map(s => s.source), ['inferred', 'inferred', 'inferred', 'inferred', 'inferred', 'inferred', 'api']);
		assert.equal(crashRuns[6]!.exitCode, 127);
		assert.ok(l.notes.some(n => n.startsWith('init-failed-test: 6 of 7 runs inferred')));
		// Back-off: immediate first restart, then gaps that grow (10s, 20s, 40s, 1m20s, 2m40s).
		const gaps = crash.segments.filter(s => s.kind === 'backoff');
		const between = gaps.slice(0, -1);
		assert.equal(between.length, 5);
		for (let i = 1; i < between.length; i++) assert.ok(between[i]!.to - between[i]!.from > between[i - 1]!.to - between[i - 1]!.from);
		for (let i = 2; i < between.length; i++) assert.ok(between[i]!.endCol - between[i]!.startCol >= between[i - 1]!.endCol - between[i - 1]!.startCol, 'wider on screen too');
		// Now: waiting in CrashLoopBackOff, the last gap runs to the end.
		const trailing = gaps[gaps.length - 1]!;
		assert.equal(trailing.reason, 'CrashLoopBackOff');
		assert.equal(trailing.to, l.end);
		// The BackOff warning sits on this lane, not on the pod lane.
		assert.equal(crash.markers.length, 1);
		assert.equal(crash.markers[0]!.reason, 'BackOff');
		assert.equal(crash.markers[0]!.count, 12);
		assert.ok(rowText(l.rows[l.lanes.indexOf(crash)]!).includes('!'));
		assert.equal(l.lanes[0]!.markers.length, 0);
		assert.equal(crash.summary, '✖ exit 127 ×7');
		// The first two inferred runs are anchored at the first Started event.
		assert.equal(crashRuns[0]!.from, Date.parse(ago(scenario2Runs[0]![0])));
	}
	// At 200 columns the exponential back-off is drawn to scale: each gap about twice the last.
	const wide = layout(scenario2.crashLoop, 200, {events: scenario2Events()});
	const cols = lane(wide, 'init-failed-test').segments.filter(s => s.kind === 'backoff').slice(0, -1).map(s => s.endCol - s.startCol);
	assert.ok(cols[4]! >= 1.6 * cols[3]! && cols[3]! >= 1.6 * cols[2]!, `gaps ${cols.join(',')}`);
});

test('crash loop observed live: runs come from history, nothing inferred', () => {
	let history: PodHistory | undefined;
	// The watch saw every instance as it ended (the API only ever shows the last two).
	for (let k = 0; k < scenario2Runs.length; k++) {
		const [startedAgo, finishedAgo] = scenario2Runs[k]!;
		const pod = structuredClone(scenario2.crashLoop);
		const status = pod.status!.initContainerStatuses![2]!;
		status.restartCount = k;
		status.lastState = terminated(127, 'Error', startedAgo, finishedAgo, {containerID: `containerd://init-failed-test-${k}`});
		history = observePod(history, pod, NOW - finishedAgo);
	}
	const l = layout(scenario2.crashLoop, 80, {history, events: scenario2Events()});
	const crash = lane(l, 'init-failed-test');
	assert.equal(crash.inferredRuns, 0);
	assert.equal(runs(crash).length, 7);
	assert.equal(runs(crash).filter(s => s.source === 'observed').length, 6);
	assert.ok(l.notes.some(n => n.includes('6 earlier runs observed')));
	assert.ok(!l.notes.some(n => n.includes('inferred')));
});

test('a 40-minute wait and a 2-second init container are both legible (compression)', () => {
	for (const width of [80, 200]) {
		const l = layout(longWait(40 * MINUTE), width);
		assertWellFormed(l, width);
		const quick = runs(lane(l, 'init-myservice'))[0]!;
		const slow = runs(lane(l, 'init-mydb'))[0]!;
		assert.equal(quick.to - quick.from, 2 * SECOND);
		assert.equal(slow.outcome, 'running');
		assert.ok(quick.endCol - quick.startCol >= (width >= 200 ? 6 : 2), `2s run is ${quick.endCol - quick.startCol} columns`);
		assert.ok(slow.endCol - slow.startCol >= l.plotWidth * 0.4, 'the long wait still dominates');
		// The long span is compressed and marked on the axis.
		assert.equal(l.compressed.length, 1);
		assert.equal(l.compressed[0]!.to, l.end);
		const axis = rowText(l.rows[l.lanes.length]!);
		assert.equal(axis.split('≈').length - 1, 1);
		assert.ok(l.notes.some(n => n.startsWith('≈')));
		assert.equal(l.ticks[l.ticks.length - 1]!.text, '40m');
		assert.ok(l.ticks.some(t => t.text === '7s'), `ticks ${l.ticks.map(t => t.text).join(' ')}`);
	}
	// Linear spans stay linear: without a dominating span nothing is compressed.
	assert.equal(layout(longWait(5 * SECOND), 80).compressed.length, 0);
});

test('a native sidecar keeps running next to the app', () => {
	for (const width of [80, 200]) {
		const l = layout(sidecarRunning, width);
		assertWellFormed(l, width);
		const proxy = lane(l, 'istio-proxy');
		assert.equal(proxy.kind, 'sidecar');
		assert.equal(proxy.label, 'I1 istio-proxy ↻');
		assert.equal(l.rows[1]![0]!.style, 'sidecar');
		const proxyRun = runs(proxy)[0]!;
		assert.equal(proxyRun.outcome, 'running');
		assert.equal(proxyRun.endCol, l.plotWidth);
		// migrate's turn came when the sidecar started; the app's when migrate exited 0.
		const migrate = lane(l, 'migrate');
		assert.equal(migrate.segments[0]!.kind, 'wait');
		assert.equal(migrate.segments[0]!.from, proxyRun.from);
		const app = runs(lane(l, 'app'))[0]!;
		assert.ok(app.from >= runs(migrate)[0]!.to);
		assert.ok(app.startCol < proxyRun.endCol && proxyRun.startCol < app.startCol, 'the two run side by side');
		// Start-up took about a minute; the picture stops shortly after, not 5 minutes later.
		assert.equal(l.endsAtRunning, true);
		assert.ok(l.end < NOW);
		assert.equal(proxy.summary, '▶ 4m57s');
	}
});

test('blocked waits: an unschedulable pod and an init image that cannot be pulled', () => {
	const unscheduled = makePod({name: 'big', createdAgo: 10 * MINUTE, phase: 'Pending', conditions: [condition('PodScheduled', 'False', 'Unschedulable', '0/3 nodes')]});
	const events = [makeEvent({pod: unscheduled, type: 'Warning', reason: 'FailedScheduling', message: '0/3 nodes are available', firstAgo: 10 * MINUTE, lastAgo: 1 * MINUTE, count: 9})];
	const l = layout(unscheduled, 80, {events});
	assertWellFormed(l, 80);
	const podLane = l.lanes[0]!;
	assert.deepEqual(podLane.segments.map(s => [s.kind, s.blocked, s.reason]), [['pending', true, 'Unschedulable']]);
	assert.equal(podLane.markers.length, 1);
	assert.equal(podLane.summary, 'Unschedulable 10m');

	const pullEvents = [makeEvent({pod: imagePullBackOff, type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff', fieldPath: 'spec.initContainers{init}', firstAgo: 2 * MINUTE, lastAgo: 20 * SECOND, count: 8})];
	const p = layout(imagePullBackOff, 80, {events: pullEvents});
	assertWellFormed(p, 80);
	const prestart = p.lanes[0]!.segments.find(s => s.kind === 'prestart')!;
	assert.equal(prestart.blocked, true);
	assert.equal(prestart.reason, 'ImagePullBackOff');
	assert.equal(prestart.to, p.end);
	assert.equal(lane(p, 'init').markers.length, 1);
	assert.equal(lane(p, 'init').summary, 'ImagePullBackOff');
});

test('narrow terminals still get a well-formed picture', () => {
	for (const width of [40, 60, 79, 120]) {
		assertWellFormed(layout(scenario2.crashLoop, width, {events: scenario2Events()}), width);
		assertWellFormed(layout(longWait(), width), width);
	}
	// A second init container still waiting shows nothing before its turn.
	const l = layout(scenario1.init0, 80);
	assert.equal(lane(l, 'init-mydb').segments.length, 0);
	assert.equal(lane(l, 'myapp-container').segments.length, 0);
	assert.equal(waiting('PodInitializing').waiting!.reason, 'PodInitializing');
});

test('inferred runs start when the container\'s turn came; a finished pod\'s picture stops when it finished', () => {
	const l = layout(scenario4, 80);
	assertWellFormed(l, 80);
	const app = lane(l, 'myapp-container');
	const appRuns = runs(app);
	assert.equal(appRuns.length, 5);
	assert.equal(app.inferredRuns, 4);
	assert.equal(appRuns[0]!.from, runs(lane(l, 'init-config'))[0]!.to, 'first (inferred) run right after the last init container');
	assert.ok(!app.segments.some(s => s.kind === 'wait'));
	// Gaps keep the back-off ratios after stretching: 10s : 20s : 40s.
	const gaps = app.segments.filter(s => s.kind === 'backoff').slice(0, -1).map(s => s.to - s.from);
	assert.equal(gaps.length, 3, 'the first restart is immediate: no gap');
	assert.ok(Math.abs(gaps[1]! / gaps[0]! - 2) < 0.01 && Math.abs(gaps[2]! / gaps[1]! - 2) < 0.01, `gaps ${gaps.join(',')}`);

	const job = layout(completedJob, 80);
	assertWellFormed(job, 80);
	assert.equal(job.endsAtRunning, true);
	const jobRun = runs(lane(job, 'app'))[0]!;
	assert.equal(jobRun.outcome, 'completed');
	assert.ok(job.end > jobRun.to && job.end < NOW);
	assert.ok(job.notes.some(n => n.includes('the pod finished then')));
});

test('a very long crash loop: a bounded number of inferred runs, the rest counted', () => {
	// The bound on drawn runs is what keeps this fast; timing layout is the benchmark's business.
	const pod = structuredClone(scenario2.crashLoop);
	pod.status!.initContainerStatuses![2]!.restartCount = 1000;
	pod.metadata.creationTimestamp = ago(4 * 24 * 60 * MINUTE);
	const l = layout(pod, 200);
	assertWellFormed(l, 200);
	const crash = lane(l, 'init-failed-test');
	assert.equal(crash.inferredRuns, 60);
	assert.equal(crash.untoldRuns, 1001 - 61);
	assert.ok(l.notes.some(n => n === `init-failed-test: ${1001 - 61} earlier runs (from the restart count) are not drawn`));
	assert.equal(crash.summary, '✖ exit 127 ×1001');
});

test('malformed objects do not throw', () => {
	const bare = {metadata: {name: 'x'}, spec: {}} as unknown as Pod;
	const l = layout(bare, 80);
	assert.deepEqual(l.lanes.map(x => x.label), ['pod']);
	assertWellFormed(l, 80);
});

test('a cluster clock ahead of ours still shows the running container', () => {
	const l = layout(longWait(3 * MINUTE), 80, {now: NOW - 4 * MINUTE});
	assertWellFormed(l, 80);
	assert.equal(runs(lane(l, 'init-mydb')).length, 1);
	assert.ok(l.end >= Date.parse(ago(3 * MINUTE)));
});

test('image pulls are drawn inside the waits, from the Pulling and Pulled events', () => {
	const pod = scenario1.running;
	const field = (name: string) => `spec.initContainers{${name}}`;
	const events = [
		makeEvent({pod, reason: 'Pulling', message: 'Pulling image "busybox:1.28"', fieldPath: field('init-myservice'), firstAgo: 11 * SECOND}),
		makeEvent({pod, reason: 'Pulled', message: 'Successfully pulled image "busybox:1.28" in 1.02s (1.02s including waiting). Image size: 2150000 bytes.', fieldPath: field('init-myservice'), firstAgo: 10 * SECOND}),
		makeEvent({pod, reason: 'Pulled', message: 'Container image "busybox:1.28" already present on machine', fieldPath: field('init-mydb'), firstAgo: 5 * SECOND}),
		makeEvent({pod, reason: 'Pulling', message: 'Pulling image "busybox:1.28"', fieldPath: 'spec.containers{myapp-container}', firstAgo: 3 * SECOND}),
		makeEvent({pod, reason: 'Pulled', message: 'Successfully pulled image "busybox:1.28" in 900ms (900ms including waiting). Image size: 2150000 bytes.', fieldPath: 'spec.containers{myapp-container}', firstAgo: 2 * SECOND}),
	];
	const l = layout(pod, 80, {events});
	assertWellFormed(l, 80);
	assert.deepEqual(lane(l, 'init-myservice').segments.map(s => s.kind), ['pull', 'run']);
	assert.deepEqual(lane(l, 'init-mydb').segments.map(s => s.kind), ['wait', 'run'], 'already present: no pull');
	const app = lane(l, 'myapp-container');
	assert.deepEqual(app.segments.map(s => s.kind), ['pull', 'run']);
	assert.equal(app.segments[0]!.to, app.segments[1]!.from);
	assert.ok(rowText(l.rows[3]!).includes('▫'));
	assert.ok(l.legend.some(line => rowText(line).includes('▫ pulling image')));
});

test('one run identity: a run the history observed and the API still shows is one run, with or without a containerID', () => {
	const withoutIDs = (pod: Pod): Pod => {
		const copy = structuredClone(pod);
		for (const status of [...(copy.status?.initContainerStatuses ?? []), ...(copy.status?.containerStatuses ?? [])]) {
			delete status.containerID;
			if (status.state?.terminated) delete status.state.terminated.containerID;
			if (status.lastState?.terminated) delete status.lastState.terminated.containerID;
		}
		return copy;
	};
	const cases: Array<[string, Pod]> = [
		['first run running (init0)', scenario1.init0],
		['runs terminated (scenario 4)', scenario4],
		['last state + back-off (crash loop)', scenario2.crashLoop],
		['sidecar running', sidecarRunning],
		['completed job', completedJob],
	];
	for (const [name, fixture] of cases) {
		for (const pod of [fixture, withoutIDs(fixture)]) {
			const history = observePod(undefined, pod, NOW);
			const l = layout(pod, 120, {history});
			const observed = l.lanes.flatMap(x => x.segments.filter(s => s.kind === 'run' && s.source === 'observed'));
			assert.deepEqual(observed, [], `${name}${pod === fixture ? '' : ' (no containerID)'}: nothing but what the API shows`);
			assert.ok(!l.notes.some(n => n.includes('observed by initk9')), `${name}: ${l.notes.join(' | ')}`);
		}
	}
});
