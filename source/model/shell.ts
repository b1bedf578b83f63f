// Reading the shell scripts containers run, well enough for the patterns initk9 looks for
// (dependency waits, chown/chmod, network commands). Not a shell parser.

/** The text of `sh -c SCRIPT` (or the plain argv joined) that a container runs. */
export function commandScript(command: readonly string[] | undefined, args: readonly string[] | undefined): string {
	const argv = [...(command ?? []), ...(args ?? [])];
	const shellAt = argv.findIndex((word, at) => /(^|\/)(ba|da|a)?sh$/.test(word) && argv[at + 1]?.startsWith('-') && argv[at + 1]!.includes('c'));
	if (shellAt >= 0) return argv.slice(shellAt + 2).join(' ');
	return argv.join(' ');
}

/** A word as a POSIX shell reads it back: bare when safe, else in single quotes. */
export function shellWord(word: string): string {
	if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
	return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** An argv as a command line that runs the same argv: `sh -c 'echo a'`, not `sh -c echo a`. */
export function shellLine(argv: readonly string[]): string {
	return argv.map(shellWord).join(' ');
}

/** Shell words of one simple command (quotes removed). */
function words(text: string): string[] {
	const out: string[] = [];
	for (const match of text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(match[1] ?? match[2] ?? match[3] ?? '');
	return out;
}

const CONTROL_WORDS = new Set(['until', 'while', 'if', '!', 'do', 'then', 'else', 'exec', 'sudo', '{', '(']);

/**
 * The simple commands of a script, each as words: split at ; && || | newlines and the loop /
 * conditional keywords, with leading control words (`until`, `while !`, `exec`, `sudo` …) dropped.
 */
export function simpleCommands(script: string): string[][] {
	return script
		.split(/;|&&|\|\||\||\n|\bdo\b|\bthen\b|\bdone\b|\bfi\b/)
		.map(part => {
			const argv = words(part.trim());
			while (argv.length > 0 && CONTROL_WORDS.has(argv[0]!)) argv.shift();
			return argv;
		})
		.filter(argv => argv.length > 0);
}
