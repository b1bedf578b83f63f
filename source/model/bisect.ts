// The article's decisive experiment: does the app start without the init containers? Then add
// them back one at a time. This writes the Pod manifests for it (never applies them): variant k
// keeps the first k init containers, in a scratch namespace, so the original pod is untouched.
import {stringify} from 'yaml';
import type {Container, Pod, PodSpec, Volume} from './k8s-types.js';

export const DEFAULT_SCRATCH_NAMESPACE = 'initk9-bisect';

/** Where the pod spec came from: the pod itself, or its controller's template (read-only GET). */
export interface PodTemplateSource {
	kind: string;
	namespace: string;
	name: string;
	template: {metadata?: {labels?: Record<string, string>; annotations?: Record<string, string>}; spec: PodSpec};
}

export interface BisectManifest {
	/** File name inside the output folder, sorted in the order to try them. */
	file: string;
	/** metadata.name of the pod in the scratch namespace. */
	name: string;
	/** Names of the init containers this variant keeps, in order. */
	initContainers: string[];
	yaml: string;
}

export interface BisectPlan {
	/** "Pod default/myapp-perms" or "Deployment shop/frontend (pod template)". */
	source: string;
	namespace: string;
	manifests: BisectManifest[];
	/** Objects the original namespace provides that the scratch namespace will not have. */
	dependencies: string[];
	/** Shell commands for the user to run, in order. */
	commands: string[];
}

const SERVICE_ACCOUNT_VOLUME = /^kube-api-access-/;
const DROPPED_LABELS = new Set(['pod-template-hash', 'controller-revision-hash', 'statefulset.kubernetes.io/pod-name', 'batch.kubernetes.io/controller-uid', 'controller-uid', 'batch.kubernetes.io/job-name', 'job-name']);

export function bisectPlan(pod: Pod, options: {namespace?: string; owner?: PodTemplateSource} = {}): BisectPlan {
	const namespace = options.namespace ?? DEFAULT_SCRATCH_NAMESPACE;
	const owner = options.owner;
	const spec = owner?.template.spec ?? pod.spec;
	const labels = owner?.template.metadata?.labels ?? pod.metadata.labels ?? {};
	const baseName = shortBase(owner?.name ?? pod.metadata.name);
	const inits = spec.initContainers ?? [];
	const width = String(inits.length).length;

	const manifests: BisectManifest[] = [];
	for (let kept = 0; kept <= inits.length; kept++) {
		const name = `${baseName}-init-${kept}of${inits.length}`;
		const keptInits = inits.slice(0, kept);
		const manifest = {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {
				name,
				namespace,
				labels: {...keepLabels(labels), 'initk9.dev/bisect': `${kept}of${inits.length}`},
				annotations: {'initk9.dev/bisect-source': `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`},
			},
			spec: scratchSpec(spec, keptInits),
		};
		const label = kept === 0 ? 'without init containers' : `with ${keptInits.map(c => c.name).join(', ')}`;
		manifests.push({
			file: `${String(kept).padStart(width, '0')}-${kept === 0 ? 'no-init' : `init-1-to-${kept}`}.yaml`,
			name,
			initContainers: keptInits.map(c => c.name),
			yaml: `# ${label}\n${stringify(manifest, {lineWidth: 0})}`,
		});
	}

	const source = owner ? `${owner.kind} ${owner.namespace}/${owner.name} (pod template)` : `Pod ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
	return {source, namespace, manifests, dependencies: dependenciesOf(spec), commands: commandsFor(namespace, manifests)};
}

function scratchSpec(spec: PodSpec, initContainers: Container[]): PodSpec {
	const {nodeName: _nodeName, initContainers: _inits, ...rest} = spec;
	const cleaned: PodSpec = {...rest, containers: spec.containers.map(withoutServiceAccountMount)};
	if (initContainers.length > 0) cleaned.initContainers = initContainers.map(withoutServiceAccountMount);
	const volumes = (spec.volumes ?? []).filter((volume: Volume) => !SERVICE_ACCOUNT_VOLUME.test(volume.name));
	if (volumes.length > 0) cleaned.volumes = volumes;
	else delete cleaned.volumes;
	return cleaned;
}

function withoutServiceAccountMount(container: Container): Container {
	if (!container.volumeMounts) return container;
	const mounts = container.volumeMounts.filter(mount => !SERVICE_ACCOUNT_VOLUME.test(mount.name));
	const {volumeMounts: _mounts, ...rest} = container;
	return mounts.length > 0 ? {...rest, volumeMounts: mounts} : rest;
}

function keepLabels(labels: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(labels).filter(([key]) => !DROPPED_LABELS.has(key)));
}

/** Pod names are at most 63 characters for most uses; leave room for "-init-NNofNN". */
function shortBase(name: string): string {
	return name.length > 48 ? name.slice(0, 48).replace(/-+$/, '') : name;
}

function dependenciesOf(spec: PodSpec): string[] {
	const found = new Set<string>();
	for (const volume of spec.volumes ?? []) {
		if (volume.configMap) found.add(`ConfigMap ${volume.configMap.name}`);
		if (volume.secret) found.add(`Secret ${volume.secret.secretName}`);
		if (volume.persistentVolumeClaim) found.add(`PersistentVolumeClaim ${volume.persistentVolumeClaim.claimName} (a claim cannot be shared across namespaces: recreate it, or use an emptyDir to test the init container's effect on a fresh volume)`);
	}
	for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
		for (const env of container.env ?? []) {
			if (env.valueFrom?.configMapKeyRef) found.add(`ConfigMap ${env.valueFrom.configMapKeyRef.name}`);
			if (env.valueFrom?.secretKeyRef) found.add(`Secret ${env.valueFrom.secretKeyRef.name}`);
		}
		for (const source of container.envFrom ?? []) {
			if (source.configMapRef) found.add(`ConfigMap ${source.configMapRef.name}`);
			if (source.secretRef) found.add(`Secret ${source.secretRef.name}`);
		}
	}
	const pullSecrets = spec['imagePullSecrets'] as Array<{name: string}> | undefined;
	for (const secret of pullSecrets ?? []) found.add(`Secret ${secret.name} (image pull secret)`);
	if (spec.serviceAccountName && spec.serviceAccountName !== 'default') found.add(`ServiceAccount ${spec.serviceAccountName}`);
	return [...found].sort();
}

function commandsFor(namespace: string, manifests: BisectManifest[]): string[] {
	return [
		`kubectl create namespace ${namespace}`,
		...manifests.map(manifest => `kubectl apply -n ${namespace} -f ${manifest.file}   # ${manifest.initContainers.length === 0 ? 'no init containers' : manifest.initContainers.join(', ')}`),
		`kubectl get pods -n ${namespace} -w`,
		`kubectl delete namespace ${namespace}   # when done`,
	];
}
