// The WHY of a workload, from its pods' verdicts (model/verdict.ts): the largest group of pods
// stuck the same way (one cause fingerprint) named once, with what the controller's own status
// adds (ProgressDeadlineExceeded, BackoffLimitExceeded, OrderedReady). Pure.
import {humanDuration} from '../duration.js';
import type {Pod} from '../k8s-types.js';
import {healthOf, type PodHealth} from '../pod-health.js';
import {readyConditionTrue} from '../pod-status.js';
import {exitPhrase, type PodVerdict} from '../verdict.js';
import type {WorkloadPods} from './pods.js';
import type {Workload} from './types.js';

export interface WorkloadWhy {
	/** '' when nothing is wrong or happening. */
	text: string;
	/** The row's class, in the pod table's vocabulary. */
	health: PodHealth;
}

export type VerdictOf = (pod: Pod) => PodVerdict;

const OK: WorkloadWhy = {text: '', health: 'healthy'};

/** `init 1/1 migrate-db (exit 127: command not found)`, `app 1/1 api (OOMKilled, exit 137)`. */
export function causePhrase(verdict: PodVerdict): string {
	const where = verdict.blocker ? `${verdict.blocker.position} ${verdict.blocker.name}` : verdict.stage;
	const exited = (verdict.reason === 'exit' || verdict.reason === 'oom') && verdict.exitCode !== undefined;
	const what = exited ? exitPhrase(verdict.exitCode!, verdict.reason === 'oom' ? 'OOMKilled' : undefined) : verdict.detail;
	return what ? `${where} (${what})` : where;
}

const troubled = (verdict: PodVerdict) => verdict.progress === 'failing' || verdict.progress === 'stuck';

export interface Cause {
	verdict: PodVerdict;
	pods: Pod[];
	/** How many different causes the troubled pods have. */
	causes: number;
}

/** The troubled pods grouped by cause fingerprint, largest group first (the first pod's verdict stands for a group). */
export function causeGroups(pods: readonly Pod[], verdictOf: VerdictOf): Array<{verdict: PodVerdict; pods: Pod[]}> {
	const groups = new Map<string, {verdict: PodVerdict; pods: Pod[]}>();
	for (const pod of pods) {
		const verdict = verdictOf(pod);
		if (!troubled(verdict)) continue;
		const key = verdict.fingerprint ?? pod.metadata.name;
		const group = groups.get(key);
		if (group) group.pods.push(pod);
		else groups.set(key, {verdict, pods: [pod]});
	}
	return [...groups.values()].sort((a, b) => b.pods.length - a.pods.length);
}

/** The largest group of troubled pods sharing a fingerprint. */
export function mainCause(pods: readonly Pod[], verdictOf: VerdictOf): Cause | undefined {
	const groups = causeGroups(pods, verdictOf);
	return groups[0] ? {...groups[0], causes: groups.length} : undefined;
}

function others(cause: Cause): string {
	return cause.causes > 1 ? ` (+${cause.causes - 1} other cause${cause.causes > 2 ? 's' : ''})` : '';
}

function condition(workload: Workload, type: string) {
	return workload.status?.conditions?.find(item => item.type === type);
}

function sinceMs(timestamp: string | null | undefined, now: number): number | undefined {
	const at = Date.parse(timestamp ?? '');
	return Number.isNaN(at) ? undefined : now - at;
}

const readyCount = (pods: readonly Pod[]) => pods.filter(pod => readyConditionTrue(pod.status?.conditions)).length;

function deploymentWhy(deployment: Workload, {groups}: WorkloadPods, verdictOf: VerdictOf, now: number): WorkloadWhy {
	const desired = deployment.spec?.replicas ?? 1;
	const fresh = groups.find(group => group.role === 'new');
	const old = groups.filter(group => group.role === 'old' && group.pods.length > 0);
	const newPods = fresh?.pods ?? [];
	const newReady = readyCount(newPods);
	const progressing = condition(deployment, 'Progressing');
	const deadline = progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded';
	const cause = mainCause(newPods, verdictOf);
	const rolling = old.length > 0 || newReady < desired;
	if (!rolling && !deadline && !cause) return OK;
	const oldPods = old.flatMap(group => group.pods);
	const serving = old.length === 0 ? '' : `; old revision${old.length > 1 ? 's' : ''} ${readyCount(oldPods)}/${desired} serving`;
	const started = sinceMs(fresh?.replicaSet?.metadata.creationTimestamp, now);
	const duration = started === undefined ? '' : ` ${humanDuration(started)}`;
	if (cause || deadline) {
		const which = old.length > 0 ? 'new pods' : 'pods';
		const ready = `${newReady}/${desired} ${which} ready`;
		const state = cause ? `${ready}, ${cause.pods.length} ${cause.verdict.progress} at ${causePhrase(cause.verdict)}${others(cause)}` : ready;
		const label = old.length > 0 || deadline ? `rollout stuck${duration}${deadline ? ' (ProgressDeadlineExceeded)' : ''}: ` : '';
		return {text: `${label}${state}${serving}`, health: cause ? healthOf(cause.verdict) : 'stuck'};
	}
	return {text: `rolling out${duration}: ${newReady}/${desired} new pods ready${serving}`, health: 'initializing'};
}

function ordinal(pod: Pod): number {
	const match = /-(\d+)$/.exec(pod.metadata.name);
	return match ? Number(match[1]) : Number.POSITIVE_INFINITY;
}

