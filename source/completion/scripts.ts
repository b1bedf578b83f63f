// `initk9 completion bash|zsh|fish`: shell functions that ask `initk9 __complete` for candidates
// (complete.ts) and hand them to the shell. Each reads the last line, `:<directive>`: bit 2 = no
// space after the candidate (`report ns/`), bit 4 = no file names when there is no candidate.
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const bash = `# initk9 completion for bash. Load it with: source <(initk9 completion bash)
_initk9_complete() {
	local cur=\${COMP_WORDS[COMP_CWORD]} out directive IFS=$'\\n'
	out=$("\${COMP_WORDS[0]}" __complete "\${COMP_WORDS[@]:1:COMP_CWORD-1}" "$cur" 2>/dev/null) || return 0
	directive=\${out##*:}
	[[ $directive =~ ^[0-9]+$ ]] || directive=0
	out=\${out%:*}
	COMPREPLY=($(compgen -W "$out" -- "$cur"))
	if (( directive & 2 )); then compopt -o nospace 2>/dev/null; fi
	if (( \${#COMPREPLY[@]} == 0 && (directive & 4) == 0 )); then compopt -o default 2>/dev/null; fi
	return 0
}
complete -F _initk9_complete initk9
`;

const zsh = `#compdef initk9
# initk9 completion for zsh. Load it with: source <(initk9 completion zsh)
_initk9() {
	local -a lines candidates
	local directive
	lines=("\${(@f)$("\${words[1]}" __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
	directive=\${lines[-1]#:}
	[[ $directive == <-> ]] || directive=0
	candidates=("\${(@)lines[1,-2]}")
	candidates=("\${(@)candidates:#}")
	if (( \${#candidates} )); then
		if (( directive & 2 )); then compadd -S '' -- "\${candidates[@]}"; else compadd -- "\${candidates[@]}"; fi
	elif (( (directive & 4) == 0 )); then
		_files
	fi
}
compdef _initk9 initk9
`;

const fish = `# initk9 completion for fish. Load it with: initk9 completion fish | source
function __initk9_complete
	set -l tokens (commandline -opc)
	set -l current (commandline -ct)
	set -l out ($tokens[1] __complete $tokens[2..-1] "$current" 2>/dev/null)
	set -l directive (string replace ':' '' -- $out[-1])
	set -e out[-1]
	if test (count $out) -eq 0; and test (math "$directive % 8 - $directive % 4") -eq 0
		__fish_complete_path "$current"
		return
	end
	printf '%s\\n' $out
end
complete -c initk9 -f -a '(__initk9_complete)'
`;

export const completionScripts: Record<Shell, string> = {bash, zsh, fish};
