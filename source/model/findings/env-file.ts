// A container that cannot be created because an env file an init container should have written
// is missing, or lacks the key (model/env-files.ts): an init-container side effect, named with
// the writer to look at.

import {envFileRefs, envFileText} from '../env-files.js';
import type {Facts, Finding} from './types.js';
import {stepFinding} from './text.js';

export function envFileFindings(facts: Facts): Finding[] {
	const refs = envFileRefs(facts.pod).filter(ref => !ref.optional);
	if (refs.length === 0) return [];
	const findings: Finding[] = [];
	for (const step of facts.sequence.steps) {
		if (step.reason !== 'CreateContainerConfigError' || !step.status?.state?.waiting) continue;
		const mine = refs.filter(ref => ref.container === step.name);
		if (mine.length === 0) continue;
		const message = step.waitingMessage ?? '';
		// The ref the kubelet's message names (its key or path), else every ref of the container.
		const named = mine.filter(ref => message.includes(ref.key) || message.includes(ref.path));
		const suspects = named.length > 0 ? named : mine;
		const writers = [...new Set(suspects.flatMap(ref => ref.writers))];
		const by = writers.length > 0 ? `, written by init ${writers.join(', ')}` : ', and no init container mounts that volume writable';
		const summary = `CreateContainerConfigError — env file ${suspects.map(ref => `${ref.path} (key ${ref.key})`).join(', ')} missing or incomplete${by}`;
		findings.push(stepFinding('env-file', step, summary, [
			...(message ? [`Kubelet: ${message}`] : []),
			...suspects.map(ref => `${ref.container} reads ${envFileText(ref)}`),
			writers.length > 0
				? `Check that ${writers.join(', ')} writes ${suspects[0]!.path} as KEY=value lines with ${suspects.map(ref => ref.key).join(', ')} before it exits; its logs show what it wrote.`
				: 'Nothing writes the file: add the init container that renders it, or mark the reference optional: true.',
		], {withLogs: false}));
	}
	return findings;
}
