// The shipped CLI as one esbuild bundle: dist/initk9.js (the bins point at it), plus chunks for
// what is loaded lazily (the demo server, the report command, the UI while the session opens).
// Node then reads a few files instead of resolving and compiling hundreds of modules: the first
// frame drew at ~300 ms instead of ~860 ms (bench/RESULTS.md, issue 9). tsc still type-checks
// and emits dist/source for the tests that import modules.
// The shared esbuild settings (plugins, aliases, version) are in bundle-config.mjs.
import {chmodSync} from 'node:fs';
import {readdir, rm} from 'node:fs/promises';
import {build} from 'esbuild';
import {lazyPackages, resolvePackage, root, sharedOptions} from './bundle-config.mjs';

const outdir = `${root}dist`;

const result = await build({
	...sharedOptions(),
	outdir,
	chunkNames: 'chunks/[name]-[hash]',
	splitting: true,
	format: 'esm',
	sourcemap: true,
	minify: false,
	banner: {
		// CommonJS dependencies bundled into ESM still call require() for Node's built-ins.
		js: "import {createRequire as __initk9CreateRequire} from 'node:module';\nconst require = __initk9CreateRequire(import.meta.url), __initk9Require = require;",
	},
});

/**
 * Deletes the files of an earlier build from `dir`, after this build wrote its own: emptying it
 * first left dist without chunks for the whole build, and every initk9 started meanwhile (other
 * people's tests and benchmarks on a shared tree) failed to load them.
 */
async function removeAllBut(dir, metafile) {
	const written = new Set(Object.keys(metafile.outputs).map(file => `${root}${file}`));
	for (const file of await readdir(dir)) {
		if (!written.has(`${dir}/${file}`)) await rm(`${dir}/${file}`, {force: true});
	}
}

await removeAllBut(`${outdir}/chunks`, result.metafile);
for (const [file, output] of Object.entries(result.metafile.outputs)) {
	const standIns = Object.keys(output.inputs).filter(input => input.startsWith('lazy-commonjs:'));
	if (standIns.length > 0 && !file.startsWith('dist/chunks/')) throw new Error(`${file} holds ${standIns.join(', ')}, whose ../lazy/ paths only resolve from dist/chunks/`);
}

const lazy = await build({
	absWorkingDir: root,
	metafile: true,
	entryPoints: Object.fromEntries(lazyPackages.map(name => [name, resolvePackage(name)])),
	outdir: `${outdir}/lazy`,
	outExtension: {'.js': '.cjs'},
	bundle: true,
	format: 'cjs',
	platform: 'node',
	target: 'node20',
	sourcemap: true,
	legalComments: 'eof',
	logLevel: 'warning',
});
await removeAllBut(`${outdir}/lazy`, lazy.metafile);

chmodSync(`${outdir}/initk9.js`, 0o755);

if (process.argv.includes('--analyze')) {
	const {analyzeMetafile} = await import('esbuild');
	process.stdout.write(await analyzeMetafile(result.metafile));
}
