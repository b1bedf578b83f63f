// `initk9 report NS/POD [--format markdown|json]`: the drill-down's findings and the checklist
// as a report on stdout, without the TUI, for scripts, CI and tickets. Read-only like the TUI.
import {parseArgs} from 'node:util';
import {parseStuckAfter, USAGE} from '../args.js';
import {openSession} from '../kube/session.js';
import {assembleReport, reportJson, reportMarkdown} from '../render/report.js';
import {loadChecklistState} from '../storage/checklist-state.js';
import {gatherFacts} from '../facts/gather.js';

export interface ReportArguments {
	namespace?: string;
	name: string;
	format: 'markdown' | 'json';
	kubeconfig?: string;
	context?: string;
	stuckAfterMs: number;
}

/** Throws Error(one line) on a bad command line. */
export function parseReportArguments(argv: readonly string[]): ReportArguments {
	let parsed;
	try {
		parsed = parseArgs({
			args: [...argv],
			allowPositionals: true,
			strict: true,
			options: {
				format: {type: 'string', short: 'o'},
				kubeconfig: {type: 'string'},
				context: {type: 'string'},
				namespace: {type: 'string', short: 'n'},
				'stuck-after': {type: 'string'},
			},
		});
	} catch (error) {
		throw new Error((error as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, ''));
	}
	const {values, positionals} = parsed;
	if (positionals.length !== 1) throw new Error('report needs exactly one pod: initk9 report NAMESPACE/POD');
	const target = positionals[0]!;
	const slash = target.indexOf('/');
	const namespace = slash >= 0 ? target.slice(0, slash) : values.namespace;
	const name = slash >= 0 ? target.slice(slash + 1) : target;
	if (!name || namespace === '' || name.includes('/')) throw new Error(`"${target}" is not NAMESPACE/POD`);
	const format = values.format ?? 'markdown';
	if (format !== 'markdown' && format !== 'json') throw new Error(`--format: "${format}" is not markdown or json`);
	return {namespace, name, format, kubeconfig: values.kubeconfig, context: values.context, stuckAfterMs: parseStuckAfter(values['stuck-after'])};
}

export async function runReport(argv: string[]): Promise<number> {
	let args: ReportArguments;
	try {
		args = parseReportArguments(argv);
	} catch (error) {
		process.stderr.write(`initk9: ${(error as Error).message}\n\n${USAGE}`);
		return 2;
	}
	const session = await openSession({kubeconfig: args.kubeconfig, context: args.context, namespace: args.namespace});
	try {
		const namespace = args.namespace ?? session.namespace;
		const facts = await gatherFacts(session, namespace, args.name);
		const saved = facts.pod.metadata.uid ? loadChecklistState(facts.pod.metadata.uid) : undefined;
		const report = assembleReport(facts, {context: session.context, answers: saved?.answers ?? {}, config: {stuckAfterMs: args.stuckAfterMs}});
		process.stdout.write(args.format === 'json' ? `${JSON.stringify(reportJson(report), null, 2)}\n` : reportMarkdown(report));
		return 0;
	} finally {
		session.close();
	}
}
