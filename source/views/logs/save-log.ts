// Ctrl-S: the buffer as a file under the XDG state directory (…/initk9/logs), or the current
// directory when that cannot be written. Returns the path written.
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import type {LogEntry} from '../../kube/types.js';
import {formatLogForSave, saveFileName} from '../../render/log-view.js';
import {stateDir} from '../../storage/paths.js';

export interface SaveRequest {
	namespace: string;
	pod: string;
	container: string;
	previous: boolean;
	timestamps: boolean;
	entries: readonly LogEntry[];
}

export function saveLogBuffer(request: SaveRequest, env: NodeJS.ProcessEnv = process.env, now = new Date()): string {
	const name = saveFileName(request.namespace, request.pod, request.container, request.previous, now);
	const content = formatLogForSave(request.entries, request.timestamps);
	const logsDir = join(stateDir(env), 'logs');
	try {
		mkdirSync(logsDir, {recursive: true, mode: 0o700});
		const path = join(logsDir, name);
		writeFileSync(path, content, {mode: 0o600});
		return path;
	} catch {
		const path = join(process.cwd(), name);
		writeFileSync(path, content, {mode: 0o600});
		return path;
	}
}
