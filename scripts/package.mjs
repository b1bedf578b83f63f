#!/usr/bin/env node
// `npm run package`: initk9 as a single executable for linux-x64 (Node's single executable
// applications, Node 20: `node --experimental-sea-config`, the blob injected with postject), a
// release archive of it for krew, and the krew plugin manifest pointing at that archive.
//
// A single executable reads no files next to it, where the npm bundle loads dist/chunks and
// dist/lazy on demand. So the executable carries its own esbuild build of the same entry
// (scripts/bundle-config.mjs: the same plugins, aliases and baked-in version) as an asset: the entry
// and its chunks, with the packages the npm bundle keeps in dist/lazy (loaded by require(), which
// cannot be served from memory) bundled into the chunks. scripts/sea-main.cjs, the script Node
// runs, serves them to the module loader (why that way: there).
//
//   node scripts/package.mjs [--out DIR] [--base-url URL]
// writes DIR/initk9 (the executable), DIR/initk9-linux-amd64.tar.gz and DIR/initk9.yaml
// (default DIR: dist/release). The manifest's uri is BASE_URL + the archive's name.
import {execFileSync} from 'node:child_process';
import {chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join, relative, resolve} from 'node:path';
import {parseArgs} from 'node:util';
import {build} from 'esbuild';
import {inject} from 'postject';
import {root, sharedOptions} from './bundle-config.mjs';
import {krewManifest, releaseArchive} from './krew.mjs';

// Node's own marker: postject flips it so the node binary looks for the injected blob.
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

if (process.platform !== 'linux' || process.arch !== 'x64') {
	console.error(`initk9 package: builds the linux-x64 executable from the running node; this is ${process.platform}-${process.arch}`);
	process.exit(1);
}

const {values} = parseArgs({options: {out: {type: 'string'}, 'base-url': {type: 'string'}}});
const out = resolve(values.out ?? join(root, 'dist', 'release'));
const work = join(out, 'sea-build');
rmSync(work, {recursive: true, force: true});
mkdirSync(work, {recursive: true});

// The npm bundle's layout (entry + chunks, loaded on demand), with the dist/lazy packages bundled
// into chunks: the executable serves these files to Node's module loader (sea-main.cjs).
const outdir = join(work, 'bundle');
const bundle = await build({
	...sharedOptions({sea: true}),
	outdir,
	chunkNames: 'chunks/[name]-[hash]',
	format: 'esm',
	splitting: true,
	sourcemap: false,
	minify: false,
	banner: {
		// CommonJS dependencies bundled into ESM still call require() for Node's built-ins.
		js: "import {createRequire as __initk9CreateRequire} from 'node:module';\nconst require = __initk9CreateRequire(import.meta.url), __initk9Require = require;",
	},
});
const files = Object.fromEntries(Object.keys(bundle.metafile.outputs).map(file => [relative(outdir, join(root, file)), readFileSync(join(root, file), 'utf8')]));
const filesJson = join(work, 'files.json');
writeFileSync(filesJson, JSON.stringify(files));

const blob = join(work, 'initk9.blob');
const config = join(work, 'sea-config.json');
writeFileSync(config, JSON.stringify({
	main: join(root, 'scripts', 'sea-main.cjs'),
	output: blob,
	assets: {'files.json': filesJson},
	// The warning would land on stderr at every start; the executable is the product, not an experiment.
	disableExperimentalSEAWarning: true,
}));
execFileSync(process.execPath, ['--experimental-sea-config', config], {stdio: ['ignore', 'ignore', 'inherit']});

const executable = join(out, 'initk9');
rmSync(executable, {force: true});
copyFileSync(process.execPath, executable);
chmodSync(executable, 0o755);
await inject(executable, 'NODE_SEA_BLOB', readFileSync(blob), {sentinelFuse: SEA_FUSE});
rmSync(work, {recursive: true, force: true});

const archive = await releaseArchive(executable, out);
const manifest = krewManifest({archive, baseUrl: values['base-url']});
writeFileSync(join(out, 'initk9.yaml'), manifest);
console.log(`${executable}\n${archive.path}\n${join(out, 'initk9.yaml')}`);
