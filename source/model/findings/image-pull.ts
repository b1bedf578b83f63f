// An image that cannot be pulled: which image, what the registry said, and what that usually means.

import {containerOfFieldPath} from '../events.js';
import type {KubeEvent} from '../k8s-types.js';
import {epochMs, IMAGE_REASONS} from '../container-state.js';
import type {Facts, Finding} from './types.js';
import {stepFinding} from './text.js';


/** A short reading of a registry error. */
export function classifyPullError(message: string): string | undefined {
	if (/not found|manifest unknown|does not exist/i.test(message)) return 'the image or tag does not exist';
	if (/unauthorized|authentication required|denied|forbidden|401|403/i.test(message)) return 'access denied: the registry wants credentials (imagePullSecrets)';
	if (/toomanyrequests|rate limit/i.test(message)) return 'the registry is rate-limiting pulls';
	if (/no such host|i\/o timeout|connection refused|dial tcp|unavailable|TLS handshake/i.test(message)) return 'the registry cannot be reached from the node';
	if (/invalid reference format|Failed to apply default image tag/i.test(message)) return 'the image name is not valid';
	if (/pull policy of Never/i.test(message)) return 'imagePullPolicy is Never and the image is not on the node';
	return undefined;
}

function lastPullEvent(events: readonly KubeEvent[], container: string): KubeEvent | undefined {
	return events
		.filter(event => event.reason === 'Failed' && containerOfFieldPath(event.involvedObject.fieldPath) === container && /^Failed to pull image/.test(event.message ?? ''))
		.sort((a, b) => epochMs(a.lastTimestamp ?? a.eventTime) - epochMs(b.lastTimestamp ?? b.eventTime))
		.pop();
}

export function imagePullFindings(facts: Facts): Finding[] {
	const findings: Finding[] = [];
	for (const step of facts.sequence.steps) {
		if (!step.status?.state?.waiting || !IMAGE_REASONS.has(step.reason ?? '')) continue;
		const image = step.spec.image ?? step.status.image ?? '?';
		const event = lastPullEvent(facts.events, step.name);
		const registryMessage = event?.message?.trim() ?? step.waitingMessage?.trim() ?? '';
		const reading = classifyPullError(`${registryMessage} ${step.waitingMessage ?? ''}`);
		const summary = `${step.reason}: cannot pull image "${image}"${reading ? ` — ${reading}` : ''}`;
		const details: string[] = [];
		if (registryMessage) details.push(`Registry: ${registryMessage}`);
		if (step.waitingMessage && step.waitingMessage.trim() !== registryMessage) details.push(`Status: ${step.waitingMessage.trim()}`);
		details.push('The kubelet retries the pull with a back-off (10s doubling to 5m); fix the image reference or the pull credentials.');
		findings.push(stepFinding('image-pull', step, summary, details, {withLogs: false}));
	}
	return findings;
}
