// Kubernetes objects exactly as the API server sends them in JSON (timestamps are RFC3339
// strings, absent fields are undefined). The watch loop hands these to model/ unchanged: no
// client-node ObjectSerializer pass (it turns timestamps into Date objects and costs time on
// thousands of pods). Only the fields initk9 reads are typed; everything else passes through.

export interface ObjectMeta {
	name: string;
	namespace?: string;
	uid?: string;
	resourceVersion?: string;
	creationTimestamp?: string | null;
	deletionTimestamp?: string | null;
	deletionGracePeriodSeconds?: number;
	labels?: Record<string, string>;
	annotations?: Record<string, string>;
	ownerReferences?: OwnerReference[];
	generateName?: string;
	[key: string]: unknown;
}

export interface OwnerReference {
	apiVersion: string;
	kind: string;
	name: string;
	uid: string;
	controller?: boolean;
	blockOwnerDeletion?: boolean;
}

export interface SecurityContext {
	runAsUser?: number;
	runAsGroup?: number;
	runAsNonRoot?: boolean;
	privileged?: boolean;
	readOnlyRootFilesystem?: boolean;
	allowPrivilegeEscalation?: boolean;
	capabilities?: {add?: string[]; drop?: string[]};
	[key: string]: unknown;
}

export interface PodSecurityContext {
	runAsUser?: number;
	runAsGroup?: number;
	runAsNonRoot?: boolean;
	fsGroup?: number;
	supplementalGroups?: number[];
	[key: string]: unknown;
}

export interface VolumeMount {
	name: string;
	mountPath: string;
	readOnly?: boolean;
	subPath?: string;
}

export interface EnvVar {
	name: string;
	value?: string;
	valueFrom?: {
		configMapKeyRef?: {name: string; key: string; optional?: boolean};
		secretKeyRef?: {name: string; key: string; optional?: boolean};
		/** Env files (KEP-3721, 1.34+): a key of a KEY=value file in an emptyDir volume. */
		fileKeyRef?: {volumeName: string; path: string; key: string; optional?: boolean};
		[key: string]: unknown;
	};
}

export interface Container {
	name: string;
	image?: string;
	command?: string[];
	args?: string[];
	env?: EnvVar[];
	envFrom?: Array<{
		configMapRef?: {name: string; optional?: boolean};
		secretRef?: {name: string; optional?: boolean};
	}>;
	volumeMounts?: VolumeMount[];
	securityContext?: SecurityContext;
	resources?: {
		limits?: Record<string, string>;
		requests?: Record<string, string>;
	};
	/** On init containers "Always" makes a native sidecar; on others (KEP-5307, 1.34+) it overrides the pod's. */
	restartPolicy?: string;
	/** KEP-5307: exit-code rules checked in order before restartPolicy; action Restart (KEP-5532 adds RestartAllContainers). */
	restartPolicyRules?: ContainerRestartRule[];
	lifecycle?: {stopSignal?: string; [key: string]: unknown};
	imagePullPolicy?: string;
	ports?: Array<{containerPort: number; protocol?: string; name?: string}>;
	[key: string]: unknown;
}

export interface ContainerRestartRule {
	action: string;
	exitCodes?: {operator: string; values?: number[]};
}

export interface Volume {
	name: string;
	emptyDir?: Record<string, unknown>;
	persistentVolumeClaim?: {claimName: string; readOnly?: boolean};
	hostPath?: {path: string; type?: string};
	configMap?: {name: string; optional?: boolean};
	secret?: {secretName: string; optional?: boolean};
	/** An OCI image or artifact mounted read-only (KEP-4639, GA in 1.36). */
	image?: {reference?: string; pullPolicy?: string};
	[key: string]: unknown;
}

export interface PodSpec {
	nodeName?: string;
	initContainers?: Container[];
	containers: Container[];
	volumes?: Volume[];
	restartPolicy?: string;
	securityContext?: PodSecurityContext;
	hostNetwork?: boolean;
	runtimeClassName?: string;
	serviceAccountName?: string;
	schedulingGates?: Array<{name: string}>;
	readinessGates?: Array<{conditionType: string}>;
	/** Seconds from startTime after which the kubelet fails the pod (DeadlineExceeded). */
	activeDeadlineSeconds?: number;
	terminationGracePeriodSeconds?: number;
	[key: string]: unknown;
}

