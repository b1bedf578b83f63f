// Keys as data: a screen declares each of its actions once (the keys, what it does, whether the
// bottom line shows it); the key handling, the help screen, the bottom line and the README's key
// table are all made from that declaration. Pure.
import {keyName, type KeyPress} from './keys.js';

export interface ActionSpec {
	/** Key names as keyName() gives them: `j`, `↓`, `Enter`, `Ctrl-S`, `Space`. */
	keys: readonly string[];
	/** What it does, for help and the README. */
	description: string;
	/** Shown in the bottom line under this short name. */
	hint?: string;
	/** How help writes the keys when not `keys.join('/')` (e.g. `0-6`). */
	label?: string;
}

export type ActionTable = Readonly<Record<string, ActionSpec>>;

/** A handler per action, given the key's name; false = not now (the key goes on to the next layer). */
export type ActionHandlers<T extends ActionTable> = {readonly [K in keyof T]: (name: string) => boolean | void};

export function actions<const T extends ActionTable>(table: T): T {
	return table;
}

/** How help and the README write an action's keys. */
export function keysLabel(spec: ActionSpec): string {
	return spec.label ?? spec.keys.join('/');
}

/** The action a key press triggers, if any. */
export function actionOf<T extends ActionTable>(table: T, press: KeyPress): {id: keyof T & string; name: string} | undefined {
	const name = keyName(press);
	for (const [id, spec] of Object.entries(table)) if (spec.keys.includes(name)) return {id, name};
	return undefined;
}

/** Keys listed twice in one table (a mistake: only the first would ever run). */
export function duplicateKeys(table: ActionTable): string[] {
	const seen = new Set<string>();
	const twice: string[] = [];
	for (const spec of Object.values(table)) {
		for (const key of spec.keys) {
			if (seen.has(key)) twice.push(key);
			seen.add(key);
		}
	}
	return twice;
}
