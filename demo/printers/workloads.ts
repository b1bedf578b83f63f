// Server-side printers of the apps/v1 and batch/v1 workload kinds, with kubectl 1.32's columns
// (pkg/printers/internalversion/printers.go: printDeployment, printReplicaSet, printStatefulSet,
// printDaemonSet, printJob).
import {humanDuration} from '../../source/model/duration.js';
import type {StoredObject} from '../store.js';
import {age, ageColumn, column, nameColumn, type Cell, type Column, type Printer} from '../table.js';
import type {LabelSelector, WorkloadObject} from '../controllers/types.js';

const containersColumn = column('Containers', 'Names of each container in the template.', 1);
const imagesColumn = column('Images', 'Images referenced by each container in the template.', 1);
const selectorColumn = (description: string) => column('Selector', description, 1);

const asWorkload = (object: StoredObject) => object as unknown as WorkloadObject;

/** `metav1.FormatLabelSelector`: requirements sorted by key, `<none>` when empty. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
	if (!selector) return '<none>';
	const parts: Array<[string, string]> = [];
	for (const [key, value] of Object.entries(selector.matchLabels ?? {})) parts.push([key, `${key}=${value}`]);
	for (const expression of selector.matchExpressions ?? []) {
		const values = [...(expression.values ?? [])].sort().join(',');
		const text = {In: `${expression.key} in (${values})`, NotIn: `${expression.key} notin (${values})`, Exists: expression.key, DoesNotExist: `!${expression.key}`}[expression.operator] ?? expression.key;
		parts.push([expression.key, text]);
	}
	parts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	return parts.map(part => part[1]).join(',') || '<none>';
}

/** `labels.FormatLabels`: `k=v,…` sorted by key, `<none>` when empty. */
function formatLabels(labels: Record<string, string> | undefined): string {
	return Object.keys(labels ?? {}).sort().map(key => `${key}=${labels![key]}`).join(',') || '<none>';
}

/** The wide columns every workload shares: CONTAINERS, IMAGES (the template's app containers). */
function templateColumns(object: WorkloadObject): [string, string] {
	const containers = object.spec?.template?.spec?.containers ?? [];
	return [containers.map(c => c.name).join(','), containers.map(c => c.image ?? '').join(',')];
}

const n = (value: number | undefined) => value ?? 0;

/**
 * Every workload printer's shape: NAME, the kind's own columns, AGE, then the wide CONTAINERS,
 * IMAGES and (all kinds but StatefulSet) SELECTOR with the kind's own description.
 */
function workloadPrinter(own: Column[], cells: (workload: WorkloadObject, now: number) => Cell[], selector?: string): Printer {
	return {
		columns: [nameColumn, ...own, ageColumn, containersColumn, imagesColumn, ...(selector === undefined ? [] : [selectorColumn(selector)])],
		row(object, now): Cell[] {
			const workload = asWorkload(object);
			const wide = [...templateColumns(workload), ...(selector === undefined ? [] : [formatLabelSelector(workload.spec?.selector)])];
			return [workload.metadata.name, ...cells(workload, now), age(object, now), ...wide];
		},
	};
}

export const deploymentPrinter = workloadPrinter(
	[
		column('Ready', 'Number of the pod with ready state'),
		column('Up-to-date', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.', 0, 'integer'),
		column('Available', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.', 0, 'integer'),
	],
	d => [`${n(d.status?.readyReplicas)}/${n(d.spec?.replicas)}`, n(d.status?.updatedReplicas), n(d.status?.availableReplicas)],
	'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template\'s labels.',
);

export const replicaSetPrinter = workloadPrinter(
	[
		column('Desired', 'Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/#how-a-replicaset-works', 0, 'integer'),
		column('Current', 'Replicas is the most recently observed number of non-terminating pods. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/#how-a-replicaset-works', 0, 'integer'),
		column('Ready', 'The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.', 0, 'integer'),
	],
	rs => [n(rs.spec?.replicas), n(rs.status?.replicas), n(rs.status?.readyReplicas)],
	'Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template\'s labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
);

export const statefulSetPrinter = workloadPrinter(
	[column('Ready', 'Number of the pod with ready state')],
	sts => [`${n(sts.status?.readyReplicas)}/${n(sts.spec?.replicas)}`],
);

export const daemonSetPrinter = workloadPrinter(
	[
		column('Desired', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/', 0, 'integer'),
		column('Current', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/', 0, 'integer'),
		column('Ready', 'numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.', 0, 'integer'),
		column('Up-to-date', 'The total number of nodes that are running updated daemon pod', 0, 'integer'),
		column('Available', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)', 0, 'integer'),
		column('Node Selector', 'NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node\'s labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/'),
	],
	ds => {
		const s = ds.status ?? {};
		return [n(s.desiredNumberScheduled), n(s.currentNumberScheduled), n(s.numberReady), n(s.updatedNumberScheduled), n(s.numberAvailable), formatLabels(ds.spec?.template?.spec?.nodeSelector as Record<string, string> | undefined)];
	},
	'A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template\'s labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
);

const hasCondition = (job: WorkloadObject, type: string) => (job.status?.conditions ?? []).some(c => c.type === type && c.status === 'True');

/** printJob's STATUS: the first of Complete, Failed, Terminating, Suspended, FailureTarget, SuccessCriteriaMet, else Running. */
export function jobStatus(job: WorkloadObject): string {
	if (hasCondition(job, 'Complete')) return 'Complete';
	if (hasCondition(job, 'Failed')) return 'Failed';
	if (job.metadata.deletionTimestamp) return 'Terminating';
	if (hasCondition(job, 'Suspended')) return 'Suspended';
	if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
	if (hasCondition(job, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
	return 'Running';
}

export const jobPrinter = workloadPrinter(
	[
		column('Status', 'Status of the job.'),
		column('Completions', 'The completion status of the job.'),
		column('Duration', 'Time required to complete the job.'),
	],
	(job, now) => {
		const succeeded = n(job.status?.succeeded);
		let completions: string;
		if (job.spec?.completions !== undefined && job.spec.completions !== null) completions = `${succeeded}/${job.spec.completions}`;
		else if ((job.spec?.parallelism ?? 1) > 1) completions = `${succeeded}/1 of ${job.spec!.parallelism}`;
		else completions = `${succeeded}/1`;
		const start = job.status?.startTime ? Date.parse(job.status.startTime) : undefined;
		const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : now;
		const duration = start === undefined ? '' : humanDuration(end - start);
		return [jobStatus(job), completions, duration];
	},
	'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
);
