// `initk9 __complete WORD... CURRENT` (and `kubectl_complete-initk9 WORD... CURRENT`, which kubectl
// >= 1.26 runs to complete `kubectl initk9 …`): the candidates for the word being typed, one a line,
// then `:<directive>`, the format of cobra's __complete that kubectl reads and the scripts of
// `initk9 completion bash|zsh|fish` read too. Flag names come from the usage text (args.ts);
// contexts from the kubeconfig; namespaces and pod names from the cluster, with GETs only.
import {SUBCOMMANDS, USAGE} from '../args.js';
import {SHELLS} from './scripts.js';

/** Cobra's ShellCompDirective bits. */
export const Directive = {
	default: 0,
	noSpace: 2,
	noFileComp: 4,
} as const;

export interface Completion {
	candidates: string[];
	directive: number;
}

/** What a flag's value is completed from; flags not listed take no value. */
type ValueKind = 'file' | 'context' | 'namespace' | 'scenario' | 'format' | 'duration' | 'shell' | 'none';

const VALUE_KINDS: Record<string, ValueKind> = {
	'--kubeconfig': 'file',
	'--kubeconfig-out': 'file',
	'--context': 'context',
	'--namespace': 'namespace',
	'-n': 'namespace',
	'--scenario': 'scenario',
	'--format': 'format',
	'-o': 'format',
	'--stuck-after': 'duration',
	'--port': 'none',
	'--speed': 'none',
	'--fail-on': 'none',
};

const FORMATS = ['markdown', 'json'];
const DURATIONS = ['30s', '1m', '2m', '5m', '10m'];
/** The connection flags `report` takes besides those on its usage line (source/report/command.ts). */
const REPORT_CONNECTION_FLAGS = ['--kubeconfig', '--context', '-n', '--namespace'];

