// The pod's start-up as lanes of times, the facts the timeline is drawn from: one lane per
// container in execution order (init containers, native sidecars marked, then app containers)
// under a "pod" lane for scheduling and the wait before the first container started, each a list
// of spans (waits, image pulls, runs with their outcome, back-offs) and warning markers, between
// the picture's start (pod creation) and end (now, or a little past the moment the app was
// running). render/timeline.ts turns these into columns and glyphs.
//
// Honesty: the API holds only the current and the previous instance of a container. Earlier runs
// come from what initk9 observed (PodHistory) or are inferred from restartCount and the kubelet's
// back-off (model/backoff.ts: 10s, 20s, 40s … 5m unless the kubelet reports another); every span
// says which (`source`).

import type {Container, ContainerStatus, KubeEvent, Pod} from './k8s-types.js';
import {runIdentity, type ObservedInstance, type PodHistory} from './instance-history.js';
import {humanDuration} from './duration.js';
import {backoffBefore, crashLoopBackoff, type Backoff} from './backoff.js';
import {beforeSandbox, sandboxWarning} from './sandbox.js';
import {isSidecarSpec, NOT_STARTED_REASONS, runSucceeded, timestampMs, ZERO_TIME} from './container-state.js';

export type LaneKind = 'pod' | 'init' | 'sidecar' | 'app';
export type SegmentKind = 'pending' | 'prestart' | 'wait' | 'pull' | 'run' | 'backoff';
export type RunOutcome = 'completed' | 'running' | 'failed';
/** Where a segment's times come from: the pod object, initk9's own observation, or inference. */
export type TimeSource = 'api' | 'observed' | 'inferred';

/** A span of a lane in time. */
export interface LaneSpan {
	kind: SegmentKind;
	outcome?: RunOutcome;
	from: number;
	to: number;
	source: TimeSource;
	/** A wait that is failing (ImagePullBackOff, Unschedulable, …). */
	blocked?: boolean;
	exitCode?: number;
	reason?: string;
}

/** A warning event on a lane. */
export interface LaneMarker {
	at: number;
	reason: string;
	message: string;
	count: number;
}

export interface LaneFacts {
	key: string;
	kind: LaneKind;
	name: string;
	/** 1-based position among the init (sidecars included) or the app containers; 0 for the pod lane. */
	position: number;
	spans: LaneSpan[];
	markers: LaneMarker[];
	/** Runs known or inferred, and how many of them are inferred. */
	runs: number;
	inferredRuns: number;
	/** Earlier runs the restart count tells of that are not inferred (too many). */
	untoldRuns: number;
	/** `▶ 3s`, `✖ exit 1 ×4`, `waiting`: the lane's state in a few characters. */
	summary: string;
	/** The crash-loop back-off inferred runs were placed with, in words (model/backoff.ts). */
	backoff?: string;
}

export interface TimelineFacts {
	start: number;
	end: number;
	/** The picture stops shortly after the app started running (or the pod finished) instead of at now. */
	endsAtRunning: boolean;
	/** The pod has finished (phase Succeeded or Failed). */
	finished: boolean;
	lanes: LaneFacts[];
}

export interface TimelineFactsInput {
	pod: Pod;
	events: KubeEvent[];
	history?: PodHistory;
	now: number;
}

const MAX_INFERRED_RUNS = 60;

// ------------------------------------------------------------------------------------------
// Lanes as times

interface Run {
	id?: string;
	startedAt: number;
	finishedAt?: number;
	exitCode?: number;
	reason?: string;
	source: TimeSource;
	current?: boolean;
}

type RawSegment = LaneSpan;

function real(timestamp: string | null | undefined): number | undefined {
	const at = timestampMs(timestamp);
	return at === ZERO_TIME || at <= 0 ? undefined : at;
}

/** A run that ended well (exit 0, not OOM-killed): the one rule of container-state.ts. */
function succeededRun(run: {exitCode?: number; reason?: string}): boolean {
	return run.exitCode !== undefined && runSucceeded(run.exitCode, run.reason);
}


