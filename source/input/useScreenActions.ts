// A screen's keys from its action table: the handler of the action whose keys include the key.
import {actionOf, type ActionHandlers, type ActionTable} from './actions.js';
import type {Layer} from './dispatcher.js';
import {useKeyHandler} from './InputProvider.js';

export function useScreenActions<T extends ActionTable>(table: T, handlers: ActionHandlers<T>, isActive: boolean, layer: Layer = 'screen'): void {
	useKeyHandler(layer, press => {
		const action = actionOf(table, press);
		if (!action) return false;
		return handlers[action.id](action.name) !== false;
	}, isActive);
}
