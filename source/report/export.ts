// `e` in the checklist: the report and the bisect manifests written to a folder the user can
// attach to a ticket or `kubectl apply` from. Nothing is applied.
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {reportMarkdown, type ReportInput} from '../render/report.js';
import {fileStamp, stateDir} from '../storage/paths.js';

export interface ExportResult {
	folder: string;
	report: string;
	bisectFolder: string;
}

export function exportReport(report: ReportInput, env: NodeJS.ProcessEnv = process.env): ExportResult {
	const pod = `${report.pod.metadata.namespace ?? 'default'}_${report.pod.metadata.name}`.replace(/[^\w.-]/g, '_');
	const folder = join(stateDir(env), 'exports', `${pod}-${fileStamp(new Date(report.generatedAt))}`);
	const bisectFolder = join(folder, 'bisect');
	mkdirSync(bisectFolder, {recursive: true});
	const reportFile = join(folder, 'report.md');
	writeFileSync(reportFile, reportMarkdown(report));
	const plan = report.checklist.bisect;
	for (const manifest of plan.manifests) writeFileSync(join(bisectFolder, manifest.file), manifest.yaml);
	writeFileSync(join(bisectFolder, 'commands.sh'), [
		'#!/bin/sh',
		`# The bisect experiment for ${plan.source}. Review, then run from this folder.`,
		...(plan.dependencies.length > 0 ? [`# The scratch namespace needs: ${plan.dependencies.join('; ')}`] : []),
		...plan.commands,
		'',
	].join('\n'), {mode: 0o644});
	return {folder, report: reportFile, bisectFolder};
}
