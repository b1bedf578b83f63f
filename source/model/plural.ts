// Counts in words: `1 line`, `2 lines`, `1,204 lines`. Pure.

export function plural(count: number, word: string, many = `${word}s`): string {
	return `${count.toLocaleString('en-US')} ${count === 1 ? word : many}`;
}
