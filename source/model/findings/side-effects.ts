// What init containers leave behind for the app (scenario 4): writes to volumes the app mounts,
// ownership and permission changes, network changes, privileges the app does not have. The
// checklist builds its steps from these hints; a finding points at them when the app fails
// although every init container completed.

import {commandScript} from '../dependency.js';
import type {Container, Pod, Volume} from '../k8s-types.js';
import type {Facts, Finding} from './types.js';
import {logOf, tailLines} from './text.js';

export type SideEffectKind = 'shared-volume' | 'ownership' | 'permissions' | 'network' | 'privileged' | 'root-user';

export interface SideEffectHint {
	kind: SideEffectKind;
	/** The init container the hint is about. */
	container: string;
	/** One line for a list. */
	text: string;
	/** The exact command or spec field the hint comes from. */
	evidence?: string;
	volume?: string;
	/** The path the command touches (ownership/permissions) or the mount path (shared volume). */
	path?: string;
	/** App containers concerned (the ones mounting the volume, or all of them). */
	appContainers?: string[];
}

export function volumeType(volume: Volume | undefined): string {
	if (!volume) return 'unknown volume';
	for (const key of ['emptyDir', 'persistentVolumeClaim', 'hostPath', 'configMap', 'secret', 'projected', 'downwardAPI', 'nfs', 'csi', 'local', 'ephemeral']) {
		if (volume[key] !== undefined) return key === 'persistentVolumeClaim' ? `persistentVolumeClaim ${volume.persistentVolumeClaim!.claimName}` : key;
	}
	return 'volume';
}

/** Segments of a script that run one of `programs` (e.g. `chown -R 1000:1000 /data`). */
function segmentsRunning(script: string, programs: RegExp): string[] {
	return script
		.split(/;|&&|\|\||\n|\|/)
		.map(part => part.trim().replace(/^(then|do|else)\s+/, ''))
		.filter(part => programs.test(part));
}

function lastPath(segment: string): string | undefined {
	return segment.split(/\s+/).reverse().find(word => word.startsWith('/'));
}

/** uid the container runs as: container securityContext, else pod's, else undefined (image default). */
export function effectiveUser(pod: Pod, container: Container): number | undefined {
	return container.securityContext?.runAsUser ?? pod.spec.securityContext?.runAsUser;
}

function userText(uid: number | undefined): string {
	return uid === undefined ? 'the image default user (often root)' : uid === 0 ? 'root (uid 0)' : `uid ${uid}`;
}

