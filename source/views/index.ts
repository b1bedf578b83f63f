// The screens: the pod table and the cause list (kept mounted by the root) and the registry of every other route.
export {PodsView} from './PodsView.js';
export {CausesView} from './CausesView.js';
export {SCREENS, screenOf} from './screens.js';
export {GLOBAL_ACTIONS} from './global-keys.js';
export {KEY_TABLES, viewOfCommand} from './key-tables.js';
