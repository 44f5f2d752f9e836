// Tests of the @ruv.io/neuro-divergent-registry addon, run by `tools/bazel test
// //crates/neuro-divergent-registry:node_test` with the addon's path in ADDON_0.
// The expected catalog is written out here by hand from the crate's
// documentation (26 models in five categories, capabilities per category).
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const CATALOG = {
  Basic: ['MLP', 'DLinear', 'NLinear', 'MLPMultivariate'],
  Recurrent: ['RNN', 'LSTM', 'GRU'],
  Advanced: ['NBEATS', 'NBEATSx', 'NHITS', 'TiDE'],
  Transformer: ['TFT', 'Informer', 'AutoFormer', 'FedFormer', 'PatchTST', 'iTransformer'],
  Specialized: ['DeepAR', 'DeepNPTS', 'TCN', 'BiTCN', 'TimesNet', 'StemGNN', 'TSMixer', 'TSMixerx', 'TimeLLM'],
};
const ALL = Object.values(CATALOG).flat();
const categoryOf = (name) => Object.keys(CATALOG).find((c) => CATALOG[c].includes(name));

// Capability names in the crate's order.
const CAPS = [
  'online_learning', 'batch_processing', 'streaming', 'multi_threading',
  'gpu_acceleration', 'quantization', 'pruning', 'fine_tuning',
];
const ordered = (set) => CAPS.filter((c) => set.includes(c));
const CAPS_BY_CATEGORY = {
  Basic: ordered(['online_learning', 'batch_processing', 'multi_threading', 'fine_tuning']),
  Recurrent: ordered(['online_learning', 'batch_processing', 'streaming', 'fine_tuning']),
  Advanced: ordered(['batch_processing', 'multi_threading', 'gpu_acceleration', 'fine_tuning']),
  Transformer: ordered(['batch_processing', 'multi_threading', 'gpu_acceleration', 'quantization', 'fine_tuning']),
  Specialized: CAPS.slice(), // every one
};

function tagsOf(name) {
  if (['MLP', 'MLPMultivariate'].includes(name)) return ['feedforward', 'dense', 'basic'];
  if (['LSTM', 'GRU', 'RNN'].includes(name)) return ['recurrent', 'sequential', 'memory'];
  if (CATALOG.Transformer.includes(name)) return ['transformer', 'attention', 'self-attention'];
  if (['TCN', 'BiTCN'].includes(name)) return ['convolutional', 'temporal', 'causal'];
  if (['NBEATS', 'NBEATSx'].includes(name)) return ['interpretable', 'basis-expansion', 'hierarchical'];
  if (name === 'DeepAR') return ['probabilistic', 'autoregressive', 'bayesian'];
  if (name === 'TimeLLM') return ['large-language-model', 'foundation', 'pre-trained'];
  return ['neural-network', 'time-series'];
}

const names = (list) => list.map((m) => m.name);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('lists the six categories', () => {
  const cats = addon.categories();
  assert.deepEqual(names(cats), ['Basic', 'Recurrent', 'Advanced', 'Transformer', 'Specialized', 'Custom']);
  assert.equal(cats[1].description, 'Recurrent neural networks for sequential data');
  assert.equal(cats[5].description, 'User-defined custom models');
});

test('the built-in catalog: names, categories, capabilities, tags', () => {
  const models = addon.builtinModels();
  assert.deepEqual(names(models), ALL);
  for (const m of models) {
    const category = categoryOf(m.name);
    assert.equal(m.category, category, m.name);
    assert.equal(m.version, '1.0.0');
    assert.deepEqual(m.parameterTypes, ['f32', 'f64']);
    assert.deepEqual(m.capabilities, CAPS_BY_CATEGORY[category], m.name);
    assert.deepEqual(m.tags, tagsOf(m.name), m.name);
  }
  assert.equal(models.find((m) => m.name === 'TFT').description, 'Temporal Fusion Transformer');
});

