// The storage side of starting a pod, as the control plane and the kubelet play it:
// - the scheduler's VolumeBinding PreFilter (volumebinding/volume_binding.go): a pod whose claim
//   does not exist, or is unbound with immediate binding (no StorageClass, an unknown one, or an
//   Immediate one), is not scheduled;
// - the kubelet's desired-state populator (desired_state_of_world_populator.go
//   getPVCExtractPV): a claim that is missing or not bound fails the volume wait with
//   `error processing PVC ns/name: …`, which SyncPod reports as FailedMount (the wait's own
//   timeout is `wait.Interrupted`, reported by no event since 1.28);
// - the attach/detach controller (reconciler.go reportMultiAttachError): a ReadWriteOnce volume
//   attached to another node is not attached here; one FailedAttachVolume event says who holds it.
import type {Pod} from '../../source/model/k8s-types.js';
import type {ClusterBackend} from '../backend.js';

interface Claim {
	metadata: {name: string};
	spec?: {storageClassName?: string; volumeName?: string; accessModes?: string[]};
	status?: {phase?: string; accessModes?: string[]};
}

const claimVolumes = (pod: Pod) => (pod.spec.volumes ?? []).flatMap(volume => (volume.persistentVolumeClaim ? [{volume: volume.name, claim: volume.persistentVolumeClaim.claimName}] : []));

async function getClaim(backend: ClusterBackend, namespace: string, name: string): Promise<Claim | undefined> {
	return (await backend.getObject?.('persistentvolumeclaims', namespace, name)) as unknown as Claim | undefined;
}

/** component-helpers IsDelayBindingMode: only an existing class with WaitForFirstConsumer delays binding. */
async function delaysBinding(backend: ClusterBackend, claim: Claim): Promise<boolean> {
	const className = claim.spec?.storageClassName;
	if (!className) return false;
	const found = (await backend.getObject?.('storageclasses', undefined, className)) as {volumeBindingMode?: string} | undefined;
	return found?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** The scheduler's FitError for a PreFilter rejection on `nodes` nodes (framework/types.go FitError.Error). */
export const fitError = (nodes: number, reason: string) =>
	`0/${nodes} nodes are available: ${reason}. preemption: 0/${nodes} nodes are available: ${nodes} Preemption is not helpful for scheduling.`;

/** Why VolumeBinding's PreFilter rejects the pod, if it does. */
export async function volumeBindingRejection(backend: ClusterBackend, pod: Pod): Promise<string | undefined> {
	const namespace = pod.metadata.namespace ?? 'default';
	let unboundImmediate = false;
	for (const {claim: name} of claimVolumes(pod)) {
		const claim = await getClaim(backend, namespace, name);
		if (!claim) return `persistentvolumeclaim "${name}" not found`;
		if (claim.status?.phase !== 'Bound' && !(await delaysBinding(backend, claim))) unboundImmediate = true;
	}
	return unboundImmediate ? 'pod has unbound immediate PersistentVolumeClaims' : undefined;
}

export interface AttachableVolume {
	/** The pod's volume name. */
	volume: string;
	/** The PersistentVolume (what the attach/detach controller names). */
	pv: string;
	/** ReadWriteMany / ReadOnlyMany volumes may attach to several nodes. */
	multiAttach: boolean;
}

export type VolumeSetup = {errors: string[]; failed: string[]} | {attach: AttachableVolume[]};

/** The populator's view of the pod's claims: errors per claim, or the volumes to attach. */
export async function processClaims(backend: ClusterBackend, pod: Pod): Promise<VolumeSetup> {
	const namespace = pod.metadata.namespace ?? 'default';
	const errors: string[] = [];
	const failed: string[] = [];
	const attach: AttachableVolume[] = [];
	for (const {volume, claim: name} of claimVolumes(pod)) {
		const claim = await getClaim(backend, namespace, name);
		let error: string | undefined;
		if (!claim) error = `failed to fetch PVC from API server: persistentvolumeclaims "${name}" not found`;
		else if (claim.status?.phase !== 'Bound') error = 'PVC is not bound';
		else if (!claim.spec?.volumeName) error = 'PVC has empty pvc.Spec.VolumeName';
		if (error) {
			errors.push(`error processing PVC ${namespace}/${name}: ${error}`);
			failed.push(volume);
			continue;
		}
		const modes = claim!.status?.accessModes ?? claim!.spec?.accessModes ?? [];
		attach.push({volume, pv: claim!.spec!.volumeName!, multiAttach: modes.includes('ReadWriteMany') || modes.includes('ReadOnlyMany')});
	}
	return failed.length > 0 ? {errors, failed} : {attach};
}

/** kubelet.go over volume_manager.go: the FailedMount text of a wait the populator's errors ended. */
export const mountFailure = (unmounted: readonly string[], failed: readonly string[], errors: readonly string[]) =>
	`Unable to attach or mount volumes: unmounted volumes=[${unmounted.join(' ')}], unattached volumes=[], failed to process volumes=[${failed.join(' ')}]: ${errors.join('; ')}`;

/** Which node each PersistentVolume is attached to, and the pods using it there. */
export class Attachments {
	private readonly volumes = new Map<string, {node: string; pods: Map<string, {namespace: string; name: string}>}>();

	/** The pods on another node holding `pv`, when it is attached to another node; attaches it here otherwise. */
	attach(volume: AttachableVolume, node: string, pod: {uid: string; namespace: string; name: string}): Array<{namespace: string; name: string}> | undefined {
		const current = this.volumes.get(volume.pv);
		if (current && current.node !== node && current.pods.size > 0 && !volume.multiAttach) return [...current.pods.values()];
		const entry = current && current.node === node ? current : {node, pods: new Map()};
		entry.pods.set(pod.uid, {namespace: pod.namespace, name: pod.name});
		this.volumes.set(volume.pv, entry);
		return undefined;
	}

	/** The pod is gone: its volumes detach once no other pod on the node uses them. */
	release(uid: string): void {
		for (const [pv, entry] of this.volumes) {
			entry.pods.delete(uid);
			if (entry.pods.size === 0) this.volumes.delete(pv);
		}
	}
}

/** reportMultiAttachError: names the holders in the pod's own namespace, counts the others. */
export function multiAttachMessage(pv: string, namespace: string, holders: ReadonlyArray<{namespace: string; name: string}>): string {
	const local = holders.filter(holder => holder.namespace === namespace).map(holder => holder.name);
	const others = holders.length - local.length;
	let message: string;
	if (local.length > 0) {
		message = `Volume is already used by pod(s) ${local.join(', ')}`;
		if (others > 0) message = `${message} and ${others} pod(s) in different namespaces`;
	} else {
		message = `Volume is already used by ${others} pod(s) in different namespaces`;
	}
	return `Multi-Attach error for volume "${pv}" ${message}`;
}
