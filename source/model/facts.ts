// The facts behind a pod's diagnosis and what to read to get them. One plan, two drivers: the TUI
// reads it live (hooks/usePodDetails.ts, re-reading running logs and lookups now and then) and
// `initk9 report` once (report/gather.ts). Same plan, same reads, same numbers: the TUI's export
// and `initk9 report` of the same pod tell the same story.

import type {PodTemplateSource} from './bisect.js';
import type {ClaimLookup, ContainerLog, ServiceLookup} from './findings/types.js';
import {claimsToLookUp, servicesToLookUp} from './findings/index.js';
import type {InitSequence} from './init-sequence.js';
import {runSucceeded} from './container-state.js';
import type {PodHistory} from './instance-history.js';
import type {KubeEvent, Pod} from './k8s-types.js';

/** Lines read of every log the diagnosis looks at (findings quote the last few; the checklist scans them). */
export const FACT_LOG_LINES = 20;
/** The live driver re-reads running logs and Service lookups this often. */
export const FACTS_REFRESH_MS = 3000;

/** Everything a diagnosis, the checklist and the report are made from. */
export interface PodFacts {
	pod: Pod;
	/** This pod's events (other incarnations with the same name left out). */
	events: readonly KubeEvent[];
	/** Last lines of container logs, keyed by container name. */
	logs: Readonly<Record<string, ContainerLog>>;
	/** Service lookups keyed by `namespace/name`. */
	services: Readonly<Record<string, ServiceLookup>>;
	/** PersistentVolumeClaim lookups (with their StorageClass) keyed by `namespace/name`, while no container was created. */
	claims?: Readonly<Record<string, ClaimLookup>>;
	/** The owning controller's pod template, for the bisect manifests (undefined: none or unreadable). */
	owner?: PodTemplateSource;
	/** Container instances seen while initk9 ran (earlier runs than the API keeps). */
	history?: PodHistory;
	now: number;
}

export interface LogRead {
	container: string;
	previous: boolean;
	tailLines: number;
	/** A running container keeps writing: the live driver re-reads it. */
	running: boolean;
	/** Changes when there is a new instance to read. */
	key: string;
}

/**
 * The logs the diagnosis wants: the failed instance of every failing container (previous while it
 * waits to restart), running init containers (dependency waits), and app containers that ran
 * (the checklist looks for "permission denied" there).
 */
export function logReads(sequence: InitSequence): LogRead[] {
	const reads: LogRead[] = [];
	for (const step of sequence.steps) {
		const read = (previous: boolean, running: boolean, key: string) => reads.push({container: step.name, previous, tailLines: FACT_LOG_LINES, running, key: `${step.name}:${key}`});
		if (step.terminated && step.symbol === 'failed') read(false, false, step.terminated.containerID ?? String(step.restarts));
		else if (!step.terminated && step.state !== 'Running' && step.lastTerminated && !runSucceeded(step.lastTerminated.exitCode, step.lastTerminated.reason)) read(true, false, `prev:${step.lastTerminated.containerID ?? step.restarts}`);
		else if (step.state === 'Running' && step.kind !== 'sidecar') read(false, true, `running:${step.status?.containerID ?? ''}`);
		else if (step.kind === 'app' && step.terminated) read(false, false, step.terminated.containerID ?? String(step.restarts));
	}
	return reads;
}

/** The Services (namespace/name) the pod's init containers wait for. */
export function serviceReads(pod: Pod, sequence: InitSequence): Array<{namespace: string; name: string}> {
	return servicesToLookUp({pod, sequence});
}

/** The PersistentVolumeClaims (namespace/name) to read while the pod has not created a container (issue 18). */
export function claimReads(pod: Pod): Array<{namespace: string; name: string}> {
	return claimsToLookUp(pod);
}

/** A pod's own events: those of other incarnations with the same name left out. */
export function ownEvents<T extends KubeEvent>(events: Iterable<T>, uid: string | undefined): T[] {
	return [...events].filter(event => !uid || !event.involvedObject.uid || event.involvedObject.uid === uid);
}

/** Logs of the app containers only (what the checklist scans). */
export function appLogLines(facts: Pick<PodFacts, 'pod' | 'logs'>): Record<string, readonly string[]> {
	const apps = new Set(facts.pod.spec.containers.map(container => container.name));
	return Object.fromEntries(Object.entries(facts.logs).filter(([container]) => apps.has(container)).map(([container, log]) => [container, log.lines]));
}

