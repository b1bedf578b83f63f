// Stands in for the restore-cursor package in the bundle (scripts/bundle.mjs): that package
// writes ESC[?25h to stderr when the process exits, even when stderr is a file or a pipe.
// initk9 shows the cursor on the terminal itself on every way out (source/terminal.ts), so the
// escape sequence goes only where a terminal is.
export default function restoreCursor(): void {}