function eventTime(event: KubeEvent): number | undefined {
	return real(event.lastTimestamp) ?? real(event.series?.lastObservedTime) ?? real(event.eventTime) ?? real(event.firstTimestamp);
}

/** `spec.initContainers{name}` / `spec.containers{name}` → name. */
function eventContainer(event: KubeEvent): string | undefined {
	const path = event.involvedObject.fieldPath;
	if (!path) return undefined;
	const open = path.indexOf('{');
	return open >= 0 && path.endsWith('}') ? path.slice(open + 1, -1) : undefined;
}

function isMarkerEvent(event: KubeEvent): boolean {
	return event.type === 'Warning' || event.reason === 'BackOff';
}

function collectRuns(status: ContainerStatus | undefined, observed: readonly ObservedInstance[] | undefined): Run[] {
	const runs = new Map<string, Run>();
	for (const instance of observed ?? []) {
		const startedAt = instance.startedAt ?? instance.finishedAt;
		if (startedAt === undefined) continue;
		runs.set(instance.id, {
			id: instance.id, startedAt, finishedAt: instance.finishedAt, exitCode: instance.exitCode, reason: instance.reason, source: 'observed',
		});
	}
	if (status) {
		const last = status.lastState?.terminated;
		if (last) {
			const startedAt = real(last.startedAt) ?? real(last.finishedAt);
			if (startedAt !== undefined) {
				const id = runIdentity(status.name, last.containerID, startedAt)!;
				runs.set(id, {id, startedAt, finishedAt: real(last.finishedAt), exitCode: last.exitCode, reason: last.reason, source: 'api'});
			}
		}
		const terminated = status.state?.terminated;
		const running = status.state?.running;
		if (terminated) {
			const startedAt = real(terminated.startedAt) ?? real(terminated.finishedAt);
			if (startedAt !== undefined) {
				const id = runIdentity(status.name, terminated.containerID || status.containerID, startedAt)!;
				runs.set(id, {id, startedAt, finishedAt: real(terminated.finishedAt), exitCode: terminated.exitCode, reason: terminated.reason, source: 'api', current: true});
			}
		} else if (running) {
			const startedAt = real(running.startedAt);
			if (startedAt !== undefined) {
				const id = runIdentity(status.name, status.containerID, startedAt)!;
				runs.set(id, {id, startedAt, source: 'api', current: true});
			}
		}
	}
	return [...runs.values()].sort((a, b) => a.startedAt - b.startedAt);
}

/**
 * Runs the API no longer shows, placed by the kubelet's back-off before the first known run, then
 * stretched (ratios kept) to begin at the first Started event, else when the container's turn came.
 * At most MAX_INFERRED_RUNS, the latest ones; earlier ones are only counted.
 */
function inferRuns(known: Run[], missing: number, firstStartHint: number | undefined, readyAt: number | undefined, earliest: number, backoff: Backoff): Run[] {
	if (missing <= 0 || known.length === 0) return [];
	const durations = known.filter(r => r.finishedAt !== undefined && !succeededRun(r)).map(r => r.finishedAt! - r.startedAt);
	const runLength = durations.length > 0 ? Math.max(0, Math.min(...durations)) : 1000;
	const inferred: Run[] = [];
	let nextStart = known[0]!.startedAt;
	const first = Math.max(0, missing - MAX_INFERRED_RUNS);
	// Instance k (0-based) is restart k; the first known run is instance `missing`.
	for (let k = missing - 1; k >= first; k--) {
		const finishedAt = nextStart - backoffBefore(backoff, k + 1);
		const startedAt = finishedAt - runLength;
		inferred.unshift({startedAt, finishedAt, exitCode: 1, reason: 'Error', source: 'inferred'});
		nextStart = startedAt;
	}
	// Runs not drawn happened before the first one drawn: do not pull it back to the start.
	if (first > 0) return inferred;
	const lo = inferred[0]!.startedAt;
	const hi = known[0]!.startedAt;
	const target = Math.max(firstStartHint ?? readyAt ?? lo, earliest);
	if (target !== lo && hi > target && hi > lo) {
		const k = (hi - target) / (hi - lo);
		for (const run of inferred) {
			run.startedAt = target + (run.startedAt - lo) * k;
			run.finishedAt = target + (run.finishedAt! - lo) * k;
		}
	}
	return inferred;
}

