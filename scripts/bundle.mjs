// The shipped CLI as one esbuild bundle: dist/initk9.js (the bins point at it), plus chunks for
// what is loaded lazily (the demo server, the report command, the UI while the session opens).
// Node then reads a few files instead of resolving and compiling hundreds of modules: the first
// frame drew at ~300 ms instead of ~860 ms (bench/RESULTS.md, issue 9). tsc still type-checks
// and emits dist/source for the tests that import modules.
import {chmodSync} from 'node:fs';
import {readFile, rm} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist`;
await rm(`${outdir}/chunks`, {recursive: true, force: true});

/**
 * yoga-layout (Ink's layout engine) inlines its wasm as a data: URI and, when a global fetch
 * exists, decodes it with fetch(dataURI). On Node 20 the first touch of fetch loads undici: ~35 ms
 * of the first frame spent compiling an HTTP client to decode base64. Without fetch the same
 * loader takes its synchronous path (atob into a Uint8Array); initk9 itself never uses fetch.
 * Patched at build time, so the global fetch stays as it is for everything else.
 */
const yogaWithoutFetch = {
	name: 'yoga-without-fetch',
	setup(build) {
		build.onLoad({filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/][^\\/]+\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			const fetchTest = '"function"!=typeof fetch';
			if (!source.includes(fetchTest)) throw new Error(`${path}: no \`${fetchTest}\` to patch; yoga-layout changed, review the yoga-without-fetch plugin`);
			return {contents: source.replaceAll(fetchTest, '!0'), loader: 'js'};
		});
	},
};

const result = await build({
	absWorkingDir: root,
	entryPoints: {initk9: 'source/cli.tsx'},
	outdir,
	chunkNames: 'chunks/[name]-[hash]',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	tsconfig: 'tsconfig.json',
	sourcemap: true,
	minify: false,
	legalComments: 'eof',
	metafile: true,
	logLevel: 'warning',
	// Ink imports react-devtools-core only when DEV=true; it is not a dependency.
	external: ['react-devtools-core'],
	plugins: [yogaWithoutFetch],
	banner: {
		// CommonJS dependencies bundled into ESM still call require() for Node's built-ins.
		js: "import {createRequire as __initk9CreateRequire} from 'node:module';\nconst require = __initk9CreateRequire(import.meta.url);",
	},
});

chmodSync(`${outdir}/initk9.js`, 0o755);

if (process.argv.includes('--analyze')) {
	const {analyzeMetafile} = await import('esbuild');
	process.stdout.write(await analyzeMetafile(result.metafile));
}
