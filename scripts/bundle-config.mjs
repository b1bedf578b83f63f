// The esbuild settings shared by the npm bundle (scripts/bundle.mjs) and the single executable
// (scripts/package.mjs): the plugins that keep the first frame fast, the aliases, and the version
// and commit baked in for `initk9 --version`.
import {execFileSync} from 'node:child_process';
import {createRequire} from 'node:module';
import {readFileSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

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

const clientNode = /[\\/]node_modules[\\/]@kubernetes[\\/]client-node[\\/]/;

/**
 * initk9 uses one class of @kubernetes/client-node, KubeConfig (parsing, auth, TLS, proxy agents),
 * but its index re-exports every generated API client and model. The package does not declare
 * itself free of side effects, so esbuild kept (and Node evaluated) all of it: ~27 ms before the
 * session could open. Its modules only define classes and functions, so say so and let esbuild
 * drop what KubeConfig does not reach.
 */
const clientNodeWithoutSideEffects = {
	name: 'client-node-without-side-effects',
	setup(build) {
		build.onResolve({filter: /.*/}, async args => {
			if (args.pluginData === 'resolving' || !(args.path.startsWith('@kubernetes/client-node') || clientNode.test(args.importer))) return undefined;
			const result = await build.resolve(args.path, {kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'resolving'});
			if (result.errors.length > 0 || !clientNode.test(result.path)) return undefined;
			return {...result, sideEffects: false};
		});
	},
};

/**
 * CommonJS packages imported at the top of modules on the start path but first called later, if
 * ever. Each is bundled on its own into dist/lazy/<name>.cjs, and imports of it resolve to a
 * stand-in whose exports are getters that require() that file on first use: Node neither
 * evaluates nor even parses it before the first frame.
 * - node-fetch (with whatwg-url and tr46's tables): client-node's KubeConfig uses it only in
 *   applyToFetchOptions and the generated API clients, which initk9 does not call;
 * - socks-proxy-agent (with socks and ip-address): only for a socks:// proxy-url;
 * together ~17 ms to evaluate and ~7 ms to parse before the session could open;
 * - yaml (the YAML view, the bisect manifests): ~5 ms of its schemas while the UI loaded.
 */
export const lazyPackages = ['node-fetch', 'socks-proxy-agent', 'yaml'];
export const resolvePackage = createRequire(`${root}package.json`).resolve;
const lazyCommonJs = {
	name: 'lazy-commonjs',
	setup(build) {
		const require = createRequire(import.meta.url);
		build.onResolve({filter: new RegExp(`^(${lazyPackages.join('|')})$`)}, args => ({path: args.path, namespace: 'lazy-commonjs'}));
		build.onLoad({filter: /.*/, namespace: 'lazy-commonjs'}, args => {
			const real = require(resolvePackage(args.path));
			const names = Object.keys(real);
			// __initk9Require is the banner's require of the output file this lands in (checked below: a chunk).
			const contents = [
				`const load = () => __initk9Require(${JSON.stringify(`../lazy/${args.path}.cjs`)});`,
				typeof real === 'function' ? 'module.exports = function (...args) { return load().apply(this, args); };' : 'module.exports = {};',
				real.__esModule ? "Object.defineProperty(module.exports, '__esModule', {value: true});" : '',
				`for (const name of ${JSON.stringify(names)}) {`,
				'\tObject.defineProperty(module.exports, name, {enumerable: true, get: () => load()[name], set: value => { load()[name] = value; }});',
				'}',
			].join('\n');
			return {contents, loader: 'js'};
		});
	},
};

/**
 * React, its reconciler and scheduler pick their production or development build from
 * process.env.NODE_ENV when first required, so the bundle carried both (the development
 * reconciler alone is 680 kB that Node parsed before the first frame, ~8 ms). The CLI always
 * wants production (cli.tsx defaults NODE_ENV to it; a shell's NODE_ENV=development or test
 * made initk9 run React's dev-only checks): decide it when bundling.
 */
const reactProductionBuild = {
	name: 'react-production-build',
	setup(build) {
		build.onLoad({filter: /[\\/]node_modules[\\/](react|react-reconciler|scheduler)[\\/][^\\/]+\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			return {contents: source.replaceAll('process.env.NODE_ENV', '"production"'), loader: 'js'};
		});
	},
};

/**
 * The single executable is one module: an external react-devtools-core would be imported at its
 * top and fail to resolve on every start. Ink imports it only when DEV=true, and then treats a
 * missing package as "not installed"; this stand-in says exactly that when (if ever) evaluated.
 */
const devtoolsNotInstalled = {
	name: 'devtools-not-installed',
	setup(build) {
		build.onResolve({filter: /^react-devtools-core$/}, args => ({path: args.path, namespace: 'devtools-not-installed'}));
		build.onLoad({filter: /.*/, namespace: 'devtools-not-installed'}, () => ({
			contents: "throw Object.assign(new Error('react-devtools-core is not part of the single executable'), {code: 'ERR_MODULE_NOT_FOUND'});",
			loader: 'js',
		}));
	},
};

/** `git rev-parse` of the tree being built, `-dirty` when it has changes; `unknown` outside git. */
function gitCommit() {
	const git = args => execFileSync('git', args, {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();
	try {
		const commit = git(['rev-parse', '--short=12', 'HEAD']);
		return git(['status', '--porcelain', '--untracked-files=no']) === '' ? commit : `${commit}-dirty`;
	} catch {
		return 'unknown';
	}
}

/**
 * Options both builds share. `sea`: one CommonJS file with every lazily loaded part inside (a
 * single executable runs one script and can read no chunk files), where the npm bundle keeps
 * dist/chunks and dist/lazy for the first frame's sake.
 */
export function sharedOptions({sea = false} = {}) {
	const {version} = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
	return {
		absWorkingDir: root,
		entryPoints: {initk9: 'source/cli.tsx'},
		bundle: true,
		platform: 'node',
		target: 'node20',
		tsconfig: 'tsconfig.json',
		legalComments: 'eof',
		metafile: true,
		logLevel: 'warning',
		// Ink imports react-devtools-core only when DEV=true; it is not a dependency.
		external: sea ? [] : ['react-devtools-core'],
		// Every string-width (Ink's, cli-truncate's, wrap-ansi's, ours) is source/ui/string-width.ts: the
		// same widths, without building an Intl.Segmenter and a /v RGI_Emoji expression (~35 ms) before
		// the first frame. @peculiar/x509 (the demo's certificate) names its CommonJS build as main:
		// its ES build bundles smaller. restore-cursor (Ink's cli-cursor) writes ESC[?25h to stderr
		// on every exit, even when stderr is a file; source/terminal.ts shows the cursor on the
		// terminal itself on every way out.
		alias: {'string-width': './source/ui/string-width.ts', '@peculiar/x509': '@peculiar/x509/build/x509.es.js', 'restore-cursor': './source/ui/restore-cursor.ts'},
		define: {__INITK9_BUILD__: JSON.stringify({version, commit: gitCommit()})},
		plugins: sea ? [yogaWithoutFetch, reactProductionBuild, clientNodeWithoutSideEffects, devtoolsNotInstalled] : [yogaWithoutFetch, reactProductionBuild, lazyCommonJs, clientNodeWithoutSideEffects],
	};
}
