// kubectl's columns for each workload kind, as `kubectl get` prints them (the server printers of
// pkg/printers/internalversion): Deployment READY UP-TO-DATE AVAILABLE AGE; StatefulSet READY AGE;
// DaemonSet DESIRED CURRENT READY UP-TO-DATE AVAILABLE AGE; Job STATUS COMPLETIONS DURATION AGE;
// ReplicaSet DESIRED CURRENT READY AGE. Pure.
import {humanDuration} from '../duration.js';
import type {Workload, WorkloadKind} from './types.js';

export interface WorkloadColumn {
	title: string;
	cell(workload: Workload, now: number): string;
}

const n = (value: number | undefined | null) => String(value ?? 0);

export function ageOf(workload: Workload, now: number): string {
	const created = Date.parse(workload.metadata.creationTimestamp ?? '');
	return Number.isNaN(created) ? '<unknown>' : humanDuration(now - created);
}

function condition(workload: Workload, type: string) {
	return workload.status?.conditions?.find(item => item.type === type && item.status === 'True');
}

/** kubectl 1.30+'s Job STATUS: Complete, Failed, Suspended, FailureTarget, SuccessCriteriaMet, Running. */
export function jobStatus(job: Workload): string {
	for (const type of ['Failed', 'Complete', 'Suspended', 'FailureTarget', 'SuccessCriteriaMet']) if (condition(job, type)) return type;
	return 'Running';
}

/** `1/1`; a Job without completions prints `succeeded/1 of parallelism`. */
export function jobCompletions(job: Workload): string {
	const completions = job.spec?.completions;
	if (completions !== undefined && completions !== null) return `${n(job.status?.succeeded)}/${completions}`;
	const parallelism = job.spec?.parallelism ?? 1;
	return parallelism > 1 ? `${n(job.status?.succeeded)}/1 of ${parallelism}` : `${n(job.status?.succeeded)}/1`;
}

export function jobDuration(job: Workload, now: number): string {
	const start = Date.parse(job.status?.startTime ?? '');
	if (Number.isNaN(start)) return '';
	const end = Date.parse(job.status?.completionTime ?? '');
	return humanDuration((Number.isNaN(end) ? now : end) - start);
}

const AGE: WorkloadColumn = {title: 'AGE', cell: ageOf};

export const KIND_COLUMNS: Readonly<Record<WorkloadKind, readonly WorkloadColumn[]>> = {
	Deployment: [
		{title: 'READY', cell: w => `${n(w.status?.readyReplicas)}/${n(w.spec?.replicas)}`},
		{title: 'UP-TO-DATE', cell: w => n(w.status?.updatedReplicas)},
		{title: 'AVAILABLE', cell: w => n(w.status?.availableReplicas)},
		AGE,
	],
	ReplicaSet: [
		{title: 'DESIRED', cell: w => n(w.spec?.replicas)},
		{title: 'CURRENT', cell: w => n(w.status?.replicas)},
		{title: 'READY', cell: w => n(w.status?.readyReplicas)},
		AGE,
	],
	StatefulSet: [
		{title: 'READY', cell: w => `${n(w.status?.readyReplicas)}/${n(w.spec?.replicas)}`},
		AGE,
	],
	DaemonSet: [
		{title: 'DESIRED', cell: w => n(w.status?.desiredNumberScheduled)},
		{title: 'CURRENT', cell: w => n(w.status?.currentNumberScheduled)},
		{title: 'READY', cell: w => n(w.status?.numberReady)},
		{title: 'UP-TO-DATE', cell: w => n(w.status?.updatedNumberScheduled)},
		{title: 'AVAILABLE', cell: w => n(w.status?.numberAvailable)},
		AGE,
	],
	Job: [
		{title: 'STATUS', cell: jobStatus},
		{title: 'COMPLETIONS', cell: jobCompletions},
		{title: 'DURATION', cell: jobDuration},
		AGE,
	],
};

/** The one READY-like figure per kind for the `:workloads` view (a Job's is its completions). */
export function readyOf(workload: Workload): string {
	switch (workload.kind) {
		case 'DaemonSet': return `${n(workload.status?.numberReady)}/${n(workload.status?.desiredNumberScheduled)}`;
		case 'Job': return jobCompletions(workload);
		case 'ReplicaSet': return `${n(workload.status?.readyReplicas)}/${n(workload.spec?.replicas)}`;
		default: return `${n(workload.status?.readyReplicas)}/${n(workload.spec?.replicas)}`;
	}
}

/** The `:workloads` view's columns: the ones every kind has a meaning for. */
export const ALL_KIND_COLUMNS: readonly WorkloadColumn[] = [
	{title: 'READY', cell: readyOf},
	{title: 'UP-TO-DATE', cell: w => (w.kind === 'Job' ? '' : n(w.kind === 'DaemonSet' ? w.status?.updatedNumberScheduled : w.status?.updatedReplicas))},
	{title: 'AVAILABLE', cell: w => (w.kind === 'Job' || w.kind === 'StatefulSet' ? '' : n(w.kind === 'DaemonSet' ? w.status?.numberAvailable : w.status?.availableReplicas))},
	AGE,
];
