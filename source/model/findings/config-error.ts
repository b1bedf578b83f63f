// CreateContainerConfigError and volume mounts that fail: the missing ConfigMap / Secret / key,
// named, with the place in the spec that refers to it.

import {containerOfFieldPath} from '../events.js';
import {envFileRefs} from '../env-files.js';
import type {Container, Pod} from '../k8s-types.js';
import type {Facts, Finding} from './types.js';

export interface MissingConfig {
	kind: 'ConfigMap' | 'Secret';
	name: string;
	namespace: string;
	key?: string;
}

/** Reads the kubelet's messages: `configmap "c" not found`, `couldn't find key K in Secret ns/s`. */
export function parseMissingConfig(message: string, podNamespace: string): MissingConfig | undefined {
	const notFound = message.match(/\b(configmap|secret)s? "([^"]+)" not found/i);
	if (notFound) return {kind: notFound[1]!.toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap', name: notFound[2]!, namespace: podNamespace};
	const key = message.match(/couldn't find key (\S+) in (ConfigMap|Secret) (?:([^/\s]+)\/)?(\S+)/);
	if (key) return {kind: key[2] as 'ConfigMap' | 'Secret', name: key[4]!, namespace: key[3] ?? podNamespace, key: key[1]};
	return undefined;
}

/** Where the spec refers to a ConfigMap/Secret: `env APP_MODE of app`, `envFrom of app`, `volume cfg`. */
export function configReferences(pod: Pod, missing: MissingConfig): string[] {
	const refs: string[] = [];
	const isConfigMap = missing.kind === 'ConfigMap';
	const containers: Container[] = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
	for (const container of containers) {
		for (const env of container.env ?? []) {
			const ref = isConfigMap ? env.valueFrom?.configMapKeyRef : env.valueFrom?.secretKeyRef;
			if (ref?.name === missing.name && (!missing.key || ref.key === missing.key)) refs.push(`env ${env.name} of ${container.name}${ref.key ? ` (key ${ref.key})` : ''}`);
		}
		for (const from of container.envFrom ?? []) {
			const ref = isConfigMap ? from.configMapRef : from.secretRef;
			if (ref?.name === missing.name) refs.push(`envFrom of ${container.name}`);
		}
	}
	for (const volume of pod.spec.volumes ?? []) {
		const name = isConfigMap ? volume.configMap?.name : volume.secret?.secretName;
		if (name === missing.name) refs.push(`volume ${volume.name}`);
	}
	return refs;
}

function describe(missing: MissingConfig): string {
	return missing.key
		? `key ${missing.key} is missing from ${missing.kind} ${missing.name} in ${missing.namespace}`
		: `${missing.kind} ${missing.name} does not exist in ${missing.namespace}`;
}

function finding(id: string, container: string | undefined, lead: string, missing: MissingConfig, raw: string, pod: Pod): Finding {
	const refs = configReferences(pod, missing);
	const summary = `${lead} — ${describe(missing)}${refs.length > 0 ? ` (used by ${refs.join(', ')})` : ''}`;
	return {
		id,
		family: 'config-error',
		severity: 'error',
		container,
		title: container ? `${container} ${summary}` : summary,
		summary,
		details: [
			`Kubelet: ${raw}`,
			`Create the ${missing.kind}${missing.key ? ` key` : ''} (or mark the reference optional: true); the kubelet retries on its own.`,
		],
	};
}

export function configErrorFindings(facts: Facts): Finding[] {
	const namespace = facts.pod.metadata.namespace ?? 'default';
	const findings: Finding[] = [];
	const named = new Set<string>();
	// A container that reads an env file: its config error is the env-file finding's (env-file.ts).
	const readsEnvFile = new Set(envFileRefs(facts.pod).filter(ref => !ref.optional).map(ref => ref.container));
	for (const step of facts.sequence.steps) {
		if (step.reason !== 'CreateContainerConfigError' || !step.status?.state?.waiting) continue;
		const message = step.waitingMessage ?? '';
		const missing = parseMissingConfig(message, namespace);
		if (!missing) {
			if (readsEnvFile.has(step.name)) continue;
			const summary = `CreateContainerConfigError — ${message || 'the container configuration is invalid'}`;
			findings.push({id: `config-error:${step.name}`, family: 'config-error', severity: 'error', container: step.name, title: `${step.name} ${summary}`, summary, details: []});
			continue;
		}
		named.add(`${missing.kind}/${missing.name}`);
		findings.push(finding(`config-error:${step.name}`, step.name, 'CreateContainerConfigError', missing, message, facts.pod));
	}
	// A volume that cannot be mounted keeps every container at PodInitializing/ContainerCreating.
	for (const event of facts.events) {
		if (event.reason !== 'FailedMount' || containerOfFieldPath(event.involvedObject.fieldPath)) continue;
		const message = event.message ?? '';
		const missing = parseMissingConfig(message, namespace);
		if (!missing || named.has(`${missing.kind}/${missing.name}`)) continue;
		if (facts.sequence.steps.some(step => step.state === 'Running' || step.state === 'Terminated')) continue;
		named.add(`${missing.kind}/${missing.name}`);
		const volume = message.match(/volume "([^"]+)"/)?.[1];
		findings.push(finding(`config-error:volume:${volume ?? missing.name}`, undefined, `volume ${volume ?? '?'} cannot be mounted`, missing, message, facts.pod));
	}
	return findings;
}