function statefulSetWhy(sts: Workload, {groups}: WorkloadPods, verdictOf: VerdictOf, now: number): WorkloadWhy {
	const name = sts.metadata.name;
	const desired = sts.spec?.replicas ?? 1;
	const pods = groups.flatMap(group => group.pods).sort((a, b) => ordinal(a) - ordinal(b));
	const present = new Set(pods.map(ordinal));
	const missing: number[] = [];
	for (let index = 0; index < desired; index++) if (!present.has(index)) missing.push(index);
	const ordered = (sts.spec?.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
	const notStarted = ordered && missing.length > 0
		? `, ${name}-${missing[0]}${missing.length > 1 ? '…' : ''} not started (OrderedReady)`
		: '';
	const blocking = pods.find(pod => !readyConditionTrue(pod.status?.conditions));
	if (!blocking) return missing.length === 0 ? OK : {text: `${desired - missing.length}/${desired} pods created`, health: 'initializing'};
	const verdict = verdictOf(blocking);
	if (troubled(verdict)) {
		return {text: `pod ${blocking.metadata.name} ${verdict.progress === 'stuck' ? 'stuck' : 'failing'} in ${causePhrase(verdict)}${notStarted}`, health: healthOf(verdict)};
	}
	const step = verdict.blocker ? ` ${verdict.blocker.position} ${verdict.blocker.name}` : ` ${verdict.stage}`;
	const time = verdict.stepSince === undefined ? '' : ` ${humanDuration(now - verdict.stepSince)}`;
	return {text: `pod ${blocking.metadata.name} starting:${step}${time}${notStarted}`, health: healthOf(verdict)};
}

function nodesOf(pods: readonly Pod[]): string {
	const nodes = [...new Set(pods.map(pod => pod.spec.nodeName).filter((node): node is string => !!node))].sort();
	if (nodes.length === 0) return '';
	return ` on ${nodes.slice(0, 3).join(', ')}${nodes.length > 3 ? ` +${nodes.length - 3}` : ''}`;
}

function daemonSetWhy(ds: Workload, {groups}: WorkloadPods, verdictOf: VerdictOf): WorkloadWhy {
	const pods = groups.flatMap(group => group.pods);
	const cause = mainCause(pods, verdictOf);
	const desired = ds.status?.desiredNumberScheduled ?? pods.length;
	if (cause) return {text: `${cause.pods.length}/${desired} pods${nodesOf(cause.pods)}: ${causePhrase(cause.verdict)}${others(cause)}`, health: healthOf(cause.verdict)};
	const ready = ds.status?.numberReady ?? readyCount(pods);
	return ready < desired ? {text: `${ready}/${desired} pods ready`, health: 'initializing'} : OK;
}

/** Failed runs of the blocking container: the pod's failed run plus its restarts. */
function failures(pod: Pod, verdict: PodVerdict): number {
	const name = verdict.blocker?.name;
	const status = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find(item => item.name === name);
	if (!status) return 1;
	const failedNow = status.state?.terminated && status.state.terminated.exitCode !== 0 ? 1 : 0;
	return Math.max(1, (status.restartCount ?? 0) + failedNow);
}

const JOB_FAILURES: Record<string, string> = {BackoffLimitExceeded: 'backoffLimit reached', DeadlineExceeded: 'activeDeadlineSeconds reached'};

function jobWhy(job: Workload, {groups}: WorkloadPods, verdictOf: VerdictOf): WorkloadWhy {
	const pods = groups.flatMap(group => group.pods);
	const failed = condition(job, 'Failed');
	const cause = mainCause(pods, verdictOf);
	const runs = cause ? cause.pods.reduce((sum, pod) => sum + failures(pod, cause.verdict), 0) : 0;
	const causeText = cause ? `${causePhrase(cause.verdict)} ×${runs}${others(cause)}` : '';
	if (failed?.status === 'True') {
		const label = JOB_FAILURES[failed.reason ?? ''] ?? failed.reason ?? 'Failed';
		return {text: causeText ? `${label}: ${causeText}` : `${label}${failed.message ? `: ${failed.message}` : ''}`, health: cause ? healthOf(cause.verdict) : 'app-failing'};
	}
	if (cause) return {text: `failing: ${causeText} (backoffLimit ${job.spec?.backoffLimit ?? 6})`, health: healthOf(cause.verdict)};
	return OK;
}

function replicaSetWhy(rs: Workload, {groups}: WorkloadPods, verdictOf: VerdictOf): WorkloadWhy {
	const pods = groups.flatMap(group => group.pods);
	const cause = mainCause(pods, verdictOf);
	return cause ? {text: `${cause.pods.length}/${rs.spec?.replicas ?? pods.length} pods: ${causePhrase(cause.verdict)}${others(cause)}`, health: healthOf(cause.verdict)} : OK;
}

export function workloadWhy(workload: Workload, pods: WorkloadPods, verdictOf: VerdictOf, now: number): WorkloadWhy {
	switch (workload.kind) {
		case 'Deployment': return deploymentWhy(workload, pods, verdictOf, now);
		case 'StatefulSet': return statefulSetWhy(workload, pods, verdictOf, now);
		case 'DaemonSet': return daemonSetWhy(workload, pods, verdictOf);
		case 'Job': return jobWhy(workload, pods, verdictOf);
		default: return replicaSetWhy(workload, pods, verdictOf);
	}
}
