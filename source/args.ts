// The command line, parsed into what to run. Pure: no IO, no process.exit; a bad command line
// throws UsageError (cli.tsx prints `initk9: <message>`, the usage, and exits 2).
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {DEFAULT_STUCK_AFTER_MS} from './model/verdict.js';
import {parseGoDuration} from './model/init-sequence.js';
import {SHELLS, type Shell} from './completion/scripts.js';

export {DEFAULT_STUCK_AFTER_MS} from './model/verdict.js';

export interface TuiOptions {
	kubeconfig?: string;
	context?: string;
	namespace?: string;
	allNamespaces: boolean;
	/** Start the built-in demo cluster in-process and open the TUI on it. */
	demo: boolean;
	/** Demo scenarios to play (empty = the demo's default set). */
	scenarios: string[];
	/** An init step running or waiting longer than this is "stuck". */
	stuckAfterMs: number;
}

export interface DemoOptions {
	port?: number;
	scenarios: string[];
	speed?: number;
	kubeconfigOut?: string;
}

export type Invocation =
	| {command: 'tui'; options: TuiOptions}
	| {command: 'demo'; options: DemoOptions}
	| {command: 'report'; argv: string[]}
	| {command: 'causes'; argv: string[]}
	| {command: 'help'; topic: 'main' | 'demo'}
	| {command: 'version'}
	| {command: 'completion'; shell: Shell}
	| {command: '__complete'; words: string[]};

export class UsageError extends Error {
	constructor(message: string, readonly topic: 'main' | 'demo' = 'main') {
		super(message);
		this.name = 'UsageError';
	}
}

export const USAGE = `Usage:
  initk9 [--kubeconfig FILE] [--context NAME] [-n NS | -A] [--stuck-after DURATION]
  initk9 --demo [-n NS] [--scenario NAME]... [--stuck-after DURATION]
  initk9 demo [--port N] [--scenario NAME]... [--speed X] [--kubeconfig-out FILE]
  initk9 report NS/POD [--format markdown|json]
  initk9 causes [-n NS | -A] [--format text|markdown|json] [--fail-on failing|stuck]
  initk9 completion bash|zsh|fish   (shell completion: source <(initk9 completion bash))
  kubectl initk9 ...            (same, as a kubectl plugin)

Options:
  --kubeconfig FILE       kubeconfig to use (default: $KUBECONFIG, then ~/.kube/config)
  --context NAME          kubeconfig context to use (default: the current context)
  -n, --namespace NS      namespace to show (default: the context's, else "default")
  -A, --all-namespaces    show pods in every namespace
  --stuck-after DURATION  an init step running or waiting longer than this is "stuck"
                          (Go-style duration: 90s, 2m, 1h30m; default 2m)
  --demo                  start the built-in demo cluster and open initk9 on it
                          (every namespace, unless -n NS)
  --scenario NAME         demo scenario to play (repeatable or comma-separated)
  -h, --help              show this help
  --version               print the version and the commit it was built from

initk9 causes (the pods failing or stuck, grouped by cause, printed once):
  --format FORMAT         text (default), markdown or json
  --fail-on SEVERITY      exit 1 when a group is failing (failing) or failing or stuck (stuck)

initk9 demo (the demo cluster alone, for kubectl or a second terminal):
  --port N                port on 127.0.0.1 (default: a free port)
  --speed X               time factor for the simulated kubelet (default 1; 10 = ten times faster)
  --kubeconfig-out FILE   where to write the demo kubeconfig (default: a temporary file)
`;

function splitList(values: string[] | undefined): string[] {
	return (values ?? []).flatMap(value => value.split(',')).map(value => value.trim()).filter(Boolean);
}

