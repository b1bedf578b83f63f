// Volumes that keep a pod before its sandbox: a PersistentVolumeClaim that is missing or Pending
// (read with GET, with its StorageClass), a volume the attach/detach controller cannot attach
// (FailedAttachVolume, `Multi-Attach error` for a ReadWriteOnce volume still attached elsewhere),
// a CSI driver not registered on the node, and the kubelet's mount timeout. Event texts as the
// sources write them: kubelet.go `Unable to attach or mount volumes: %v` over volume_manager.go's
// `unmounted volumes=%v, unattached volumes=%v, failed to process volumes=%v: %w`;
// csi_client.go `driver name %s not found in the list of registered CSI drivers`; the
// attach/detach reconciler's `Multi-Attach error for volume %q Volume is already …`. A missing
// ConfigMap or Secret behind a volume is config-error's (findings/config-error.ts).

import {containerOfFieldPath} from '../events.js';
import type {KubeEvent, Pod} from '../k8s-types.js';
import {noContainerCreated} from '../sandbox.js';
import {parseMissingConfig} from './config-error.js';
import type {ClaimLookup, Facts, Finding} from './types.js';

export interface MountTimeout {
	unmounted: string[];
	unattached: string[];
	/** What the wait ended with: `timed out waiting for the condition` (≤ 1.26), `context deadline exceeded`. */
	cause: string;
}

const list = (text: string | undefined) => (text ?? '').split(/\s+/).filter(Boolean);

/** Reads `Unable to attach or mount volumes: unmounted volumes=[a], unattached volumes=[a b], failed to process volumes=[]: timed out …`. */
export function parseMountTimeout(message: string): MountTimeout | undefined {
	const match = message.match(/Unable to attach or mount volumes: unmounted volumes=\[([^\]]*)\], unattached volumes=\[([^\]]*)\](?:, failed to process volumes=\[[^\]]*\])?: (.*)$/s);
	if (!match) return undefined;
	return {unmounted: list(match[1]), unattached: list(match[2]), cause: match[3]!.trim()};
}

/** `driver name X not found in the list of registered CSI drivers` → X. */
export function unregisteredCsiDriver(message: string): string | undefined {
	return message.match(/driver name (\S+) not found in the list of registered CSI drivers/)?.[1];
}

/** `Multi-Attach error for volume "pvc-1" Volume is already used by pod(s) a, b` → the volume and who holds it. */
export function parseMultiAttach(message: string): {volume: string; holders?: string} | undefined {
	const match = message.match(/Multi-Attach error for volume "([^"]+)"\s*(?:Volume is already used by pod\(s\) (.+)|Volume is already exclusively attached)?/);
	if (!match) return undefined;
	return {volume: match[1]!, ...(match[2] ? {holders: match[2].trim()} : {})};
}

function claimOf(pod: Pod, volume: string): string | undefined {
	return pod.spec.volumes?.find(v => v.name === volume)?.persistentVolumeClaim?.claimName;
}

/** What a claim lookup says is wrong; undefined when the claim is fine (Bound) or unknown. */
export function claimTrouble(claim: string, namespace: string, lookup: ClaimLookup | undefined): {severity: Finding['severity']; text: string} | undefined {
	if (!lookup) return undefined;
	if ('error' in lookup) {
		return {severity: 'info', text: lookup.forbidden ? `PVC ${claim} could not be read: RBAC does not allow get persistentvolumeclaims in ${namespace}` : `PVC ${claim} could not be read: ${lookup.error}`};
	}
	if (!lookup.exists) return {severity: 'error', text: `PVC ${claim} does not exist in ${namespace}`};
	if (lookup.phase === 'Lost') return {severity: 'error', text: `PVC ${claim} is Lost: its PersistentVolume ${lookup.volumeName ?? ''} is gone`.trimEnd()};
	if (lookup.phase !== 'Pending') return undefined;
	const sc = lookup.storageClassName;
	const storage = lookup.storageClass;
	if (!sc) return {severity: 'error', text: `PVC ${claim} is Pending: no StorageClass set (and no default), so only a matching pre-made PersistentVolume can bind it`};
	if (storage && 'error' in storage) return {severity: 'error', text: `PVC ${claim} is Pending (StorageClass ${sc}${storage.forbidden ? ': RBAC does not allow get storageclasses' : `: ${storage.error}`})`};
	if (storage && !storage.exists) return {severity: 'error', text: `PVC ${claim} is Pending: StorageClass ${sc} does not exist`};
	if (storage?.exists) {
		const waits = storage.bindingMode === 'WaitForFirstConsumer' ? ', binding waits for the first consumer' : '';
		return {severity: 'error', text: `PVC ${claim} is Pending: provisioner ${storage.provisioner} of StorageClass ${sc} has not provisioned it${waits}`};
	}
	return {severity: 'error', text: `PVC ${claim} is Pending (StorageClass ${sc})`};
}

function finding(id: string, summary: string, details: string[], severity: Finding['severity'] = 'error'): Finding {
	return {id: `volume:${id}`, family: 'volume', severity, title: summary, summary, details};
}

