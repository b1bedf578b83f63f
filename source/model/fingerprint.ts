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

/** `Deployment/shop/api|init|migrate-db|exit:127|<message>`. */
export function causeFingerprint(verdict: PodVerdict, pod: Pod): string {
	const {owner} = verdict;
	const reason = verdict.exitCode === undefined ? verdict.reason ?? 'none' : `${verdict.reason ?? 'exit'}:${verdict.exitCode}`;
	const message = verdict.message ? normalizeMessage(verdict.message, pod) : '';
	const suspect = verdict.suspect ? `suspect:${verdict.suspect.container}` : '';
	return [`${owner.kind}/${owner.namespace}/${owner.name}`, verdict.stage, verdict.blocker?.name ?? '', reason, suspect, message].join('|');
}
