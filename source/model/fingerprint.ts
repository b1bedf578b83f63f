// The cause fingerprint: a stable key for "stuck the same way". Replicas of one workload blocked at
// the same step for the same reason share it, whatever their names, uids, IPs, timestamps and
// counters; a different owner, stage, blocker, reason class or message gives another.

import type {Pod} from './k8s-types.js';
import type {PodVerdict} from './verdict.js';

const UID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const TIMESTAMP = /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?\b/g;
const IPV6 = /\[?\b[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}\b\]?(?::\d+)?/gi;
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g;
const CONTAINER_ID = /\b(?:containerd|docker|cri-o):\/\/[0-9a-f]+/gi;
const LONG_HEX = /\b[0-9a-f]{12,}\b/gi;
const DURATION = /\b\d+(?:\.\d+)?(?:ms|h|m|s)(?:\d+(?:\.\d+)?(?:ms|h|m|s))*\b/g;
const COUNT = /\b\d+\b/g;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A message with what differs between replicas taken out: the pod's own name (and `name_namespace`
 * forms), uids, container ids, IP addresses, timestamps, durations and counts.
 */
export function normalizeMessage(message: string, pod?: Pod): string {
	let text = message;
	const name = pod?.metadata.name;
	if (name) text = text.replace(new RegExp(`(?<![\\w-])${escapeRegExp(name)}(?![a-z0-9-])`, 'gi'), '<pod>');
	const generate = pod?.metadata.generateName;
	if (generate) text = text.replace(new RegExp(`(?<![\\w-])${escapeRegExp(generate)}[a-z0-9]{5}(?![a-z0-9-])`, 'g'), '<pod>');
	return text
		.replace(UID, '<uid>')
		.replace(CONTAINER_ID, '<container>')
		.replace(TIMESTAMP, '<time>')
		.replace(IPV6, '<ip>')
		.replace(IPV4, '<ip>')
		.replace(LONG_HEX, '<hex>')
		.replace(DURATION, '<d>')
		.replace(COUNT, '<n>')
		.replace(/\s+/g, ' ')
		.trim();
}

/** The kubelet's back-off line in front of the pull error it repeats (Kubernetes ≥ 1.30 keeps it). */
const BACK_OFF = /^Back-off pulling image "[^"]*"(?::\s*(?:ErrImagePull:\s*)?)?/;

/** A pull error without the back-off prefix: ErrImagePull and ImagePullBackOff of one pull say the same. */
export function pullError(message: string | undefined): string {
	return (message ?? '').replace(BACK_OFF, '').trim();
}

/** What the fingerprint is made of (JSON output of `initk9 causes` gives them apart). */
export interface FingerprintParts {
	/** `Deployment/shop/api`. */
	owner: string;
	stage: string;
	/** The blocking container's name, '' when none. */
	blocker: string;
	/** `exit:127`, `image`, `running-long`. */
	reason: string;
	/** `suspect:fix-permissions`, ''. */
	suspect: string;
	/** The message with names, uids, IPs, times and counts normalised away. */
	message: string;
}

export function fingerprintParts(verdict: PodVerdict, pod: Pod): FingerprintParts {
	const {owner} = verdict;
	const reason = verdict.exitCode === undefined ? verdict.reason ?? 'none' : `${verdict.reason ?? 'exit'}:${verdict.exitCode}`;
	const raw = verdict.reason === 'image' ? pullError(verdict.message) : verdict.message;
	const message = raw ? normalizeMessage(raw, pod) : '';
	const suspect = verdict.suspect ? `suspect:${verdict.suspect.container}` : '';
	return {owner: `${owner.kind}/${owner.namespace}/${owner.name}`, stage: verdict.stage, blocker: verdict.blocker?.name ?? '', reason, suspect, message};
}

/** `Deployment/shop/api|init|migrate-db|exit:127|<suspect>|<message>`. */
export function causeFingerprint(verdict: PodVerdict, pod: Pod): string {
	const parts = fingerprintParts(verdict, pod);
	return [parts.owner, parts.stage, parts.blocker, parts.reason, parts.suspect, parts.message].join('|');
}
