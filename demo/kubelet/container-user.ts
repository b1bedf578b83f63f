// containerStatuses[].user (KEP-3619, SupplementalGroupsPolicy, on by default since 1.33): the
// identity the runtime applied to the container's first process, reported once it exists. The
// demo's images all run as root by default (busybox's USER), and their /etc/group lists no extra
// membership for the process user, so: uid = runAsUser or 0, gid = runAsGroup or 0, and the
// supplementary groups the runtime sets — the primary gid, then fsGroup and the pod's
// supplementalGroups (policy Merge) — sorted without repeats, as the runtime reports them.
import type {Container, PodSpec} from '../../source/model/k8s-types.js';

export type AppliedUser = {linux: {uid: number; gid: number; supplementalGroups: number[]}};

export function appliedUser(spec: PodSpec, container: Container): AppliedUser {
	const pods = spec.securityContext;
	const uid = container.securityContext?.runAsUser ?? pods?.runAsUser ?? 0;
	const gid = container.securityContext?.runAsGroup ?? pods?.runAsGroup ?? 0;
	const groups = [gid, ...(pods?.fsGroup === undefined ? [] : [pods.fsGroup]), ...(pods?.supplementalGroups ?? [])];
	return {linux: {uid, gid, supplementalGroups: [...new Set(groups)].sort((a, b) => a - b)}};
}
