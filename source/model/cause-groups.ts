// Cause groups: the failing and stuck pods of a scope, grouped by what keeps them from running.
// Replicas of one workload stuck the same way share a cause fingerprint and make one group; when
// pods of at least two workloads fail the same way on one node, on one image reference, or wait
// for one named object (shared-cause.ts), they make one group that names it instead. Every
// troubled pod is in exactly one group. Pure; runs on every refresh of the pod table.

import {createHash} from 'node:crypto';
import type {PodCause} from './cause.js';
import {HEALTH_SEVERITY, type PodHealth} from './pod-health.js';
import {ownerLabel, type OwnerRef} from './owner.js';
import type {SharedCause, SharedScope} from './shared-cause.js';
import type {FingerprintParts} from './fingerprint.js';
import type {Stage} from './verdict.js';

/** What grouping reads of a pod (a PodSummary has it). */
export interface GroupablePod {
	uid: string;
	name: string;
	namespace: string;
	/** `<none>` or '' when not scheduled. */
	node: string;
	health: PodHealth;
	cause?: PodCause;
}

export type GroupKind = 'workload' | SharedScope;

export interface GroupMember {
	uid: string;
	namespace: string;
	name: string;
	node?: string;
}

export interface CauseGroup {
	/** Stable: derived from the key (the fingerprint, or the shared cause's key). */
	id: string;
	key: string;
	kind: GroupKind;
	/** The node, image or object a cross-workload group is about. */
	subject?: string;
	/** The worst of its pods: failing before stuck. */
	severity: 'failing' | 'stuck';
	worstHealth: PodHealth;
	pods: GroupMember[];
	owners: OwnerRef[];
	namespaces: string[];
	nodes: string[];
	/** The stages, blocker positions and containers of its pods (one each for a workload group). */
	stages: Stage[];
	positions: string[];
	containers: string[];
	/** `exit 127 (command not found)`, `can't pull image: registry unreachable`. */
	reason: string;
	/** One member's message (the oldest's), untrusted. */
	message: string;
	/** The fingerprints of its pods (one for a workload group). */
	fingerprints: string[];
	/** The oldest member's fingerprint parts. */
	parts: FingerprintParts;
	/** Since when the oldest member has been in trouble, and the newest (epoch ms; 0 = unknown). */
	oldestSince: number;
	newestSince: number;
	/** A pod joined within JOINING_MS: a rollout or a scale-up is still feeding it. */
	joining: boolean;
}

/** How recent the newest member must be for the group to count as still growing. */
export const JOINING_MS = 60_000;

const NONE = '<none>';

function ownerKey(owner: OwnerRef): string {
	return `${owner.kind}/${owner.namespace}/${owner.name}`;
}

/** Ids already hashed (groups are made again every second under churn, mostly with the same keys). */
const ids = new Map<string, string>();
const IDS_KEPT = 10_000;

/** A short, stable id: the key's hash. */
export function groupId(key: string): string {
	let id = ids.get(key);
	if (id === undefined) {
		if (ids.size >= IDS_KEPT) ids.clear();
		id = createHash('sha256').update(key).digest('hex').slice(0, 12);
		ids.set(key, id);
	}
	return id;
}

const SCOPE_RANK: Record<SharedScope, number> = {object: 0, image: 1, node: 2};

/**
 * The shared cause a pod joins: the one that spans the most workloads (at least two), ties going
 * to the most specific (an object before an image before a node).
 */
function chooseShared(shared: readonly SharedCause[], workloads: ReadonlyMap<string, ReadonlySet<string>>): SharedCause | undefined {
	let best: SharedCause | undefined;
	let bestCount = 1;
	for (const candidate of shared) {
		const count = workloads.get(candidate.key)?.size ?? 0;
		if (count > bestCount || (count === bestCount && best && SCOPE_RANK[candidate.scope] < SCOPE_RANK[best.scope])) {
			best = candidate;
			bestCount = count;
		}
	}
	return best;
}

interface Building {
	key: string;
	kind: GroupKind;
	subject?: string;
	text?: string;
	members: Array<{pod: GroupablePod; cause: PodCause}>;
}

function unique<T>(values: Iterable<T>): T[] {
	return [...new Set(values)];
}

