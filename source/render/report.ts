// The troubleshooting report for a ticket: the pod, what blocks it, its timeline, the checklist
// with the user's answers and notes, and the bisect manifests. Markdown for people, JSON for
// scripts; both from the same data.
import {runSucceeded} from '../model/container-state.js';
import type {KubeEvent, Pod} from '../model/k8s-types.js';
import type {Checklist, StepId, Verdict} from '../model/checklist.js';
import {printPod} from '../model/pod-status.js';
import {eventRows} from '../model/events.js';
import {buildChecklist} from '../model/checklist.js';
import {bisectPlan} from '../model/bisect.js';
import {appLogLines, type PodFacts} from '../model/facts.js';
import {diagnose, type Finding} from '../model/findings/index.js';
import type {DiagnosisConfig} from '../model/verdict.js';
import {STEP_GLYPHS, type InitSequence} from '../model/init-sequence.js';
import {layoutTimeline, rowText} from './timeline.js';

export interface ReportFinding {
	severity: 'error' | 'warning' | 'info';
	title: string;
	detail: string[];
}

export interface ReportInput {
	generatedAt: number;
	context: string;
	pod: Pod;
	events: readonly KubeEvent[];
	/** The one line that says what blocks the pod (or that nothing does). */
	headline?: string;
	findings: readonly ReportFinding[];
	checklist: Checklist;
	answers: Partial<Record<StepId, {verdict?: Verdict; note?: string}>>;
	/** Plain-text lines: the init sequence and the timeline, as the drill-down draws them. */
	sequence?: readonly string[];
	timeline?: readonly string[];
}

/** What the report adds to the facts: where it was made and what the user answered. */
export interface ReportOptions {
	context: string;
	answers: ReportInput['answers'];
	config?: DiagnosisConfig;
}

/** The command that does, outside the TUI, what a finding asks the user to do next. */
export function actionCommand(finding: Pick<Finding, 'action' | 'logs'>, pod: Pod): string | undefined {
	if (finding.action === 'logs' && finding.logs) {
		return `kubectl logs -n ${pod.metadata.namespace ?? 'default'} ${pod.metadata.name} -c ${finding.logs.container}${finding.logs.previous ? ' --previous' : ''}`;
	}
	if (finding.action === 'checklist') return 'walk through the checklist below';
	return undefined;
}

/** Everything the report says, from the pod's facts (gathered live by the TUI, or once by `initk9 report`). */
export function assembleReport(facts: PodFacts, options: ReportOptions): ReportInput {
	const diagnosis = diagnose({...facts, ...(options.config ? {config: options.config} : {})});
	const timeline = layoutTimeline({pod: facts.pod, events: [...facts.events], history: facts.history, now: facts.now, width: 100});
	const bisect = bisectPlan(facts.pod, facts.owner ? {owner: facts.owner} : {});
	return {
		generatedAt: facts.now,
		context: options.context,
		pod: facts.pod,
		events: facts.events,
		headline: diagnosis.headline,
		findings: diagnosis.findings.map(finding => {
			const next = actionCommand(finding, facts.pod);
			return {severity: finding.severity, title: finding.title, detail: next && !finding.details.includes(next) ? [...finding.details, `Next: ${next}`] : finding.details};
		}),
		checklist: buildChecklist({pod: facts.pod, events: facts.events, appLogs: appLogLines(facts), bisect}),
		answers: options.answers,
		sequence: sequenceLines(diagnosis.sequence),
		timeline: [...timeline.rows, ...timeline.legend].map(rowText).concat(timeline.notes),
	};
}

/** One plain line per container in execution order, as the drill-down lists them. */
export function sequenceLines(sequence: InitSequence): string[] {
	return sequence.steps.map(step => {
		const ended = step.terminated ?? step.lastTerminated;
		const exit = ended && !runSucceeded(ended.exitCode, ended.reason) ? ` exit ${ended.exitCode} (${ended.meaning.short})` : '';
		const blocked = sequence.blockedIndex === step.index ? '  <- blocks the pod' : '';
		return `${step.label} ${STEP_GLYPHS[step.symbol]} ${step.name}${step.kind === 'sidecar' ? ' [sidecar]' : ''}: ${step.state}${step.reason ? ` ${step.reason}` : ''}${exit}, restarts ${step.restarts}${blocked}`;
	});
}

const VERDICT_MARK: Record<Verdict | 'open', string> = {passed: '[x] passed', failed: '[!] failed', skipped: '[-] skipped', open: '[ ] open'};

