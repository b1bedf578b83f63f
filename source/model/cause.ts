// What the pod table keeps of a failing or stuck pod's verdict so that its pods can be grouped by
// cause (cause-groups.ts) without the pods themselves: the fingerprint and its parts, the shared
// keys, where it is blocked, a stable short reason and one message.

import {fingerprintParts, pullError, type FingerprintParts} from './fingerprint.js';
import type {Pod} from './k8s-types.js';
import type {OwnerRef} from './owner.js';
import {pullErrorMeaning, type SharedCause} from './shared-cause.js';
import {exitText, type PodVerdict, type ReasonClass, type Stage} from './verdict.js';

export interface PodCause {
	fingerprint: string;
	parts: FingerprintParts;
	progress: 'failing' | 'stuck';
	owner: OwnerRef;
	stage: Stage;
	/** `init 3/3`, '' when nothing blocks a single container. */
	position: string;
	/** The blocking container, '' when none. */
	container: string;
	reason: ReasonClass | undefined;
	/** The same for every replica: `exit 127 (command not found)`, `can't pull image: registry unreachable`. */
	reasonText: string;
	/** The raw message or the verdict's detail (untrusted: sanitise before drawing). */
	message: string;
	shared: readonly SharedCause[];
	/** Epoch ms the pod's trouble began, as near as the pod tells (its current step, else its start). */
	since: number;
}

/** The part of a detail before the first colon: `CreateContainerConfigError`, `Unschedulable`. */
function head(detail: string | undefined): string {
	return (detail ?? '').split(':')[0]!.trim();
}

/** A reason without what changes between replicas and between restarts (counts, durations, back-off state). */
export function reasonText(verdict: PodVerdict): string {
	const {reason, exitCode} = verdict;
	const suspect = verdict.suspect ? ` (suspect init ${verdict.suspect.container})` : '';
	if (exitCode !== undefined) return `${exitText(exitCode, reason === 'oom' ? 'OOMKilled' : undefined)}${suspect}`;
	switch (reason) {
		case 'image': return `can't pull image: ${pullErrorMeaning(verdict.message) ?? 'pull failed'}`;
		case 'config':
		case 'scheduling-gated': return (verdict.detail ?? reason).replace(/\s+/g, ' ');
		case 'running-long': {
			const waits = verdict.shared?.find(shared => shared.scope === 'object');
			return waits ? waits.text : 'running without finishing';
		}
		case 'not-started': return 'not started';
		case 'no-status': return 'no container status';
		case undefined: return verdict.progress;
		default: return `${head(verdict.detail) || reason}${suspect}`;
	}
}

export function podCause(verdict: PodVerdict, pod: Pod, createdAt: number): PodCause | undefined {
	if (!verdict.fingerprint || (verdict.progress !== 'failing' && verdict.progress !== 'stuck')) return undefined;
	return {
		fingerprint: verdict.fingerprint,
		parts: fingerprintParts(verdict, pod),
		progress: verdict.progress,
		owner: verdict.owner,
		stage: verdict.stage,
		position: verdict.blocker?.position ?? '',
		container: verdict.blocker?.name ?? '',
		reason: verdict.reason,
		reasonText: reasonText(verdict),
		message: (verdict.reason === 'image' ? pullError(verdict.message) : verdict.message) || verdict.detail || '',
		shared: verdict.shared ?? [],
		since: verdict.stepSince ?? createdAt,
	};
}