function claimFindings(facts: Facts, namespace: string): Finding[] {
	const findings: Finding[] = [];
	for (const volume of facts.pod.spec.volumes ?? []) {
		const claim = volume.persistentVolumeClaim?.claimName;
		if (!claim) continue;
		const trouble = claimTrouble(claim, namespace, facts.claims?.[`${namespace}/${claim}`]);
		if (!trouble) continue;
		findings.push(finding(`claim:${claim}`, `volume ${volume.name}: ${trouble.text}`, ['The kubelet mounts every volume before it creates the sandbox: no init container starts until the claim is Bound.'], trouble.severity));
	}
	return findings;
}

function eventFindings(facts: Facts, namespace: string, explainedElsewhere: boolean): Finding[] {
	const findings = new Map<string, Finding>();
	const add = (key: string, make: () => Finding) => {
		if (!findings.has(key)) findings.set(key, make());
	};
	const podEvents = facts.events.filter(event => !containerOfFieldPath(event.involvedObject.fieldPath));
	const configVolumes = new Set<string>();
	for (const event of podEvents) {
		const message = (event.message ?? '').trim();
		if (event.reason === 'FailedMount' && parseMissingConfig(message, namespace)) configVolumes.add(message.match(/volume "([^"]+)"/)?.[1] ?? '');
	}
	const timeouts: Array<{event: KubeEvent; parsed: MountTimeout}> = [];
	for (const event of podEvents) {
		const message = (event.message ?? '').trim();
		const node = facts.pod.spec.nodeName ?? 'the node';
		if (event.reason === 'FailedAttachVolume') {
			const multi = parseMultiAttach(message);
			if (multi) {
				add(`multi-attach:${multi.volume}`, () => finding(`multi-attach:${multi.volume}`, `volume ${multi.volume} is still attached to another node${multi.holders ? ` (used by ${multi.holders})` : ''} — a ReadWriteOnce volume attaches to one node at a time`, [`Attach/detach controller: ${message}`, 'It attaches here once the other pod is gone and the volume detached (a node that died may hold it until its VolumeAttachment is removed).']));
				continue;
			}
			const volume = message.match(/for volume "([^"]+)"/)?.[1] ?? '?';
			add(`attach:${volume}`, () => finding(`attach:${volume}`, `volume ${volume} cannot be attached to ${node}`, [`Attach/detach controller: ${message}`]));
			continue;
		}
		if (event.reason !== 'FailedMount') continue;
		const timeout = parseMountTimeout(message);
		if (timeout) {
			timeouts.push({event, parsed: timeout});
			continue;
		}
		const volume = message.match(/for volume "([^"]+)"/)?.[1] ?? '?';
		if (configVolumes.has(volume)) continue;
		const driver = unregisteredCsiDriver(message);
		if (driver) {
			add(`csi:${driver}`, () => finding(`csi:${driver}`, `volume ${volume}: CSI driver ${driver} is not registered on ${node}`, [`Kubelet: ${message}`, `Check the driver's node plugin (DaemonSet) on ${node}: kubectl get csinode ${node} -o yaml`]));
			continue;
		}
		add(`mount:${volume}`, () => finding(`mount:${volume}`, `volume ${volume} cannot be mounted`, [`Kubelet: ${message}`]));
	}
	// The kubelet's summary of the wait: only when nothing more specific names those volumes.
	const latest = timeouts.at(-1);
	if (latest) {
		const pending = latest.parsed.unmounted.filter(name => !configVolumes.has(name));
		if (pending.length > 0 && !explainedElsewhere && findings.size === 0) {
			const claims = pending.map(name => claimOf(facts.pod, name)).filter(Boolean);
			findings.set('timeout', finding('timeout', `volumes ${pending.join(', ')} not mounted: ${latest.parsed.cause}${claims.length > 0 ? ` (PVC ${claims.join(', ')})` : ''}`, [`Kubelet: ${(latest.event.message ?? '').trim()}`, 'The kubelet waits about 2 minutes per try; the cause is in the other FailedMount/FailedAttachVolume events or on the node.']));
		}
	}
	return [...findings.values()];
}

export function volumeFindings(facts: Facts): Finding[] {
	if (!noContainerCreated(facts.pod)) return [];
	const namespace = facts.pod.metadata.namespace ?? 'default';
	const fromClaims = claimFindings(facts, namespace);
	// Before scheduling a claim's state is the scheduler's business too; the events come once on a node.
	const fromEvents = facts.pod.spec.nodeName ? eventFindings(facts, namespace, fromClaims.some(f => f.severity === 'error')) : [];
	return [...fromEvents, ...fromClaims];
}

/** The claims (namespace/name) to look up: the pod's PVC volumes, while no container was created. */
export function claimsToLookUp(pod: Pod): Array<{namespace: string; name: string}> {
	if (!noContainerCreated(pod) || pod.metadata.deletionTimestamp) return [];
	const namespace = pod.metadata.namespace ?? 'default';
	return [...new Set((pod.spec.volumes ?? []).flatMap(volume => (volume.persistentVolumeClaim ? [volume.persistentVolumeClaim.claimName] : [])))].map(name => ({namespace, name}));
}
