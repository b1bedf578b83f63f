// The pod's start-up as a picture: one lane per container in execution order (init containers,
// native sidecars marked, then app containers) under a "pod" lane for scheduling and the wait
// before the first container started. Time runs left to right from pod creation to now (or a
// little past the moment the app was running); spans that would swamp the picture are compressed
// (≈ on the axis) so a 40-minute wait and a 2-second init container are both legible, while
// ordinary spans stay linear so an exponential back-off looks exponential.
//
// Honesty: the API holds only the current and the previous instance of a container. Earlier runs
// come from what initk9 observed (PodHistory) or are inferred from restartCount and the kubelet's
// back-off (model/backoff.ts: 10s, 20s, 40s … 5m unless the kubelet reports another); every segment says which (`source`), and inferred runs are drawn
// with their own glyph.

import type {Container, ContainerStatus, KubeEvent, Pod} from '../model/k8s-types.js';
import {runIdentity, type ObservedInstance, type PodHistory} from '../model/instance-history.js';
import {humanDuration} from '../model/duration.js';
import {backoffBefore, crashLoopBackoff, type Backoff} from '../model/backoff.js';
import {beforeSandbox, sandboxWarning} from '../model/sandbox.js';
import {isSidecarSpec, NOT_STARTED_REASONS, runSucceeded, timestampMs, ZERO_TIME} from '../model/container-state.js';

export type LaneKind = 'pod' | 'init' | 'sidecar' | 'app';
export type SegmentKind = 'pending' | 'prestart' | 'wait' | 'pull' | 'run' | 'backoff';
export type RunOutcome = 'completed' | 'running' | 'failed';
/** Where a segment's times come from: the pod object, initk9's own observation, or inference. */
export type TimeSource = 'api' | 'observed' | 'inferred';

export type TimelineStyle =
	| 'label' | 'sidecar' | 'summary' | 'blank'
	| 'completed' | 'running' | 'failed' | 'inferred'
	| 'backoff' | 'wait' | 'pull' | 'pending' | 'blocked' | 'marker'
	| 'axis' | 'compressed' | 'tick' | 'note';

export interface TimelineCell {
	text: string;
	style: TimelineStyle;
}

export interface TimelineSegment {
	kind: SegmentKind;
	outcome?: RunOutcome;
	from: number;
	to: number;
	source: TimeSource;
	/** source !== 'inferred'. */
	known: boolean;
	/** A wait that is failing (ImagePullBackOff, Unschedulable, …). */
	blocked?: boolean;
	exitCode?: number;
	reason?: string;
	/** Plot columns [startCol, endCol). */
	startCol: number;
	endCol: number;
}

export interface TimelineMarker {
	at: number;
	reason: string;
	message: string;
	count: number;
	col: number;
}

export interface TimelineLane {
	key: string;
	kind: LaneKind;
	name: string;
	/** `pod`, `I1 init-myservice`, `I2 istio-proxy ↻`, `A1 myapp-container`. */
	label: string;
	segments: TimelineSegment[];
	markers: TimelineMarker[];
	/** Runs drawn (known + inferred) and how many of them are inferred. */
	runs: number;
	inferredRuns: number;
	/** Earlier runs the restart count tells of that are not drawn (too many to infer). */
	untoldRuns: number;
	summary: string;
	/** The crash-loop back-off inferred runs were placed with, in words (model/backoff.ts). */
	backoff?: string;
}

export interface TimelineTick {
	at: number;
	col: number;
	text: string;
}

export interface CompressedSpan {
	from: number;
	to: number;
	startCol: number;
	endCol: number;
}

export interface TimelineLayout {
	start: number;
	end: number;
	/** The picture stops shortly after the app started running (or the pod finished) instead of at now. */
	endsAtRunning: boolean;
	width: number;
	labelWidth: number;
	plotWidth: number;
	summaryWidth: number;
	lanes: TimelineLane[];
	ticks: TimelineTick[];
	compressed: CompressedSpan[];
	/** Lanes, then the axis, then the tick labels: each row fits `width` columns exactly. */
	rows: TimelineCell[][];
	/** The glyphs used in this picture, explained; wrapped to `width`. */
	legend: TimelineCell[][];
	/** What is known and what is inferred, in words. */
	notes: string[];
}

