// The pod as `kubectl get pod -o yaml` prints it: apiVersion and kind first, managedFields hidden.
import {stringify} from 'yaml';
import type {Pod} from '../../model/k8s-types.js';

export function podYaml(pod: Pod): string[] {
	const {managedFields: _hidden, ...metadata} = pod.metadata as Pod['metadata'] & {managedFields?: unknown};
	const ordered = {apiVersion: pod.apiVersion ?? 'v1', kind: pod.kind ?? 'Pod', metadata, spec: pod.spec, ...(pod.status ? {status: pod.status} : {})};
	return stringify(ordered, {lineWidth: 0}).replace(/\n$/, '').split('\n');
}
