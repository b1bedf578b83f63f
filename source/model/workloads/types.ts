// Workload objects (apps/v1 Deployment, ReplicaSet, StatefulSet, DaemonSet; batch/v1 Job) as the
// API server sends them in JSON. Only the fields initk9 reads are typed.
import type {ObjectMeta, PodSpec} from '../k8s-types.js';

export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job';

export interface WorkloadCondition {
	type: string;
	status: string;
	reason?: string;
	message?: string;
	lastUpdateTime?: string | null;
	lastTransitionTime?: string | null;
}

export interface PodTemplate {
	metadata?: {labels?: Record<string, string>; annotations?: Record<string, string>};
	spec?: PodSpec;
}

export interface WorkloadSpec {
	replicas?: number;
	template?: PodTemplate;
	progressDeadlineSeconds?: number;
	podManagementPolicy?: string;
	completions?: number | null;
	parallelism?: number;
	backoffLimit?: number;
	suspend?: boolean;
	[key: string]: unknown;
}

export interface WorkloadStatus {
	observedGeneration?: number;
	replicas?: number;
	readyReplicas?: number;
	updatedReplicas?: number;
	availableReplicas?: number;
	currentReplicas?: number;
	updateRevision?: string;
	currentRevision?: string;
	desiredNumberScheduled?: number;
	currentNumberScheduled?: number;
	numberReady?: number;
	updatedNumberScheduled?: number;
	numberAvailable?: number;
	active?: number;
	succeeded?: number;
	failed?: number;
	startTime?: string | null;
	completionTime?: string | null;
	conditions?: WorkloadCondition[];
	[key: string]: unknown;
}

export interface Workload {
	apiVersion?: string;
	kind?: string;
	metadata: ObjectMeta;
	spec?: WorkloadSpec;
	status?: WorkloadStatus;
}

/** The annotation a Deployment and its ReplicaSets carry their revision in. */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
