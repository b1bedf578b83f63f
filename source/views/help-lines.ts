// What `?` shows, as one column of lines: the keys of the screen underneath, the keys that work
// everywhere, the `:` commands and the legend of the pod symbols. Pure.
import {keysLabel, type ActionTable} from '../input/actions.js';
import {HEALTH_LABELS, HEALTH_SYMBOLS} from '../model/pod-health.js';
import type {PodHealth} from '../model/pod-health.js';
import {COMMAND_HELP} from '../hooks/commands.js';
import {GLOBAL_TABLE, KEY_TABLES, type View} from './key-tables.js';

export interface HelpLine {
	kind: 'title' | 'key' | 'text' | 'blank';
	keys?: string;
	text: string;
}

function keyLines(table: ActionTable): HelpLine[] {
	return Object.values(table).map(spec => ({kind: 'key', keys: keysLabel(spec), text: spec.description}));
}

export function helpLines(of: View): HelpLine[] {
	const screen = KEY_TABLES[of];
	const lines: HelpLine[] = [
		{kind: 'title', text: screen.title},
		...keyLines(screen.actions),
		{kind: 'blank', text: ''},
		{kind: 'title', text: GLOBAL_TABLE.title},
		...keyLines(GLOBAL_TABLE.actions),
		{kind: 'text', text: of === 'pods' ? 'q on the pod table quits; on any other screen it goes back one screen.' : 'q goes back one screen (on the pod table it quits).'},
		{kind: 'blank', text: ''},
		{kind: 'title', text: 'Commands (:)'},
		...COMMAND_HELP.map((command): HelpLine => ({kind: 'key', keys: command.usage, text: command.description})),
		{kind: 'blank', text: ''},
		{kind: 'title', text: 'Pod symbols'},
		...(Object.keys(HEALTH_SYMBOLS) as PodHealth[]).map((health): HelpLine => ({kind: 'key', keys: HEALTH_SYMBOLS[health], text: HEALTH_LABELS[health]})),
	];
	return lines;
}
