#!/usr/bin/env node
// initk9's entry: parse the command line, then run the TUI, the demo cluster alone, or a report.
// Every failure ends as one `initk9: …` line and a non-zero exit; the terminal is always restored.
import {basename} from 'node:path';
import {setFlagsFromString} from 'node:v8';
import type {ClusterSession, PodListWatch} from './kube/types.js';
import type {DiagnosisConfig} from './model/verdict.js';
import {parseCommandLine, USAGE, UsageError, type DemoOptions, type TuiOptions} from './args.js';
import type {Shell} from './completion/scripts.js';
import {assertInteractiveTerminal, endAfterHangUp, enterFullScreen, onFatalExit, oneLineError} from './terminal.js';
import {versionLine} from './version.js';

// React's development build spends a quarter of the CPU on dev-only checks under a log flood;
// react and ink are imported dynamically below, after this line has run.
process.env['NODE_ENV'] ??= 'production';

function fail(message: string, code = 1): number {
	process.stderr.write(`initk9: ${message}\n`);
	return code;
}

async function startDemo(options: Omit<DemoOptions, 'scenarios'> & {scenarios?: string[]}) {
	// Loaded only when asked for: a normal run never pays for the demo server.
	const {startDemoCluster} = await import('../demo/index.js');
	return startDemoCluster({
		...options,
		scenarios: options.scenarios && options.scenarios.length > 0 ? options.scenarios : undefined,
	});
}

async function runDemo(options: DemoOptions): Promise<number> {
	const cluster = await startDemo(options);
	process.stdout.write([
		`initk9 demo cluster serving at ${cluster.url}`,
		`kubeconfig: ${cluster.kubeconfigPath}`,
		'',
		'try:',
		`  kubectl --kubeconfig ${cluster.kubeconfigPath} get pods -A -w`,
		`  initk9 --kubeconfig ${cluster.kubeconfigPath} -A`,
		'',
		'Ctrl-C stops it.',
		'',
	].join('\n'));
	return new Promise(resolve => {
		const stop = (code: number) => {
			Promise.resolve(cluster.stop()).finally(() => resolve(code));
		};
		process.once('SIGINT', () => stop(0));
		process.once('SIGTERM', () => stop(0));
		process.once('SIGHUP', () => stop(0));
	});
}

/**
 * A long-running TUI fed by watches and log floods allocates steadily; V8's default old-space
 * growth (up to 4× the live heap between full collections) let a ~60 MB live heap reach 350 MB
 * resident. 1.5× keeps it near the live size for a few % more CPU (bench/RESULTS.md). V8 reads
 * this flag at every collection, so setting it now works; NODE_OPTIONS can still choose another.
 */
function boundHeapGrowth(): void {
	if (/heap[-_]growing[-_]percent/.test(process.env['NODE_OPTIONS'] ?? '') || process.execArgv.some(arg => /heap[-_]growing[-_]percent/.test(arg))) return;
	setFlagsFromString('--heap-growing-percent=50');
}

async function runTui(options: TuiOptions): Promise<number> {
	assertInteractiveTerminal({stdin: process.stdin, stdout: process.stdout});
	boundHeapGrowth();
	const cleanups: Array<() => unknown> = [];
	const cleanup = () => {
		for (const step of cleanups.splice(0).reverse()) {
			try {
				void step();
			} catch {
				// best effort on the way out
			}
		}
	};
	try {
		const {openSession} = await import('./kube/session.js');
		// The UI modules load while the session opens and the pod list arrives.
		const ui = importUi();
		// Awaited in showTui; a failure to open the session must not leave it unhandled.
		ui.catch(() => undefined);
		let kubeconfig = options.kubeconfig;
		let allNamespaces = options.allNamespaces;
		if (options.demo) {
			const cluster = await startDemo({scenarios: options.scenarios});
			cleanups.push(() => cluster.stop());
			kubeconfig = cluster.kubeconfigPath;
			// The scenarios play in several namespaces: every one of them on the first screen, unless -n picks one.
			allNamespaces ||= options.namespace === undefined;
		}
		const session = await openSession({kubeconfig, context: options.context, namespace: options.namespace, allNamespaces});
		let current = session;
		cleanups.push(() => current.close());
		const openContext = async (context: string) => {
			const next = await openSession({kubeconfig, context});
			current = next;
			return next;
		};
		const namespaceShown = session.allNamespaces ? undefined : session.namespace;
		const podList = session.watchPods(namespaceShown);
		await podListCountedOrTimeout(podList, FIRST_PAINT_WAIT_MS);
		return await showTui(ui, {session: withPodListStarted(session, namespaceShown, podList), openContext, config: {stuckAfterMs: options.stuckAfterMs}}, cleanup);
	} finally {
		cleanup();
	}
}