test('discovery filters', () => {
  assert.deepEqual(names(addon.discoverModels()), ALL);
  assert.deepEqual(names(addon.discoverModels({ includeCategories: ['Recurrent', 'Basic'] })),
    [...CATALOG.Basic, ...CATALOG.Recurrent]);
  assert.deepEqual(names(addon.discoverModels({ excludeCategories: ['Specialized', 'Transformer'] })),
    [...CATALOG.Basic, ...CATALOG.Recurrent, ...CATALOG.Advanced]);
  // Without '*' a name pattern is a case-insensitive substring ...
  assert.deepEqual(names(addon.discoverModels({ includeNames: ['mixer'] })), ['TSMixer', 'TSMixerx']);
  // ... with '*' a case-sensitive glob.
  assert.deepEqual(names(addon.discoverModels({ includeNames: ['N*S'] })), ['NBEATS', 'NHITS']);
  assert.deepEqual(names(addon.discoverModels({ includeNames: ['n*S'] })), []);
  // (AutoFormer and FedFormer end in 'Former'.)
  assert.deepEqual(names(addon.discoverModels({ includeNames: ['*former'] })), ['Informer', 'iTransformer']);
  assert.deepEqual(names(addon.discoverModels({ includeNames: ['LSTM'], excludeNames: ['lstm'] })), []);
  const streaming = ALL.filter((n) => CAPS_BY_CATEGORY[categoryOf(n)].includes('streaming'));
  assert.deepEqual(names(addon.discoverModels({ requiredCapabilities: ['streaming'] })), streaming);
  const noGpu = ALL.filter((n) => !CAPS_BY_CATEGORY[categoryOf(n)].includes('gpu_acceleration'));
  assert.deepEqual(names(addon.discoverModels({ excludedCapabilities: ['gpu_acceleration'] })), noGpu);
  assert.throws(() => addon.discoverModels({ includeCategories: ['Fancy'] }), /unknown model category 'Fancy'/);
  assert.throws(() => addon.discoverModels({ requiredCapabilities: ['telepathy'] }), /unknown capability 'telepathy'/);
});

test('a registry with the built-ins: lookups and indexes', () => {
  const r = new addon.ModelRegistry(true);
  assert.equal(r.size, ALL.length);
  assert.deepEqual(names(r.list()), ALL);
  assert.equal(r.has('NHITS'), true);
  assert.equal(r.has('nhits'), false);
  assert.equal(r.get('nope'), null);
  assert.equal(r.get('DeepAR').category, 'Specialized');
  assert.deepEqual(names(r.listByCategory('Advanced')), CATALOG.Advanced);
  assert.deepEqual(names(r.listByCategory('Custom')), []);
  const quantized = ALL.filter((n) => CAPS_BY_CATEGORY[categoryOf(n)].includes('quantization'));
  assert.deepEqual(names(r.listByCapability('quantization')), quantized);
  assert.deepEqual(names(r.byTags(['causal', 'memory'])), ['RNN', 'LSTM', 'GRU', 'TCN', 'BiTCN']);
  assert.deepEqual(names(r.byTags(['no-such-tag'])), []);
});

test('search: criteria, then most looked-up first', () => {
  const r = new addon.ModelRegistry(true);
  assert.deepEqual(names(r.search({ category: 'Recurrent' })), CATALOG.Recurrent);
  assert.deepEqual(names(r.search({ namePattern: 'tcn' })), ['TCN', 'BiTCN']);
  assert.deepEqual(names(r.search({ tags: ['attention'], requiredCapabilities: ['quantization'] })), CATALOG.Transformer);
  assert.deepEqual(names(r.search({ parameterType: 'f16' })), []);
  r.get('GRU');
  r.get('GRU');
  r.get('LSTM');
  assert.deepEqual(names(r.search({ category: 'Recurrent' })), ['GRU', 'LSTM', 'RNN']);
  assert.deepEqual(names(r.search()).slice(0, 3), ['GRU', 'LSTM', 'MLP']);
});

test('registering and unregistering custom models', () => {
  // README example: begin
  const r = new addon.ModelRegistry();
  assert.equal(r.size, 0);
  r.register({ name: 'Mine', category: 'Custom' });
  const mine = r.get('Mine');
  assert.deepEqual(mine, {
    name: 'Mine',
    category: 'Custom',
    version: '1.0.0',
    description: 'Neural network model',
    parameterTypes: ['f32', 'f64'],
    capabilities: ['batch_processing', 'multi_threading', 'fine_tuning'],
    tags: [],
  });
  // README example: end
  r.register({
    name: 'Wave',
    category: 'Recurrent',
    description: 'a toy',
    version: '0.2.0',
    parameterTypes: ['f64'],
    capabilities: ['fine_tuning', 'streaming'],
    tags: ['toy', 'memory'],
  });
  assert.deepEqual(r.get('Wave').capabilities, ['streaming', 'fine_tuning']);
  assert.deepEqual(r.get('Wave').tags, ['toy', 'memory']);
  assert.deepEqual(names(r.listByCapability('streaming')), ['Wave']);
  assert.deepEqual(names(r.search({ parameterType: 'f32' })), ['Mine']);
  assert.deepEqual(names(r.byTags(['toy'])), ['Wave']);
  assert.throws(() => r.register({ name: 'Mine', category: 'Basic' }), /Model 'Mine' already exists in registry/);
  assert.throws(() => r.register({ name: 'X', category: 'basic' }), /unknown model category 'basic'/);
  assert.throws(() => r.register({ name: 'X', category: 'Basic', capabilities: ['fast'] }), /unknown capability 'fast'/);
  r.unregister('Mine');
  assert.equal(r.has('Mine'), false);
  assert.equal(r.size, 1);
  assert.deepEqual(names(r.listByCapability('multi_threading')), []);
  assert.throws(() => r.unregister('Mine'), /Model 'Mine' not found in registry/);
});
