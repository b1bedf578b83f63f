// API-server defaulting (pkg/apis/*/v1/defaults.go) and the validation kubectl users hit most
// (a missing or non-matching selector), applied on create for each kind of the registry.
import {randomUUID} from 'node:crypto';
import type {PodSpec} from '../../source/model/k8s-types.js';
import type {PodTemplate, WorkloadObject} from '../controllers/types.js';
import type {StoredObject} from '../store.js';
import {invalid} from './status.js';

type Spec = Record<string, unknown>;

/** Container defaults: imagePullPolicy (Always for `:latest` or no tag), termination message. */
function defaultContainers(spec: PodSpec): void {
	for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
		const image = container.image ?? '';
		const tag = image.includes('@') ? 'digest' : /:([^/:]+)$/.exec(image)?.[1];
		container.imagePullPolicy ??= !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
		const fields = container as unknown as Record<string, unknown>;
		fields.terminationMessagePath ??= '/dev/termination-log';
		fields.terminationMessagePolicy ??= 'File';
		fields.resources ??= {};
		for (const port of (container.ports ?? []) as Array<{protocol?: string}>) port.protocol ??= 'TCP';
	}
}

export function defaultPodSpec(spec: PodSpec, restartPolicy = 'Always'): void {
	const fields = spec as unknown as Spec;
	spec.restartPolicy ??= restartPolicy;
	fields.schedulerName ??= 'default-scheduler';
	fields.terminationGracePeriodSeconds ??= 30;
	fields.dnsPolicy ??= 'ClusterFirst';
	fields.securityContext ??= {};
	defaultContainers(spec);
}

export function defaultPod(object: StoredObject): void {
	const spec = (object.spec ??= {}) as PodSpec;
	spec.containers ??= [];
	defaultPodSpec(spec);
	(spec as unknown as Spec).serviceAccountName ??= 'default';
	object.status ??= {phase: 'Pending', qosClass: 'BestEffort'};
}

export function defaultService(object: StoredObject): void {
	const spec = (object.spec ??= {}) as Record<string, unknown>;
	spec.type ??= 'ClusterIP';
	spec.clusterIP ??= `10.96.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;
	spec.sessionAffinity ??= 'None';
	const nodePorts = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
	for (const port of (spec.ports ?? []) as Array<Record<string, unknown>>) {
		port.protocol ??= 'TCP';
		port.targetPort ??= port.port;
		if (nodePorts) port.nodePort ??= 30000 + Math.floor(Math.random() * 2768);
	}
	object.status ??= {loadBalancer: {}};
}

/** core/v1 PersistentVolumeClaim: volumeMode Filesystem; a new claim is Pending until the PV controller binds it. */
export function defaultClaim(object: StoredObject): void {
	const spec = (object.spec ??= {}) as Spec;
	spec.volumeMode ??= 'Filesystem';
	object.status ??= {phase: 'Pending'};
}

/** storage.k8s.io/v1 StorageClass: reclaimPolicy Delete, volumeBindingMode Immediate. */
export function defaultStorageClass(object: StoredObject): void {
	object.reclaimPolicy ??= 'Delete';
	object.volumeBindingMode ??= 'Immediate';
}

function workload(object: StoredObject): WorkloadObject {
	return object as unknown as WorkloadObject;
}

function template(w: WorkloadObject, restartPolicy = 'Always'): PodTemplate {
	const spec = (w.spec ??= {});
	const tmpl = (spec.template ??= {});
	tmpl.metadata ??= {};
	tmpl.metadata.creationTimestamp ??= null;
	const podSpec = (tmpl.spec ??= {containers: []} as PodSpec);
	podSpec.containers ??= [];
	defaultPodSpec(podSpec, restartPolicy);
	return tmpl;
}

/** apps/v1 validation: spec.selector is required and must select the template's labels. */
function requireSelector(kind: string, w: WorkloadObject): void {
	const name = w.metadata.name;
	const selector = w.spec?.selector;
	const labels = w.spec?.template?.metadata?.labels ?? {};
	if (!selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)) {
		throw invalid(kind, name, [{field: 'spec.selector', message: 'Required value'}, {field: 'spec.template.metadata.labels', message: `Invalid value: ${JSON.stringify(labels)}: \`selector\` does not match template \`labels\``}]);
	}
	const mismatch = Object.entries(selector.matchLabels ?? {}).some(([key, value]) => labels[key] !== value);
	if (mismatch) throw invalid(kind, name, [{field: 'spec.template.metadata.labels', message: `Invalid value: ${JSON.stringify(labels)}: \`selector\` does not match template \`labels\``}]);
	if ((w.spec?.template?.spec?.containers ?? []).length === 0) throw invalid(kind, name, [{field: 'spec.template.spec.containers', message: 'Required value'}]);
}

