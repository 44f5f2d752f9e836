// Checks the vault's primitives against Node's own implementations of the
// same standards (AES-256-GCM, Argon2id, published BLAKE3 digests) and
// the rules the crate documents for passwords and its secret DAG.
'use strict';
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const aesOpen = (key, sealed) => {
  const d = crypto.createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]);
};
const aesSeal = (key, plaintext) => {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plaintext), c.final()]);
  return Buffer.concat([iv, body, c.getAuthTag()]);
};

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.5.1');
});

test('blake3 matches the published digests', () => {
  assert.equal(addon.blake3(Buffer.alloc(0)).toString('hex'),
    'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262');
  assert.equal(addon.blake3(Buffer.from('abc')).toString('hex'),
    '6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85');
});

test('the vault cipher is standard AES-256-GCM, nonce first', () => {
  const key = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
  const cipher = new addon.VaultCipher(key);
  assert.deepEqual(cipher.key, key);
  const message = Buffer.from('correct horse battery staple');
  const sealed = cipher.encrypt(message);
  assert.equal(sealed.length, 12 + message.length + 16);
  assert.deepEqual(aesOpen(key, sealed), message);
  assert.deepEqual(cipher.decrypt(aesSeal(key, message)), message);
  // Fresh nonce every time.
  assert.notDeepEqual(cipher.encrypt(message), sealed);

  const tampered = Buffer.from(sealed);
  tampered[20] ^= 1;
  assert.throws(() => cipher.decrypt(tampered), /Decryption failed/);
  assert.throws(() => new addon.VaultCipher().decrypt(sealed), /Decryption failed/);
  assert.throws(() => cipher.decrypt(Buffer.alloc(5)), /too short/);
  assert.throws(() => new addon.VaultCipher(Buffer.alloc(16)), /32 bytes, not 16/);
  assert.equal(new addon.VaultCipher().key.length, 32);
});

test('password keys are Argon2id m=64MiB t=3 p=4 over the decoded salt', () => {
  const salt = 'c2FsdHNhbHRzYWx0c2FsdA'; // base64 of "saltsaltsaltsalt", unpadded
  const derived = addon.deriveKey('hunter2', salt);
  assert.equal(derived.salt, salt);
  assert.equal(derived.params, 'm=65536,t=3,p=4');
  const expected = crypto.argon2Sync('argon2id', {
    message: 'hunter2', nonce: Buffer.from(salt, 'base64'),
    parallelism: 4, tagLength: 32, memory: 65536, passes: 3,
  });
  assert.deepEqual(derived.key, expected);
  assert.throws(() => addon.deriveKey('x', 'not base64!'), /Invalid salt/);
});

test('a sealed vault key opens with its password only', () => {
  const vaultKey = crypto.randomBytes(32);
  const { sealed, salt, params } = addon.sealVaultKey(vaultKey, 'Sup3r secret');
  assert.equal(params, 'm=65536,t=3,p=4');
  assert.equal(Buffer.from(salt, 'base64').length, 16);
  // Sealed = AES-GCM under the Argon2id key of the password and salt.
  const wrapKey = crypto.argon2Sync('argon2id', {
    message: 'Sup3r secret', nonce: Buffer.from(salt, 'base64'),
    parallelism: 4, tagLength: 32, memory: 65536, passes: 3,
  });
  assert.deepEqual(aesOpen(wrapKey, sealed), vaultKey);
  assert.deepEqual(addon.openVaultKey(sealed, 'Sup3r secret', salt), vaultKey);
  // (A wrong password would need one more Argon2 run, several seconds in a
  // debug build; that the tag rejects a wrong key is checked with the cipher.)
  assert.throws(() => addon.sealVaultKey(Buffer.alloc(31), 'x'), /32 bytes, not 31/);
});

test('password rules', () => {
  assert.equal(addon.validatePassword('Test1234'), null);
  assert.match(addon.validatePassword('Te1'), /at least 8 characters/);
  assert.match(addon.validatePassword('TEST1234'), /lowercase/);
  assert.match(addon.validatePassword('test1234'), /uppercase/);
  assert.match(addon.validatePassword('TestTest'), /digit/);
});

test('generated passwords draw from the chosen set', () => {
  const sets = {
    lowercase: /^[a-z]+$/, uppercase: /^[A-Z]+$/, digits: /^[0-9]+$/,
    alphanumeric: /^[A-Za-z0-9]+$/, special: /^[!@#$%^&*()\-_=+[\]{}|;:'",.<>?/~`]+$/,
  };
  for (const [name, re] of Object.entries(sets)) {
    const pw = addon.generatePassword(64, name);
    assert.equal(pw.length, 64);
    assert.match(pw, re);
  }
  assert.equal(addon.generatePassword(0, 'all'), '');
  assert.throws(() => addon.generatePassword(8, 'emoji'), /charset must be/);
});

test('the secret store keeps secrets encrypted in a DAG of categories', () => {
  const store = new addon.SecretStore();
  assert.equal(store.size, 1); // the root
  store.add({ label: 'github', username: 'octo', password: 'p@ss', url: 'https://github.com', tags: ['dev'] }, ['work']);
  store.add({ label: 'bank', username: 'me', password: 'money' }, ['home']);
  store.add({ label: 'mail', username: 'me', password: 'letters', notes: 'old account' }, ['work', 'home']);
  store.add({ label: 'loose', username: 'x', password: 'y' });
  assert.equal(store.size, 1 + 2 + 4);

  assert.deepEqual(store.list(), ['bank', 'github', 'home', 'loose', 'mail', 'work']);
  assert.deepEqual(store.list('work'), ['github', 'mail']);
  assert.deepEqual(store.list('home'), ['bank', 'mail']);
  assert.throws(() => store.list('nothing'), /Category 'nothing' not found/);

  const s = store.get('github');
  assert.equal(s.label, 'github');
  assert.equal(s.username, 'octo');
  assert.equal(s.password, 'p@ss');
  assert.equal(s.url, 'https://github.com');
  assert.equal(s.notes ?? null, null);
  assert.deepEqual(s.tags, ['dev']);
  assert.equal(store.get('mail').notes, 'old account');
  assert.throws(() => store.add({ label: 'bank', username: '', password: '' }), /already exists/);
  assert.throws(() => store.get('nope'), /Secret not found: nope/);

  store.remove('mail');
  assert.deepEqual(store.list('work'), ['github']);
  assert.equal(store.size, 6);
  assert.throws(() => store.get('mail'), /Secret not found/);
});

test('README example', () => {
  // README example: begin
  const cipher = new addon.VaultCipher(); // a fresh random 32-byte key
  const message = Buffer.from('correct horse battery staple');
  const sealed = cipher.encrypt(message); // nonce, ciphertext, tag
  assert.equal(sealed.length, 12 + message.length + 16);
  assert.deepEqual(cipher.decrypt(sealed), message);
  assert.equal(addon.validatePassword('Test1234'), null);
  assert.match(addon.validatePassword('Te1'), /at least 8 characters/);
  // README example: end
});
