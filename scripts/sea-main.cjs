// The script a single executable runs (scripts/package.mjs). Node 20 runs it as CommonJS without
// import(), while initk9's bundle is an ES module (Ink and yoga-layout use top-level await, which
// CommonJS cannot express). So the bundle travels as an asset of the executable, and a module
// loader hook serves it under a file: URL that exists nowhere on disk; import() runs through a
// vm.Script whose dynamic import uses Node's default loader. (Importing it from a data: URL
// instead cost ~0.5 s of CPU at every start: Node parses the 6 MB URL.) Nothing is written to disk.
'use strict';
const {register} = require('node:module');
const {getAsset} = require('node:sea');
const vm = require('node:vm');

const MAIN = 'file:///initk9-single-executable/initk9.mjs';

// That vm option is flagged experimental on Node 20; its one warning would land on stderr at every
// start. Other warnings still print.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
	if (String(warning).includes('vm.USE_MAIN_CONTEXT_DEFAULT_LOADER')) return;
	return emitWarning.call(this, warning, ...rest);
};

const hooks = `
let source;
export function initialize(data) { source = data.source; }
export async function resolve(specifier, context, next) {
	return specifier === ${JSON.stringify(MAIN)} ? {url: specifier, format: 'module', shortCircuit: true} : next(specifier, context);
}
export async function load(url, context, next) {
	return url === ${JSON.stringify(MAIN)} ? {format: 'module', source, shortCircuit: true} : next(url, context);
}
`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, {data: {source: getAsset('initk9.mjs', 'utf8')}});

const importModule = new vm.Script('(url) => import(url)', {filename: 'initk9-sea-main', importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER}).runInThisContext();
importModule(MAIN).catch(error => {
	process.stderr.write(`initk9: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`);
	process.exit(1);
});
