// The workload kinds initk9 reads: where each lives in the API, and the `:` command names that
// open its view. One entry per kind: the session's watches, the owner reads and the command line
// all read this table.
import type {WorkloadKind} from './types.js';

export interface KindInfo {
	kind: WorkloadKind;
	/** `apps/v1`, `batch/v1`. */
	groupVersion: string;
	/** Plural resource name in URLs. */
	resource: string;
	/** `:` command names (the first is the canonical one shown in help). */
	commands: readonly string[];
	/** Shown in the `:workloads` KIND column and view titles. */
	short: string;
}

export const KINDS: Readonly<Record<WorkloadKind, KindInfo>> = {
	Deployment: {kind: 'Deployment', groupVersion: 'apps/v1', resource: 'deployments', commands: ['deploy', 'deployment', 'deployments', 'dp'], short: 'deploy'},
	ReplicaSet: {kind: 'ReplicaSet', groupVersion: 'apps/v1', resource: 'replicasets', commands: ['rs', 'replicaset', 'replicasets'], short: 'rs'},
	StatefulSet: {kind: 'StatefulSet', groupVersion: 'apps/v1', resource: 'statefulsets', commands: ['sts', 'statefulset', 'statefulsets'], short: 'sts'},
	DaemonSet: {kind: 'DaemonSet', groupVersion: 'apps/v1', resource: 'daemonsets', commands: ['ds', 'daemonset', 'daemonsets'], short: 'ds'},
	Job: {kind: 'Job', groupVersion: 'batch/v1', resource: 'jobs', commands: ['jobs', 'job'], short: 'job'},
};

/** The kinds the `:workloads` view lists (ReplicaSets show under their Deployment). */
export const LISTED_KINDS: readonly WorkloadKind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'];

export const WORKLOADS_COMMANDS: readonly string[] = ['workloads', 'workload', 'wl'];

export function isWorkloadKind(kind: string): kind is WorkloadKind {
	return Object.hasOwn(KINDS, kind);
}

/** The collection path (namespace undefined = all namespaces), or one object's path with `name`. */
export function workloadPath(kind: WorkloadKind, namespace: string | undefined, name?: string): string {
	const info = KINDS[kind];
	const scope = namespace === undefined ? '' : `/namespaces/${encodeURIComponent(namespace)}`;
	return `/apis/${info.groupVersion}${scope}/${info.resource}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
}

/** The kind a `:` command names, `all` for `:workloads`, undefined when it names none. */
export function kindOfCommand(verb: string): WorkloadKind | 'all' | undefined {
	if (WORKLOADS_COMMANDS.includes(verb)) return 'all';
	for (const info of Object.values(KINDS)) if (info.commands.includes(verb)) return info.kind;
	return undefined;
}
