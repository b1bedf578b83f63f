// The two templates a rollout goes between: a Deployment's current ReplicaSet and the one of the
// revision before it (kept, scaled to zero, in its revision history); for kinds without
// ReplicaSets, a pod of an old revision against a pod of the new one. Pure.
import type {PodSpec} from '../k8s-types.js';
import {replicaSetsOf, revisionOf, type WorkloadPods} from './pods.js';
import {templateDiff, type TemplateChange} from './template-diff.js';
import type {Workload} from './types.js';

export interface RolloutChange {
	/** `revision 1 → 2`, `web-a → web-b`. */
	title: string;
	changes: TemplateChange[];
}

export function rolloutChange(workload: Workload, pods: WorkloadPods, replicaSets: Iterable<Workload>): RolloutChange | undefined {
	if (workload.kind === 'Deployment') {
		const sets = replicaSetsOf(workload, replicaSets);
		const current = revisionOf(workload) || (sets[0] ? revisionOf(sets[0]) : 0);
		const fresh = sets.find(rs => revisionOf(rs) === current);
		const previous = sets.find(rs => revisionOf(rs) < current);
		const before = previous?.spec?.template?.spec;
		const after = fresh?.spec?.template?.spec ?? workload.spec?.template?.spec;
		if (!before || !after) return undefined;
		return {title: `revision ${revisionOf(previous!)} → ${current}`, changes: templateDiff(before, after)};
	}
	const fresh = pods.groups.find(group => group.role === 'new');
	const old = pods.groups.find(group => group.role === 'old' && group.pods.length > 0);
	const before: PodSpec | undefined = old?.pods[0]?.spec;
	const after: PodSpec | undefined = fresh?.pods[0]?.spec ?? workload.spec?.template?.spec;
	if (!before || !after) return undefined;
	return {title: `${old?.revision ?? 'old'} → ${fresh?.revision ?? 'new'}`, changes: templateDiff(before, after)};
}
