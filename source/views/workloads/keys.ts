// Every key of the workload screens (the help screen and the bottom hints read these lists).
import type {KeyHint} from '../../ui/KeyHints.js';

export const WORKLOADS_KEYS: KeyHint[] = [
	{keys: 'Enter', action: 'open workload (pods by revision, what changed)', hint: true},
	{keys: 'j/k ↓/↑', action: 'move'},
	{keys: 'g/G', action: 'first / last'},
	{keys: 'Esc', action: 'back', hint: true},
];

export const WORKLOAD_KEYS: KeyHint[] = [
	{keys: 'Enter', action: 'open pod', hint: true},
	{keys: 'j/k ↓/↑', action: 'move between pods'},
	{keys: 'g/G', action: 'first / last pod'},
	{keys: 'Esc', action: 'back', hint: true},
];