/** Translates node:util parseArgs errors into one short line. */
export function parseStrict<T extends ParseArgsConfig>(config: T, topic: 'main' | 'demo'): ReturnType<typeof parseArgs<T>> {
	try {
		return parseArgs(config);
	} catch (error) {
		const {code, message} = error as {code?: string; message: string};
		const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
		// "-n, --namespace <value>" → "--namespace"; "-x" → "-x"
		const flag = quoted.split(/[ ,]+/).filter(part => part.startsWith('-')).pop() ?? quoted;
		if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown flag ${quoted}`, topic);
		if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(`unexpected argument "${quoted}"`, topic);
		if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
			if (/argument missing|ambiguous/.test(message)) throw new UsageError(`${flag} needs a value`, topic);
			if (/does not take an argument/.test(message)) throw new UsageError(`${flag} does not take a value`, topic);
		}
		throw new UsageError(message.split('\n')[0], topic);
	}
}

/** The flags every command that reads a cluster takes (the TUI, `report`, `causes`). */
export const CLUSTER_FLAGS = {
	kubeconfig: {type: 'string'},
	context: {type: 'string'},
	namespace: {type: 'string', short: 'n'},
	'stuck-after': {type: 'string'},
} as const;

/** `--format`/`-o` of the printing subcommands. */
export const FORMAT_FLAG = {format: {type: 'string', short: 'o'}} as const;

/** What every printing subcommand (`report`, `causes`) reads from its cluster flags. */
export interface ClusterArguments {
	namespace?: string;
	allNamespaces?: boolean;
	kubeconfig?: string;
	context?: string;
	stuckAfterMs: number;
}

/** Parses a printing subcommand's argv with its own flags besides the cluster flags. Throws UsageError. */
export function parseSubcommand<O extends NonNullable<ParseArgsConfig['options']>, P extends boolean>(argv: readonly string[], options: O, allowPositionals: P) {
	const config = {args: [...argv], allowPositionals, strict: true as const, options: {...CLUSTER_FLAGS, ...FORMAT_FLAG, ...options}};
	return parseStrict<typeof config>(config, 'main');
}

/** The cluster flags' values as ClusterArguments (namespace aside: each subcommand reads it its own way). */
export function clusterArguments(values: {kubeconfig?: string; context?: string; 'stuck-after'?: string}): Pick<ClusterArguments, 'kubeconfig' | 'context' | 'stuckAfterMs'> {
	return {kubeconfig: values.kubeconfig, context: values.context, stuckAfterMs: parseStuckAfter(values['stuck-after'])};
}

/** -n and -A name two scopes: one of them at most. Throws UsageError. */
export function oneNamespaceScope(namespace: string | undefined, allNamespaces: boolean): void {
	if (namespace !== undefined && allNamespaces) throw new UsageError('-n/--namespace and -A/--all-namespaces cannot be used together');
}

function nonEmpty(flag: string, value: string | undefined, topic: 'main' | 'demo'): string | undefined {
	if (value === undefined) return undefined;
	if (value.trim() === '' || value.startsWith('-')) throw new UsageError(`${flag} needs a value`, topic);
	return value;
}

function parseDemo(argv: string[]): Invocation {
	const {values} = parseStrict({
		args: argv,
		strict: true,
		allowPositionals: false,
		options: {
			port: {type: 'string'},
			scenario: {type: 'string', multiple: true},
			speed: {type: 'string'},
			'kubeconfig-out': {type: 'string'},
			help: {type: 'boolean', short: 'h'},
		},
	}, 'demo');
	if (values.help) return {command: 'help', topic: 'demo'};
	const options: DemoOptions = {scenarios: splitList(values.scenario as string[] | undefined)};
	const port = values.port as string | undefined;
	if (port !== undefined) {
		const number = Number(port);
		if (!/^\d+$/.test(port) || number > 65535) throw new UsageError(`--port: "${port}" is not a port number (0-65535)`, 'demo');
		options.port = number;
	}
	const speed = values.speed as string | undefined;
	if (speed !== undefined) {
		const number = Number(speed);
		if (speed.trim() === '' || !Number.isFinite(number) || number <= 0) throw new UsageError(`--speed: "${speed}" is not a positive number`, 'demo');
		options.speed = number;
	}
	const out = nonEmpty('--kubeconfig-out', values['kubeconfig-out'] as string | undefined, 'demo');
	if (out !== undefined) options.kubeconfigOut = out;
	return {command: 'demo', options};
}

function parseTui(argv: string[]): Invocation {
	const {values} = parseStrict({
		args: argv,
		strict: true,
		allowPositionals: false,
		options: {
			...CLUSTER_FLAGS,
			'all-namespaces': {type: 'boolean', short: 'A'},
			demo: {type: 'boolean'},
			scenario: {type: 'string', multiple: true},
			help: {type: 'boolean', short: 'h'},
			version: {type: 'boolean'},
		},
	}, 'main');
	if (values.help) return {command: 'help', topic: 'main'};
	if (values.version) return {command: 'version'};
	const kubeconfig = nonEmpty('--kubeconfig', values.kubeconfig as string | undefined, 'main');
	const context = nonEmpty('--context', values.context as string | undefined, 'main');
	const namespace = nonEmpty('--namespace', values.namespace as string | undefined, 'main');
	const allNamespaces = Boolean(values['all-namespaces']);
	const demo = Boolean(values.demo);
	const scenarios = splitList(values.scenario as string[] | undefined);
	oneNamespaceScope(namespace, allNamespaces);
	if (demo && kubeconfig !== undefined) throw new UsageError('--demo and --kubeconfig cannot be used together');
	if (demo && context !== undefined) throw new UsageError('--demo and --context cannot be used together');
	if (!demo && scenarios.length > 0) throw new UsageError('--scenario needs --demo (or use `initk9 demo --scenario NAME`)');
	const stuckAfterMs = parseStuckAfter(values['stuck-after'] as string | undefined);
	const options: TuiOptions = {allNamespaces, demo, scenarios, stuckAfterMs};
	if (kubeconfig !== undefined) options.kubeconfig = kubeconfig;
	if (context !== undefined) options.context = context;
	if (namespace !== undefined) options.namespace = namespace;
	return {command: 'tui', options};
}

function parseCompletion(argv: string[]): Invocation {
	const shell = SHELLS.find(name => name === argv[0]);
	if (argv.length !== 1 || !shell) throw new UsageError(`completion needs one shell: ${SHELLS.join(', ')}`);
	return {command: 'completion', shell};
}

/** `--stuck-after DURATION` (Go-style) in ms; the default when absent. Throws UsageError on a bad value. */
export function parseStuckAfter(value: string | undefined): number {
	if (value === undefined) return DEFAULT_STUCK_AFTER_MS;
	const parsed = parseGoDuration(value.trim());
	if (parsed === undefined || parsed <= 0) throw new UsageError(`--stuck-after: "${value}" is not a duration (e.g. 90s, 2m, 1h30m)`);
	return parsed;
}

/** The subcommand words (completion offers them too). */
export const SUBCOMMANDS = ['demo', 'report', 'causes', 'completion', 'help'] as const;
const SUBCOMMAND = new Set<string>(SUBCOMMANDS);
/** Global flags that take a value as the next argument (so that value is not a subcommand). */
const TAKES_VALUE = new Set(['--kubeconfig', '--context', '-n', '--namespace', '--stuck-after', '--scenario', '--port', '--speed', '--kubeconfig-out', '--format', '-o', '--fail-on']);

/** Index of the subcommand word in argv (global flags may come before it), or -1. */
function subcommandIndex(argv: readonly string[]): number {
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		if (arg === '--') return -1;
		if (arg.startsWith('-')) {
			if (TAKES_VALUE.has(arg)) index++;
			continue;
		}
		return SUBCOMMAND.has(arg) ? index : -1;
	}
	return -1;
}

/**
 * `argv` without node and the script (process.argv.slice(2)). Global flags may come before or
 * after the subcommand: `initk9 --kubeconfig F report NS/POD` is `initk9 report NS/POD --kubeconfig F`.
 */
export function parseCommandLine(argv: readonly string[]): Invocation {
	// Hidden: what the completion scripts and kubectl_complete-initk9 call (source/completion/).
	if (argv[0] === '__complete') return {command: '__complete', words: argv.slice(1)};
	const at = subcommandIndex(argv);
	if (at < 0) return parseTui([...argv]);
	const command = argv[at];
	const rest = [...argv.slice(at + 1), ...argv.slice(0, at)];
	if (command === 'demo') return parseDemo(rest);
	if (command === 'report') return {command: 'report', argv: rest};
	if (command === 'causes') return {command: 'causes', argv: rest};
	if (command === 'completion') return parseCompletion(rest);
	if (argv.slice(0, at).some(arg => arg === '-h' || arg === '--help')) return {command: 'help', topic: 'main'};
	return {command: 'help', topic: argv[at + 1] === 'demo' ? 'demo' : 'main'};
}
