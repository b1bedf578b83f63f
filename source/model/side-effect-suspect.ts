// The init container to suspect when the app fails after every init container completed: the one
// whose side effect (ownership, permissions, network, privileges) concerns the failing app
// container, in one short line for the pod table's WHY.

import type {Pod} from './k8s-types.js';
import {runsAs} from './init-effects.js';
import {sideEffectHints, type SideEffectHint} from './findings/side-effects.js';

/** The kinds of hint that name a concrete change, most telling first. */
const TELLING: readonly SideEffectHint['kind'][] = ['ownership', 'permissions', 'network', 'privileged', 'root-user'];
const EVIDENCE_MAX = 40;

function short(text: string): string {
	return text.length > EVIDENCE_MAX ? `${text.slice(0, EVIDENCE_MAX - 1)}…` : text;
}

type Suspect = {container: string; text: string} | undefined;

/** Reading the scripts costs ~0.1 ms a pod and depends on the spec only: once per spec object and app. */
const cache = new WeakMap<Pod['spec'], Map<string, Suspect>>();

export function sideEffectSuspect(pod: Pod, appContainer: string): Suspect {
	let bySpec = cache.get(pod.spec);
	if (!bySpec) cache.set(pod.spec, bySpec = new Map());
	if (!bySpec.has(appContainer)) bySpec.set(appContainer, findSuspect(pod, appContainer));
	return bySpec.get(appContainer);
}

function findSuspect(pod: Pod, appContainer: string): Suspect {
	const hints = sideEffectHints(pod).filter(hint => !hint.appContainers || hint.appContainers.includes(appContainer));
	const hint = TELLING.map(kind => hints.find(item => item.kind === kind)).find(Boolean);
	if (!hint) return undefined;
	const app = pod.spec.containers.find(container => container.name === appContainer);
	const uid = app ? runsAs(pod, app).uid : undefined;
	const appUser = (hint.kind === 'ownership' || hint.kind === 'permissions' || hint.kind === 'root-user') && uid !== undefined ? `, app runs as uid ${uid}` : '';
	const evidence = hint.kind === 'root-user' ? 'runs as root' : short(hint.evidence ?? hint.kind);
	return {container: hint.container, text: `suspect init ${hint.container}: ${evidence}${appUser}`};
}
