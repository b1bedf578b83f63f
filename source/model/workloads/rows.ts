// The workload tables' rows: each workload with its pods, split by revision, and its WHY. One
// verdict per pod per refresh, shared by every workload that looks at the pod. Pure.
import type {Pod} from '../k8s-types.js';
import {podVerdict, type DiagnosisConfig, type PodVerdict} from '../verdict.js';
import {workloadPods, type WorkloadPods} from './pods.js';
import type {Workload} from './types.js';
import {byName} from './table.js';
import {workloadWhy, type VerdictOf, type WorkloadWhy} from './why.js';

export interface WorkloadRow {
	uid: string;
	workload: Workload;
	pods: WorkloadPods;
	why: WorkloadWhy;
}

export interface WorkloadSources {
	workloads: Iterable<Workload>;
	pods: Iterable<Pod>;
	/** For Deployments: their ReplicaSets carry the revisions. */
	replicaSets: Iterable<Workload>;
}

/** Verdicts computed once per pod object for this moment. */
export function verdictCache(now: number, config: DiagnosisConfig): VerdictOf {
	const cache = new Map<Pod, PodVerdict>();
	return pod => {
		let verdict = cache.get(pod);
		if (!verdict) cache.set(pod, verdict = podVerdict(pod, now, config));
		return verdict;
	};
}

export function workloadRow(workload: Workload, sources: Omit<WorkloadSources, 'workloads'>, verdictOf: VerdictOf, now: number): WorkloadRow {
	const pods = workloadPods(workload, sources.pods, sources.replicaSets);
	return {uid: workload.metadata.uid ?? `${workload.kind}/${workload.metadata.namespace}/${workload.metadata.name}`, workload, pods, why: workloadWhy(workload, pods, verdictOf, now)};
}

/** Rows by namespace, kind, name. */
export function workloadRows(sources: WorkloadSources, verdictOf: VerdictOf, now: number): WorkloadRow[] {
	const pods = [...sources.pods];
	const replicaSets = [...sources.replicaSets];
	return [...sources.workloads].map(workload => workloadRow(workload, {pods, replicaSets}, verdictOf, now)).sort(byName);
}