export interface TimelineInput {
	pod: Pod;
	events: KubeEvent[];
	history?: PodHistory;
	now: number;
	width: number;
}

export const TIMELINE_GLYPHS = {
	completed: '█',
	running: '▓',
	failed: '╳',
	inferred: '×',
	backoff: '·',
	wait: '░',
	pull: '▫',
	pending: '┈',
	blocked: '▒',
	marker: '!',
	axis: '─',
	compressed: '≈',
	tick: '┬',
} as const;

const SIDECAR_MARK = '↻';
const MAX_INFERRED_RUNS = 60;
const LEGEND: Array<[TimelineStyle, string]> = [
	['completed', 'done'], ['running', 'running'], ['failed', 'failed'], ['inferred', 'inferred run'], ['backoff', 'back-off'],
	['wait', 'waiting'], ['pull', 'pulling image'], ['pending', 'scheduling'], ['blocked', 'blocked'], ['marker', 'warning'], ['compressed', 'compressed'],
];
/** A span whose share of the picture would exceed this is compressed. */
const MAX_SPAN_SHARE = 0.5;

// ------------------------------------------------------------------------------------------
// Time → columns

interface Scale {
	bounds: number[];
	cols: number[];
	compressed: CompressedSpan[];
	colAt(t: number): number;
}

function spanWeight(d: number, cap: number): number {
	return d <= cap ? d : cap * (1 + Math.log(d / cap));
}

/**
 * The cap above which spans are drawn logarithmically (Infinity: none). Only spans that dominate
 * are compressed: the cap never goes below the total of all the other spans, and within that it
 * is the largest cap that keeps every span under MAX_SPAN_SHARE of the picture.
 */
function compressionCap(durations: number[]): number {
	const positive = durations.filter(d => d > 0);
	if (positive.length < 2) return Number.POSITIVE_INFINITY;
	const share = (cap: number) => {
		let max = 0;
		let sum = 0;
		for (const d of positive) {
			const w = spanWeight(d, cap);
			sum += w;
			if (w > max) max = w;
		}
		return max / sum;
	};
	const total = positive.reduce((a, b) => a + b, 0);
	const longest = Math.max(...positive);
	if (share(longest) <= MAX_SPAN_SHARE) return Number.POSITIVE_INFINITY;
	const floor = Math.min(longest, total - longest);
	if (share(floor) > MAX_SPAN_SHARE) return floor;
	let lo = Math.log(floor);
	let hi = Math.log(longest);
	for (let i = 0; i < 40; i++) {
		const mid = (lo + hi) / 2;
		if (share(Math.exp(mid)) <= MAX_SPAN_SHARE) lo = mid;
		else hi = mid;
	}
	return Math.exp(lo);
}

/** Integer widths summing to `total`, proportional to `weights`, each at least `min` where possible. */
function distribute(weights: number[], total: number, min: number): number[] {
	const n = weights.length;
	const clamped = new Array<boolean>(n).fill(false);
	let scale = 0;
	for (let round = 0; round <= n; round++) {
		let free = total;
		let weight = 0;
		for (let i = 0; i < n; i++) {
			if (clamped[i]) free -= min;
			else weight += weights[i]!;
		}
		scale = weight > 0 ? Math.max(0, free) / weight : 0;
		let changed = false;
		for (let i = 0; i < n; i++) {
			if (!clamped[i] && weights[i]! * scale < min) {
				clamped[i] = true;
				changed = true;
			}
		}
		if (!changed) break;
	}
	const exact = weights.map((w, i) => (clamped[i] ? min : w * scale));
	const widths = exact.map(Math.floor);
	let left = total - widths.reduce((a, b) => a + b, 0);
	const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
	for (let k = 0; left > 0 && n > 0; k = (k + 1) % n, left--) widths[order[k]![1]]++;
	return widths;
}

