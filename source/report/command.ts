// `initk9 report NS/POD [--format markdown|json]`: the drill-down's findings and the checklist
// as a report on stdout, without the TUI, for scripts, CI and tickets. Read-only like the TUI.
import {clusterArguments, parseSubcommand, type ClusterArguments} from '../args.js';
import {assembleReport, reportJson, reportMarkdown} from '../render/report.js';
import {loadChecklistState} from '../storage/checklist-state.js';
import {gatherFacts} from '../facts/gather.js';
import {runOnCluster} from './run.js';

export interface ReportArguments extends ClusterArguments {
	name: string;
	format: 'markdown' | 'json';
}

/** Throws Error(one line) on a bad command line. */
export function parseReportArguments(argv: readonly string[]): ReportArguments {
	const {values, positionals} = parseSubcommand(argv, {}, true);
	if (positionals.length !== 1) throw new Error('report needs exactly one pod: initk9 report NAMESPACE/POD');
	const target = positionals[0]!;
	const slash = target.indexOf('/');
	const namespace = slash >= 0 ? target.slice(0, slash) : values.namespace;
	const name = slash >= 0 ? target.slice(slash + 1) : target;
	if (!name || namespace === '' || name.includes('/')) throw new Error(`"${target}" is not NAMESPACE/POD`);
	const format = values.format ?? 'markdown';
	if (format !== 'markdown' && format !== 'json') throw new Error(`--format: "${format}" is not markdown or json`);
	return {namespace, name, format, ...clusterArguments(values)};
}

export function runReport(argv: string[]): Promise<number> {
	return runOnCluster(argv, parseReportArguments, async (args, session) => {
		const namespace = args.namespace ?? session.namespace;
		const facts = await gatherFacts(session, namespace, args.name);
		const saved = facts.pod.metadata.uid ? loadChecklistState(facts.pod.metadata.uid) : undefined;
		const report = assembleReport(facts, {context: session.context, answers: saved?.answers ?? {}, config: {stuckAfterMs: args.stuckAfterMs}});
		process.stdout.write(args.format === 'json' ? `${JSON.stringify(reportJson(report), null, 2)}\n` : reportMarkdown(report));
		return 0;
	});
}
