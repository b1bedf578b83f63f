// Every key of the pod table (the help screen and the bottom hints read this list).
import type {KeyHint} from '../../ui/KeyHints.js';

export const POD_TABLE_KEYS: KeyHint[] = [
	{keys: 'Enter', action: 'open pod (init sequence, events)', hint: true},
	{keys: 'l', action: 'logs', hint: true},
	{keys: 'p', action: 'previous logs'},
	{keys: 'c', action: 'checklist', hint: true},
	{keys: 'd', action: 'describe', hint: true},
	{keys: 'y', action: 'yaml'},
	{keys: '/', action: 'filter by name (regex)', hint: true},
	{keys: 'Esc', action: 'clear filter (on one cause\'s pods: back to the causes)'},
	{keys: 'i', action: 'only pods in init / init trouble', hint: true},
	{keys: 'C', action: 'causes: failing and stuck pods grouped by cause', hint: true},
	{keys: 'N', action: 'sort by name (again: reverse)'},
	{keys: 'A', action: 'sort by age (again: reverse)'},
	{keys: 'S', action: 'sort by status, worst first (again: reverse)'},
	{keys: '0', action: 'all namespaces', hint: true},
	{keys: 'j/k ↓/↑', action: 'move'},
	{keys: 'PgDn/PgUp', action: 'page down / up'},
	{keys: 'g/G', action: 'first / last pod'},
	{keys: 'q', action: 'quit', hint: true},
];
