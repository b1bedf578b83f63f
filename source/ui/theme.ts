// One theme of semantic roles: what a colour means lives here and nowhere else. Ink props
// (`ink(role)`) and raw SGR text (`sgr(role, text)`, for log lines and other pre-styled strings)
// both read this table, so a stuck pod's row, the header's stuck count and a stuck lane are one
// colour. NO_COLOR (https://no-color.org: any non-empty value) turns colour off; bold, dim and
// inverse stay so the selection and emphasis remain visible.
import type {PodHealth} from '../model/pod-health.js';

export const colorEnabled = !process.env.NO_COLOR;

export type ColorName = 'black' | 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'white' | 'gray';

export interface Style {
	color?: ColorName;
	bold?: boolean;
	dim?: boolean;
}

const HEALTH: Record<PodHealth, Style> = {
	healthy: {color: 'green'},
	initializing: {color: 'cyan'},
	'init-failing': {color: 'red', bold: true},
	stuck: {color: 'yellow', bold: true},
	'app-failing': {color: 'magenta', bold: true},
	pending: {color: 'blue'},
	completed: {color: 'gray', dim: true},
	terminating: {color: 'gray', dim: true},
};

/** Every role a screen may ask for: pod health classes first, then general meanings. */
export const ROLES = {
	...HEALTH,
	/** Something failed or blocks (findings of severity error, failed runs, red conditions). */
	error: {color: 'red'},
	/** Needs attention but is not (yet) a failure: warnings, back-offs, waiting messages. */
	warning: {color: 'yellow'},
	/** Fine, done, live. */
	ok: {color: 'green'},
	/** Neutral information, running things, titles and prompts. */
	info: {color: 'cyan'},
	title: {color: 'cyan', bold: true},
	/** Background facts: waiting, skipped, stopped. */
	muted: {color: 'gray'},
	/** A second voice: sidecars, the previous instance. */
	aside: {color: 'magenta'},
	/** Image pulls. */
	pull: {color: 'blue'},
} as const satisfies Record<string, Style>;

export type Role = keyof typeof ROLES;

/** A colour prop for Ink's <Text>, or undefined when colour is off. */
export function color(name: string): string | undefined {
	return colorEnabled ? name : undefined;
}

/** The role's style, colour dropped under NO_COLOR. */
export function styleOf(role: Role): Style {
	const style: Style = ROLES[role];
	return colorEnabled || !style.color ? style : {...style, color: undefined};
}

/** Props for Ink's <Text>. */
export function ink(role: Role): {color?: string; bold?: boolean; dimColor?: boolean} {
	const style = styleOf(role);
	return {
		...(style.color ? {color: style.color} : {}),
		...(style.bold ? {bold: true} : {}),
		...(style.dim ? {dimColor: true} : {}),
	};
}

const SGR_COLOR: Record<ColorName, number> = {black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37, gray: 90};

/** `text` wrapped in the role's SGR codes (for strings that carry their own styling). */
export function sgr(role: Role, text: string): string {
	const style = styleOf(role);
	const on: number[] = [];
	const off: number[] = [];
	if (style.color) {
		on.push(SGR_COLOR[style.color]);
		off.push(39);
	}
	if (style.bold || style.dim) {
		on.push(style.bold ? 1 : 2);
		off.push(22);
	}
	return on.length === 0 ? text : `\u001b[${on.join(';')}m${text}\u001b[${off.join(';')}m`;
}
