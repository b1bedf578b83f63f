// Causes that pods of different workloads can share, read from one pod's verdict: the node it
// fails on (a broken registry mirror, a broken runtime), the image reference it cannot pull, or
// the named object it waits for (a Service an init container polls, a missing ConfigMap, Secret or
// PersistentVolumeClaim). The cause fingerprint (fingerprint.ts) tells replicas of one workload
// apart from the rest; these keys join workloads. Pure; only for pods failing or stuck.

import {dependencyWait} from './dependency.js';
import {normalizeMessage, pullError} from './fingerprint.js';
import {parseMissingConfig} from './findings/config-error.js';
import type {Container, Pod} from './k8s-types.js';
import type {PodVerdict} from './verdict.js';

/** What is shared; the order is the preference when a pod could join more than one. */
export type SharedScope = 'object' | 'image' | 'node';

export interface SharedCause {
	scope: SharedScope;
	/** `demo-worker-2`, `registry.shop.internal/shop/orders:4.1.0`, `Service shop/rabbitmq`. */
	subject: string;
	/** Equal for pods failing the same way on the same subject, whatever their workload. */
	key: string;
	/** What goes wrong there, one short line: `can't pull image: registry unreachable`. */
	text: string;
}

/** Pull errors by what they mean, in the order they are tried. */
const PULL_ERRORS: ReadonlyArray<[RegExp, string]> = [
	[/i\/o timeout|no such host|connection refused|network is unreachable|no route to host|TLS handshake timeout|context deadline exceeded|dial tcp/i, 'registry unreachable'],
	[/unauthorized|denied|authentication required|401 Unauthorized|403 Forbidden/i, 'access denied'],
	[/not found|manifest unknown|does not exist/i, 'image not found'],
];

/** `registry unreachable`, `image not found`, `access denied`; undefined when the message says none of these. */
export function pullErrorMeaning(message: string | undefined): string | undefined {
	const error = pullError(message);
	return PULL_ERRORS.find(([pattern]) => pattern.test(error))?.[1];
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pull error with the image (and its repository path) taken out, so two images can fail alike. */
function pullErrorWithoutImage(message: string | undefined, image: string, pod: Pod): string {
	let text = pullError(message).replace(new RegExp(escapeRegExp(image), 'g'), '<image>');
	const path = image.replace(/^[^/]*\.[^/]*\//, '').replace(/[:@].*$/, '');
	if (path) text = text.replace(new RegExp(`${escapeRegExp(path)}(/manifests/\\S+?)?(?="|$|\\s)`, 'g'), '<repository>');
	return normalizeMessage(text, pod);
}

function blockingContainer(pod: Pod, name: string | undefined): Container | undefined {
	if (!name) return undefined;
	return pod.spec.initContainers?.find(c => c.name === name) ?? pod.spec.containers.find(c => c.name === name);
}

const MISSING_CLAIM = /persistentvolumeclaim "([^"]+)" not found/i;

/** The named object the pod cannot start without, when its verdict names one. */
function missingObject(verdict: PodVerdict, pod: Pod, container: Container | undefined): SharedCause | undefined {
	const namespace = pod.metadata.namespace ?? 'default';
	const object = (kind: string, objectNamespace: string, name: string, text: string): SharedCause => {
		const subject = `${kind} ${objectNamespace}/${name}`;
		return {scope: 'object', subject, key: `object|${subject}|${verdict.reason ?? ''}`, text};
	};
	if (verdict.reason === 'config' && verdict.message) {
		const missing = parseMissingConfig(verdict.message, namespace);
		if (missing) return object(missing.kind, missing.namespace, missing.name, missing.key ? `${missing.kind} ${missing.name} has no key ${missing.key}` : `${missing.kind} ${missing.name} not found`);
	}
	if (verdict.reason === 'unschedulable' && verdict.message) {
		const claim = MISSING_CLAIM.exec(verdict.message);
		if (claim) return object('PersistentVolumeClaim', namespace, claim[1]!, `PersistentVolumeClaim ${claim[1]} not found`);
	}
	if (verdict.reason === 'running-long' && container && verdict.blocker?.kind === 'init') {
		const wait = dependencyWait(container.command, container.args, namespace, container.env);
		const service = wait?.targets.find(target => target.service)?.service;
		if (service) return object('Service', service.namespace, service.name, `waits for Service ${service.namespace}/${service.name}`);
	}
	return undefined;
}

/** Reason classes where the node itself is a plausible cause (its registry access, its runtime). */
const NODE_REASONS = new Set<PodVerdict['reason']>(['image', 'start-error']);

/** The keys this pod's trouble can share with pods of other workloads (none for a healthy pod). */
export function sharedCauses(verdict: PodVerdict, pod: Pod): SharedCause[] {
	if (verdict.progress !== 'failing' && verdict.progress !== 'stuck') return [];
	const container = blockingContainer(pod, verdict.blocker?.name);
	const shared: SharedCause[] = [];
	const object = missingObject(verdict, pod, container);
	if (object) shared.push(object);
	const node = pod.spec.nodeName;
	if (verdict.reason === 'image' && container?.image) {
		const meaning = pullErrorMeaning(verdict.message);
		const text = `can't pull image: ${meaning ?? 'pull failed'}`;
		const how = meaning ?? pullErrorWithoutImage(verdict.message, container.image, pod);
		shared.push({scope: 'image', subject: container.image, key: `image|${container.image}|${how}`, text});
		if (node) shared.push({scope: 'node', subject: node, key: `node|${node}|image|${how}`, text});
	} else if (node && NODE_REASONS.has(verdict.reason)) {
		const how = verdict.message ? normalizeMessage(verdict.message, pod) : verdict.detail ?? '';
		shared.push({scope: 'node', subject: node, key: `node|${node}|${verdict.reason}|${how}`, text: (verdict.detail ?? verdict.reason ?? '').split(':')[0]!});
	}
	return shared;
}
