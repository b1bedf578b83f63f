// Where initk9 keeps what outlives a session: checklist answers and exported reports, under the
// XDG state directory ($XDG_STATE_HOME/initk9, else ~/.local/state/initk9).
import {homedir} from 'node:os';
import {join} from 'node:path';

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
	const base = env['XDG_STATE_HOME'] && env['XDG_STATE_HOME'].startsWith('/') ? env['XDG_STATE_HOME'] : join(env['HOME'] ?? homedir(), '.local', 'state');
	return join(base, 'initk9');
}

/** A file-name-safe stamp like 20261125-171502. */
export function fileStamp(at: Date = new Date()): string {
	return at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}
