// Every key of the log view (shown by `?` and, the ones marked hint, in the bottom line).
import type {KeyHint} from '../../ui/KeyHints.js';

export const LOG_KEYS: KeyHint[] = [
	{keys: 'c', action: 'container', hint: true},
	{keys: 'p', action: 'previous instance', hint: true},
	{keys: 's', action: 'autoscroll', hint: true},
	{keys: '/', action: 'filter (regex, !inverts)', hint: true},
	{keys: 'n/N', action: 'next/prev match', hint: true},
	{keys: 'w', action: 'wrap', hint: true},
	{keys: 't', action: 'timestamps', hint: true},
	{keys: '0-6', action: 'tail/head/1m/5m/15m/30m/1h', hint: true},
	{keys: 'Ctrl-S', action: 'save', hint: true},
	{keys: 'Esc', action: 'clear filter / back', hint: true},
	{keys: 'j/k ↑/↓', action: 'scroll (pauses)'},
	{keys: 'PgUp/PgDn', action: 'page'},
	{keys: 'g/Home', action: 'top'},
	{keys: 'G/End', action: 'bottom, resume follow'},
	{keys: '←/→', action: 'scroll sideways (no wrap)'},
];
