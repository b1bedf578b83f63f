// The script a single executable runs (scripts/package.mjs). Node 20 runs it as CommonJS without
// import(), while initk9's bundle is ES modules (Ink and yoga-layout use top-level await, which
// CommonJS cannot express). So the bundle's files travel as an asset of the executable, and module
// loader hooks serve them under file: URLs that exist nowhere on disk, so chunks still load only
// when imported; import() runs through a vm.Script whose dynamic import uses Node's default
// loader. (One file imported from a data: URL instead cost ~0.5 s of CPU at every start: Node
// parses the 6 MB URL, and all of initk9 is compiled.) Nothing is written to disk.
'use strict';
const {register} = require('node:module');
const {getAsset} = require('node:sea');
const vm = require('node:vm');

const BASE = 'file:///initk9-single-executable/';

// That vm option is flagged experimental on Node 20; its one warning would land on stderr at every
// start. Other warnings still print.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
	if (String(warning).includes('vm.USE_MAIN_CONTEXT_DEFAULT_LOADER')) return;
	return emitWarning.call(this, warning, ...rest);
};

const hooks = `
const BASE = ${JSON.stringify(BASE)};
let files;
export function initialize(data) { files = JSON.parse(data.files); }
export async function resolve(specifier, context, next) {
	const url = specifier.startsWith('.') && context.parentURL?.startsWith(BASE) ? new URL(specifier, context.parentURL).href : specifier;
	return url.startsWith(BASE) && Object.hasOwn(files, url.slice(BASE.length)) ? {url, format: 'module', shortCircuit: true} : next(specifier, context);
}
export async function load(url, context, next) {
	return url.startsWith(BASE) ? {format: 'module', source: files[url.slice(BASE.length)], shortCircuit: true} : next(url, context);
}
`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, {data: {files: getAsset('files.json', 'utf8')}});

const importModule = new vm.Script('(url) => import(url)', {filename: 'initk9-sea-main', importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER}).runInThisContext();
importModule(`${BASE}initk9.js`).catch(error => {
	process.stderr.write(`initk9: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`);
	process.exit(1);
});