interface ContainerFacts {
	spec: Container;
	kind: 'init' | 'sidecar' | 'app';
	status?: ContainerStatus;
	runs: Run[];
	inferred: number;
	/** The back-off the inferred runs were placed with, in words (model/backoff.ts). */
	backoff: string;
	/** Earlier runs counted (restartCount) but neither known nor drawn. */
	untold: number;
	/** The first image pull, from the Pulling / Pulled events. */
	pull?: {from: number; to?: number};
	/** When this container's turn came (previous init step done); undefined for the first step. */
	readyAt?: number;
	/** When the next step may start because of this one (exit 0, or sidecar started). */
	doneAt?: number;
}

function waitingFailure(status: ContainerStatus | undefined): string | undefined {
	const reason = status?.state?.waiting?.reason ?? '';
	return status?.state?.waiting && !NOT_STARTED_REASONS.has(reason) ? reason : undefined;
}

/** A wait, with the image pull inside it drawn as its own segment. */
function waitSegments(from: number | undefined, to: number, pull: ContainerFacts['pull'], base: Omit<RawSegment, 'kind' | 'from' | 'to'>): RawSegment[] {
	const out: RawSegment[] = [];
	const pullFrom = pull ? Math.max(pull.from, from ?? pull.from) : undefined;
	const pullTo = pull ? Math.min(pull.to ?? to, to) : undefined;
	if (pullFrom === undefined || pullTo === undefined || pullTo <= pullFrom || base.blocked) {
		if (from !== undefined && to > from) out.push({kind: 'wait', from, to, ...base});
		return out;
	}
	if (from !== undefined && pullFrom > from) out.push({kind: 'wait', from, to: pullFrom, ...base});
	out.push({kind: 'pull', from: pullFrom, to: pullTo, source: 'api', reason: 'pulling image'});
	if (from !== undefined && to > pullTo) out.push({kind: 'wait', from: pullTo, to, ...base});
	return out;
}

function containerSegments(facts: ContainerFacts, end: number): RawSegment[] {
	const segments: RawSegment[] = [];
	const {runs, status, readyAt, pull} = facts;
	const failure = waitingFailure(status);
	if (runs.length === 0) {
		if (readyAt !== undefined && readyAt < end) {
			segments.push(...waitSegments(readyAt, end, pull, {source: 'api', ...(failure ? {blocked: true, reason: failure} : {})}));
		} else if (readyAt === undefined && pull && !failure) {
			segments.push(...waitSegments(undefined, end, pull, {source: 'api'}));
		}
		return segments;
	}
	if (readyAt !== undefined && runs[0]!.startedAt > readyAt) {
		segments.push(...waitSegments(readyAt, runs[0]!.startedAt, pull, {source: runs[0]!.source === 'inferred' ? 'inferred' : 'api'}));
	} else if (readyAt === undefined && pull) {
		// The first step: its pull happened during the pod's pre-start wait.
		segments.push(...waitSegments(undefined, runs[0]!.startedAt, pull, {source: 'api'}));
	}
	for (let i = 0; i < runs.length; i++) {
		const run = runs[i]!;
		const next = runs[i + 1];
		const stillRunning = run.current && run.finishedAt === undefined;
		const to = stillRunning ? end : run.finishedAt ?? next?.startedAt ?? run.startedAt;
		const outcome: RunOutcome = stillRunning ? 'running' : succeededRun(run) ? 'completed' : 'failed';
		segments.push({
			kind: 'run', outcome, from: run.startedAt, to: Math.max(run.startedAt, to), source: run.source,
			...(run.exitCode === undefined ? {} : {exitCode: run.exitCode}),
			...(run.reason ? {reason: run.reason} : {}),
		});
		const gapEnd = next ? next.startedAt : !stillRunning && status?.state?.waiting ? end : undefined;
		if (gapEnd !== undefined && gapEnd > to) {
			const reason = next ? undefined : status?.state?.waiting?.reason;
			const source: TimeSource = run.source === 'inferred' || next?.source === 'inferred' ? 'inferred' : 'api';
			const blocked = !next && failure !== undefined && failure !== 'CrashLoopBackOff';
			segments.push({kind: 'backoff', from: to, to: gapEnd, source, ...(reason ? {reason} : {}), ...(blocked ? {blocked: true} : {})});
		}
	}
	return segments;
}