function buildScale(times: number[], start: number, end: number, plotWidth: number): Scale {
	const bounds = [...new Set(times.filter(t => t > start && t < end))].sort((a, b) => a - b);
	bounds.unshift(start);
	bounds.push(end);
	const durations: number[] = [];
	for (let i = 0; i + 1 < bounds.length; i++) durations.push(bounds[i + 1]! - bounds[i]!);
	const cap = compressionCap(durations);
	const weights = durations.map(d => spanWeight(d, cap));
	const min = durations.length <= plotWidth ? 1 : 0;
	const widths = distribute(weights, plotWidth, min);
	const cols = [0];
	for (const w of widths) cols.push(cols[cols.length - 1]! + w);
	const compressed: CompressedSpan[] = [];
	for (let i = 0; i < durations.length; i++) {
		if (durations[i]! > cap && widths[i]! >= 3) compressed.push({from: bounds[i]!, to: bounds[i + 1]!, startCol: cols[i]!, endCol: cols[i + 1]!});
	}
	const colAt = (t: number): number => {
		if (t <= start) return 0;
		if (t >= end) return plotWidth;
		let lo = 0;
		let hi = bounds.length - 1;
		while (hi - lo > 1) {
			const mid = (lo + hi) >> 1;
			if (bounds[mid]! <= t) lo = mid;
			else hi = mid;
		}
		const d = bounds[lo + 1]! - bounds[lo]!;
		return cols[lo]! + (d > 0 ? ((t - bounds[lo]!) / d) * (cols[lo + 1]! - cols[lo]!) : 0);
	};
	return {bounds, cols, compressed, colAt};
}

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

type RawSegment = Omit<TimelineSegment, 'startCol' | 'endCol' | 'known'>;

interface RawMarker {
	at: number;
	reason: string;
	message: string;
	count: number;
}

interface RawLane {
	key: string;
	kind: LaneKind;
	name: string;
	label: string;
	segments: RawSegment[];
	markers: RawMarker[];
	runs: number;
	inferredRuns: number;
	untoldRuns: number;
	summary: string;
	backoff?: string;
}

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

// ------------------------------------------------------------------------------------------
// Putting it on a grid

interface Paint {
	ch: string;
	style: TimelineStyle;
	priority: number;
}

const PRIORITY: Partial<Record<TimelineStyle, number>> = {
	pending: 1, wait: 1, blocked: 1, pull: 2, backoff: 2, inferred: 3, completed: 3, failed: 4, running: 4, marker: 5,
};

function segmentStyle(segment: RawSegment): TimelineStyle {
	if (segment.kind === 'run') return segment.source === 'inferred' ? 'inferred' : segment.outcome ?? 'failed';
	if (segment.blocked) return 'blocked';
	if (segment.kind === 'backoff') return 'backoff';
	if (segment.kind === 'pending') return 'pending';
	if (segment.kind === 'pull') return 'pull';
	return 'wait';
}

function fit(text: string, width: number): string {
	if (width <= 0) return '';
	if (text.length > width) return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
	return text.padEnd(width);
}

function mergeCells(cells: Paint[]): TimelineCell[] {
	const out: TimelineCell[] = [];
	for (const cell of cells) {
		const last = out[out.length - 1];
		if (last && last.style === cell.style) last.text += cell.ch;
		else out.push({text: cell.ch, style: cell.style});
	}
	return out;
}

