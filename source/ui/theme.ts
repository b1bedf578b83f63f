// Colours that carry meaning, and the NO_COLOR switch (https://no-color.org: any non-empty
// value disables colour; bold, dim and inverse stay so the selection remains visible).
export const colorEnabled = !process.env.NO_COLOR;

/** A colour prop for Ink's <Text>, or undefined when colour is off. */
export function color(name: string): string | undefined {
	return colorEnabled ? name : undefined;
}