function laneSummary(facts: ContainerFacts, now: number): string {
	const {runs, status} = facts;
	const failure = waitingFailure(status);
	if (runs.length === 0) return failure ?? (facts.readyAt !== undefined ? 'waiting' : '');
	const last = runs[runs.length - 1]!;
	if (last.current && last.finishedAt === undefined) return `▶ ${humanDuration(now - last.startedAt)}`;
	if (succeededRun(last) && runs.length === 1) return `✔ ${humanDuration((last.finishedAt ?? last.startedAt) - last.startedAt)}`;
	const failed = runs.filter(r => !succeededRun(r)).length + facts.untold;
	if (failed === 0) return `✔ ×${runs.length}`;
	return last.exitCode === undefined ? `✖ ×${failed}` : `✖ exit ${last.exitCode} ×${failed}`;
}

function containerFacts(pod: Pod, history: PodHistory | undefined, events: KubeEvent[]): ContainerFacts[] {
	const statusByName = new Map<string, ContainerStatus>();
	for (const s of pod.status?.initContainerStatuses ?? []) statusByName.set(s.name, s);
	for (const s of pod.status?.containerStatuses ?? []) statusByName.set(s.name, s);
	const firstStarted = new Map<string, number>();
	const pulling = new Map<string, number>();
	const pulled = new Map<string, number>();
	for (const event of events) {
		const name = eventContainer(event);
		const at = real(event.firstTimestamp) ?? real(event.eventTime);
		if (!name || at === undefined) continue;
		if (event.reason === 'Pulling') pulling.set(name, Math.min(at, pulling.get(name) ?? at));
		if (event.reason === 'Pulled' && event.message?.startsWith('Successfully pulled')) pulled.set(name, Math.min(at, pulled.get(name) ?? at));
	}
	for (const event of events) {
		if (event.reason !== 'Started') continue;
		const name = eventContainer(event);
		const at = real(event.firstTimestamp) ?? real(event.eventTime);
		if (name && at !== undefined) firstStarted.set(name, Math.min(at, firstStarted.get(name) ?? at));
	}
	const created = real(pod.metadata.creationTimestamp) ?? 0;
	const facts: ContainerFacts[] = [];
	const specs: Array<[Container, 'init' | 'sidecar' | 'app']> = [
		...(pod.spec.initContainers ?? []).map(c => [c, isSidecarSpec(c) ? 'sidecar' : 'init'] as [Container, 'init' | 'sidecar']),
		...(pod.spec.containers ?? []).map(c => [c, 'app'] as [Container, 'app']),
	];
	let readyAt: number | undefined;
	let initBlocked = false;
	let appReadyAt: number | undefined;
	const initCount = pod.spec.initContainers?.length ?? 0;
	for (let i = 0; i < specs.length; i++) {
		const [spec, kind] = specs[i]!;
		const status = statusByName.get(spec.name);
		const known = collectRuns(status, history?.containers[spec.name]);
		const everStarted = known.length > 0 || (status?.restartCount ?? 0) > 0;
		const expected = everStarted ? (status?.restartCount ?? 0) + 1 : 0;
		const stepReadyAt = kind === 'app' ? appReadyAt : initBlocked ? undefined : readyAt;
		const earliest = Math.max(created, stepReadyAt ?? created);
		const backoff = crashLoopBackoff(status);
		const inferred = inferRuns(known, expected - known.length, firstStarted.get(spec.name), stepReadyAt, earliest, backoff);
		const runs = [...inferred, ...known];
		const untold = Math.max(0, expected - known.length - inferred.length);
		const pullFrom = pulling.get(spec.name);
		const pullTo = pulled.get(spec.name);
		const pull = pullFrom === undefined ? undefined : pullTo !== undefined && pullTo >= pullFrom ? {from: pullFrom, to: pullTo} : {from: pullFrom};
		const fact: ContainerFacts = {spec, kind, runs, inferred: inferred.length, backoff: backoff.text, untold, ...(pull ? {pull} : {}), ...(status ? {status} : {}), ...(stepReadyAt === undefined ? {} : {readyAt: stepReadyAt})};
		if (kind !== 'app') {
			// The next init step's turn: this one exited 0, or (sidecar) started.
			const completed = runs.find(r => succeededRun(r) && r.finishedAt !== undefined);
			const doneAt = kind === 'sidecar'
				? (status?.started || runs.length > 1 || completed ? runs[0]?.startedAt : undefined)
				: completed?.finishedAt;
			if (doneAt === undefined) initBlocked = true;
			else fact.doneAt = doneAt;
			if (!initBlocked) readyAt = doneAt;
			if (i === initCount - 1 && !initBlocked) appReadyAt = doneAt;
		}
		facts.push(fact);
	}
	// No init containers: the app containers start together, right after the pod's pre-start.
	return facts;
}

