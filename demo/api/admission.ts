// What the API server's admission adds to every new pod (ServiceAccount admission, DefaultTolerationSeconds,
// Priority): the service-account token volume mounted into every container, the default
// tolerations, priority and preemption policy. Scenario pods and controller-made pods share it.
import {randomBytes} from 'node:crypto';
import type {Container, PodSpec} from '../../source/model/k8s-types.js';

export const SERVICE_ACCOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

const suffix = (length: number) => {
	const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
	return [...randomBytes(length)].map(byte => alphabet[byte % alphabet.length]).join('');
};

/** A copy of `spec` as admission leaves it (defaults only where the spec says nothing). */
export function admitPodSpec(spec: PodSpec): PodSpec {
	const volume = `kube-api-access-${suffix(5)}`;
	const mount = {name: volume, mountPath: SERVICE_ACCOUNT_PATH, readOnly: true};
	const withMount = (c: Container): Container => ({...c, volumeMounts: [...(c.volumeMounts ?? []), mount]});
	return {
		...spec,
		...(spec.initContainers ? {initContainers: spec.initContainers.map(withMount)} : {}),
		containers: spec.containers.map(withMount),
		serviceAccountName: spec.serviceAccountName ?? 'default',
		serviceAccount: spec.serviceAccountName ?? 'default',
		tolerations: [
			...((spec.tolerations as object[] | undefined) ?? []),
			{key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
			{key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
		],
		priority: spec.priority ?? 0,
		enableServiceLinks: spec.enableServiceLinks ?? true,
		preemptionPolicy: spec.preemptionPolicy ?? 'PreemptLowerPriority',
		volumes: [
			...(spec.volumes ?? []),
			{name: volume, projected: {defaultMode: 420, sources: [
				{serviceAccountToken: {expirationSeconds: 3607, path: 'token'}},
				{configMap: {name: 'kube-root-ca.crt', items: [{key: 'ca.crt', path: 'ca.crt'}]}},
				{downwardAPI: {items: [{path: 'namespace', fieldRef: {apiVersion: 'v1', fieldPath: 'metadata.namespace'}}]}},
			]}},
		],
	};
}