export function sideEffectHints(pod: Pod): SideEffectHint[] {
	const hints: SideEffectHint[] = [];
	const apps = pod.spec.containers;
	const volumes = new Map((pod.spec.volumes ?? []).map(volume => [volume.name, volume]));
	const appPrivileged = apps.some(app => app.securityContext?.privileged === true);
	const appUsers = apps.map(app => effectiveUser(pod, app));
	for (const init of pod.spec.initContainers ?? []) {
		const script = commandScript(init.command, init.args);
		for (const mount of init.volumeMounts ?? []) {
			if (mount.readOnly) continue;
			const sharing = apps.filter(app => (app.volumeMounts ?? []).some(m => m.name === mount.name));
			if (sharing.length === 0) continue;
			const where = sharing.map(app => `${app.name} at ${app.volumeMounts!.find(m => m.name === mount.name)!.mountPath}`).join(', ');
			hints.push({kind: 'shared-volume', container: init.name, volume: mount.name, path: mount.mountPath, appContainers: sharing.map(app => app.name), evidence: `volumeMounts: ${mount.name} → ${mount.mountPath}`, text: `${init.name} can write to volume ${mount.name} (${volumeType(volumes.get(mount.name))}) at ${mount.mountPath}, which ${where} mounts`});
		}
		for (const segment of segmentsRunning(script, /(^|\s|\/)(chown|chgrp)\s/)) {
			const owner = segment.split(/\s+/).slice(1).find(word => !word.startsWith('-'));
			hints.push({kind: 'ownership', container: init.name, evidence: segment, path: lastPath(segment), text: `${init.name} changes ownership${owner ? ` to ${owner}` : ''}${lastPath(segment) ? ` of ${lastPath(segment)}` : ''} as ${userText(effectiveUser(pod, init))}: \`${segment}\``});
		}
		for (const segment of segmentsRunning(script, /(^|\s|\/)(chmod|setfacl|umask)\s|mkdir\s+(.*\s)?-m/)) {
			hints.push({kind: 'permissions', container: init.name, evidence: segment, path: lastPath(segment), text: `${init.name} changes permissions${lastPath(segment) ? ` of ${lastPath(segment)}` : ''}: \`${segment}\``});
		}
		for (const segment of segmentsRunning(script, /(^|\s|\/)(iptables|ip6tables|iptables-restore|nft|sysctl|ifconfig|route)\s|(^|\s)ip\s+(route|link|addr|rule|netns)/)) {
			hints.push({kind: 'network', container: init.name, evidence: segment, text: `${init.name} changes the network setup: \`${segment}\``});
		}
		const capabilities = (init.securityContext?.capabilities?.add ?? []).filter(cap => /^(CAP_)?(NET_ADMIN|NET_RAW|SYS_ADMIN)$/.test(cap));
		if (capabilities.length > 0) hints.push({kind: 'network', container: init.name, evidence: `capabilities.add: [${capabilities.join(', ')}]`, text: `${init.name} adds capabilities ${capabilities.join(', ')}`});
		if (init.securityContext?.privileged === true && !appPrivileged) {
			hints.push({kind: 'privileged', container: init.name, evidence: 'securityContext.privileged: true', appContainers: apps.map(app => app.name), text: `${init.name} runs privileged; the app containers do not`});
		}
		const initUser = effectiveUser(pod, init);
		const nonRootApps = apps.filter((app, at) => appUsers[at] !== undefined && appUsers[at] !== 0);
		if ((initUser === 0 || (initUser === undefined && init.securityContext?.runAsNonRoot !== true)) && nonRootApps.length > 0) {
			hints.push({kind: 'root-user', container: init.name, evidence: `runAsUser: ${initUser ?? '(unset)'}`, appContainers: nonRootApps.map(app => app.name), text: `${init.name} runs as ${userText(initUser)}; ${nonRootApps.map(app => `${app.name} runs as uid ${effectiveUser(pod, app)}`).join(', ')}${pod.spec.securityContext?.fsGroup === undefined ? ', no fsGroup' : `, fsGroup ${pod.spec.securityContext.fsGroup}`}`});
		}
	}
	if (pod.spec.hostNetwork && (pod.spec.initContainers ?? []).length > 0) {
		hints.push({kind: 'network', container: pod.spec.initContainers![0]!.name, evidence: 'hostNetwork: true', text: 'the pod uses the host network: init containers changing network settings change the node\'s'});
	}
	return hints;
}

const PERMISSION_TEXT = /permission denied|operation not permitted|read-only file system|EACCES|EPERM/i;

/** All init containers completed, the app fails, and the init containers left something behind. */
export function sideEffectFindings(facts: Facts): Finding[] {
	const {sequence} = facts;
	if (!sequence.initialized || sequence.blockedIndex === undefined) return [];
	const blocked = sequence.steps[sequence.blockedIndex]!;
	if (blocked.kind !== 'app' || (blocked.symbol !== 'failed' && blocked.symbol !== 'backoff')) return [];
	if (sequence.initCount === 0) return [];
	const hints = sideEffectHints(facts.pod).filter(hint => !hint.appContainers || hint.appContainers.includes(blocked.name));
	if (hints.length === 0) return [];
	const appLog = tailLines(logOf(facts, blocked));
	const denied = appLog.find(line => PERMISSION_TEXT.test(line));
	const exit = blocked.terminated ?? blocked.lastTerminated;
	const how = exit ? `exits ${exit.exitCode}` : 'fails';
	const summary = `${how} although every init container completed${denied ? ` — "${denied.trim()}"` : ''} — suspect ${[...new Set(hints.map(hint => hint.container))].join(', ')} (press c for the checklist)`;
	return [{
		id: `side-effect:${blocked.name}`,
		family: 'side-effect',
		severity: denied ? 'error' : 'warning',
		container: blocked.name,
		title: `${blocked.name} ${summary}`,
		summary,
		details: hints.map(hint => hint.text),
	}];
}
