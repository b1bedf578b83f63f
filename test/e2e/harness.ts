// End-to-end harness: the built initk9 (the bundle dist/initk9.js) in a real pseudo-terminal of a given
// size, its output fed into a headless xterm, the screen read the way a user sees it.
// Build first: `npm run build` (npm test does it).
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import * as pty from '@lydell/node-pty';
import xterm from '@xterm/headless';
import {startDemoCluster, type DemoCluster, type DemoOptions} from '../../demo/index.js';

const {Terminal} = xterm;
type XTerm = InstanceType<typeof Terminal>;

export const CLI = fileURLToPath(new URL('../../dist/initk9.js', import.meta.url));

/** Named keys for press(); anything else is typed as is. */
export const KEYS = {
	enter: '\r',
	escape: '\u001B',
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	backspace: '\u007F',
	tab: '\t',
	ctrlC: '\u0003',
	ctrlR: '\u0012',
} as const;

export interface StartOptions {
	args?: string[];
	cols?: number;
	rows?: number;
	/** Added to a clean environment (CI variables removed: Ink draws nothing in "CI" mode). */
	env?: Record<string, string | undefined>;
	/** An executable to run instead of `node dist/initk9.js` (the single executable). */
	command?: string;
}

export interface ExitResult {
	code: number | undefined;
	signal: number | undefined;
}

export interface CellStyle {
	/** Palette index, RGB number, or -1 for the default colour. */
	fg: number;
	bold: boolean;
	inverse: boolean;
	dim: boolean;
}

export type ScreenTarget = string | RegExp | ((screen: string[]) => boolean);

export interface App {
	/** The visible screen, one string per row (trailing spaces trimmed). */
	screen(): string[];
	text(): string;
	/** Everything the app wrote, escape sequences included. */
	output(): string;
	/** Polls the screen until the target shows (string or regex over the text, or a predicate). */
	waitFor(target: ScreenTarget, timeoutMs?: number): Promise<string[]>;
	/** Types keys one at a time (strings or KEYS values), letting the app read each. */
	press(...keys: string[]): Promise<void>;
	resize(cols: number, rows: number): void;
	/** Style of the first cell of the first occurrence of `text` on screen. */
	styleOf(text: string | RegExp): CellStyle | undefined;
	readonly exit: Promise<ExitResult>;
	readonly exited: boolean;
	kill(signal?: NodeJS.Signals): void;
	readonly terminal: XTerm;
	/** Whether the terminal shows the alternate screen now. */
	onAlternateScreen(): boolean;
}

function cleanEnv(extra: Record<string, string | undefined>): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (value === undefined || name === 'CI' || name === 'CONTINUOUS_INTEGRATION' || name === 'NO_COLOR' || name === 'FORCE_COLOR') continue;
		env[name] = value;
	}
	env.TERM = 'xterm-256color';
	env.COLORTERM = '';
	for (const [name, value] of Object.entries(extra)) {
		if (value === undefined) delete env[name];
		else env[name] = value;
	}
	return env;
}

function settle(terminal: XTerm): Promise<void> {
	// xterm parses writes asynchronously: an empty write's callback runs after everything before it.
	return new Promise(resolve => terminal.write('', resolve));
}

