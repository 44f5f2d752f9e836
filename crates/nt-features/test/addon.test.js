// Tests of the @ruv.io/nt-features addon. Indicator values are recomputed
// here in plain JavaScript from their definitions, and the hash embeddings
// with a JavaScript SeaHash (BigInt), so nothing is taken from the addon
// on trust.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const close = (actual, expected, tol = 1e-9) =>
  assert.ok(Math.abs(Number(actual) - expected) <= tol, `${actual} vs ${expected}`);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '1.0.0');
});

test('simple moving average over the last smaPeriod prices', () => {
  // README example: begin
  const t = new addon.TechnicalIndicators({ smaPeriod: 3, macdSlow: 3 });
  assert.throws(() => t.sma(), /need at least 3/);
  for (const p of ['100', '110', '120']) t.addPrice(p);
  assert.equal(t.sma(), '110');
  // The window holds max(smaPeriod, macdSlow) = 3 prices: 110, 120, 130.5.
  t.addPrice('130.5');
  assert.match(t.sma(), /^120\.16666666666666666666666\d*$/);
  // README example: end
  close(t.sma(), (110 + 120 + 130.5) / 3, 1e-12);
  assert.throws(() => t.addPrice('abc'), /not a decimal/);
});

test('RSI from simple average gains and losses', () => {
  const up = new addon.TechnicalIndicators({ rsiPeriod: 3 });
  for (const p of ['100', '105', '110', '115']) up.addPrice(p);
  assert.equal(up.rsi(), '100');

  const t = new addon.TechnicalIndicators({ rsiPeriod: 4 });
  const prices = [10, 12, 11, 13, 12];
  prices.forEach((p) => t.addPrice(String(p)));
  // Changes +2, -1, +2, -1: average gain 1, loss 0.5, RS 2, RSI 100 - 100 / 3.
  close(t.rsi(), 100 - 100 / 3, 1e-12);
  const tooShort = new addon.TechnicalIndicators({ rsiPeriod: 4 });
  ['1', '2', '3', '4'].forEach((p) => tooShort.addPrice(p));
  assert.throws(() => tooShort.rsi(), /need at least 5/);
});

function ema(prices, period) {
  const k = 2 / (period + 1);
  let e = prices.slice(0, period).reduce((a, b) => a + b, 0) / period;
  for (const p of prices.slice(period)) e = (p - e) * k + e;
  return e;
}

test('EMA seeded with the SMA of the first period prices', () => {
  const t = new addon.TechnicalIndicators();
  const prices = [22.27, 22.19, 22.08, 22.17, 22.18, 22.13, 22.23, 22.43, 22.24, 22.29, 22.15, 22.39];
  close(t.ema(prices.map(String), 5), ema(prices, 5), 1e-12);
  // With exactly period prices the EMA is their mean.
  assert.equal(t.ema(['1', '2', '3', '4'], 4), '2.5');
  assert.throws(() => t.ema(['1'], 2), /need at least 2/);
});

test('MACD is the fast EMA minus the slow EMA over the window', () => {
  const t = new addon.TechnicalIndicators({ smaPeriod: 2, macdFast: 3, macdSlow: 6 });
  const prices = [10, 11, 12, 11, 13, 14, 15, 13];
  prices.forEach((p) => t.addPrice(String(p)));
  const window = prices.slice(-6); // the window keeps max(2, 6) prices
  const m = t.macd();
  close(m.macd, ema(window, 3) - ema(window, 6), 1e-12);
  assert.equal(m.signal, '0');
  assert.equal(m.histogram, m.macd);
});

test('Bollinger bands', () => {
  const t = new addon.TechnicalIndicators({ smaPeriod: 3, bbPeriod: 3, bbStdDev: 2 });
  ['100', '110', '120'].forEach((p) => t.addPrice(p));
  const b = t.bollingerBands();
  // Population variance of 100, 110, 120 is 200 / 3.
  const sd = Math.sqrt(200 / 3);
  assert.equal(b.middle, '110');
  close(b.upper, 110 + 2 * sd, 1e-9);
  close(b.lower, 110 - 2 * sd, 1e-9);
});

test('invalid indicator options are rejected', () => {
  assert.throws(() => new addon.TechnicalIndicators({ smaPeriod: 0 }), /smaPeriod must be at least 1/);
});