/** The flags named in a part of the usage text. */
function flagsIn(text: string): string[] {
	return [...new Set([...text.matchAll(/(?:^|[\s[,|])(--?[a-zA-Z][\w-]*)/g)].map(match => match[1]!))];
}

function usageSections(): {main: string[]; demo: string[]; report: string[]; causes: string[]} {
	const demoStart = USAGE.search(/^initk9 demo \(/m);
	const optionsStart = USAGE.search(/^Options:/m);
	const main = flagsIn(USAGE.slice(optionsStart >= 0 ? optionsStart : 0, demoStart >= 0 ? demoStart : undefined));
	const demo = demoStart >= 0 ? flagsIn(USAGE.slice(demoStart)) : [];
	const demoLine = /^\s*initk9 demo (.*)$/m.exec(USAGE)?.[1] ?? '';
	const reportLine = /^\s*initk9 report (.*)$/m.exec(USAGE)?.[1] ?? '';
	const causesLine = /^\s*initk9 causes (.*)$/m.exec(USAGE)?.[1] ?? '';
	return {
		main,
		demo: [...new Set([...flagsIn(demoLine), ...demo, '--help'])],
		report: [...new Set([...flagsIn(reportLine), ...REPORT_CONNECTION_FLAGS])],
		causes: [...new Set([...flagsIn(causesLine), ...REPORT_CONNECTION_FLAGS, '--all-namespaces', '--stuck-after'])],
	};
}

export interface Lookups {
	contexts(kubeconfig: string | undefined): Promise<string[]>;
	namespaces(connection: Connection): Promise<string[]>;
	pods(connection: Connection, namespace: string): Promise<string[]>;
	scenarios(): Promise<string[]>;
	/** The namespaces the demo's scenarios play in (the demo is not running while a shell completes). */
	demoNamespaces(): Promise<string[]>;
}

export interface Connection {
	kubeconfig?: string;
	context?: string;
}

/** The value of `flag` among `words` (`--flag value` or `--flag=value`), the last one given. */
function flagValue(words: readonly string[], ...flags: string[]): string | undefined {
	let value: string | undefined;
	for (let index = 0; index < words.length; index++) {
		const word = words[index]!;
		for (const flag of flags) {
			if (word === flag && index + 1 < words.length) value = words[index + 1];
			else if (word.startsWith(`${flag}=`)) value = word.slice(flag.length + 1);
		}
	}
	return value;
}

const startingWith = (prefix: string, values: Iterable<string>) => [...values].filter(value => value.startsWith(prefix));

/**
 * The candidates for `current`, typed after `words` (the command line after the program name).
 * Lookups that fail or time out give no candidates: completion never prints an error.
 */
export async function complete(words: readonly string[], current: string, lookups: Lookups): Promise<Completion> {
	const sections = usageSections();
	// Words that are neither flags nor flag values; the first may name a subcommand.
	const positionals = words.filter((word, index) => !word.startsWith('-') && !(index > 0 && VALUE_KINDS[words[index - 1]!]));
	const subcommand = SUBCOMMANDS.find(name => positionals[0] === name);
	const connection: Connection = {kubeconfig: flagValue(words, '--kubeconfig'), context: flagValue(words, '--context')};
	const namespace = flagValue(words, '-n', '--namespace');
	const quietly = async (lookup: () => Promise<string[]>) => {
		try {
			return await lookup();
		} catch {
			return [];
		}
	};
	const values = async (kind: ValueKind, prefix: string): Promise<Completion> => {
		switch (kind) {
			case 'file':
				return {candidates: [], directive: Directive.default};
			case 'context':
				return {candidates: startingWith(prefix, await quietly(() => lookups.contexts(connection.kubeconfig))), directive: Directive.noFileComp};
			case 'namespace':
				if (words.includes('--demo')) return {candidates: startingWith(prefix, await quietly(() => lookups.demoNamespaces())), directive: Directive.noFileComp};
				return {candidates: startingWith(prefix, await quietly(() => lookups.namespaces(connection))), directive: Directive.noFileComp};
			case 'scenario':
				return {candidates: startingWith(prefix, await quietly(() => lookups.scenarios())), directive: Directive.noFileComp};
			case 'format':
				return {candidates: startingWith(prefix, FORMATS), directive: Directive.noFileComp};
			case 'duration':
				return {candidates: startingWith(prefix, DURATIONS), directive: Directive.noFileComp};
			case 'shell':
				return {candidates: startingWith(prefix, SHELLS), directive: Directive.noFileComp};
			case 'none':
				return {candidates: [], directive: Directive.noFileComp};
		}
	};

	// The value of the flag just before: `--context <TAB>`.
	const previous = words.at(-1);
	if (previous !== undefined && VALUE_KINDS[previous]) return values(VALUE_KINDS[previous]!, current);
	// `--context=<TAB>`
	const equals = /^(--?[\w-]+)=(.*)$/.exec(current);
	if (equals && VALUE_KINDS[equals[1]!]) {
		const {candidates, directive} = await values(VALUE_KINDS[equals[1]!]!, equals[2]!);
		return {candidates: candidates.map(candidate => `${equals[1]}=${candidate}`), directive};
	}
	const flags = subcommand === 'demo' ? sections.demo : subcommand === 'report' ? sections.report : subcommand === 'causes' ? sections.causes : subcommand ? [] : sections.main;
	if (current.startsWith('-')) return {candidates: startingWith(current, flags), directive: Directive.noFileComp};

	if (subcommand === undefined) {
		return {candidates: positionals.length === 0 ? startingWith(current, SUBCOMMANDS) : [], directive: Directive.noFileComp};
	}
	if (subcommand === 'completion') return positionals.length === 1 ? values('shell', current) : {candidates: [], directive: Directive.noFileComp};
	if (subcommand === 'help') return {candidates: positionals.length === 1 ? startingWith(current, ['demo']) : [], directive: Directive.noFileComp};
	if (subcommand === 'report' && positionals.length === 1) return reportTarget(current, namespace, connection, lookups, quietly);
	return {candidates: [], directive: Directive.noFileComp};
}

/** `report NS/POD`: namespaces with a slash, then the pods of the namespace typed (or of -n's, bare). */
async function reportTarget(current: string, namespace: string | undefined, connection: Connection, lookups: Lookups, quietly: (lookup: () => Promise<string[]>) => Promise<string[]>): Promise<Completion> {
	const slash = current.indexOf('/');
	if (slash >= 0) {
		const typed = current.slice(0, slash);
		const pods = await quietly(() => lookups.pods(connection, typed));
		return {candidates: startingWith(current, pods.map(pod => `${typed}/${pod}`)), directive: Directive.noFileComp};
	}
	if (namespace !== undefined) {
		return {candidates: startingWith(current, await quietly(() => lookups.pods(connection, namespace))), directive: Directive.noFileComp};
	}
	const namespaces = await quietly(() => lookups.namespaces(connection));
	return {candidates: startingWith(current, namespaces.map(name => `${name}/`)), directive: Directive.noFileComp | Directive.noSpace};
}

/** The answer as cobra's __complete prints it. */
export function formatCompletion({candidates, directive}: Completion): string {
	return [...candidates, `:${directive}`].join('\n') + '\n';
}
