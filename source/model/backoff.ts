// The crash-loop back-off the timeline places inferred runs with. Kubernetes' default is 10s
// doubling to 5m, but since 1.32–1.35 a node may cap it lower (kubelet crashLoopBackOff
// maxContainerRestartPeriod, KEP-4603 / KEP-5593) or start it lower. The kubelet's waiting
// message says the back-off it applies now (`back-off 40s restarting failed container=…`): when
// that contradicts the default, the observed value wins, and the text always says what was assumed.

import {parseBackOff} from './init-sequence.js';
import type {ContainerStatus} from './k8s-types.js';
import {humanDuration} from './duration.js';

export interface Backoff {
	initialMs: number;
	maxMs: number;
	/** What was assumed and why, for the timeline's notes. */
	text: string;
}

export const DEFAULT_INITIAL_BACKOFF_MS = 10_000;
export const DEFAULT_MAX_BACKOFF_MS = 300_000;

const DEFAULT_TEXT = "the kubelet's default back-off, 10s doubling to 5m";

/** The gap before instance `restart` (1-based restart number; the first run has none). */
export function backoffBefore(model: Backoff, restart: number): number {
	if (restart <= 1) return 0;
	return Math.min(model.initialMs * 2 ** (restart - 2), model.maxMs);
}

/** The back-off of one container: the default, unless its waiting message shows another. */
export function crashLoopBackoff(status: ContainerStatus | undefined): Backoff {
	const assumed = {initialMs: DEFAULT_INITIAL_BACKOFF_MS, maxMs: DEFAULT_MAX_BACKOFF_MS, text: ''};
	const waiting = status?.state?.waiting;
	const observed = waiting?.reason === 'CrashLoopBackOff' ? parseBackOff(waiting.message) : undefined;
	if (observed === undefined) return {...assumed, text: `${DEFAULT_TEXT} (assumed)`};
	const restarts = status?.restartCount ?? 0;
	// The wait before the next run, restart r+1, under the default.
	const expected = backoffBefore(assumed, restarts + 1);
	const reported = `the kubelet reports back-off ${humanDuration(observed)} after ${restarts} ${restarts === 1 ? 'restart' : 'restarts'}`;
	if (Math.abs(observed - expected) < 1000) return {...assumed, text: `${DEFAULT_TEXT} (${reported})`};
	if (observed < expected) {
		return {initialMs: Math.min(DEFAULT_INITIAL_BACKOFF_MS, observed), maxMs: observed, text: `10s doubling capped at ${humanDuration(observed)} — ${reported}, not the default: a lower maxContainerRestartPeriod assumed`};
	}
	return {initialMs: DEFAULT_INITIAL_BACKOFF_MS, maxMs: observed, text: `10s doubling to ${humanDuration(observed)} — ${reported}`};
}