/** The lanes of a pod's start-up in time, from the pod, its events and what initk9 observed. */
export function timelineFacts(input: TimelineFactsInput): TimelineFacts {
	const {pod, now} = input;
	const uid = pod.metadata.uid;
	const events = input.events.filter(e => (uid && e.involvedObject.uid ? e.involvedObject.uid === uid : e.involvedObject.name === pod.metadata.name));
	const facts = containerFacts(pod, input.history, events);

	// Start: creation, or the earliest thing known.
	let start = real(pod.metadata.creationTimestamp) ?? Number.POSITIVE_INFINITY;
	for (const f of facts) for (const r of f.runs) start = Math.min(start, r.startedAt);
	if (!Number.isFinite(start)) start = now - 1000;

	// End: now, or shortly after every app container was running once start-up is over.
	const appFacts = facts.filter(f => f.kind === 'app');
	// Never before the newest timestamp: the cluster's clock may run ahead of this machine's.
	let latest = start + 1000;
	for (const f of facts) for (const r of f.runs) latest = Math.max(latest, r.finishedAt ?? r.startedAt);
	let end = Math.max(now, latest);
	let endsAtRunning = false;
	const appStarts = appFacts.map(f => {
		const current = f.runs[f.runs.length - 1];
		return current?.current && current.finishedAt === undefined && f.runs.length === 1 ? current.startedAt : undefined;
	});
	const phase = pod.status?.phase;
	if (phase === 'Succeeded' || phase === 'Failed') {
		// A finished pod: stop shortly after its last container ended.
		let lastEnd = start;
		for (const f of facts) for (const r of f.runs) lastEnd = Math.max(lastEnd, r.finishedAt ?? r.startedAt);
		const cut = lastEnd + Math.max(5000, (lastEnd - start) * 0.25);
		if (lastEnd > start && cut < end) {
			end = cut;
			endsAtRunning = true;
		}
	} else if (appFacts.length > 0 && appStarts.every(t => t !== undefined) && facts.every(f => f.kind === 'app' || f.doneAt !== undefined)) {
		const runningAt = Math.max(...(appStarts as number[]));
		const cut = runningAt + Math.max(5000, (runningAt - start) * 0.25);
		if (cut < end) {
			end = cut;
			endsAtRunning = true;
		}
	}

	// The pod lane: unscheduled, then the wait before the first container started.
	const conditions = pod.status?.conditions ?? [];
	const scheduledCondition = conditions.find(c => c.type === 'PodScheduled');
	const scheduledEvent = events.find(e => e.reason === 'Scheduled');
	const scheduledAt = scheduledCondition?.status === 'True'
		? real(scheduledCondition.lastTransitionTime) ?? (scheduledEvent ? eventTime(scheduledEvent) : undefined) ?? real(pod.status?.startTime) ?? start
		: scheduledEvent ? eventTime(scheduledEvent) : pod.spec.nodeName ? real(pod.status?.startTime) ?? start : undefined;
	let firstRun: number | undefined;
	for (const f of facts) for (const r of f.runs) firstRun = firstRun === undefined ? r.startedAt : Math.min(firstRun, r.startedAt);
	const podSegments: RawSegment[] = [];
	const firstFacts = facts.find(f => f.kind !== 'app') ?? facts[0];
	// Before the sandbox (issue 18): the wait is marked with the volume or sandbox warning behind it.
	const inSandbox = firstRun === undefined && beforeSandbox(pod);
	const firstFailure = waitingFailure(firstFacts?.status) ?? (inSandbox ? sandboxWarning(events) : undefined);
	if (scheduledAt === undefined) {
		const reason = scheduledCondition?.reason;
		podSegments.push({kind: 'pending', from: start, to: end, source: 'api', ...(reason ? {reason, blocked: reason !== 'SchedulingGated' ? true : undefined} : {})});
	} else {
		const from = Math.max(start, Math.min(scheduledAt, firstRun ?? scheduledAt));
		if (from > start) podSegments.push({kind: 'pending', from: start, to: from, source: 'api'});
		const to = firstRun ?? end;
		if (to > from) {
			podSegments.push({
				kind: 'prestart', from, to, source: 'api',
				...(firstRun === undefined && firstFailure ? {blocked: true, reason: firstFailure} : {}),
			});
		}
	}
	const podSummary = scheduledAt === undefined
		? `${scheduledCondition?.reason ?? 'pending'} ${humanDuration(now - start)}`
		: firstRun === undefined ? `${inSandbox ? 'sandbox' : 'waiting'} ${humanDuration(now - start)}` : `started +${humanDuration(firstRun - start)}`;

	const clip = (s: RawSegment): RawSegment | undefined => {
		const from = Math.max(start, Math.min(s.from, end));
		const to = Math.max(from, Math.min(s.to, end));
		return s.from > end ? undefined : {...s, from, to};
	};

	let initIndex = 0;
	let appIndex = 0;
	const lanes: LaneFacts[] = [{
		key: 'pod', kind: 'pod', name: pod.metadata.name, position: 0, spans: podSegments, markers: [], runs: 0, inferredRuns: 0, untoldRuns: 0, summary: podSummary,
	}];
	for (const f of facts) {
		lanes.push({
			key: `${f.kind === 'app' ? 'app' : 'init'}:${f.spec.name}`,
			kind: f.kind,
			name: f.spec.name,
			position: f.kind === 'app' ? ++appIndex : ++initIndex,
			spans: containerSegments(f, end),
			markers: [],
			runs: f.runs.length,
			inferredRuns: f.inferred,
			backoff: f.backoff,
			untoldRuns: f.untold,
			summary: laneSummary(f, now),
		});
	}
	for (const lane of lanes) lane.spans = lane.spans.map(clip).filter((s): s is RawSegment => s !== undefined);

	// Warning markers on the lane they concern (pod-level events on the pod lane).
	const laneByName = new Map(lanes.filter(l => l.kind !== 'pod').map(l => [l.name, l]));
	for (const event of events) {
		if (!isMarkerEvent(event)) continue;
		const at = eventTime(event);
		if (at === undefined || at > end + 1000) continue;
		const lane = laneByName.get(eventContainer(event) ?? '') ?? lanes[0]!;
		lane.markers.push({at: Math.max(start, Math.min(at, end)), reason: event.reason ?? '', message: event.message ?? '', count: event.count ?? 1});
	}

	return {start, end, endsAtRunning, finished: phase === 'Succeeded' || phase === 'Failed', lanes};
}
