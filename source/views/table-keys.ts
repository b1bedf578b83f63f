// The filter and sort keys every table shares (the pod table, the workload tables), declared once.
import {actions} from '../input/actions.js';

export const FILTER_ACTION = actions({
	filter: {keys: ['/'], description: 'filter by name (regular expression)', hint: 'filter'},
});

export const SORT_ACTIONS = actions({
	sortName: {keys: ['N'], description: 'sort by name (again: reverse)'},
	sortAge: {keys: ['A'], description: 'sort by age (again: reverse)'},
	sortStatus: {keys: ['S'], description: 'sort by status, worst first (again: reverse)'},
});