export function defaultDeployment(object: StoredObject): void {
	const d = workload(object);
	template(d);
	requireSelector('Deployment', d);
	const spec = d.spec!;
	spec.replicas ??= 1;
	spec.revisionHistoryLimit ??= 10;
	spec.progressDeadlineSeconds ??= 600;
	spec.strategy ??= {};
	spec.strategy.type ??= 'RollingUpdate';
	if (spec.strategy.type === 'RollingUpdate') {
		spec.strategy.rollingUpdate ??= {};
		spec.strategy.rollingUpdate.maxSurge ??= '25%';
		spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
	}
	d.status ??= {};
}

export function defaultReplicaSet(object: StoredObject): void {
	const rs = workload(object);
	template(rs);
	requireSelector('ReplicaSet', rs);
	rs.spec!.replicas ??= 1;
	rs.status ??= {replicas: 0};
}

export function defaultStatefulSet(object: StoredObject): void {
	const sts = workload(object);
	template(sts);
	requireSelector('StatefulSet', sts);
	const spec = sts.spec!;
	spec.replicas ??= 1;
	spec.podManagementPolicy ??= 'OrderedReady';
	spec.revisionHistoryLimit ??= 10;
	spec.updateStrategy ??= {type: 'RollingUpdate', rollingUpdate: {partition: 0}};
	(spec as Spec).persistentVolumeClaimRetentionPolicy ??= {whenDeleted: 'Retain', whenScaled: 'Retain'};
	sts.status ??= {replicas: 0, availableReplicas: 0};
}

export function defaultDaemonSet(object: StoredObject): void {
	const ds = workload(object);
	template(ds);
	requireSelector('DaemonSet', ds);
	const spec = ds.spec!;
	spec.revisionHistoryLimit ??= 10;
	spec.updateStrategy ??= {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: 1, maxSurge: 0}};
	ds.status ??= {currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0};
}

/** batch/v1 Job: the controller-uid selector and labels are generated (unless manualSelector). */
export function defaultJob(object: StoredObject): void {
	const job = workload(object);
	const tmpl = template(job, 'Never');
	const spec = job.spec!;
	const restart = tmpl.spec!.restartPolicy;
	if (restart !== 'Never' && restart !== 'OnFailure') {
		throw invalid('Job', job.metadata.name, [{field: 'spec.template.spec.restartPolicy', message: `Unsupported value: "${restart}": supported values: "OnFailure", "Never"`}]);
	}
	if (spec.completions === undefined) spec.completions = 1;
	spec.parallelism ??= 1;
	spec.backoffLimit ??= 6;
	spec.suspend ??= false;
	(spec as Spec).completionMode ??= 'NonIndexed';
	(spec as Spec).podReplacementPolicy ??= 'TerminatingOrFailed';
	if (!(spec as Spec).manualSelector) {
		const uid = (job.metadata.uid ??= randomUUID());
		const generated = {'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': job.metadata.name, 'controller-uid': uid, 'job-name': job.metadata.name};
		spec.selector = {matchLabels: {'batch.kubernetes.io/controller-uid': uid}};
		tmpl.metadata!.labels = {...tmpl.metadata!.labels, ...generated};
	}
	job.status ??= {};
}