export async function startApp({args = [], cols = 120, rows = 30, env = {}, command}: StartOptions = {}): Promise<App> {
	if (!existsSync(command ?? CLI)) throw new Error(`${command ?? CLI} is missing: run \`npm run build\` first`);
	const terminal = new Terminal({cols, rows, allowProposedApi: true, scrollback: 0});
	const child = pty.spawn(command ?? process.execPath, command ? args : [CLI, ...args], {name: 'xterm-256color', cols, rows, cwd: process.cwd(), env: cleanEnv(env)});
	let raw = '';
	let exited = false;
	child.onData(data => {
		raw += data;
		terminal.write(data);
	});
	const exit = new Promise<ExitResult>(resolve => {
		child.onExit(({exitCode, signal}) => {
			exited = true;
			void settle(terminal).then(() => resolve({code: exitCode, signal: signal || undefined}));
		});
	});

	/** Inside a synchronized update: Ink brackets every frame with ESC[?2026h … ESC[?2026l. */
	const midFrame = () => raw.lastIndexOf('\u001B[?2026h') > raw.lastIndexOf('\u001B[?2026l');
	const screen = () => {
		const buffer = terminal.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < terminal.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		return lines;
	};
	const matches = (target: ScreenTarget, lines: string[]) => {
		if (typeof target === 'function') return target(lines);
		const text = lines.join('\n');
		return typeof target === 'string' ? text.includes(target) : target.test(text);
	};

	const app: App = {
		screen,
		text: () => screen().join('\n'),
		output: () => raw,
		async waitFor(target, timeoutMs = 15_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				await settle(terminal);
				const lines = screen();
				// Never judge a frame half drawn (the pty may deliver one in pieces).
				if (!midFrame() && matches(target, lines)) return lines;
				if (exited) throw new Error(`app exited while waiting for ${String(target)}; screen:\n${lines.join('\n')}`);
				if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(target)}; screen:\n${lines.join('\n')}`);
				await new Promise(resolve => setTimeout(resolve, 40));
			}
		},
		async press(...keys) {
			for (const key of keys) {
				// Like a person typing: the next key after the app has answered this one (a new frame),
				// or after a pause when the key changes nothing on screen. A lone Esc needs the gap too.
				const before = raw.length;
				child.write(key);
				const until = Date.now() + 250;
				while (raw.length === before && Date.now() < until && !exited) await new Promise(resolve => setTimeout(resolve, 10));
				await new Promise(resolve => setTimeout(resolve, 30));
				// The frame that answers it drawn to the end, so screen() right after sees all of it.
				const drawn = Date.now() + 1000;
				while (midFrame() && Date.now() < drawn && !exited) await new Promise(resolve => setTimeout(resolve, 10));
				await settle(terminal);
			}
		},
		resize(newCols, newRows) {
			terminal.resize(newCols, newRows);
			child.resize(newCols, newRows);
		},
		styleOf(text) {
			const lines = screen();
			const buffer = terminal.buffer.active;
			for (let row = 0; row < lines.length; row++) {
				const match = typeof text === 'string' ? {index: lines[row].indexOf(text)} : text.exec(lines[row]) ?? {index: -1};
				if (match.index < 0) continue;
				// translateToString maps one cell to one char for the ASCII prefix we search in.
				const line = buffer.getLine(buffer.viewportY + row);
				let column = 0;
				let seen = 0;
				for (; column < terminal.cols && line; column++) {
					const chars = line.getCell(column)?.getChars() ?? '';
					if (seen >= match.index) break;
					seen += chars.length || (line.getCell(column)?.getWidth() === 0 ? 0 : 1);
				}
				const cell = line?.getCell(column);
				if (!cell) return undefined;
				return {fg: cell.isFgDefault() ? -1 : cell.getFgColor(), bold: cell.isBold() !== 0, inverse: cell.isInverse() !== 0, dim: cell.isDim() !== 0};
			}
			return undefined;
		},
		exit,
		get exited() {
			return exited;
		},
		kill(signal = 'SIGTERM') {
			if (!exited) child.kill(signal);
		},
		terminal,
		onAlternateScreen: () => terminal.buffer.active.type === 'alternate',
	};
	return app;
}

/** Was the terminal handed back: alternate screen left and cursor shown, in the last escape sequences written? */
export function restoredAtExit(output: string): {leftAlternateScreen: boolean; cursorShown: boolean} {
	const lastEnter = output.lastIndexOf('\u001B[?1049h');
	const lastLeave = output.lastIndexOf('\u001B[?1049l');
	const lastHide = output.lastIndexOf('\u001B[?25l');
	const lastShow = output.lastIndexOf('\u001B[?25h');
	return {leftAlternateScreen: lastLeave > lastEnter && lastEnter >= 0, cursorShown: lastShow > lastHide};
}

export type {DemoCluster, DemoOptions} from '../../demo/index.js';

/** A demo cluster in the test process (so tests can drive its faults); pass `kubeconfigPath` to the app. */
export function startDemo(options: DemoOptions = {}): Promise<DemoCluster> {
	return startDemoCluster(options);
}

export interface CliRun {
	status: number | null;
	stdout: string;
	stderr: string;
}

/** The built initk9 without a terminal (`report`, `causes`), asynchronously: a demo server in this process keeps answering. */
export function runCli(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
	return new Promise(resolve => {
		const merged: Record<string, string | undefined> = {...process.env, ...env};
		for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key];
		const child = spawn(process.execPath, [CLI, ...args], {env: merged as NodeJS.ProcessEnv});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += chunk));
		child.stderr.on('data', chunk => (stderr += chunk));
		child.on('close', status => resolve({status, stdout, stderr}));
	});
}

/** Polls `probe` until it returns a value (every 250 ms, generous deadline). */
export async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise(resolve => setTimeout(resolve, 250));
	}
}

/** Stops the app (if still running) and waits for it to exit. */
export async function stopApp(app: App): Promise<ExitResult> {
	app.kill('SIGTERM');
	return app.exit;
}

/** The screen row of a pod (its name between spaces), as drawn now. */
/** The whole screen as one line, runs of whitespace collapsed: wrapped text matches as one sentence. */
export function flatScreen(app: App): string {
	return app.screen().join(' ').replace(/\s+/g, ' ');
}

export function rowOf(app: App, name: string): string | undefined {
	return app.screen().find(line => new RegExp(`\\s${name}\\s`).test(line));
}

/** The STATUS cell of a pod's row in the pod table (the text under the STATUS header). */
export function statusOf(app: App, name: string): string | undefined {
	const screen = app.screen();
	const header = screen.find(line => /\bNAME↑?\s+READY\s+STATUS\b/.test(line));
	const row = rowOf(app, name);
	if (!header || !row) return undefined;
	return row.slice(header.indexOf('STATUS')).split(/\s{2,}|\s(?=\d)/)[0].trim();
}

/**
 * Selects a pod in the pod table as a user would without counting rows: a filter that leaves only
 * it, Enter, then Esc clears the filter and the selection stays on the pod. (Walking with j and
 * looking after each key can see the frame before the key under load and step past the pod.)
 */
export async function selectPod(app: App, pod: string): Promise<void> {
	await app.press(KEYS.escape);
	await app.press('/', ...`(^|/)${pod}$`, KEYS.enter);
	await app.waitFor(() => new RegExp(`\\s${pod}\\s`).test(selectedRow(app) ?? ''), 30_000);
	await app.press(KEYS.escape);
	await app.waitFor(() => !/\/\(\^\|/.test(app.text()) && new RegExp(`\\s${pod}\\s`).test(selectedRow(app) ?? ''), 30_000);
}

/** Opens one pod's drill-down from the pod table: a filter that leaves only it (Esc first clears an earlier one), Enter, Enter. */
export async function openPod(app: App, pod: string): Promise<void> {
	await app.press(KEYS.escape);
	await app.press('/', ...`^${pod}$`, KEYS.enter);
	await app.waitFor(() => new RegExp(`\\s${pod}\\s`).test(selectedRow(app) ?? ''), 30_000);
	await app.press(KEYS.enter);
}

/** The row drawn in inverse: a table's selection. */
export function selectedRow(app: App): string | undefined {
	const screen = app.screen();
	const buffer = app.terminal.buffer.active;
	for (let row = 0; row < screen.length; row++) {
		const line = buffer.getLine(buffer.viewportY + row);
		if (!line) continue;
		let inverse = 0;
		for (let column = 0; column < 20; column++) if (line.getCell(column)?.isInverse()) inverse++;
		if (inverse > 10) return screen[row];
	}
	return undefined;
}
