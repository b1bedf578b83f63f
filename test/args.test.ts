import {test} from 'node:test';
import assert from 'node:assert/strict';
import {DEFAULT_STUCK_AFTER_MS, parseCommandLine, UsageError} from '../source/args.js';

function usageError(argv: string[]): string {
	try {
		parseCommandLine(argv);
	} catch (error) {
		assert.ok(error instanceof UsageError, String(error));
		return error.message;
	}
	assert.fail(`expected a usage error for ${argv.join(' ')}`);
}

test('no flags: the TUI on the current context', () => {
	assert.deepEqual(parseCommandLine([]), {command: 'tui', options: {allNamespaces: false, demo: false, scenarios: [], stuckAfterMs: DEFAULT_STUCK_AFTER_MS}});
});

test('cluster flags', () => {
	assert.deepEqual(parseCommandLine(['--kubeconfig', 'k.yaml', '--context', 'prod', '-n', 'web', '--stuck-after', '90s']), {
		command: 'tui',
		options: {kubeconfig: 'k.yaml', context: 'prod', namespace: 'web', allNamespaces: false, demo: false, scenarios: [], stuckAfterMs: 90_000},
	});
	assert.equal((parseCommandLine(['-A']) as {options: {allNamespaces: boolean}}).options.allNamespaces, true);
	assert.equal((parseCommandLine(['--namespace=kube-system']) as {options: {namespace: string}}).options.namespace, 'kube-system');
	assert.equal((parseCommandLine(['--stuck-after', '1h30m']) as {options: {stuckAfterMs: number}}).options.stuckAfterMs, 5_400_000);
});

test('--demo with scenarios (repeatable and comma-separated)', () => {
	assert.deepEqual(parseCommandLine(['--demo', '--scenario', 'healthy,broken', '--scenario', 'stuck']), {
		command: 'tui',
		options: {allNamespaces: false, demo: true, scenarios: ['healthy', 'broken', 'stuck'], stuckAfterMs: DEFAULT_STUCK_AFTER_MS},
	});
});

test('the demo subcommand', () => {
	assert.deepEqual(parseCommandLine(['demo', '--port', '8080', '--speed', '2.5', '--scenario', 'broken', '--kubeconfig-out', '/tmp/k']), {
		command: 'demo',
		options: {port: 8080, speed: 2.5, scenarios: ['broken'], kubeconfigOut: '/tmp/k'},
	});
	assert.deepEqual(parseCommandLine(['demo']), {command: 'demo', options: {scenarios: []}});
	assert.deepEqual(parseCommandLine(['demo', '--help']), {command: 'help', topic: 'demo'});
});

test('report passes its arguments through untouched', () => {
	assert.deepEqual(parseCommandLine(['report', 'default/myapp-pod', '--format', 'json']), {command: 'report', argv: ['default/myapp-pod', '--format', 'json']});
});

test('help and version', () => {
	assert.deepEqual(parseCommandLine(['--help']), {command: 'help', topic: 'main'});
	assert.deepEqual(parseCommandLine(['-h']), {command: 'help', topic: 'main'});
	assert.deepEqual(parseCommandLine(['--version']), {command: 'version'});
});

test('bad command lines say what is wrong in one line', () => {
	const cases: Array<[string[], string]> = [
		[['--frobnicate'], 'unknown flag --frobnicate'],
		[['-x'], 'unknown flag -x'],
		[['pods'], 'unexpected argument "pods"'],
		[['-n'], '--namespace needs a value'],
		[['-n', '-A'], '-n needs a value'],
		[['--context', ''], '--context needs a value'],
		[['-n', 'a', '-A'], '-n/--namespace and -A/--all-namespaces cannot be used together'],
		[['--demo', '--kubeconfig', 'x'], '--demo and --kubeconfig cannot be used together'],
		[['--scenario', 'broken'], '--scenario needs --demo (or use `initk9 demo --scenario NAME`)'],
		[['--stuck-after', '2'], '--stuck-after: "2" is not a duration (e.g. 90s, 2m, 1h30m)'],
		[['--stuck-after', '0s'], '--stuck-after: "0s" is not a duration (e.g. 90s, 2m, 1h30m)'],
		[['--demo=yes'], '--demo does not take a value'],
		[['demo', '--port', '70000'], '--port: "70000" is not a port number (0-65535)'],
		[['demo', '--port', '-1'], '--port needs a value'],
		[['demo', '--speed', '0'], '--speed: "0" is not a positive number'],
		[['demo', '--speed', 'fast'], '--speed: "fast" is not a positive number'],
		[['demo', '-n', 'x'], 'unknown flag -n'],
	];
	for (const [argv, message] of cases) assert.equal(usageError(argv), message, argv.join(' '));
});

test('global flags may come before the subcommand', () => {
	assert.deepEqual(parseCommandLine(['--kubeconfig', 'k.yaml', 'report', 'default/web']), {command: 'report', argv: ['default/web', '--kubeconfig', 'k.yaml']});
	assert.deepEqual(parseCommandLine(['--scenario', 'broken', 'demo', '--port', '0']), {command: 'demo', options: {port: 0, scenarios: ['broken']}});
	// A flag's value is not mistaken for a subcommand.
	assert.equal(parseCommandLine(['--context', 'report']).command, 'tui');
	assert.deepEqual(parseCommandLine(['-n', 'demo']), {command: 'tui', options: {namespace: 'demo', allNamespaces: false, demo: false, scenarios: [], stuckAfterMs: DEFAULT_STUCK_AFTER_MS}});
	assert.match(usageError(['-A', 'demo']), /unknown flag -A/);
	// causes: global flags before or after it.
	assert.deepEqual(parseCommandLine(['--kubeconfig', 'k.yaml', '-n', 'shop', 'causes', '--fail-on', 'failing']), {command: 'causes', argv: ['--fail-on', 'failing', '--kubeconfig', 'k.yaml', '-n', 'shop']});
	assert.deepEqual(parseCommandLine(['causes', '-A', '--kubeconfig', 'k.yaml']), {command: 'causes', argv: ['-A', '--kubeconfig', 'k.yaml']});
	assert.deepEqual(parseCommandLine(['-A', 'causes']), {command: 'causes', argv: ['-A']});
});
