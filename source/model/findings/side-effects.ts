// What init containers leave behind for the app (scenario 4): writes to volumes the app mounts,
// ownership and permission changes, network changes, privileges the app does not have. The
// checklist builds its steps from these hints; a finding points at them when the app fails
// although every init container completed.

import type {Pod} from '../k8s-types.js';
import {networkChanges, permissionChanges, runsAs, sharedVolumes} from '../init-effects.js';
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

function userText(uid: number | undefined): string {
	return uid === undefined ? 'the image default user (often root)' : uid === 0 ? 'root (uid 0)' : `uid ${uid}`;
}

/** The checklist's analysis of init containers (init-effects.ts), phrased as one-line hints. */
export function sideEffectHints(pod: Pod): SideEffectHint[] {
	const hints: SideEffectHint[] = [];
	const apps = pod.spec.containers;
	const appPrivileged = apps.some(app => app.securityContext?.privileged === true);
	const shared = sharedVolumes(pod).filter(volume => !volume.initReadOnly);
	const permissions = permissionChanges(pod);
	const network = networkChanges(pod);
	for (const init of pod.spec.initContainers ?? []) {
		const initUser = runsAs(pod, init).uid;
		for (const volume of new Set(shared.filter(s => s.initContainer === init.name).map(s => s.volume))) {
			const sharing = shared.filter(s => s.initContainer === init.name && s.volume === volume);
			const first = sharing[0]!;
			const where = sharing.map(s => `${s.appContainer} at ${s.appMountPath}`).join(', ');
			hints.push({kind: 'shared-volume', container: init.name, volume, path: first.initMountPath, appContainers: sharing.map(s => s.appContainer), evidence: `volumeMounts: ${volume} → ${first.initMountPath}`, text: `${init.name} can write to volume ${volume} (${first.type}) at ${first.initMountPath}, which ${where} mounts`});
		}
		for (const change of permissions.filter(c => c.container === init.name)) {
			if (change.tool === 'chown' || change.tool === 'chgrp') {
				const owner = change.tool === 'chgrp' ? change.group : `${change.owner}${change.group ? `:${change.group}` : ''}`;
				hints.push({kind: 'ownership', container: init.name, evidence: change.command, path: change.path, volume: change.volume, text: `${init.name} changes ownership to ${owner} of ${change.path} as ${userText(initUser)}: \`${change.command}\``});
			} else {
				hints.push({kind: 'permissions', container: init.name, evidence: change.command, path: change.path, volume: change.volume, text: `${init.name} changes permissions of ${change.path}: \`${change.command}\``});
			}
		}
		const mine = network.filter(change => change.container === init.name);
		for (const change of mine.filter(c => c.kind === 'command')) hints.push({kind: 'network', container: init.name, evidence: change.what, text: `${init.name} changes the network setup: \`${change.what}\``});
		const capabilities = mine.filter(c => c.kind === 'capability').map(c => c.what.replace(/^capability /, ''));
		if (capabilities.length > 0) hints.push({kind: 'network', container: init.name, evidence: `capabilities.add: [${capabilities.join(', ')}]`, text: `${init.name} adds capabilities ${capabilities.join(', ')}`});
		if (mine.some(c => c.kind === 'privileged') && !appPrivileged) {
			hints.push({kind: 'privileged', container: init.name, evidence: 'securityContext.privileged: true', appContainers: apps.map(app => app.name), text: `${init.name} runs privileged; the app containers do not`});
		}
		const nonRootApps = apps.map(app => ({app, uid: runsAs(pod, app).uid})).filter(({uid}) => uid !== undefined && uid !== 0);
		if ((initUser === 0 || (initUser === undefined && runsAs(pod, init).root !== false)) && nonRootApps.length > 0) {
			hints.push({kind: 'root-user', container: init.name, evidence: `runAsUser: ${initUser ?? '(unset)'}`, appContainers: nonRootApps.map(({app}) => app.name), text: `${init.name} runs as ${userText(initUser)}; ${nonRootApps.map(({app, uid}) => `${app.name} runs as uid ${uid}`).join(', ')}${pod.spec.securityContext?.fsGroup === undefined ? ', no fsGroup' : `, fsGroup ${pod.spec.securityContext.fsGroup}`}`});
		}
	}
	if (network.some(change => change.kind === 'hostNetwork')) {
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
	const summary = `${how} although every init container completed${denied ? ` — "${denied.trim()}"` : ''} — suspect ${[...new Set(hints.map(hint => hint.container))].join(', ')}`;
	return [{
		id: `side-effect:${blocked.name}`,
		family: 'side-effect',
		severity: denied ? 'error' : 'warning',
		container: blocked.name,
		title: `${blocked.name} ${summary}`,
		summary,
		details: hints.map(hint => hint.text),
		action: 'checklist',
	}];
}