export function layoutTimeline(input: TimelineInput): TimelineLayout {
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
	const rawLanes: RawLane[] = [{
		key: 'pod', kind: 'pod', name: pod.metadata.name, label: 'pod', segments: podSegments, markers: [], runs: 0, inferredRuns: 0, untoldRuns: 0, summary: podSummary,
	}];
	for (const f of facts) {
		const label = f.kind === 'app' ? `A${++appIndex} ${f.spec.name}` : `I${++initIndex} ${f.spec.name}${f.kind === 'sidecar' ? ` ${SIDECAR_MARK}` : ''}`;
		rawLanes.push({
			key: `${f.kind === 'app' ? 'app' : 'init'}:${f.spec.name}`,
			kind: f.kind,
			name: f.spec.name,
			label,
			segments: containerSegments(f, end),
			markers: [],
			runs: f.runs.length,
			inferredRuns: f.inferred,
			backoff: f.backoff,
			untoldRuns: f.untold,
			summary: laneSummary(f, now),
		});
	}
	for (const lane of rawLanes) lane.segments = lane.segments.map(clip).filter((s): s is RawSegment => s !== undefined);

	// Warning markers on the lane they concern (pod-level events on the pod lane).
	const laneByName = new Map(rawLanes.filter(l => l.kind !== 'pod').map(l => [l.name, l]));
	for (const event of events) {
		if (!isMarkerEvent(event)) continue;
		const at = eventTime(event);
		if (at === undefined || at > end + 1000) continue;
		const lane = laneByName.get(eventContainer(event) ?? '') ?? rawLanes[0]!;
		lane.markers.push({at: Math.max(start, Math.min(at, end)), reason: event.reason ?? '', message: event.message ?? '', count: event.count ?? 1});
	}

	// Geometry.
	const width = Math.max(20, Math.floor(input.width));
	const summaryWidth = width >= 70 ? 14 : 0;
	const longestLabel = Math.max(...rawLanes.map(l => l.label.length));
	const labelWidth = Math.max(6, Math.min(longestLabel, Math.floor(width * 0.3), 28));
	const plotWidth = Math.max(8, width - labelWidth - 1 - (summaryWidth > 0 ? summaryWidth + 1 : 0));
	const times: number[] = [];
	for (const lane of rawLanes) for (const s of lane.segments) times.push(s.from, s.to);
	const scale = buildScale(times, start, end, plotWidth);
	const toCols = (from: number, to: number): [number, number] => {
		let startCol = Math.min(plotWidth - 1, Math.round(scale.colAt(from)));
		const endCol = Math.max(startCol + 1, Math.min(plotWidth, Math.round(scale.colAt(to))));
		if (startCol < 0) startCol = 0;
		return [startCol, endCol];
	};

	const lanes: TimelineLane[] = rawLanes.map(lane => ({
		key: lane.key,
		kind: lane.kind,
		name: lane.name,
		label: lane.label,
		runs: lane.runs,
		inferredRuns: lane.inferredRuns,
		untoldRuns: lane.untoldRuns,
		summary: lane.summary,
		...(lane.backoff ? {backoff: lane.backoff} : {}),
		segments: lane.segments.map(s => {
			const [startCol, endCol] = toCols(s.from, s.to);
			return {...s, known: s.source !== 'inferred', startCol, endCol};
		}),
		markers: lane.markers.map(m => ({...m, col: Math.min(plotWidth - 1, Math.floor(scale.colAt(m.at)))})),
	}));

	const rows: TimelineCell[][] = [];
	for (const lane of lanes) {
		const paint: Paint[] = Array.from({length: plotWidth}, () => ({ch: ' ', style: 'blank' as TimelineStyle, priority: 0}));
		for (const s of lane.segments) {
			const style = segmentStyle(s);
			const glyph = TIMELINE_GLYPHS[style as keyof typeof TIMELINE_GLYPHS] ?? ' ';
			const priority = PRIORITY[style] ?? 0;
			for (let c = s.startCol; c < s.endCol; c++) {
				if (priority >= paint[c]!.priority) paint[c] = {ch: glyph, style, priority};
			}
		}
		for (const m of lane.markers) {
			const cell = paint[m.col]!;
			if (cell.priority < 3) paint[m.col] = {ch: TIMELINE_GLYPHS.marker, style: 'marker', priority: 5};
		}
		const row: TimelineCell[] = [{text: fit(lane.label, labelWidth), style: lane.kind === 'sidecar' ? 'sidecar' : 'label'}, {text: ' ', style: 'blank'}];
		row.push(...mergeCells(paint));
		if (summaryWidth > 0) row.push({text: ' ', style: 'blank'}, {text: fit(lane.summary, summaryWidth), style: 'summary'});
		rows.push(row);
	}

	// Axis and tick labels.
	const ticks: TimelineTick[] = [];
	const label = (at: number) => humanDuration(at - start);
	const taken: Array<[number, number]> = [];
	const tryTick = (at: number, col: number, text: string, force = false) => {
		const from = col;
		const to = col + text.length;
		if (from < 0 || to > plotWidth) return;
		if (!force && taken.some(([a, b]) => from < b + 1 && to + 1 > a)) return;
		taken.push([from, to]);
		ticks.push({at, col, text});
	};
	const endText = label(end);
	tryTick(start, 0, '0s', true);
	tryTick(end, plotWidth - endText.length, endText, true);
	const candidates = new Set<number>();
	for (const lane of lanes) for (const s of lane.segments) if (s.kind === 'run' && s.known) { candidates.add(s.from); break; }
	for (const span of scale.compressed) candidates.add(span.to);
	for (const at of [...candidates].sort((a, b) => a - b)) {
		if (at <= start || at >= end) continue;
		tryTick(at, Math.round(scale.colAt(at)), label(at));
	}
	ticks.sort((a, b) => a.col - b.col);

	const axis: Paint[] = Array.from({length: plotWidth}, () => ({ch: TIMELINE_GLYPHS.axis, style: 'axis' as TimelineStyle, priority: 0}));
	axis[0] = {ch: '├', style: 'axis', priority: 0};
	axis[plotWidth - 1] = {ch: '┤', style: 'axis', priority: 0};
	for (const tick of ticks) {
		const col = tick.at === end ? plotWidth - 1 : tick.col;
		if (col > 0 && col < plotWidth - 1) axis[col] = {ch: TIMELINE_GLYPHS.tick, style: 'axis', priority: 0};
	}
	for (const span of scale.compressed) {
		const mid = Math.floor((span.startCol + span.endCol) / 2);
		axis[Math.min(plotWidth - 1, mid)] = {ch: TIMELINE_GLYPHS.compressed, style: 'compressed', priority: 0};
	}
	const pad = (cells: TimelineCell[]): TimelineCell[] => [
		{text: ' '.repeat(labelWidth + 1), style: 'blank'},
		...cells,
		...(summaryWidth > 0 ? [{text: ' '.repeat(summaryWidth + 1), style: 'blank' as TimelineStyle}] : []),
	];
	rows.push(pad(mergeCells(axis)));
	const tickChars: Paint[] = Array.from({length: plotWidth}, () => ({ch: ' ', style: 'blank' as TimelineStyle, priority: 0}));
	for (const tick of ticks) for (let i = 0; i < tick.text.length; i++) tickChars[tick.col + i] = {ch: tick.text[i]!, style: 'tick', priority: 0};
	rows.push(pad(mergeCells(tickChars)));

	const notes: string[] = [];
	for (const lane of lanes) {
		if (lane.inferredRuns > 0) {
			notes.push(`${lane.name}: ${lane.inferredRuns} of ${lane.runs} runs inferred from the restart count and ${lane.backoff ?? "the kubelet's default back-off, 10s doubling to 5m (assumed)"}; their times are approximate`);
		}
		if (lane.untoldRuns > 0) notes.push(`${lane.name}: ${lane.untoldRuns} earlier runs (from the restart count) are not drawn`);
		const observed = lane.segments.filter(s => s.kind === 'run' && s.source === 'observed').length;
		if (observed > 0) notes.push(`${lane.name}: ${observed} earlier ${observed === 1 ? 'run' : 'runs'} observed by initk9 since it started watching`);
	}
	if (scale.compressed.length > 0) notes.push('≈ marks spans drawn shorter than scale to keep short steps legible');
	if (endsAtRunning) {
		notes.push(phase === 'Succeeded' || phase === 'Failed'
			? `the picture stops ${humanDuration(end - start)} after creation; the pod finished then`
			: `the picture stops ${humanDuration(end - start)} after creation; the app has been running since`);
	}

	const used = new Set<TimelineStyle>();
	for (const row of rows) for (const cell of row) used.add(cell.style);
	const legend: TimelineCell[][] = [];
	let line: TimelineCell[] = [];
	let lineWidth = 0;
	for (const [style, text] of LEGEND) {
		if (!used.has(style)) continue;
		const itemWidth = 2 + text.length + (line.length > 0 ? 2 : 0);
		if (line.length > 0 && lineWidth + itemWidth > width) {
			legend.push(line);
			line = [];
			lineWidth = 0;
		}
		if (line.length > 0) line.push({text: '  ', style: 'blank'});
		line.push({text: TIMELINE_GLYPHS[style as keyof typeof TIMELINE_GLYPHS], style}, {text: ` ${text}`, style: 'note'});
		lineWidth += 2 + text.length + (line.length > 2 ? 2 : 0);
	}
	if (line.length > 0) legend.push(line);

	return {
		start, end, endsAtRunning, width: labelWidth + 1 + plotWidth + (summaryWidth > 0 ? summaryWidth + 1 : 0), labelWidth, plotWidth, summaryWidth,
		lanes, ticks, compressed: scale.compressed, rows, legend, notes,
	};
}

/** A row's text without styles (tests, plain output). */
export function rowText(row: TimelineCell[]): string {
	return row.map(cell => cell.text).join('');
}
