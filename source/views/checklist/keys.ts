import type {KeyHint} from '../../ui/KeyHints.js';

export const CHECKLIST_KEYS: KeyHint[] = [
	{keys: 'n/p', action: 'next/previous step', hint: true},
	{keys: 'o', action: 'mark passed', hint: true},
	{keys: 'f', action: 'mark failed', hint: true},
	{keys: 's', action: 'mark skipped', hint: true},
	{keys: 'u', action: 'clear the mark'},
	{keys: 'a', action: 'add/edit a note', hint: true},
	{keys: 'e', action: 'export report + bisect manifests', hint: true},
	{keys: 'j/k', action: 'scroll the step'},
	{keys: '→/←', action: 'next/previous step'},
	{keys: 'Esc', action: 'back', hint: true},
];
