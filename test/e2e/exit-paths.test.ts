// Ways out of the TUI that a terminal emulator does not show: a closed window (the pty gone, then
// SIGHUP) must not crash, and nothing meant for a terminal goes to a stderr that is a file.
// The built initk9 in a pseudo-terminal, through `sh -c 'exec initk9 … 2>FILE'`.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import pty from '@lydell/node-pty';
import {CLI} from './harness.js';

interface Run {
	output(): string;
	exit: Promise<{exitCode: number; signal?: number}>;
	child: pty.IPty;
	stderrFile: string;
}

function startWithStderrToFile(args: string[]): Run {
	const stderrFile = join(mkdtempSync(join(tmpdir(), 'initk9-exit-')), 'stderr');
	const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
	const command = `exec ${[process.execPath, CLI, ...args].map(quote).join(' ')} 2>${quote(stderrFile)}`;
	const env: Record<string, string> = {};
	for (const [name, value] of Object.entries(process.env)) if (value !== undefined && name !== 'CI') env[name] = value;
	const child = pty.spawn('/bin/sh', ['-c', command], {name: 'xterm-256color', cols: 120, rows: 30, env: {...env, TERM: 'xterm-256color'}});
	let output = '';
	child.onData(data => {
		output += data;
	});
	const exit = new Promise<{exitCode: number; signal?: number}>(resolve => child.onExit(resolve));
	return {output: () => output, exit, child, stderrFile};
}

async function waitForOutput(run: Run, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!pattern.test(run.output())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}`);
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

test('q with stderr redirected to a file: the file stays empty (no ESC[?25h), the terminal gets its cursor back', async () => {
	const run = startWithStderrToFile(['--demo', '--scenario', 'healthy']);
	await waitForOutput(run, /myapp-healthy/);
	run.child.write('q');
	const {exitCode} = await run.exit;
	assert.equal(exitCode, 0);
	assert.equal(readFileSync(run.stderrFile, 'utf8'), '');
	assert.ok(run.output().includes('\u001B[?25h'), 'the cursor is shown on the terminal');
});

test('the terminal closed (pty gone, SIGHUP): ends by the hang-up, no crash, nothing on stderr', async () => {
	const run = startWithStderrToFile(['--demo', '--scenario', 'healthy']);
	await waitForOutput(run, /myapp-healthy/);
	// node-pty's destroy() (untyped): closes the master side, then sends SIGHUP, as a closed window does.
	(run.child as pty.IPty & {destroy(): void}).destroy();
	const {exitCode, signal} = await run.exit;
	const stderr = readFileSync(run.stderrFile, 'utf8');
	assert.equal(stderr, '', 'no assertion, no EIO, no escape sequence');
	// Killed by SIGHUP's default action (a shell reports 129); never SIGSEGV/SIGABRT (139/134).
	assert.deepEqual({exitCode, signal}, {exitCode: 0, signal: 1});
});
