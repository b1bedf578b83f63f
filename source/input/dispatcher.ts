// One place every key goes through: handlers register in a layer and are asked in priority order
// (an open prompt, then the screen, then the keys that work everywhere), the newest first within
// a layer; the first that says it handled the key ends the search. Pure (no React).
import type {KeyPress} from './keys.js';

export type Layer = 'prompt' | 'screen' | 'global';
export const LAYERS: readonly Layer[] = ['prompt', 'screen', 'global'];

/**
 * false: not mine; true: handled; 'settle': handled, and the keys after it must wait until the
 * screen has been redrawn (the key changed what the next ones mean: opened a screen, submitted a
 * prompt). Screen and global keys always settle.
 */
export type Handled = boolean | 'settle' | void;
export type KeyHandler = (press: KeyPress) => Handled;

interface Entry {
	layer: Layer;
	order: number;
	handler: KeyHandler;
}

export interface Dispatched {
	handled: boolean;
	/** The next key must wait for the frame this one causes. */
	settle: boolean;
}

export class KeyDispatcher {
	private readonly entries: Entry[] = [];
	private next = 0;
	/** When the last key was dispatched (Date.now()); 0 before any. */
	lastKeyAt = 0;

	add(layer: Layer, handler: KeyHandler): () => void {
		const entry: Entry = {layer, order: this.next++, handler};
		this.entries.push(entry);
		return () => {
			const index = this.entries.indexOf(entry);
			if (index >= 0) this.entries.splice(index, 1);
		};
	}

	dispatch(press: KeyPress): Dispatched {
		this.lastKeyAt = Date.now();
		for (const layer of LAYERS) {
			const candidates = this.entries.filter(entry => entry.layer === layer).sort((a, b) => b.order - a.order);
			for (const entry of candidates) {
				const result = entry.handler(press);
				if (result === false || result === undefined) continue;
				return {handled: true, settle: result === 'settle' || layer !== 'prompt'};
			}
		}
		return {handled: false, settle: false};
	}
}
