// The pod sandbox cannot be created (FailedCreatePodSandBox: CNI network, IP range exhausted,
// runtime handler missing), and image volumes (volume source `image`) whose image cannot be
// pulled. Both keep every container of the pod from being created. Event texts as the kubelet
// writes them: kuberuntime_manager.go `Failed to create pod sandbox: %v` (the CNI plugin's or the
// runtime's error after it), image volumes pulled by the kubelet's image puller on the pod itself.

import {containerOfFieldPath} from '../events.js';
import type {KubeEvent} from '../k8s-types.js';
import {epochMs} from '../container-state.js';
import {noContainerCreated} from '../sandbox.js';
import {classifyPullError} from './image-pull.js';
import type {Facts, Finding} from './types.js';

export interface SandboxError {
	/** network: the CNI plugin failed; ip-exhausted: its IPAM range is full; runtime-handler: RuntimeClass handler unknown. */
	kind: 'network' | 'ip-exhausted' | 'runtime-handler' | 'other';
	/** What it means, one line. */
	reading: string;
}

/** Reads the error after `Failed to create pod sandbox: `. */
export function classifySandboxError(message: string): SandboxError {
	const range = message.match(/no IP addresses available in range set:?\s*(\S+)?/i);
	if (range || /failed to assign an IP address|failed to allocate for range/i.test(message)) {
		return {kind: 'ip-exhausted', reading: `the node's pod IP range is exhausted${range?.[1] ? ` (${range[1]})` : ''} — leaked IP leases or too many pods for the node's CIDR`};
	}
	const handler = message.match(/no runtime for "([^"]+)" is configured|RuntimeClass "([^"]+)" not found|failed to find runtime handler (\S+)/i);
	if (handler) {
		const name = handler[1] ?? handler[2] ?? handler[3];
		return {kind: 'runtime-handler', reading: `runtime handler ${name} is not configured on the node (RuntimeClass / containerd or CRI-O runtimes)`};
	}
	const plugin = message.match(/plugin type="([^"]+)"/)?.[1];
	if (/failed to (?:set ?up|setup) (?:network for sandbox|sandbox container)|networkPlugin cni failed|cni config uninitialized|CNI plugin|plugin type="/i.test(message)) {
		return {kind: 'network', reading: `the CNI plugin${plugin ? ` ${plugin}` : ''} could not set up the pod's network — check the CNI pods on the node`};
	}
	return {kind: 'other', reading: 'the container runtime could not create the pod sandbox'};
}

function latest(events: readonly KubeEvent[]): KubeEvent | undefined {
	return [...events].sort((a, b) => epochMs(a.lastTimestamp ?? a.eventTime) - epochMs(b.lastTimestamp ?? b.eventTime)).at(-1);
}

function countText(events: readonly KubeEvent[]): string {
	const count = events.reduce((sum, event) => sum + (event.count ?? 1), 0);
	return count > 1 ? ` (${count}×)` : '';
}

function sandboxFinding(facts: Facts): Finding[] {
	const failures = facts.events.filter(event => event.reason === 'FailedCreatePodSandBox');
	const last = latest(failures);
	if (!last) return [];
	const message = (last.message ?? '').trim();
	const error = classifySandboxError(message);
	const node = facts.pod.spec.nodeName;
	const summary = `sandbox not created — ${error.reading}`;
	return [{
		id: 'sandbox:pod',
		family: 'sandbox',
		severity: 'error',
		title: `pod ${summary}`,
		summary,
		details: [
			`Kubelet${countText(failures)}: ${message}`,
			`No container starts until the sandbox exists; the kubelet retries on its own${node ? ` on node ${node}` : ''}.`,
		],
	}];
}

/** Image volumes the kubelet failed to pull (events on the pod itself, not on a container). */
function imageVolumeFindings(facts: Facts): Finding[] {
	const findings: Finding[] = [];
	for (const volume of facts.pod.spec.volumes ?? []) {
		const reference = volume.image?.reference;
		if (!reference) continue;
		const pulls = facts.events.filter(event => event.reason === 'Failed' && !containerOfFieldPath(event.involvedObject.fieldPath) && (event.message ?? '').startsWith(`Failed to pull image "${reference}"`));
		const last = latest(pulls);
		if (!last) continue;
		const message = (last.message ?? '').trim();
		const reading = classifyPullError(message);
		const summary = `image volume ${volume.name} cannot be pulled: "${reference}"${reading ? ` — ${reading}` : ''}`;
		findings.push({
			id: `sandbox:image-volume:${volume.name}`,
			family: 'volume',
			severity: 'error',
			title: summary,
			summary,
			details: [`Kubelet${countText(pulls)}: ${message}`, 'No container is created until every image volume is pulled; fix the reference or the pull credentials (imagePullSecrets serve image volumes too).'],
		});
	}
	return findings;
}

export function sandboxFindings(facts: Facts): Finding[] {
	if (!facts.pod.spec.nodeName || !noContainerCreated(facts.pod)) return [];
	return [...sandboxFinding(facts), ...imageVolumeFindings(facts)];
}
