// The benchmark code at tiny sizes: it runs end to end (initk9 in a pty, kubectl, the demo server
// in this process) and its measurements are sane, so `npm run bench` cannot rot. Needs the build.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {QUICK, runBench} from '../../bench/suite.js';
import {markdown, resultRows, textTable} from '../../bench/report.js';
import {percentile, median} from '../../bench/stats.js';

const CLI = fileURLToPath(new URL('../../dist/initk9.js', import.meta.url));

test('stats: nearest-rank percentiles and the median', () => {
	const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
	assert.equal(percentile(samples, 50), 5);
	assert.equal(percentile(samples, 95), 10);
	assert.equal(percentile(samples, 0), 1);
	assert.equal(median(samples), 5.5);
	assert.ok(Number.isNaN(percentile([], 95)));
});

test('bench: every figure at tiny sizes gives sane numbers', {timeout: 300_000}, async () => {
	assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
	const results = await runBench({
		...QUICK,
		scales: [150],
		keyScale: 150,
		namespaces: 5,
		runs: 1,
		warmupMs: 500,
		windowMs: 1500,
		keySamples: 3,
		firehose: {linesPerSecond: 2000, seconds: 1},
		bigStream: {lines: 5000, linesPerSecond: 20_000},
	});
	const [scale] = results.scales;
	assert.equal(scale.pods, 150);
	const [run] = scale.runs;
	// Sane, not fast: a busy machine only makes times longer and rates lower, and how fast is what
	// the benchmark reports, so times have lower bounds only and rates upper bounds only.
	const isTime = (ms: number) => Number.isFinite(ms) && ms > 0;
	assert.ok(isTime(run.kubectlMs) && run.kubectlMs > 10, `kubectl ${run.kubectlMs} ms`);
	assert.ok(isTime(run.firstTableMs) && run.firstTableMs > 10, `first table ${run.firstTableMs} ms`);
	assert.ok(run.staleness.length >= 2, `${run.staleness.length} staleness probes`);
	for (const sample of run.staleness) assert.ok(isTime(sample), `staleness ${sample} ms`);
	assert.ok(run.cpuPercent > 0 && run.cpuPercent < 200, `cpu ${run.cpuPercent}%`);
	assert.ok(run.framesPerSecond > 0 && run.framesPerSecond <= 40, `${run.framesPerSecond} frames/s`);
	assert.ok(run.peakRssMB > 20 && run.peakRssMB < 4000, `peak rss ${run.peakRssMB} MB`);
	assert.ok(run.churnUpdates > 100, `${run.churnUpdates} churn updates`);
	assert.equal(run.keyJ.length, 3);
	assert.equal(run.keyFilter.length, 3);
	for (const sample of [...run.keyJ, ...run.keyFilter]) assert.ok(isTime(sample), `key ${sample} ms`);

	const logs = results.logs!;
	assert.equal(logs.initk9Lost, 0, 'initk9 lost lines');
	assert.equal(logs.kubectlLost, 0, 'kubectl lost lines');
	// Paced at 2,000 lines/s: no reader can be much faster than the writer.
	assert.ok(logs.initk9LinesPerSecond > 0 && logs.initk9LinesPerSecond < 2500, `initk9 ${logs.initk9LinesPerSecond} lines/s`);
	assert.ok(logs.kubectlLinesPerSecond > 0 && logs.kubectlLinesPerSecond < 2500, `kubectl ${logs.kubectlLinesPerSecond} lines/s`);
	assert.equal(logs.big!.initk9Lost, 0);
	assert.equal(logs.big!.bufferLines, 5001, 'below the default cap every line stays in the buffer');
	assert.ok(logs.big!.rssMB > 20 && logs.big!.rssMB < 4000);

	const rows = resultRows(results);
	assert.ok(rows.some(row => row.figure.startsWith('1')) && rows.some(row => row.figure.startsWith('5')));
	assert.match(textTable(rows), /first table/);
	const [details] = results.details!;
	assert.ok(isTime(details.curlMs) && isTime(details.floorMs) && details.floorMs > 10 && isTime(details.tableFloorMs), `curl ${details.curlMs} ms, bare Node ${details.floorMs} ms (Table ${details.tableFloorMs} ms)`);
	assert.ok(rows.some(row => row.figure === '7 Node floor'));
	const document = markdown(results, {cores: 2, cpuModel: 'x', memoryGB: 1, node: 'v20', kubectl: 'kubectl v1', loadBefore: 1, loadAfter: 2}, 'npm run bench');
	assert.match(document, /## Machine[\s\S]*## Results[\s\S]*npm run bench/);
});
