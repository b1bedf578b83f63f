// Shell completion as a shell calls it: the hidden `initk9 __complete` against the demo API server
// (namespaces and pods come from the cluster), the scripts of `initk9 completion bash|zsh|fish`
// loaded into the real shells, and `kubectl initk9 <TAB>` through kubectl_complete-initk9 with the
// real kubectl. Needs the build.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile, spawnSync} from 'node:child_process';
import {promisify} from 'node:util';
import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startDemoCluster, type DemoCluster} from '../../demo/index.js';
import {createPod} from '../kube/helpers.js';
import {parseCommandLine, UsageError} from '../../source/args.js';
import {CLI} from './harness.js';

let demo: DemoCluster;
let dir: string;
let bin: string;
let kubeconfig: string;

before(async () => {
	demo = await startDemoCluster({kubelet: false});
	kubeconfig = demo.kubeconfigPath;
	demo.store.put('namespaces', {metadata: {name: 'shop'}, status: {phase: 'Active'}});
	createPod(demo, 'web-1');
	createPod(demo, 'web-2');
	createPod(demo, 'api-1');
	dir = mkdtempSync(join(tmpdir(), 'initk9-completion-'));
	bin = join(dir, 'bin');
	mkdirSync(bin);
	for (const name of ['initk9', 'kubectl-initk9', 'kubectl_complete-initk9']) symlinkSync(CLI, join(bin, name));
});

after(async () => {
	await demo?.stop();
	if (dir) rmSync(dir, {recursive: true, force: true});
});

const env = () => ({...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}`, KUBECONFIG: kubeconfig, HOME: dir});

/**
 * Runs a program to its end without blocking this process, which serves the demo API the program
 * asks (spawnSync would stall both); rejects on a non-zero exit.
 */
async function run(file: string, args: string[]): Promise<string> {
	const {stdout} = await promisify(execFile)(file, args, {encoding: 'utf8', env: env(), timeout: 60_000});
	return stdout;
}

/** `initk9 __complete WORDS… CURRENT`: the candidates and the directive. */
async function complete(...words: string[]): Promise<{candidates: string[]; directive: string}> {
	const lines = (await run(join(bin, 'initk9'), ['__complete', ...words])).trimEnd().split('\n');
	return {candidates: lines.slice(0, -1), directive: lines.at(-1)!};
}

test('parsing: completion SHELL, hidden __complete with its words; a bad shell is a usage error', () => {
	assert.deepEqual(parseCommandLine(['completion', 'zsh']), {command: 'completion', shell: 'zsh'});
	assert.deepEqual(parseCommandLine(['__complete', '-n', '']), {command: '__complete', words: ['-n', '']});
	for (const argv of [['completion'], ['completion', 'powershell'], ['completion', 'bash', 'zsh']]) {
		assert.throws(() => parseCommandLine(argv), (error: unknown) => error instanceof UsageError && /^completion needs one shell: bash, zsh, fish$/.test(error.message), argv.join(' '));
	}
});

const table: Array<[string, string[], string[], string]> = [
	['subcommands', [''], ['demo', 'report', 'causes', 'completion', 'help'], ':4'],
	['a subcommand by prefix', ['re'], ['report'], ':4'],
	['flags from the usage', ['--st'], ['--stuck-after'], ':4'],
	['demo flags', ['demo', '--s'], ['--scenario', '--speed'], ':4'],
	['namespaces from the cluster', ['-n', ''], ['default', 'kube-system', 'shop'], ':4'],
	['namespaces with --namespace=', ['--namespace=s'], ['--namespace=shop'], ':4'],
	['contexts from the kubeconfig', ['--context', ''], ['initk9-demo'], ':4'],
	['report: a namespace and a slash, no space after', ['report', ''], ['default/', 'kube-system/', 'shop/'], ':6'],
	['report: the pods of the namespace typed', ['report', 'default/web'], ['default/web-1', 'default/web-2'], ':4'],
	['report -n: bare pod names', ['report', '-n', 'default', 'a'], ['api-1'], ':4'],
	['report --format', ['report', '--format', ''], ['markdown', 'json'], ':4'],
	['causes flags', ['causes', '--f'], ['--format', '--fail-on'], ':4'],
	['demo scenarios', ['--demo', '--scenario', 'exit'], ['exit-127'], ':4'],
	['--demo -n: the namespaces the scenarios play in', ['--demo', '-n', ''], ['batch', 'billing', 'default', 'network', 'reports', 'sandbox', 'shop', 'staging', 'training', 'volumes'], ':4'],
	['completion shells', ['completion', ''], ['bash', 'zsh', 'fish'], ':4'],
	['--kubeconfig: file names (directive 0)', ['--kubeconfig', ''], [], ':0'],
];

for (const [name, words, candidates, directive] of table) {
	test(`__complete: ${name}`, async () => {
		assert.deepEqual(await complete(...words), {candidates, directive});
	});
}

test('__complete: an unreachable cluster gives no candidates and no error', async () => {
	const config = join(dir, 'unreachable');
	writeFileSync(config, 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n');
	assert.deepEqual(await complete('--kubeconfig', config, '-n', ''), {candidates: [], directive: ':4'});
});

test('bash: the script registers the function, which completes from the cluster', async () => {
	const script = [
		'source <(initk9 completion bash)',
		'complete -p initk9',
		'COMP_WORDS=(initk9 report default/w); COMP_CWORD=2; _initk9_complete; printf "reply %s\\n" "${COMPREPLY[@]}"',
		'COMP_WORDS=(initk9 -n ""); COMP_CWORD=2; _initk9_complete; printf "reply %s\\n" "${COMPREPLY[@]}"',
	].join('\n');
	assert.deepEqual((await run('bash', ['-c', script])).trim().split('\n'), [
		'complete -F _initk9_complete initk9',
		'reply default/web-1',
		'reply default/web-2',
		'reply default',
		'reply kube-system',
		'reply shop',
	]);
});

const hasShell = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

test('zsh: the completion function hands the cluster\'s candidates to compadd', {skip: hasShell('zsh') ? false : 'zsh is not installed'}, async () => {
	// compadd and compdef exist only inside zsh's completion system; stand-ins print what they get.
	const script = [
		'compdef() { print -r -- "compdef $*"; }',
		'compadd() { print -r -- "compadd $*"; }',
		'_files() { print -r -- "_files"; }',
		'source <(initk9 completion zsh)',
		'words=(initk9 report sh); CURRENT=3; _initk9',
		'words=(initk9 report default/web-); CURRENT=3; _initk9',
		'words=(initk9 --kubeconfig ""); CURRENT=3; _initk9',
	].join('\n');
	assert.deepEqual((await run('zsh', ['-f', '-c', script])).trim().split('\n'), [
		'compdef _initk9 initk9',
		'compadd -S  -- shop/',
		'compadd -- default/web-1 default/web-2',
		'_files',
	]);
});

test('fish: `complete -C` lists the cluster\'s candidates', {skip: hasShell('fish') ? false : 'fish is not installed'}, async () => {
	const script = 'initk9 completion fish | source; complete -C "initk9 -n "; complete -C "initk9 report default/we"';
	assert.deepEqual((await run('fish', ['--no-config', '-c', script])).trim().split('\n'), ['default', 'kube-system', 'shop', 'default/web-1', 'default/web-2']);
});

test('kubectl initk9 <TAB>: kubectl (>= 1.26) asks kubectl_complete-initk9', async () => {
	assert.deepEqual((await run('kubectl', ['__complete', 'initk9', 'report', 'default/'])).trim().split('\n'), ['default/api-1', 'default/web-1', 'default/web-2', ':4']);
});
