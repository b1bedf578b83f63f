// initk9 in a pseudo-terminal for measurements: every chunk of output is stamped when it arrives,
// fed to a headless xterm, and conditions on the screen are checked after each chunk is parsed,
// so "the frame that shows X" is timed to the chunk that completed it (no polling).
import {performance} from 'node:perf_hooks';
import * as pty from '@lydell/node-pty';
import xterm from '@xterm/headless';
import {fileURLToPath} from 'node:url';

const {Terminal} = xterm;
/**
 * The built CLI (the bundle); INITK9_BENCH_CLI measures another build (e.g. dist/source/cli.js) the same way, and
 * INITK9_BENCH_NODE_ARGS passes node flags (`--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
const defaultCli = fileURLToPath(new URL('../dist/initk9.js', import.meta.url));

export interface Frame {
	/** performance.now() when the chunk that completed this screen arrived. */
	at: number;
	screen: string[];
}

export interface Tui {
	readonly pid: number;
	/** performance.now() just before spawning. */
	readonly spawnedAt: number;
	screen(): string[];
	/** Text of the row drawn inverse (the table's selection), if any. */
	selectedRow(): string | undefined;
	/** Resolves with the first frame (from now on, or the current screen) where `condition` holds. */
	waitFor(condition: (screen: string[]) => boolean, timeoutMs: number, what?: string): Promise<Frame>;
	/** Frames written so far (synchronized-output updates; each Ink frame is one). */
	readonly frames: number;
	/** Writes keys; returns performance.now() at the write. */
	press(keys: string): number;
	readonly exited: boolean;
	stop(): Promise<void>;
}

/** Begin synchronized update (DEC mode 2026): Ink brackets every frame with it. */
const BEGIN_FRAME = '\u001B[?2026h';
const END_FRAME = '\u001B[?2026l';

interface Waiter {
	condition(screen: string[]): boolean;
	resolve(frame: Frame): void;
}

/** `command`: the program and its first arguments, instead of node and the built CLI (e.g. npx, the single executable). */
export function spawnTui(args: string[], {cols = 160, rows = 40, env = {}, command}: {cols?: number; rows?: number; env?: Record<string, string>; command?: string[]} = {}): Tui {
	const terminal = new Terminal({cols, rows, allowProposedApi: true, scrollback: 0});
	const childEnv: Record<string, string> = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (value !== undefined && !['CI', 'CONTINUOUS_INTEGRATION', 'NO_COLOR', 'FORCE_COLOR'].includes(name)) childEnv[name] = value;
	}
	Object.assign(childEnv, {TERM: 'xterm-256color', COLORTERM: ''}, env);
	const spawnedAt = performance.now();
	const nodeArgs = (process.env.INITK9_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
	const [file, ...fileArgs] = command ?? [process.execPath, ...nodeArgs, process.env.INITK9_BENCH_CLI ?? defaultCli];
	const child = pty.spawn(file!, [...fileArgs, ...args], {name: 'xterm-256color', cols, rows, cwd: process.cwd(), env: childEnv});
	const waiters = new Set<Waiter>();
	let exited = false;
	const exit = new Promise<void>(resolve => {
		child.onExit(() => {
			exited = true;
			resolve();
		});
	});

	const screen = () => {
		const buffer = terminal.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < terminal.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		return lines;
	};
	const check = (at: number) => {
		if (waiters.size === 0) return;
		const lines = screen();
		for (const waiter of [...waiters]) {
			if (!waiter.condition(lines)) continue;
			waiters.delete(waiter);
			waiter.resolve({at, screen: lines});
		}
	};
	let frames = 0;
	/** Inside a frame (its begin seen, not its end): a screen half drawn is never judged. */
	let inFrame = false;
	child.onData(data => {
		const at = performance.now();
		for (let index = data.indexOf(BEGIN_FRAME); index >= 0; index = data.indexOf(BEGIN_FRAME, index + 1)) frames++;
		const begin = data.lastIndexOf(BEGIN_FRAME);
		const end = data.lastIndexOf(END_FRAME);
		if (begin >= 0 || end >= 0) inFrame = begin > end;
		const complete = !inFrame;
		terminal.write(data, () => {
			if (complete) check(at);
		});
	});

	return {
		pid: child.pid,
		spawnedAt,
		screen,
		selectedRow() {
			const buffer = terminal.buffer.active;
			for (let row = 0; row < terminal.rows; row++) {
				const line = buffer.getLine(buffer.viewportY + row);
				// The table's selection is a whole inverse row; the prompt's cursor is one inverse cell.
				if (line && line.getCell(2)?.isInverse() && line.getCell(10)?.isInverse()) return line.translateToString(true);
			}
			return undefined;
		},
		waitFor(condition, timeoutMs, what = 'a condition') {
			return new Promise((resolve, reject) => {
				const now = screen();
				if (condition(now)) return resolve({at: performance.now(), screen: now});
				const timer = setTimeout(() => {
					waiters.delete(waiter);
					reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; screen:\n${screen().join('\n')}`));
				}, timeoutMs);
				const waiter: Waiter = {
					condition,
					resolve(frame) {
						clearTimeout(timer);
						resolve(frame);
					},
				};
				waiters.add(waiter);
			});
		},
		press(keys) {
			const at = performance.now();
			child.write(keys);
			return at;
		},
		get exited() {
			return exited;
		},
		get frames() {
			return frames;
		},
		async stop() {
			if (!exited) child.kill('SIGTERM');
			const killer = setTimeout(() => {
				if (!exited) child.kill('SIGKILL');
			}, 3000);
			await exit;
			clearTimeout(killer);
			terminal.dispose();
		},
	};
}
