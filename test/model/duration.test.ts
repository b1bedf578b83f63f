import {test} from 'node:test';
import assert from 'node:assert/strict';
import {goDuration, humanDuration, msSince} from '../../source/model/duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

// apimachinery duration_test.go TestHumanDuration + TestHumanDurationBoundaries, in milliseconds
// (Go's `-2*time.Second + 1` is one nanosecond later: -1999.999999 ms).
const humanVectors: Array<[number, string]> = [
	[S, '1s'],
	[70 * S, '70s'],
	[190 * S, '3m10s'],
	[5 * M + 10 * S, '5m10s'],
	[70 * M, '70m'],
	[47 * H, '47h'],
	[49 * H, '2d1h'],
	[(8 * 24 + 2) * H, '8d'],
	[367 * D, '367d'],
	[(365 * 2 * 24 + 25) * H, '2y1d'],
	[(365 * 8 * 24 + 2) * H, '8y'],
	[-2 * S, '<invalid>'],
	[-2 * S + 0.000001, '0s'],
	[-1999, '0s'],
	[0, '0s'],
	[S - 1, '0s'],
	[2 * M - 1, '119s'],
	[2 * M, '2m'],
	[2 * M + S, '2m1s'],
	[10 * M - 1, '9m59s'],
	[10 * M, '10m'],
	[10 * M + S, '10m'],
	[3 * H - 1, '179m'],
	[3 * H, '3h'],
	[3 * H + M, '3h1m'],
	[8 * H - 1, '7h59m'],
	[8 * H, '8h'],
	[8 * H + 59 * M, '8h'],
	[2 * D - 1, '47h'],
	[2 * D, '2d'],
	[2 * D + H, '2d1h'],
	[8 * D - 1, '7d23h'],
	[8 * D, '8d'],
	[8 * D + 23 * H, '8d'],
	[2 * Y - 1, '729d'],
	[2 * Y, '2y'],
	[2 * Y + 23 * H, '2y'],
	[2 * Y + 23 * H + 59 * M, '2y'],
	[2 * Y + 24 * H - 1, '2y'],
	[2 * Y + 24 * H, '2y1d'],
	[3 * Y, '3y'],
	[4 * Y, '4y'],
	[5 * Y, '5y'],
	[6 * Y, '6y'],
	[7 * Y, '7y'],
	[8 * Y - 1, '7y364d'],
	[8 * Y, '8y'],
	[8 * Y + 364 * D, '8y'],
	[9 * Y, '9y'],
];

test('humanDuration matches apimachinery HumanDuration on every upstream vector', () => {
	for (const [ms, want] of humanVectors) {
		assert.equal(humanDuration(ms), want, `humanDuration(${ms})`);
	}
});

test('goDuration prints Go time.Duration strings as the kubelet back-off messages show them', () => {
	const vectors: Array<[number, string]> = [
		[0, '0s'], [10 * S, '10s'], [20 * S, '20s'], [40 * S, '40s'], [80 * S, '1m20s'],
		[160 * S, '2m40s'], [300 * S, '5m0s'], [H, '1h0m0s'], [H + M + S, '1h1m1s'], [-90 * S, '-1m30s'],
	];
	for (const [ms, want] of vectors) assert.equal(goDuration(ms), want, `goDuration(${ms})`);
});

test('msSince parses RFC3339 and tolerates absent or broken timestamps', () => {
	const now = Date.parse('2026-01-01T00:10:00Z');
	assert.equal(msSince('2026-01-01T00:00:00Z', now), 10 * M);
	assert.equal(msSince(undefined, now), undefined);
	assert.equal(msSince(null, now), undefined);
	assert.equal(msSince('', now), undefined);
	assert.equal(msSince('not a time', now), undefined);
});
