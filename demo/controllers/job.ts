// The Job controller (pkg/controller/job), NonIndexed: runs pods until `completions` succeed;
// failed pods count against backoffLimit — with restartPolicy Never each failed pod, with
// OnFailure the restarts of the containers (init containers included) of the running pods —
// and replacements wait the pod-failure back-off (10 s doubling, at most 6 min, cluster time).
// Past the limit: FailureTarget, then Failed, reason BackoffLimitExceeded; active pods deleted.
import type {ContainerStatus, Pod} from '../../source/model/k8s-types.js';
import {nowRfc3339, type ClusterStore} from '../store.js';
import {asWorkload, createPodFromTemplate, deletePod, isActive, isReady, ownedBy, ownerReference, setCondition, type ClusterClock} from './pods.js';
import {recordEvent} from './events.js';
import type {WorkloadCondition, WorkloadObject} from './types.js';

const BACKOFF_BASE = 10;
const BACKOFF_MAX = 360;

const hasCondition = (job: WorkloadObject, type: string) => (job.status?.conditions ?? []).some(c => c.type === type && c.status === 'True');

function restarts(pod: Pod): number {
	const statuses: ContainerStatus[] = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
	return statuses.reduce((total, status) => total + (status.restartCount ?? 0), 0);
}

/** When the pod failed: its last container termination, else its last condition change. */
function failedAt(pod: Pod): string | undefined {
	const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
	const times = statuses.map(s => s.state?.terminated?.finishedAt).filter((t): t is string => !!t);
	return times.sort().at(-1) ?? pod.status?.conditions?.map(c => c.lastTransitionTime ?? '').sort().at(-1);
}

export function syncJob(store: ClusterStore, clock: ClusterClock, job: WorkloadObject): void {
	const namespace = job.metadata.namespace ?? 'default';
	const pods = ownedBy<Pod>(store, 'pods', namespace, job.metadata.uid ?? '');
	const finished = hasCondition(job, 'Complete') || hasCondition(job, 'Failed');
	let active = pods.filter(isActive);
	const succeeded = pods.filter(pod => pod.status?.phase === 'Succeeded').length;
	const failedPods = pods.filter(pod => pod.status?.phase === 'Failed');
	const failed = Math.max(job.status?.failed ?? 0, failedPods.length);
	const backoffLimit = job.spec?.backoffLimit ?? 6;
	const completions = job.spec?.completions ?? 1;
	const parallelism = job.spec?.parallelism ?? 1;
	const onFailure = job.spec?.template?.spec?.restartPolicy === 'OnFailure';
	let conditions: WorkloadCondition[] = job.status?.conditions ?? [];
	let completionTime = job.status?.completionTime;
	const suspended = job.spec?.suspend === true;
	const target = {kind: 'Job', apiVersion: 'batch/v1', object: job};
	const remove = (pod: Pod) => {
		deletePod(store, pod);
		recordEvent(store, 'job-controller', target, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
	};

	if (!finished && !suspended) {
		const restartFailures = active.filter(pod => pod.status?.phase === 'Running' || pod.status?.phase === 'Pending').reduce((total, pod) => total + restarts(pod), 0);
		const exceeded = onFailure ? (backoffLimit === 0 ? restartFailures > 0 : restartFailures >= backoffLimit) : failed > backoffLimit;
		if (exceeded) {
			const reason = {reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit'};
			conditions = setCondition(conditions, {type: 'FailureTarget', status: 'True', ...reason}, {probeTime: true});
			for (const pod of active) remove(pod);
			active = [];
			conditions = setCondition(conditions, {type: 'Failed', status: 'True', ...reason}, {probeTime: true});
			recordEvent(store, 'job-controller', target, 'Warning', 'BackoffLimitExceeded', reason.message);
		} else if (succeeded >= completions) {
			const reason = {reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods'};
			conditions = setCondition(conditions, {type: 'SuccessCriteriaMet', status: 'True', ...reason}, {probeTime: true});
			conditions = setCondition(conditions, {type: 'Complete', status: 'True', ...reason}, {probeTime: true});
			completionTime = nowRfc3339();
			recordEvent(store, 'job-controller', target, 'Normal', 'Completed', 'Job completed');
		} else {
			const wanted = Math.min(parallelism, completions - succeeded);
			const lastFailure = failedPods.map(failedAt).filter((t): t is string => !!t).sort().at(-1);
			const backoff = failed === 0 ? 0 : Math.min(BACKOFF_BASE * 2 ** (failed - 1), BACKOFF_MAX);
			const waited = lastFailure === undefined || clock.secondsSince(lastFailure) >= backoff;
			if (active.length < wanted && waited) {
				const owner = ownerReference('Job', 'batch/v1', job);
				for (let i = active.length; i < wanted; i++) {
					const pod = createPodFromTemplate(store, namespace, job.spec?.template ?? {}, owner, {generateName: `${job.metadata.name}-`});
					active.push(pod);
					recordEvent(store, 'job-controller', target, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
				}
			}
		}
	}
	if (suspended && !finished) {
		for (const pod of active) remove(pod);
		active = [];
	}

	const fresh = store.get('jobs', namespace, job.metadata.name);
	if (!fresh) return;
	const current = asWorkload(fresh);
	const status: Record<string, unknown> = {
		...(current.status?.startTime || suspended ? {} : {startTime: nowRfc3339()}),
		...(current.status?.startTime ? {startTime: current.status.startTime} : {}),
		...(completionTime ? {completionTime} : {}),
		...(conditions.length > 0 ? {conditions} : {}),
		...(active.length > 0 ? {active: active.length} : {}),
		...(succeeded > 0 ? {succeeded} : {}),
		...(failed > 0 ? {failed} : {}),
		terminating: 0,
		ready: active.filter(isReady).length,
		uncountedTerminatedPods: {},
	};
	if (JSON.stringify(status) !== JSON.stringify(current.status ?? {})) {
		store.update('jobs', namespace, current.metadata.name, draft => {
			draft.status = status;
		});
	}
}
