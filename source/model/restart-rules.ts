// Will a container that just failed be restarted, and why (Kubernetes 1.34+)? Container restart
// rules (KEP-5307, `restartPolicyRules` matched on the exit code, then the container's own
// `restartPolicy`) come before the pod's `restartPolicy`; a rule's action may also be
// `RestartAllContainers` (KEP-5532): the pod restarts in place, init containers first, same uid.
// Regular init containers under pod restartPolicy Always are restarted like OnFailure.

import {runSucceeded} from './container-state.js';
import type {Container, ContainerRestartRule, Pod} from './k8s-types.js';

export interface RestartDecision {
	/** container: this container restarts in place; pod: every container restarts (KEP-5532); none: it stays failed. */
	restarts: 'container' | 'pod' | 'none';
	/** `exit 42 matches restart rule (exit code In [42])`, `pod restartPolicy Never`. */
	why: string;
}

function ruleMatches(rule: ContainerRestartRule, exitCode: number): boolean {
	const codes = rule.exitCodes;
	if (!codes) return true;
	const listed = (codes.values ?? []).includes(exitCode);
	return codes.operator === 'NotIn' ? !listed : listed;
}

function ruleText(rule: ContainerRestartRule): string {
	return rule.exitCodes ? `exit code ${rule.exitCodes.operator} [${(rule.exitCodes.values ?? []).join(', ')}]` : 'any exit';
}

/** What the kubelet does after `container` exited with `exitCode` (reason: OOMKilled counts as failed). */
export function restartDecision(pod: Pod, container: Container, exitCode: number, reason?: string): RestartDecision {
	const init = (pod.spec.initContainers ?? []).includes(container);
	for (const rule of container.restartPolicyRules ?? []) {
		if (!ruleMatches(rule, exitCode)) continue;
		const matched = `exit ${exitCode} matches restart rule (${ruleText(rule)})`;
		if (rule.action === 'RestartAllContainers') return {restarts: 'pod', why: `${matched}: all containers restart in place, init containers first (RestartAllContainers)`};
		return {restarts: 'container', why: `${matched}: ${container.name} restarts in place`};
	}
	const own = container.restartPolicy && !(init && container.restartPolicy === 'Always') ? container.restartPolicy : undefined;
	const policy = own ?? pod.spec.restartPolicy ?? 'Always';
	const source = own ? `${container.name}'s restartPolicy ${own}` : `pod restartPolicy ${policy}`;
	const rules = (container.restartPolicyRules ?? []).length > 0 ? `exit ${exitCode} matches no restart rule; ` : '';
	const failed = !runSucceeded(exitCode, reason);
	if (policy === 'Never' || (!failed && policy !== 'Always') || (!failed && init)) {
		return {restarts: 'none', why: `${rules}${source}: ${failed ? `not restarted, so the pod ${init ? 'fails' : 'keeps it failed'}` : 'not restarted'}`};
	}
	return {restarts: 'container', why: `${rules}${source}: restarted after a back-off`};
}

/** Only worth saying when the spec uses a 1.34+ restart field or the pod never restarts. */
export function restartWorthSaying(pod: Pod, container: Container): boolean {
	return (container.restartPolicyRules ?? []).length > 0 || (container.restartPolicy !== undefined && container.restartPolicy !== 'Always') || pod.spec.restartPolicy === 'Never';
}
