// A container that cannot be created because an env file an init container should have written
// is missing, or lacks the key (model/env-files.ts): an init-container side effect, named with
// the writer to look at. It matches on the structure (CreateContainerConfigError on a container
// whose spec reads a fileKeyRef); the kubelet's message, when it is one of its env-file messages,
// only says which ref and what went wrong.

import {envFileFailure, envFileRefs, envFileText, refsBlamed, type EnvFileFailure, type EnvFileRef} from '../env-files.js';
import type {SequenceStep} from '../init-sequence.js';
import type {Facts, Finding} from './types.js';
import {lastLine, stepFinding} from './text.js';

function what(refs: readonly EnvFileRef[], failure: EnvFileFailure | undefined): string {
	const files = [...new Set(refs.map(ref => ref.path))].join(', ');
	const keys = refs.map(ref => ref.key).join(', ');
	if (failure?.kind === 'key') return `env file ${files} has no key ${keys}`;
	if (failure?.kind === 'unreadable') return `env file ${files} missing or unreadable (key ${keys})`;
	if (failure?.kind === 'volume') return `volume ${failure.volume} of env file ${files} not mounted`;
	return `env file ${refs.map(ref => `${ref.path} (key ${ref.key})`).join(', ')} missing or incomplete`;
}

function explanation(failure: EnvFileFailure | undefined): string[] {
	if (failure?.kind === 'key') return [`The kubelet opened ${failure.file} on the node: the file is there, but no line sets that key.`];
	if (failure?.kind === 'unreadable') return ['The kubelet could not open or parse the file (its own log says which: no such file, or a line that is not KEY=value).'];
	return [];
}

/** The writer's state and last log line: did it run to completion, and what did it say? */
function writerEvidence(facts: Facts, writer: string): string[] {
	const step = facts.sequence.steps.find(s => s.name === writer);
	if (!step) return [];
	const done = step.terminated ?? step.lastTerminated;
	const state = done ? `exited ${done.exitCode}${done.reason ? ` (${done.reason})` : ''}` : (step.reason ?? step.state);
	const said = lastLine(facts.logs?.[writer]);
	return [`init ${writer}: ${state}${said ? `; last log line: ${said}` : ''}`];
}

export function envFileFindings(facts: Facts): Finding[] {
	const refs = envFileRefs(facts.pod).filter(ref => !ref.optional);
	if (refs.length === 0) return [];
	const findings: Finding[] = [];
	for (const step of facts.sequence.steps) {
		if (step.reason !== 'CreateContainerConfigError' || !step.status?.state?.waiting) continue;
		const mine = refs.filter(ref => ref.container === step.name);
		if (mine.length === 0) continue;
		findings.push(envFileFinding(facts, step, mine));
	}
	return findings;
}

function envFileFinding(facts: Facts, step: SequenceStep, mine: EnvFileRef[]): Finding {
	const message = step.waitingMessage ?? '';
	const failure = envFileFailure(message);
	const suspects = refsBlamed(mine, failure);
	const writers = [...new Set(suspects.flatMap(ref => ref.writers))];
	const by = writers.length > 0 ? `, written by init ${writers.join(', ')}` : ', and no init container mounts that volume writable';
	return stepFinding('env-file', step, `CreateContainerConfigError — ${what(suspects, failure)}${by}`, [
		...(message ? [`Kubelet: ${message}`] : []),
		...suspects.map(ref => `${ref.container} reads ${envFileText(ref)}`),
		...explanation(failure),
		...writers.flatMap(writer => writerEvidence(facts, writer)),
		writers.length > 0
			? `Check that ${writers.join(', ')} writes ${suspects[0]!.path} as KEY=value lines with ${suspects.map(ref => ref.key).join(', ')} before it exits; its logs show what it wrote.`
			: 'Nothing writes the file: add the init container that renders it, or mark the reference optional: true.',
	], {withLogs: false});
}
