// Tests of the @ruv.io/ruv-swarm-transport addon, run by `tools/bazel test
// //crates/ruv-swarm-transport:node_test` with the addon's path in ADDON_0.
// MessagePack output is read back by a small decoder written here, gzip by
// Node's zlib, and the ring buffer layout is checked record by record.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');
const zlib = require('node:zlib');

const addon = require(process.env.ADDON_0);

// Enough of MessagePack for the crate's envelope.
function unpack(buf) {
  let pos = 0;
  const u8 = () => buf[pos++];
  const be = (n) => {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + buf[pos++];
    return v;
  };
  const str = (n) => {
    const s = buf.subarray(pos, pos + n).toString('utf8');
    pos += n;
    return s;
  };
  const bin = (n) => {
    const b = Buffer.from(buf.subarray(pos, pos + n));
    pos += n;
    return b;
  };
  const arr = (n) => Array.from({ length: n }, () => read());
  const map = (n) => {
    const m = {};
    for (let i = 0; i < n; i++) {
      const k = read();
      m[k] = read();
    }
    return m;
  };
  function read() {
    const b = u8();
    if (b <= 0x7f) return b;
    if (b >= 0xe0) return b - 0x100;
    if ((b & 0xf0) === 0x80) return map(b & 0x0f);
    if ((b & 0xf0) === 0x90) return arr(b & 0x0f);
    if ((b & 0xe0) === 0xa0) return str(b & 0x1f);
    switch (b) {
      case 0xc0: return null;
      case 0xc2: return false;
      case 0xc3: return true;
      case 0xc4: return bin(be(1));
      case 0xc5: return bin(be(2));
      case 0xca: { const v = buf.readFloatBE(pos); pos += 4; return v; }
      case 0xcb: { const v = buf.readDoubleBE(pos); pos += 8; return v; }
      case 0xcc: return be(1);
      case 0xcd: return be(2);
      case 0xce: return be(4);
      case 0xcf: return be(8);
      case 0xd0: { const v = buf.readInt8(pos); pos += 1; return v; }
      case 0xd1: { const v = buf.readInt16BE(pos); pos += 2; return v; }
      case 0xd2: { const v = buf.readInt32BE(pos); pos += 4; return v; }
      case 0xd9: return str(be(1));
      case 0xda: return str(be(2));
      case 0xdc: return arr(be(2));
      case 0xde: return map(be(2));
      default: throw new Error(`unsupported MessagePack byte 0x${b.toString(16)}`);
    }
  }
  const v = read();
  assert.equal(pos, buf.length, 'trailing bytes');
  return v;
}

const id = '6f9619ff-8b86-4d01-b42d-00cf4fc964ff';
const envelope = {
  id,
  timestamp: '2024-05-01T12:00:00Z',
  source: 'agent-1',
  destination: 'agent-2',
  version: { major: 1, minor: 0, patch: 0 },
  payload: { type: 'event', name: 'tick', data: { n: 7, tags: ['a', 'b'] } },
  headers: { trace: 'x1' },
  priority: 200,
  ttl: 2,
};

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '1.0.5');
});

test('MessagePack writes the envelope as an array of its fields', () => {
  const bytes = addon.encodeMessage(JSON.stringify(envelope), 'msgpack');
  const v = unpack(bytes);
  // id is the UUID's 16 raw bytes (MessagePack is not human-readable).
  assert.ok(Buffer.isBuffer(v[0]));
  assert.equal(v[0].toString('hex'), id.replace(/-/g, ''));
  assert.equal(new Date(v[1]).toISOString(), '2024-05-01T12:00:00.000Z');
  assert.deepEqual(v.slice(2, 5), ['agent-1', 'agent-2', [1, 0, 0]]);
  // The internally tagged payload: tag first, then the variant's fields.
  assert.deepEqual(v[5], ['event', 'tick', { n: 7, tags: ['a', 'b'] }]);
  assert.deepEqual(v.slice(6), [{ trace: 'x1' }, 200, 2]);

  const back = JSON.parse(addon.decodeMessage(bytes, 'msgpack'));
  assert.deepEqual({ ...back, timestamp: new Date(back.timestamp).toISOString() }, { ...envelope, timestamp: '2024-05-01T12:00:00.000Z' });
});