/**
 * How long the first paint waits for every pod to be counted: one frame of the whole table rather
 * than a "loading" frame first. Frames cost CPU the list needs (the first ones tens of ms each,
 * cold); a slow cluster still gets its loading screen this soon.
 */
const FIRST_PAINT_WAIT_MS = 250;

/** Resolves when the list has counted every pod, cannot (an error to show), or after `ms`. */
function podListCountedOrTimeout(podList: PodListWatch, ms: number): Promise<void> {
	return new Promise(resolve => {
		const ready = () => podList.counted || podList.state.kind === 'reconnecting' || podList.state.kind === 'polling' || podList.state.kind === 'forbidden';
		if (ready()) return resolve();
		const done = () => {
			clearTimeout(timer);
			unsubscribe();
			resolve();
		};
		const timer = setTimeout(done, ms);
		const unsubscribe = podList.subscribe(() => {
			if (ready()) done();
		});
	});
}

/**
 * The session with the first screen's pod list already started, so the list loads while the UI
 * modules load; the pod table's first watchPods() adopts it.
 */
function withPodListStarted(session: ClusterSession, namespace: string | undefined, podList: PodListWatch): ClusterSession {
	let started: PodListWatch | undefined = podList;
	const watchPods = (wanted: string | undefined) => {
		const adopted = started;
		started = undefined;
		if (adopted && wanted === namespace) return adopted;
		adopted?.stop();
		return session.watchPods(wanted);
	};
	return new Proxy(session, {
		get(target, property) {
			if (property === 'watchPods') return watchPods;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		},
	});
}

function importUi() {
	// Ink renders nothing but the last frame when it thinks it runs in CI; this is a terminal.
	const ciVariables = ['CI', 'CONTINUOUS_INTEGRATION'].map(name => [name, process.env[name]] as const);
	for (const [name] of ciVariables) delete process.env[name];
	// React is CommonJS: its exports are the default export (a bundle gives no named ones).
	return Promise.all([import('ink'), import('react').then(react => react.default), import('./app.js')]).finally(() => {
		for (const [name, value] of ciVariables) if (value !== undefined) process.env[name] = value;
	});
}

async function showTui(ui: ReturnType<typeof importUi>, props: {session: ClusterSession; openContext(name: string): Promise<ClusterSession>; config: DiagnosisConfig}, cleanup: () => void): Promise<number> {
	const [{render}, React, {App}] = await ui;

	const screen = enterFullScreen({stdin: process.stdin, stdout: process.stdout});
	// rows-1 lines keep Ink off its clear-the-whole-terminal path (ink#450). incrementalRendering
	// stays off: in Ink 6.8.0 it moves the cursor up one line too few when the frame ends in a
	// newline (any frame shorter than the terminal), so every frame lands one row lower and the
	// screen scrolls. A full frame per refresh (≤ 10/s, inside synchronized-output brackets) is
	// a few kilobytes; measured correct in test/e2e. maxFps 60 (Ink's default is 30): a frame
	// drawn within 1/maxFps of the last one waits out the rest, so a key pressed just after a
	// refresh's frame waited up to 34 ms; the refreshes themselves stay at most 10/s.
	const instance = render(React.createElement(App, props), {exitOnCtrlC: false, incrementalRendering: false, patchConsole: true, maxFps: 60});
	const uninstall = onFatalExit((code, message) => {
		try {
			instance.unmount();
		} catch {
			// the terminal may be gone (SIGHUP); restoring below is what matters
		}
		screen.restore();
		cleanup();
		// Closed window / pty gone: nothing can be written, and a normal exit would crash.
		if (screen.terminalGone) return endAfterHangUp();
		if (message) process.stderr.write(`initk9: ${message}\n`);
		process.exit(code);
	});
	try {
		await instance.waitUntilExit();
		return 0;
	} catch (error) {
		screen.restore();
		return fail(oneLineError(error));
	} finally {
		uninstall();
		screen.restore();
	}
}