export function reportJson(input: ReportInput): Record<string, unknown> {
	const row = printPod(input.pod, input.generatedAt);
	return {
		generatedAt: new Date(input.generatedAt).toISOString(),
		context: input.context,
		pod: {namespace: row.namespace, name: row.name, uid: input.pod.metadata.uid, ready: row.ready, status: row.status, restarts: row.restarts, age: row.age},
		headline: input.headline ?? null,
		findings: input.findings,
		sequence: input.sequence ?? [],
		timeline: input.timeline ?? [],
		checklist: input.checklist.steps.map(step => {
			const answer = input.answers[step.id] ?? {};
			return {id: step.id, title: step.title, evidence: step.evidence, question: step.question, verdict: answer.verdict ?? step.preset?.verdict ?? null, presetWhy: step.preset?.why ?? null, note: answer.note ?? null};
		}),
		events: eventRows(input.events, input.generatedAt).map(e => ({type: e.type, reason: e.reason, age: e.age, from: e.from, message: e.describeMessage})),
		bisect: {
			source: input.checklist.bisect.source,
			namespace: input.checklist.bisect.namespace,
			dependencies: input.checklist.bisect.dependencies,
			commands: input.checklist.bisect.commands,
			manifests: input.checklist.bisect.manifests.map(m => ({file: m.file, name: m.name, initContainers: m.initContainers})),
		},
	};
}

export function reportMarkdown(input: ReportInput): string {
	const row = printPod(input.pod, input.generatedAt);
	const out: string[] = [];
	out.push(`# initk9 report: ${row.namespace}/${row.name}`, '');
	out.push(`Context \`${input.context}\`, generated ${new Date(input.generatedAt).toISOString()}.`, '');
	out.push('| READY | STATUS | RESTARTS | AGE |', '|---|---|---|---|', `| ${row.ready} | ${row.status} | ${row.restarts} | ${row.age} |`, '');

	if (input.headline) out.push(`**${escapeMd(input.headline)}**`, '');
	out.push('## Findings', '');
	if (input.findings.length === 0) out.push('No finding: nothing in the status, events or logs explains a problem.', '');
	for (const finding of input.findings) {
		out.push(`- **${finding.severity.toUpperCase()}** ${escapeMd(finding.title)}`);
		for (const line of finding.detail) out.push(`  - ${escapeMd(line)}`);
	}
	if (input.findings.length > 0) out.push('');

	if (input.sequence && input.sequence.length > 0) out.push('## Init sequence', '', '```', ...input.sequence, '```', '');
	if (input.timeline && input.timeline.length > 0) out.push('## Timeline', '', '```', ...input.timeline, '```', '');

	out.push('## Checklist', '');
	input.checklist.steps.forEach((step, index) => {
		const answer = input.answers[step.id] ?? {};
		const verdict = answer.verdict ?? step.preset?.verdict;
		out.push(`### ${index + 1}. ${step.title} — ${VERDICT_MARK[verdict ?? 'open']}`, '');
		for (const line of step.evidence) out.push(`- ${escapeMd(line)}`);
		out.push('', `**Question:** ${step.question}`, '');
		if (step.preset && !answer.verdict) out.push(`*Pre-marked ${step.preset.verdict} by the evidence:* ${escapeMd(step.preset.why)}`, '');
		if (answer.note) out.push(`**Note:** ${escapeMd(answer.note)}`, '');
	});

	out.push('## Events', '');
	const events = eventRows(input.events, input.generatedAt);
	if (events.length === 0) out.push('None.', '');
	else out.push('| TYPE | REASON | AGE | MESSAGE |', '|---|---|---|---|', ...events.map(e => `| ${e.type} | ${e.reason} | ${e.age} | ${escapeMd(e.describeMessage).replace(/\|/g, '\\|')} |`), '');

	const plan = input.checklist.bisect;
	out.push('## Bisect manifests', '', `From ${plan.source}, for namespace \`${plan.namespace}\`. initk9 applies nothing: run these yourself.`, '');
	if (plan.dependencies.length > 0) out.push(`The scratch namespace needs: ${plan.dependencies.map(escapeMd).join('; ')}.`, '');
	out.push('```sh', ...plan.commands, '```', '');
	for (const manifest of plan.manifests) out.push(`### ${manifest.file}`, '', '```yaml', manifest.yaml.trimEnd(), '```', '');
	return out.join('\n');
}

/** Log and event text is untrusted: keep it from breaking out of Markdown structure or injecting HTML. */
export function escapeMd(text: string): string {
	return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').replace(/[<>]/g, c => (c === '<' ? '&lt;' : '&gt;')).replace(/\n/g, ' ');
}
