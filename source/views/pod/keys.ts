// Every key of the pod drill-down and of the describe/YAML view (help and the bottom hints read these).
import type {KeyHint} from '../../ui/KeyHints.js';

export const POD_KEYS: KeyHint[] = [
	{keys: 'l', action: 'logs of the blocking container', hint: true},
	{keys: 'p', action: 'its previous logs', hint: true},
	{keys: 'd', action: 'describe', hint: true},
	{keys: 'y', action: 'yaml', hint: true},
	{keys: 'c', action: 'checklist', hint: true},
	{keys: 'j/k ↓/↑', action: 'scroll'},
	{keys: 'PgDn/PgUp', action: 'page down / up'},
	{keys: 'g/G', action: 'top / bottom'},
	{keys: 'Esc', action: 'back', hint: true},
];

export const DESCRIBE_KEYS: KeyHint[] = [
	{keys: '/', action: 'search', hint: true},
	{keys: 'n/N', action: 'next / previous match', hint: true},
	{keys: 'd/y', action: 'describe / yaml', hint: true},
	{keys: 'j/k ↓/↑', action: 'scroll'},
	{keys: 'PgDn/PgUp', action: 'page down / up'},
	{keys: 'g/G', action: 'top / bottom'},
	{keys: 'Esc', action: 'clear search, then back', hint: true},
];