test('normalizers', () => {
  const data = [1, 2, 3, 4, 5];
  const mm = new addon.FeatureNormalizer('minmax');
  assert.throws(() => mm.transform(1), /not fitted/);
  mm.fit(data);
  assert.deepEqual(mm.transformBatch([1, 3, 5, 6]), [0, 0.5, 1, 1.25]);
  assert.equal(mm.inverseTransform(0.25), 2);

  const z = new addon.FeatureNormalizer('zscore');
  z.fit(data);
  // mean 3, population standard deviation sqrt(2)
  close(z.transform(5), 2 / Math.SQRT2, 1e-12);
  close(z.inverseTransform(-1), 3 - Math.SQRT2, 1e-12);

  const r = new addon.FeatureNormalizer('robust');
  r.fit([1, 2, 3, 4, 100]);
  // sorted[5 / 4 = 1] = 2, sorted[5 / 2 = 2] = 3, sorted[15 / 4 = 3] = 4: (x - 3) / 2
  assert.equal(r.transform(3), 0);
  assert.equal(r.transform(100), 48.5);
  assert.throws(() => r.fit([]), /need at least 1/);
  assert.throws(() => r.fit([1, NaN]), /NaN/);
  assert.throws(() => new addon.FeatureNormalizer('log'), /unknown method/);
});

// SeaHash (seahash 4.1 `hash`), written out from its description.
const M = (1n << 64n) - 1n;
function diffuse(x) {
  x = (x * 0x6eed0e9da4d94a4fn) & M;
  x ^= (x >> 32n) >> (x >> 60n);
  return (x * 0x6eed0e9da4d94a4fn) & M;
}
function seahash(buf) {
  const lanes = [0x16f11fe89b0d677cn, 0xb480a793d8e6c86cn, 0x6fe2e5aaf078ebc9n, 0x14f994a4c5259381n];
  for (let i = 0, w = 0; i < buf.length; i += 8, w++) {
    let word = 0n;
    for (let j = Math.min(buf.length, i + 8) - 1; j >= i; j--) word = (word << 8n) | BigInt(buf[j]);
    lanes[w % 4] = diffuse(lanes[w % 4] ^ word);
  }
  return diffuse(lanes[0] ^ lanes[1] ^ lanes[2] ^ lanes[3] ^ BigInt(buf.length));
}

function hashEmbed(data, dimension) {
  const out = [];
  for (let i = 0; i < dimension; i++) {
    const prefix = Buffer.alloc(8);
    prefix.writeBigUInt64LE(BigInt(i));
    const h = seahash(Buffer.concat([prefix, data]));
    out.push(Math.fround((Number(h) / 2 ** 64) * 2 - 1));
  }
  return out;
}

test('the JavaScript SeaHash matches its published test vector', () => {
  assert.equal(seahash(Buffer.from('to be or not to be')), 1988685042348123509n);
});

test('hash embeddings equal a JavaScript recomputation', () => {
  for (const text of ['', 'AAPL,150.0,1000', 'a somewhat longer input of more than thirty-two bytes']) {
    assert.deepEqual(addon.hashEmbed(text, 16), hashEmbed(Buffer.from(text), 16));
  }
  const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]);
  assert.deepEqual(addon.hashEmbed(bytes, 40), hashEmbed(bytes, 40));
  assert.deepEqual(addon.hashEmbed('x', 0), []);
});

test('observation embeddings hash the crate byte layout', () => {
  const obs = { symbol: 'AAPL', timestampUs: 1_000_000, price: 150, volume: 1000, spread: 0.01 };
  const b = Buffer.alloc(8 + 4 + 24);
  b.writeBigInt64LE(1_000_000n, 0);
  b.write('AAPL', 8);
  b.writeDoubleLE(150, 12);
  b.writeDoubleLE(1000, 20);
  b.writeDoubleLE(0.01, 28);
  assert.deepEqual(addon.embedObservation(32, obs), hashEmbed(b, 32));
});

test('vector similarity and distance', () => {
  close(addon.cosineSimilarity([1, 0], [0, 1]), 0, 0);
  close(addon.cosineSimilarity([1, 2, 3], [2, 4, 6]), 1, 1e-6);
  close(addon.cosineSimilarity([1, 2], [-1, -2]), -1, 1e-6);
  assert.equal(addon.cosineSimilarity([0, 0], [1, 1]), 0);
  assert.equal(addon.cosineSimilarity([1], [1, 2]), 0);
  assert.equal(addon.euclideanDistance([0, 0], [3, 4]), 5);
  assert.equal(addon.euclideanDistance([1], [1, 2]), 3.4028234663852886e38);
});
