// What the findings read (facts the hook gathered: the pod, its events, last log lines, Service
// lookups) and what they say. Findings are pure: the same facts give the same findings.

import type {KubeEvent, Pod} from '../k8s-types.js';
import type {InitSequence} from '../init-sequence.js';
import type {DiagnosisConfig} from '../verdict.js';

export type FindingFamily =
	| 'logs-trap'
	| 'exit-code'
	| 'image-pull'
	| 'config-error'
	| 'oom'
	| 'start-error'
	| 'dependency-wait'
	| 'side-effect'
	| 'scheduling'
	/** Volumes not attached or mounted, PVCs not bound (before the sandbox: findings/volumes.ts). */
	| 'volume'
	/** The pod sandbox (network, runtime handler) cannot be created (findings/sandbox.ts). */
	| 'sandbox'
	/** The whole pod restarts in place (KEP-5532, findings/pod-restart.ts). */
	| 'pod-restart'
	/** An env file (fileKeyRef) an init container should have written is missing (findings/env-file.ts). */
	| 'env-file';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
	/** `<family>:<container>`: stable across refreshes. */
	id: string;
	family: FindingFamily;
	severity: Severity;
	/** The container the finding is about. */
	container?: string;
	/** One line that stands alone: names the container. */
	title: string;
	/** The same without the container name, for `Blocked at … NAME: <summary>`. */
	summary: string;
	/** Evidence and advice, one line each. */
	details: string[];
	/** Where `l` should go to read the evidence. */
	logs?: {container: string; previous: boolean};
	/**
	 * What the user should do next, when the text asks for it: read `logs`, or walk the checklist.
	 * The text itself names no key: the TUI adds its key, the report the equivalent command.
	 */
	action?: FindingAction;
}

export type FindingAction = 'logs' | 'checklist';

/** Last lines of one container instance's log, as read by the hook. */
export interface ContainerLog {
	lines: readonly string[];
	/** Read with previous=true (the instance before the current one). */
	previous: boolean;
	/** The server's message when the read failed. */
	error?: string;
}

/** A read-only look at a Service and its Endpoints. */
export type ServiceLookup =
	| {exists: false}
	| {exists: true; readyEndpoints: number; notReadyEndpoints: number; ports: number[]}
	| {error: string};

/** A read-only look at a PersistentVolumeClaim and its StorageClass (facts/read.ts lookUpClaim). */
export type ClaimLookup =
	| {exists: false}
	| {exists: true; phase: string; storageClassName?: string; accessModes: string[]; volumeName?: string; storageClass?: StorageClassLookup}
	/** `forbidden`: RBAC does not let this user GET the claim (403). */
	| {error: string; forbidden: boolean};

export type StorageClassLookup =
	| {exists: false}
	| {exists: true; provisioner: string; bindingMode: string}
	| {error: string; forbidden: boolean};

export interface FindingFacts {
	pod: Pod;
	events: readonly KubeEvent[];
	now: number;
	/** Computed from the pod when absent. */
	sequence?: InitSequence;
	/** Keyed by container name. */
	logs?: Readonly<Record<string, ContainerLog>>;
	/** Keyed by `namespace/name`. */
	services?: Readonly<Record<string, ServiceLookup>>;
	/** PersistentVolumeClaim lookups keyed by `namespace/claim` (read while the pod has not started). */
	claims?: Readonly<Record<string, ClaimLookup>>;
	/** The run configuration (`--stuck-after` …); the default when absent. */
	config?: DiagnosisConfig;
}

/** Facts with the sequence and the configuration filled in: what every family function receives. */
export type Facts = FindingFacts & {sequence: InitSequence; config: DiagnosisConfig};