export interface ContainerStateWaiting {
	reason?: string;
	message?: string;
}

export interface ContainerStateRunning {
	startedAt?: string | null;
}

export interface ContainerStateTerminated {
	exitCode: number;
	signal?: number;
	reason?: string;
	message?: string;
	startedAt?: string | null;
	finishedAt?: string | null;
	containerID?: string;
}

export interface ContainerState {
	waiting?: ContainerStateWaiting;
	running?: ContainerStateRunning;
	terminated?: ContainerStateTerminated;
}

export interface ContainerStatus {
	name: string;
	state?: ContainerState;
	lastState?: ContainerState;
	ready: boolean;
	restartCount: number;
	image?: string;
	imageID?: string;
	containerID?: string;
	started?: boolean;
	/** The stop signal the runtime really uses (1.33+): lifecycle.stopSignal or the image's STOPSIGNAL. */
	stopSignal?: string;
	/** The identity actually applied (stable in 1.35). */
	user?: {linux?: {uid: number; gid: number; supplementalGroups?: number[]}};
}

export interface PodCondition {
	type: string;
	status: string;
	reason?: string;
	message?: string;
	lastTransitionTime?: string | null;
	lastProbeTime?: string | null;
}

export interface PodStatus {
	phase?: string;
	reason?: string;
	message?: string;
	conditions?: PodCondition[];
	initContainerStatuses?: ContainerStatus[];
	containerStatuses?: ContainerStatus[];
	startTime?: string | null;
	podIP?: string;
	podIPs?: Array<{ip: string}>;
	hostIP?: string;
	nominatedNodeName?: string;
	qosClass?: string;
	[key: string]: unknown;
}

export interface Pod {
	apiVersion?: string;
	kind?: string;
	metadata: ObjectMeta;
	spec: PodSpec;
	status?: PodStatus;
}

export interface ObjectReference {
	kind?: string;
	namespace?: string;
	name?: string;
	uid?: string;
	apiVersion?: string;
	resourceVersion?: string;
	fieldPath?: string;
}

export interface KubeEvent {
	apiVersion?: string;
	kind?: string;
	metadata: ObjectMeta;
	involvedObject: ObjectReference;
	reason?: string;
	message?: string;
	type?: string;
	count?: number;
	firstTimestamp?: string | null;
	lastTimestamp?: string | null;
	eventTime?: string | null;
	series?: {count?: number; lastObservedTime?: string | null};
	source?: {component?: string; host?: string};
	reportingComponent?: string;
	reportingController?: string;
}

export interface Service {
	apiVersion?: string;
	kind?: string;
	metadata: ObjectMeta;
	spec?: {
		clusterIP?: string;
		selector?: Record<string, string>;
		ports?: Array<{port: number; name?: string; protocol?: string; targetPort?: number | string}>;
		type?: string;
	};
}

export interface EndpointAddress {
	ip: string;
	hostname?: string;
	targetRef?: ObjectReference;
}

export interface Endpoints {
	apiVersion?: string;
	kind?: string;
	metadata: ObjectMeta;
	subsets?: Array<{
		addresses?: EndpointAddress[];
		notReadyAddresses?: EndpointAddress[];
		ports?: Array<{port: number; name?: string; protocol?: string}>;
	}>;
}

export interface Namespace {
	apiVersion?: string;
	kind?: string;
	metadata: ObjectMeta;
	status?: {phase?: string};
}

/** A Kubernetes `Status` object (errors, and the object of a watch ERROR event). */
export interface StatusObject {
	kind: 'Status';
	apiVersion: 'v1';
	metadata: Record<string, unknown>;
	status: 'Failure' | 'Success';
	message: string;
	reason: string;
	code: number;
	details?: {
		name?: string;
		group?: string;
		kind?: string;
		causes?: Array<{type?: string; message?: string; field?: string}>;
		retryAfterSeconds?: number;
	};
}

/**
 * One row of the server's own printer (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`,
 * what `kubectl get` shows): the cells keyed by column name ('Name', 'Ready', 'Status',
 * 'Restarts', 'Age', …) and the object's metadata (the row's PartialObjectMetadata).
 */
export interface PrintedRow {
	metadata: ObjectMeta;
	cells: Readonly<Record<string, unknown>>;
}