test('JSON codec and the other payload kinds round-trip', () => {
  const payloads = [
    { type: 'request', correlation_id: id, method: 'compute', params: [1, 2] },
    { type: 'response', correlation_id: id, result: { Ok: { sum: 3 } } },
    { type: 'response', correlation_id: id, result: { Err: { code: -32601, message: 'no such method', data: null } } },
    { type: 'broadcast', topic: 'all', data: null },
    { type: 'heartbeat', seq: 42 },
    { type: 'control', operation: { op: 'goodbye', reason: 'done' } },
    { type: 'control', operation: { op: 'set_compression', enabled: true, algorithm: 'gzip' } },
  ];
  for (const payload of payloads) {
    const m = { ...envelope, payload, destination: null, ttl: null };
    for (const format of ['json', 'msgpack']) {
      const bytes = addon.encodeMessage(JSON.stringify(m), format);
      const back = JSON.parse(addon.decodeMessage(bytes, format));
      assert.deepEqual(back.payload, payload, `${format} ${payload.type}`);
      assert.equal(back.destination, null);
    }
    const json = JSON.parse(addon.encodeMessage(JSON.stringify(m), 'json').toString('utf8'));
    assert.deepEqual(json.payload, payload);
  }
  assert.throws(() => addon.decodeMessage(Buffer.from([0xc1]), 'msgpack'), /Serialization error/);
  assert.throws(() => addon.encodeMessage('{"id": 1}', 'json'), /bad message JSON/);
  assert.throws(() => addon.encodeMessage(JSON.stringify(envelope), 'xml'), /unknown format 'xml'/);
});

test('protocol versions and TTL hops', () => {
  assert.equal(addon.protocolVersion(), '1.0.0');
  assert.equal(addon.isCompatible('1.0.0', '1.9.3'), true);
  assert.equal(addon.isCompatible('1.0.0', '2.0.0'), false);
  assert.throws(() => addon.isCompatible('1.0', '1.0.0'), /bad protocol version '1.0'/);

  let m = JSON.stringify(envelope); // ttl 2
  const drops = [];
  const ttls = [];
  for (let i = 0; i < 4; i++) {
    const hop = addon.forwardHop(m);
    drops.push(hop.drop);
    m = hop.message;
    ttls.push(JSON.parse(m).ttl);
  }
  assert.deepEqual(ttls, [1, 0, 0, 0]);
  assert.deepEqual(drops, [false, false, true, true]);
  assert.equal(addon.forwardHop(JSON.stringify({ ...envelope, ttl: null })).drop, false);
});

test('gzip framing interoperates with zlib', () => {
  const data = Buffer.from('swarm '.repeat(500));
  const packed = addon.compress(data);
  assert.deepEqual([packed[0], packed[1]], [0x1f, 0x8b]);
  assert.ok(packed.length < data.length / 10);
  assert.deepEqual(zlib.gunzipSync(packed), data);
  assert.deepEqual(addon.decompress(zlib.gzipSync(data)), data);
  assert.throws(() => addon.decompress(Buffer.from('not gzip')), /Decompression error/);
});

test('ring buffer stores length-prefixed records and wraps around', () => {
  // README example: begin
  const rb = new addon.RingBuffer(16);
  assert.equal(rb.isEmpty, true);
  assert.equal(rb.availableSpace, 16);
  rb.write(Buffer.from('hello')); // 4 + 5
  assert.equal(rb.availableSpace, 7);
  assert.throws(() => rb.write(Buffer.from('world')), /Message too large: 9 bytes \(max: 7/);
  rb.write(Buffer.from('abc')); // 4 + 3
  assert.equal(rb.availableSpace, 0);
  assert.deepEqual(rb.read(), Buffer.from('hello'));
  // README example: end
  assert.equal(rb.availableSpace, 9);
  // This record starts at offset 16 mod 16 = 0 after 'abc' ends, wrapping.
  rb.write(Buffer.from('wrap!'));
  assert.deepEqual(rb.read(), Buffer.from('abc'));
  assert.deepEqual(rb.read(), Buffer.from('wrap!'));
  assert.equal(rb.read(), null);
  assert.equal(rb.isEmpty, true);
  assert.throws(() => new addon.RingBuffer(0), /capacity/);
});
