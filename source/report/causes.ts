// `initk9 causes [-n NS | -A] [--format text|markdown|json] [--fail-on failing|stuck]`: the cause
// groups of a scope printed once, for scripts, CI gates and agents. One paged LIST of the pods,
// the same verdicts and grouping as the TUI; read-only. `--fail-on` exits 1 when a group of that
// severity (or worse: failing is worse than stuck) exists, so a pipeline can stop on it.
import {clusterArguments, oneNamespaceScope, parseSubcommand, type ClusterArguments} from '../args.js';
import {groupCauses, type CauseGroup} from '../model/cause-groups.js';
import {causesJson, causesMarkdown, causesText} from '../render/cause-report.js';
import {summarizePod} from '../model/pod-health.js';
import {runOnCluster} from './run.js';

export type CausesFormat = 'text' | 'markdown' | 'json';
export type FailOn = 'failing' | 'stuck';

export interface CausesArguments extends ClusterArguments {
	allNamespaces: boolean;
	format: CausesFormat;
	failOn?: FailOn;
}

const FORMATS: readonly string[] = ['text', 'markdown', 'json'];

/** Throws Error(one line) on a bad command line. */
export function parseCausesArguments(argv: readonly string[]): CausesArguments {
	const {values} = parseSubcommand(argv, {
		'fail-on': {type: 'string'},
		'all-namespaces': {type: 'boolean', short: 'A'},
	}, false);
	const format = values.format ?? 'text';
	if (!FORMATS.includes(format)) throw new Error(`--format: "${format}" is not text, markdown or json`);
	const failOn = values['fail-on'];
	if (failOn !== undefined && failOn !== 'failing' && failOn !== 'stuck') throw new Error(`--fail-on: "${failOn}" is not failing or stuck`);
	const allNamespaces = values['all-namespaces'] ?? false;
	oneNamespaceScope(values.namespace, allNamespaces);
	if (values.namespace === '') throw new Error('--namespace needs a value');
	return {
		...(values.namespace === undefined ? {} : {namespace: values.namespace}),
		allNamespaces,
		format: format as CausesFormat,
		...(failOn === undefined ? {} : {failOn}),
		...clusterArguments(values),
	};
}

/** Whether a group trips `--fail-on`: failing trips failing; stuck trips on stuck or failing groups. */
export function trips(groups: readonly CauseGroup[], failOn: FailOn | undefined): boolean {
	if (!failOn) return false;
	return groups.some(group => failOn === 'stuck' || group.severity === 'failing');
}

export function runCauses(argv: string[]): Promise<number> {
	return runOnCluster(argv, parseCausesArguments, async (args, session) => {
		const namespace = session.allNamespaces ? undefined : session.namespace;
		const pods = await session.listPods(namespace);
		const now = Date.now();
		const config = {stuckAfterMs: args.stuckAfterMs};
		const groups = groupCauses(pods.map(pod => summarizePod(pod, now, config)), now);
		const input = {generatedAt: now, context: session.context, namespace, pods: pods.length, groups};
		const out = args.format === 'json' ? `${JSON.stringify(causesJson(input), null, 2)}\n` : args.format === 'markdown' ? causesMarkdown(input) : causesText(input);
		process.stdout.write(out);
		return trips(groups, args.failOn) ? 1 : 0;
	});
}
