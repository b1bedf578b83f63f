// Checklist answers saved per pod uid, so a walkthrough resumes where it was left.
import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import type {StepId, Verdict} from '../model/checklist.js';
import {stateDir} from './paths.js';

export interface StepAnswer {
	verdict?: Verdict;
	note?: string;
}

export interface ChecklistState {
	podUid: string;
	/** namespace/name, for people reading the file. */
	pod: string;
	current: number;
	answers: Partial<Record<StepId, StepAnswer>>;
	updatedAt: string;
}

const fileFor = (uid: string, env?: NodeJS.ProcessEnv) => join(stateDir(env), 'checklists', `${uid.replace(/[^\w.-]/g, '_')}.json`);

export function loadChecklistState(uid: string, env?: NodeJS.ProcessEnv): ChecklistState | undefined {
	try {
		const parsed = JSON.parse(readFileSync(fileFor(uid, env), 'utf8')) as ChecklistState;
		return parsed.podUid === uid ? parsed : undefined;
	} catch {
		return undefined;
	}
}

/** Writes atomically (temp file + rename): a crash never leaves half a file. */
export function saveChecklistState(state: ChecklistState, env?: NodeJS.ProcessEnv): string {
	const file = fileFor(state.podUid, env);
	mkdirSync(join(stateDir(env), 'checklists'), {recursive: true});
	writeFileSync(`${file}.tmp`, `${JSON.stringify({...state, updatedAt: new Date().toISOString()}, null, 2)}\n`);
	renameSync(`${file}.tmp`, file);
	return file;
}