function finish(building: Building, now: number): CauseGroup {
	const members = building.members.sort((a, b) => (a.cause.since - b.cause.since) || (a.pod.namespace < b.pod.namespace ? -1 : a.pod.namespace > b.pod.namespace ? 1 : a.pod.name < b.pod.name ? -1 : a.pod.name > b.pod.name ? 1 : 0));
	const oldest = members[0]!;
	const newest = members[members.length - 1]!;
	let worstHealth = oldest.pod.health;
	const owners = new Map<string, OwnerRef>();
	for (const {pod, cause} of members) {
		if (HEALTH_SEVERITY[pod.health] < HEALTH_SEVERITY[worstHealth]) worstHealth = pod.health;
		owners.set(ownerKey(cause.owner), cause.owner);
	}
	const nodeOf = (pod: GroupablePod) => (pod.node && pod.node !== NONE ? pod.node : undefined);
	return {
		id: groupId(building.key),
		key: building.key,
		kind: building.kind,
		...(building.subject === undefined ? {} : {subject: building.subject}),
		severity: members.some(member => member.cause.progress === 'failing') ? 'failing' : 'stuck',
		worstHealth,
		pods: members.map(({pod}) => {
			const node = nodeOf(pod);
			return {uid: pod.uid, namespace: pod.namespace, name: pod.name, ...(node ? {node} : {})};
		}),
		owners: [...owners.values()].sort((a, b) => (ownerLabel(a) < ownerLabel(b) ? -1 : 1)),
		namespaces: unique(members.map(({pod}) => pod.namespace)).sort(),
		nodes: unique(members.flatMap(({pod}) => nodeOf(pod) ?? [])).sort(),
		stages: unique(members.map(({cause}) => cause.stage)),
		positions: unique(members.map(({cause}) => cause.position).filter(Boolean)),
		containers: unique(members.map(({cause}) => cause.container).filter(Boolean)).sort(),
		reason: building.text ?? oldest.cause.reasonText,
		message: oldest.cause.message,
		fingerprints: unique(members.map(({cause}) => cause.fingerprint)).sort(),
		parts: oldest.cause.parts,
		oldestSince: oldest.cause.since,
		newestSince: newest.cause.since,
		joining: newest.cause.since > 0 && now - newest.cause.since < JOINING_MS,
	};
}

/** Worst first, then the biggest, then by key (stable). */
function compareGroups(a: CauseGroup, b: CauseGroup): number {
	return (HEALTH_SEVERITY[a.worstHealth] - HEALTH_SEVERITY[b.worstHealth]) || (b.pods.length - a.pods.length) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export function groupCauses(pods: Iterable<GroupablePod>, now: number): CauseGroup[] {
	const troubled: Array<{pod: GroupablePod; cause: PodCause}> = [];
	// Which workloads each shared key spans.
	const workloads = new Map<string, Set<string>>();
	for (const pod of pods) {
		const cause = pod.cause;
		if (!cause) continue;
		troubled.push({pod, cause});
		for (const shared of cause.shared) {
			let owners = workloads.get(shared.key);
			if (!owners) workloads.set(shared.key, owners = new Set());
			owners.add(ownerKey(cause.owner));
		}
	}
	const groups = new Map<string, Building>();
	for (const member of troubled) {
		const shared = member.cause.shared.length > 0 ? chooseShared(member.cause.shared, workloads) : undefined;
		const key = shared ? shared.key : member.cause.fingerprint;
		let group = groups.get(key);
		if (!group) {
			group = shared ? {key, kind: shared.scope, subject: shared.subject, text: shared.text, members: []} : {key, kind: 'workload', members: []};
			groups.set(key, group);
		}
		group.members.push(member);
	}
	return [...groups.values()].map(group => finish(group, now)).sort(compareGroups);
}

/** `Deployment shop/api`, `node worker-3`, `image registry/app:1.2`, `Service shop/rabbitmq`. */
export function groupSubject(group: CauseGroup): string {
	switch (group.kind) {
		case 'workload': return group.owners[0] ? ownerLabel(group.owners[0]) : '?';
		case 'node': return `node ${group.subject ?? '?'}`;
		case 'image': return `image ${group.subject ?? '?'}`;
		case 'object': return group.subject ?? '?';
	}
}

/** `20 pods`, `12 pods of 4 workloads`. */
export function groupSize(group: CauseGroup): string {
	const pods = `${group.pods.length} pod${group.pods.length === 1 ? '' : 's'}`;
	return group.owners.length > 1 ? `${pods} of ${group.owners.length} workloads` : pods;
}

/** `init 3/3 migrate-db`; for groups across workloads, what they have in common. */
export function groupStep(group: CauseGroup): string {
	const position = group.positions.length === 1 ? group.positions[0]! : group.positions.length > 1 ? 'several steps' : group.stages.join(', ');
	const container = group.containers.length === 1 ? group.containers[0]! : group.containers.length > 1 ? `(${group.containers.length} containers)` : '';
	return container ? `${position} ${container}` : position;
}

/** `node worker-3: 12 pods of 4 workloads — can't pull image: registry unreachable`. */
export function groupTitle(group: CauseGroup): string {
	return `${groupSubject(group)}: ${groupSize(group)} — ${group.reason}`;
}

/** A group that emptied, kept a short while so that a fix can be seen taking effect. */
export interface RecoveredGroup {
	group: CauseGroup;
	/** When it was last seen with pods. */
	at: number;
}

/** How long a recovered group stays on screen. */
export const RECOVERED_MS = 10_000;

/** The groups that emptied since `previous`, added to those recovered less than RECOVERED_MS ago (a group back in trouble leaves). */
export function trackRecovered(previous: readonly CauseGroup[], current: readonly CauseGroup[], recovered: readonly RecoveredGroup[], now: number): RecoveredGroup[] {
	const live = new Set(current.map(group => group.id));
	const next = recovered.filter(entry => now - entry.at < RECOVERED_MS && !live.has(entry.group.id));
	const known = new Set(next.map(entry => entry.group.id));
	for (const group of previous) if (!live.has(group.id) && !known.has(group.id)) next.push({group, at: now});
	return next;
}