async function runCompletion(invocation: {command: 'completion'; shell: Shell} | {command: '__complete'; words: string[]}): Promise<number> {
	if (invocation.command === 'completion') {
		const {completionScripts} = await import('./completion/scripts.js');
		process.stdout.write(completionScripts[invocation.shell]);
		return 0;
	}
	const [{complete, formatCompletion}, {clusterLookups}] = await Promise.all([import('./completion/complete.js'), import('./completion/lookups.js')]);
	const words = invocation.words.slice(0, -1);
	process.stdout.write(formatCompletion(await complete(words, invocation.words.at(-1) ?? '', clusterLookups)));
	return 0;
}

/**
 * The command line; run as kubectl_complete-initk9 (a link to initk9: kubectl >= 1.26 runs it with
 * the words of `kubectl initk9 …` to complete, the last one being typed), it is `__complete`.
 */
function commandLine(): string[] {
	const args = process.argv.slice(2);
	return basename(process.argv[1] ?? '').startsWith('kubectl_complete-') ? ['__complete', ...args] : args;
}

async function runReport(argv: string[]): Promise<number> {
	const {runReport} = await import('./report/command.js');
	return runReport(argv);
}

async function runCauses(argv: string[]): Promise<number> {
	const {runCauses} = await import('./report/causes.js');
	return runCauses(argv);
}

/** A usage error for a scenario name the demo does not have (the list is loaded only when asked for). */
async function unknownScenario(names: readonly string[]): Promise<string | undefined> {
	if (names.length === 0) return undefined;
	const {scenarioNames} = await import('../demo/scenarios/index.js');
	const bad = names.find(name => !scenarioNames.includes(name));
	return bad === undefined ? undefined : `unknown scenario "${bad}" (known: ${scenarioNames.join(', ')})`;
}

async function main(argv: string[]): Promise<number> {
	let invocation;
	try {
		invocation = parseCommandLine(argv);
	} catch (error) {
		if (error instanceof UsageError) {
			process.stderr.write(`initk9: ${error.message}\n\n${USAGE}`);
			return 2;
		}
		throw error;
	}
	const scenarios = invocation.command === 'tui' || invocation.command === 'demo' ? invocation.options.scenarios : [];
	const unknown = await unknownScenario(scenarios);
	if (unknown) {
		process.stderr.write(`initk9: --scenario: ${unknown}\n\n${USAGE}`);
		return 2;
	}
	switch (invocation.command) {
		case 'help':
			process.stdout.write(USAGE);
			return 0;
		case 'version':
			process.stdout.write(`${versionLine()}\n`);
			return 0;
		case 'report':
			return runReport(invocation.argv);
		case 'causes':
			return runCauses(invocation.argv);
		case 'demo':
			return runDemo(invocation.options);
		case 'tui':
			return runTui(invocation.options);
		case 'completion':
		case '__complete':
			return runCompletion(invocation);
	}
}

main(commandLine()).then(
	code => process.exit(code),
	(error: unknown) => {
		const code = (error as {exitCode?: number}).exitCode;
		process.exit(fail(oneLineError(error), typeof code === 'number' && code > 0 ? code : 1));
	},
);
