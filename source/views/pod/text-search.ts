// Searching a text view (describe / YAML): case-insensitive literal matches, split into
// segments for highlighting, and the next/previous matching line.

export interface MatchSegment {
	text: string;
	match: boolean;
}

/** A case-insensitive literal pattern; undefined for an empty query. */
export function searchPattern(query: string | undefined): RegExp | undefined {
	if (!query) return undefined;
	return new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
}

export function splitMatches(line: string, pattern: RegExp | undefined): MatchSegment[] {
	if (!pattern) return [{text: line, match: false}];
	const segments: MatchSegment[] = [];
	let last = 0;
	for (const match of line.matchAll(pattern)) {
		if (match.index > last) segments.push({text: line.slice(last, match.index), match: false});
		segments.push({text: match[0], match: true});
		last = match.index + match[0].length;
	}
	if (last < line.length) segments.push({text: line.slice(last), match: false});
	return segments.length > 0 ? segments : [{text: '', match: false}];
}

/** Index of the next line (after `from`, wrapping around) that matches; undefined when none does. */
export function nextMatchingLine(lines: readonly string[], pattern: RegExp | undefined, from: number, direction: 1 | -1): number | undefined {
	if (!pattern || lines.length === 0) return undefined;
	for (let step = 1; step <= lines.length; step++) {
		const index = (((from + direction * step) % lines.length) + lines.length) % lines.length;
		pattern.lastIndex = 0;
		if (pattern.test(lines[index]!)) return index;
	}
	return undefined;
}
