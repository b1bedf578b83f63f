// The shapes of the apps/v1 and batch/v1 objects the demo's controllers and printers read: one
// loose type for Deployment, ReplicaSet, StatefulSet, DaemonSet and Job (fields as in the API).
import type {ObjectMeta, PodSpec} from '../../source/model/k8s-types.js';

export interface LabelSelector {
	matchLabels?: Record<string, string>;
	matchExpressions?: Array<{key: string; operator: string; values?: string[]}>;
}

export interface PodTemplate {
	metadata?: {labels?: Record<string, string>; annotations?: Record<string, string>; [key: string]: unknown};
	spec?: PodSpec;
}

export interface WorkloadCondition {
	type: string;
	status: 'True' | 'False' | 'Unknown';
	reason?: string;
	message?: string;
	lastUpdateTime?: string;
	lastTransitionTime?: string;
	lastProbeTime?: string;
}

export type IntOrString = number | string;

export interface WorkloadSpec {
	replicas?: number;
	selector?: LabelSelector;
	template?: PodTemplate;
	minReadySeconds?: number;
	paused?: boolean;
	progressDeadlineSeconds?: number;
	revisionHistoryLimit?: number;
	strategy?: {type?: string; rollingUpdate?: {maxSurge?: IntOrString; maxUnavailable?: IntOrString}};
	updateStrategy?: {type?: string; rollingUpdate?: {partition?: number; maxUnavailable?: IntOrString; maxSurge?: IntOrString}};
	podManagementPolicy?: string;
	serviceName?: string;
	// Job
	completions?: number | null;
	parallelism?: number;
	backoffLimit?: number;
	activeDeadlineSeconds?: number;
	suspend?: boolean;
	[key: string]: unknown;
}

export interface WorkloadStatus {
	observedGeneration?: number;
	replicas?: number;
	readyReplicas?: number;
	availableReplicas?: number;
	updatedReplicas?: number;
	unavailableReplicas?: number;
	fullyLabeledReplicas?: number;
	currentReplicas?: number;
	currentRevision?: string;
	updateRevision?: string;
	collisionCount?: number;
	conditions?: WorkloadCondition[];
	// DaemonSet
	desiredNumberScheduled?: number;
	currentNumberScheduled?: number;
	numberReady?: number;
	numberAvailable?: number;
	numberUnavailable?: number;
	numberMisscheduled?: number;
	updatedNumberScheduled?: number;
	// Job
	active?: number;
	succeeded?: number;
	failed?: number;
	ready?: number;
	terminating?: number;
	startTime?: string;
	completionTime?: string;
	uncountedTerminatedPods?: {succeeded?: string[]; failed?: string[]};
	[key: string]: unknown;
}

export interface WorkloadObject {
	apiVersion?: string;
	kind?: string;
	metadata: ObjectMeta & {generation?: number; deletionTimestamp?: string | null; [key: string]: unknown};
	spec?: WorkloadSpec;
	status?: WorkloadStatus;
}
