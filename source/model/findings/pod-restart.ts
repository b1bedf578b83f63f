// Whole-pod in-place restart (KEP-5532, beta in 1.36): a container exit that matches a
// `RestartAllContainers` rule makes the kubelet stop every container and run the init containers
// again from the first, in the same pod (same uid). The pod condition `AllContainersRestarting`
// is True while the kubelet removes the containers (status/generate.go: False again once they are
// gone); afterwards the statuses still say it: the trigger's last exit matches its
// RestartAllContainers rule while the init containers run again. Either way: a pod restart, not a
// new pod and not a mystery `Init:0/N`.

import {restartDecision} from '../restart-rules.js';
import type {Facts, Finding} from './types.js';

export const ALL_RESTARTING_CONDITION = 'AllContainersRestarting';

export function podRestartFindings(facts: Facts): Finding[] {
	const condition = facts.pod.status?.conditions?.find(c => c.type === ALL_RESTARTING_CONDITION && c.status === 'True');
	// The container whose exit triggered it: its last run matches a RestartAllContainers rule.
	const trigger = facts.sequence.steps.find(step => {
		const ended = step.terminated ?? step.lastTerminated;
		return ended !== undefined && restartDecision(facts.pod, step.spec, ended.exitCode, ended.reason).restarts === 'pod';
	});
	// After the condition cleared: the trigger's exit is its last state and initialization runs again.
	const rerunning = trigger !== undefined && trigger.terminated === undefined && trigger.lastTerminated !== undefined && facts.sequence.initCount > 0 && !facts.sequence.initialized;
	if (!condition && !rerunning) return [];
	const ended = trigger ? trigger.terminated ?? trigger.lastTerminated : undefined;
	const cause = trigger && ended ? `: ${trigger.name} exited ${ended.exitCode} (${restartDecision(facts.pod, trigger.spec, ended.exitCode, ended.reason).why})` : '';
	const summary = `the pod is restarting all its containers in place${cause}`;
	const uid = facts.pod.metadata.uid ? ` (uid ${facts.pod.metadata.uid} unchanged)` : '';
	return [{
		id: 'pod-restart:pod',
		family: 'pod-restart',
		severity: 'info',
		title: summary,
		summary,
		details: [
			condition
				? `Condition ${ALL_RESTARTING_CONDITION}${condition.reason ? ` (${condition.reason})` : ''}${condition.message ? `: ${condition.message}` : ''}`
				: `Condition ${ALL_RESTARTING_CONDITION} is False again: the kubelet has removed every container and starts the pod over.`,
			`The same pod${uid} runs its init containers again from the first; it is not a new pod.`,
		],
	}];
}
