// Every key of the cause-group list (the help screen and the bottom hints read this list).
import type {KeyHint} from '../../ui/KeyHints.js';

export const CAUSE_KEYS: KeyHint[] = [
	{keys: 'Enter', action: 'pods of this cause', hint: true},
	{keys: 'Esc', action: 'back', hint: true},
	{keys: 'j/k ↓/↑', action: 'move'},
	{keys: 'PgDn/PgUp', action: 'page down / up'},
	{keys: 'g/G', action: 'first / last cause'},
	{keys: 'q', action: 'quit', hint: true},
];
