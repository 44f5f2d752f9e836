// Tests of the @ruv.io/nt-napi-bindings addon: nt-napi-bindings 1.0.0 as
// published, itself a napi-rs addon, so what it exports is its own API. The
// expected values are worked out here from the definitions the crate's
// sources state (VaR at the confidence level's index of the sorted returns,
// Kelly's f = (p * b - q) / b, ...). Its broker, market-data, model and
// trader methods are placeholders in 1.0.0 (the sources' TODOs): they connect
// to nothing and return fixed or simulated values, which are checked as such.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const close = (actual, expected, tolerance = 1e-9) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${actual} is not ${expected}`,
  );
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
// Population standard deviation, as the crate computes it (divided by n).
const std = (xs) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
// An id the crate makes from the clock: the nanoseconds since 1970 in hex.
const assertClockId = (hex, before, after) => {
  assert.match(hex, /^[0-9a-f]+$/);
  const ms = Number(BigInt('0x' + hex) / 1000000n);
  assert.ok(ms >= before - 1000 && ms <= after + 1000, `${hex} is not a time between ${before} and ${after}`);
};
const assertNow = (rfc3339, before, after) => {
  const ms = Date.parse(rfc3339);
  assert.ok(ms >= before - 1000 && ms <= after + 1000, `${rfc3339} is not now`);
};

test('exports the #[napi] items of the modules lib.rs declares', () => {
  // broker, neural, risk, backtest, market_data, strategy, portfolio and
  // lib.rs itself; execution.rs ships but no `mod` declares it, and the
  // #[napi(object)] structs are plain objects, not exports.
  assert.deepEqual(Object.keys(addon).sort(), [
    'BacktestEngine', 'BatchPredictor', 'BrokerClient', 'MarketDataProvider', 'ModelType', 'NeuralModel',
    'NeuralTrader', 'PortfolioManager', 'PortfolioOptimizer', 'RiskManager', 'StrategyRunner',
    'SubscriptionHandle', 'calculateIndicator', 'calculateMaxLeverage', 'calculateRsi', 'calculateSharpeRatio',
    'calculateSma', 'calculateSortinoRatio', 'compareBacktests', 'decodeBarsFromBuffer', 'encodeBarsToBuffer',
    'fetchMarketData', 'getVersionInfo', 'initRuntime', 'listBrokerTypes', 'listDataProviders', 'listModelTypes',
    'validateBrokerConfig',
  ]);
});

test('version information', () => {
  const info = addon.getVersionInfo();
  assert.equal(info.rustCore, '1.0.0');
  assert.equal(info.napiBindings, '1.0.0');
  // The compiler that built it, as rustc_version_runtime recorded it.
  assert.match(info.rustCompiler, /^\d+\.\d+\.\d+/);
  assert.equal(addon.initRuntime(), undefined);
  assert.equal(addon.initRuntime(4), undefined);
});

test('the trader and the standalone data functions are placeholders', async () => {
  const trader = new addon.NeuralTrader({ apiKey: 'k', apiSecret: 's', paperTrading: true });
  assert.equal(await trader.start(), undefined);
  assert.deepEqual(await trader.getPositions(), []);
  const order = { id: '1', symbol: 'AAPL', side: 'buy', orderType: 'market', quantity: '10', timeInForce: 'day' };
  assert.equal(await trader.placeOrder(order), 'order-id-placeholder');
  assert.equal(await trader.getBalance(), '0.00');
  assert.equal(await trader.getEquity(), '0.00');
  assert.equal(await trader.stop(), undefined);
  assert.throws(() => new addon.NeuralTrader({ apiKey: 'k' }), /paperTrading/);

  const bar = { symbol: 'AAPL', timestamp: '2024-01-02T00:00:00Z', open: '1', high: '2', low: '0.5', close: '1.5', volume: '100' };
  assert.deepEqual(await addon.fetchMarketData('AAPL', '2024-01-01T00:00:00Z', '2024-01-31T00:00:00Z', '1Day'), []);
  assert.deepEqual(await addon.calculateIndicator([bar], 'SMA', '{"period":2}'), []);
  const encoded = addon.encodeBarsToBuffer([bar]);
  assert.ok(Buffer.isBuffer(encoded));
  assert.equal(encoded.length, 0);
  assert.deepEqual(addon.decodeBarsFromBuffer(Buffer.from([1, 2, 3])), []);
});

test('broker configuration is validated', () => {
  const types = ['alpaca', 'ibkr', 'ccxt', 'oanda', 'questrade', 'lime'];
  assert.deepEqual(addon.listBrokerTypes(), types);
  const config = { brokerType: 'alpaca', apiKey: 'k', apiSecret: 's', paperTrading: true };
  assert.equal(addon.validateBrokerConfig(config), true);
  assert.equal(addon.validateBrokerConfig({ ...config, brokerType: 'ccxt', exchange: 'binance' }), true);
  assert.throws(
    () => addon.validateBrokerConfig({ ...config, brokerType: 'nyse' }),
    { message: `Invalid broker type: nyse. Valid types: [${types.map((t) => `"${t}"`).join(', ')}]` },
  );
  assert.throws(() => addon.validateBrokerConfig({ ...config, apiKey: '' }), { message: 'API key is required' });
  assert.throws(() => addon.validateBrokerConfig({ ...config, apiSecret: '' }), { message: 'API secret is required' });
  assert.throws(
    () => addon.validateBrokerConfig({ ...config, brokerType: 'ccxt' }),
    { message: 'Exchange is required for CCXT broker' },
  );
});

test('the broker client answers without a broker', async () => {
  const paper = new addon.BrokerClient({ brokerType: 'alpaca', apiKey: 'k', apiSecret: 's', paperTrading: true });
  assert.equal(await paper.connect(), true);
  const before = Date.now();
  const placed = await paper.placeOrder({
    symbol: 'AAPL', side: 'buy', orderType: 'limit', quantity: 10, limitPrice: 150, timeInForce: 'day',
  });
  const after = Date.now();
  assert.equal(placed.status, 'pending');
  assert.equal(placed.filledQuantity, 0);
  assert.equal(placed.filledPrice ?? null, null);
  assertClockId(placed.orderId, before, after);
  assert.match(placed.brokerOrderId, /^broker-[0-9a-f]+$/);
  assertClockId(placed.brokerOrderId.slice('broker-'.length), before, after);
  assertNow(placed.timestamp, before, after);
  const status = await paper.getOrderStatus('abc');
  assert.equal(status.orderId, 'abc');
  assert.equal(status.brokerOrderId, 'broker-abc');
  assert.equal(status.status, 'filled');
  assert.equal(status.filledQuantity, 100);
  assert.equal(status.filledPrice, 150.5);
  assert.equal(await paper.cancelOrder('abc'), true);
  assert.deepEqual(await paper.listOrders(), []);
  assert.deepEqual(await paper.getPositions(), []);
  // Paper accounts start with 100,000 USD and twice that in buying power.
  assert.deepEqual(await paper.getAccountBalance(), { cash: 100000, equity: 100000, buyingPower: 200000, currency: 'USD' });
  assert.equal(await paper.disconnect(), undefined);
  const live = new addon.BrokerClient({ brokerType: 'ibkr', apiKey: 'k', apiSecret: 's', paperTrading: false });
  assert.deepEqual(await live.getAccountBalance(), { cash: 0, equity: 0, buyingPower: 0, currency: 'USD' });
});

test('neural model: placeholder training and forecasts', async () => {
  assert.deepEqual(addon.listModelTypes(), ['nhits', 'lstm_attention', 'transformer']);
  assert.deepEqual({ ...addon.ModelType }, { NHITS: 'NHITS', LSTMAttention: 'LSTMAttention', Transformer: 'Transformer' });
  const config = { modelType: 'nhits', inputSize: 3, horizon: 2, hiddenSize: 8, numLayers: 2, dropout: 0.1, learningRate: 0.001 };
  const model = new addon.NeuralModel(config);
  await assert.rejects(model.predict([1, 2, 3]), { message: 'Model not trained. Call train() first.' });
  await assert.rejects(model.save('/nowhere'), { message: 'Model not trained. Nothing to save.' });
  assert.deepEqual(JSON.parse(await model.getInfo()), {
    model_id: null, model_type: 'nhits', input_size: 3, horizon: 2, hidden_size: 8, num_layers: 2,
  });

  const training = { epochs: 3, batchSize: 1, validationSplit: 0.2, earlyStoppingPatience: 1, useGpu: false };
  const metrics = await model.train([1, 2, 3, 4], [2, 3, 4, 5], training);
  // Loss 1 / (epoch + 1), validation 10% above it, MAE 80% of each.
  assert.equal(metrics.length, 3);
  metrics.forEach((m, epoch) => {
    assert.equal(m.epoch, epoch);
    close(m.trainLoss, 1 / (epoch + 1));
    close(m.valLoss, 1.1 / (epoch + 1));
    close(m.trainMae, 0.8 / (epoch + 1));
    close(m.valMae, 0.88 / (epoch + 1));
  });

  await assert.rejects(model.predict([1, 2]), { message: 'Input size mismatch. Expected 3, got 2' });
  // The last value plus 0.01 per step ahead, with a band of +-5%.
  const forecast = await model.predict([10, 11, 12]);
  forecast.predictions.forEach((p, i) => close(p, 12 + 0.01 * i));
  forecast.lowerBound.forEach((p, i) => close(p, (12 + 0.01 * i) * 0.95));
  forecast.upperBound.forEach((p, i) => close(p, (12 + 0.01 * i) * 1.05));
  assert.equal(forecast.predictions.length, 2);
  assert.ok(!Number.isNaN(Date.parse(forecast.timestamp)));

  assert.match(await model.save('/nowhere'), /^model-[0-9a-f]+$/);
  assert.equal(await model.load('/nowhere'), undefined);
  assert.match(JSON.parse(await model.getInfo()).model_id, /^loaded-[0-9a-f]+$/);
});

test('batch predictor runs each model on its input', async () => {
  const config = { modelType: 'transformer', inputSize: 2, horizon: 1, hiddenSize: 4, numLayers: 1, dropout: 0, learningRate: 0.01 };
  const training = { epochs: 1, batchSize: 1, validationSplit: 0, earlyStoppingPatience: 1, useGpu: false };
  const a = new addon.NeuralModel(config);
  const b = new addon.NeuralModel(config);
  await a.train([1, 2], [2, 3], training);
  await b.train([1, 2], [2, 3], training);
  const batch = new addon.BatchPredictor();
  assert.equal(await batch.addModel(a), 0);
  assert.equal(await batch.addModel(b), 1);
  await assert.rejects(batch.predictBatch([[1, 2]]), { message: "Input count (1) doesn't match model count (2)" });
  const results = await batch.predictBatch([[1, 2], [5, 7]]);
  assert.deepEqual(results.map((r) => r.predictions), [[2], [7]]);
});

test('value at risk and expected shortfall', () => {
  const risk = new addon.RiskManager({ confidenceLevel: 0.95, lookbackPeriods: 20, method: 'historical' });
  // Twenty returns: at 95% the VaR is the loss at index floor(0.05 * 20) = 1
  // of the sorted returns, the second worst (-3%); the expected shortfall is
  // the mean of the returns at or below it, (-5% - 3%) / 2.
  const returns = [0.01, -0.05, 0.02, 0.004, -0.03, 0.015, -0.01, 0.006, 0.008, -0.002,
    0.012, 0.003, -0.004, 0.007, 0.009, -0.006, 0.011, 0.001, 0.005, -0.008];
  const v = risk.calculateVar(returns, 100000);
  close(v.varPercentage, 0.03);
  close(v.varAmount, 3000);
  assert.equal(v.confidenceLevel, 0.95);
  assert.equal(v.method, 'historical');
  assert.equal(v.portfolioValue, 100000);
  const cv = risk.calculateCvar(returns, 100000);
  close(cv.cvarPercentage, 0.04);
  close(cv.cvarAmount, 4000);
  close(cv.varAmount, 3000);
  assert.throws(() => risk.calculateVar([], 1), { message: 'Returns data is empty' });
  assert.throws(() => risk.calculateCvar([], 1), { message: 'Returns data is empty' });
});

test('Kelly criterion and position sizing', () => {
  // README example: begin
  const risk = new addon.RiskManager({ confidenceLevel: 0.95, lookbackPeriods: 252, method: 'historical' });
  // Kelly: b = 2 / 1, f = (0.75 * 2 - 0.25) / 2.
  assert.deepEqual(risk.calculateKelly(0.75, 2, 1), {
    kellyFraction: 0.625, halfKelly: 0.3125, quarterKelly: 0.15625, winRate: 0.75, avgWin: 2, avgLoss: 1,
  });
  // Risk 2% of 100,000 with a $5 stop: 2,000 / 5 = 400 shares at $50.
  const size = risk.calculatePositionSize(100000, 50, 0.02, 5);
  assert.equal(size.shares, 400);
  assert.equal(size.reasoning, 'Risking $2000.00 (2%) on this trade with 400 shares');
  // README example: end
  close(size.dollarAmount, 20000);
  close(size.percentageOfPortfolio, 0.2);
  close(size.maxLoss, 2000);
  // A losing edge is clamped to 0.
  assert.equal(risk.calculateKelly(0.25, 1, 1).kellyFraction, 0);
  assert.throws(() => risk.calculateKelly(1.5, 1, 1), { message: 'Win rate must be between 0 and 1' });
  assert.throws(() => risk.calculateKelly(0.5, 1, 0), { message: 'Average win and loss must be positive' });
  // Without a stop: the 2% bought outright, 2,000 / 50 = 40 shares.
  assert.equal(risk.calculatePositionSize(100000, 50, 0.02, 0).shares, 40);
  assert.throws(() => risk.calculatePositionSize(0, 50, 0.02, 5), { message: 'Portfolio value must be positive' });
  assert.throws(() => risk.calculatePositionSize(1000, 0, 0.02, 5), { message: 'Price per share must be positive' });
  assert.throws(() => risk.calculatePositionSize(1000, 50, 1.5, 5), { message: 'Risk per trade must be between 0 and 1' });
  assert.equal(risk.validatePosition(10000, 100000, 0.2), true);
  assert.throws(
    () => risk.validatePosition(30000, 100000, 0.2),
    { message: 'Position size (30.00%) exceeds maximum allowed (20.00%)' },
  );
});

test('drawdown', () => {
  const risk = new addon.RiskManager({ confidenceLevel: 0.99, lookbackPeriods: 6, method: 'historical' });
  // Peaks 100, 120, 130: the deepest fall is 120 -> 90 (25%), one period
  // after its peak; it ends 10% below 130; recovery is the total return
  // (17%) over the deepest drawdown.
  const d = risk.calculateDrawdown([100, 120, 90, 95, 130, 117]);
  close(d.maxDrawdown, 0.25);
  assert.equal(d.maxDrawdownDuration, 1);
  close(d.currentDrawdown, 0.1);
  close(d.recoveryFactor, 0.17 / 0.25);
  assert.deepEqual(risk.calculateDrawdown([1, 2, 3]), {
    maxDrawdown: 0, maxDrawdownDuration: 0, currentDrawdown: 0, recoveryFactor: 0,
  });
  assert.throws(() => risk.calculateDrawdown([]), { message: 'Equity curve is empty' });
});

test('Sharpe, Sortino and leverage', () => {
  const returns = [0.01, 0.02, 0.03, 0.04];
  close(addon.calculateSharpeRatio(returns, 0.005, 252), ((mean(returns) - 0.005) / std(returns)) * Math.sqrt(252));
  assert.equal(addon.calculateSharpeRatio([0.01, 0.01], 0, 252), 0);
  assert.throws(() => addon.calculateSharpeRatio([], 0, 252), { message: 'Returns data is empty' });
  // Downside deviation over the returns below the target only.
  const mixed = [0.02, -0.01, 0.03, -0.02];
  const downside = Math.sqrt(mean([0.01 ** 2, 0.02 ** 2]));
  close(addon.calculateSortinoRatio(mixed, 0, 12), (mean(mixed) / downside) * Math.sqrt(12));
  assert.equal(addon.calculateSortinoRatio([0.01, 0.02], 0, 252), Infinity);
  assert.throws(() => addon.calculateSortinoRatio([], 0, 252), { message: 'Returns data is empty' });
  close(addon.calculateMaxLeverage(1e6, 0.2, 0.3), 1.5);
  assert.equal(addon.calculateMaxLeverage(1e6, 0.05, 0.3), 3);
  assert.throws(() => addon.calculateMaxLeverage(1e6, 0, 0.3), { message: 'Volatility must be positive' });
  assert.throws(() => addon.calculateMaxLeverage(1e6, 0.2, 0), { message: 'Max volatility target must be positive' });
});

const signal = (i) => ({
  id: `s${i}`, strategyId: 'momentum', symbol: `SYM${i}`, direction: 'long', confidence: 0.8,
  reasoning: 'test', timestampNs: 1700000000000000000 + i,
});

test('backtest: the simulated trades of the first ten signals', async () => {
  const engine = new addon.BacktestEngine({
    initialCapital: 100000, startDate: '2023-01-01', endDate: '2023-12-31', commission: 0.01, slippage: 0.0005,
    useMarkToMarket: true,
  });
  // Trade i: 100 shares in at 100 + i, out 2% higher, commission 0.01 per
  // share each way (2).
  const result = await engine.run([0, 1, 2].map(signal), '{}');
  assert.equal(result.trades.length, 3);
  result.trades.forEach((t, i) => {
    assert.equal(t.symbol, `SYM${i}`);
    assert.equal(t.entryDate, `2023-0${i + 1}-01`);
    assert.equal(t.exitDate, `2023-0${i + 1}-15`);
    close(t.entryPrice, 100 + i);
    close(t.exitPrice, (100 + i) * 1.02);
    assert.equal(t.quantity, 100);
    close(t.pnl, 2 * (100 + i) - 2);
    close(t.pnlPercentage, 2);
    close(t.commissionPaid, 2);
  });
  const equity = [100000, 100198, 100398, 100600];
  result.equityCurve.forEach((e, i) => close(e, equity[i]));
  assert.deepEqual(result.dates, ['2023-01-01', '2023-01-15', '2023-02-15', '2023-03-15']);
  const m = result.metrics;
  close(m.totalReturn, 0.006);
  close(m.finalEquity, 100600);
  assert.equal(m.winRate, 1);
  assert.deepEqual([m.totalTrades, m.winningTrades, m.losingTrades], [3, 3, 0]);
  // Fixed in 1.0.0.
  assert.deepEqual([m.sharpeRatio, m.sortinoRatio, m.maxDrawdown, m.profitFactor], [1.5, 2, 0.1, 2]);
  const many = await engine.run(Array.from({ length: 12 }, (_, i) => signal(i)), '{}');
  assert.equal(many.trades.length, 10);
});

test('backtest metrics, CSV and comparison', () => {
  const engine = new addon.BacktestEngine({
    initialCapital: 100, startDate: '2023-01-01', endDate: '2023-01-04', commission: 0, slippage: 0,
    useMarkToMarket: false,
  });
  const curve = [100, 110, 99, 120];
  const returns = [0.1, -0.1, 21 / 99];
  const m = engine.calculateMetrics(curve);
  close(m.totalReturn, 0.2);
  close(m.maxDrawdown, 11 / 110);
  const sharpe = (mean(returns) / std(returns)) * Math.sqrt(252);
  close(m.sharpeRatio, sharpe);
  close(m.sortinoRatio, sharpe * 1.2);
  assert.equal(m.finalEquity, 120);
  assert.throws(() => engine.calculateMetrics([1]), { message: 'Equity curve too short' });

  const trade = {
    symbol: 'AAPL', entryDate: '2023-01-01', exitDate: '2023-01-15', entryPrice: 100, exitPrice: 102.5,
    quantity: 100, pnl: 248, pnlPercentage: 2.5, commissionPaid: 2,
  };
  assert.equal(
    engine.exportTradesCsv([trade]),
    'Symbol,Entry Date,Exit Date,Entry Price,Exit Price,Quantity,PnL,PnL%,Commission\n'
      + 'AAPL,2023-01-01,2023-01-15,100.00,102.50,100,248.00,2.50%,2.00\n',
  );

  const comparison = JSON.parse(addon.compareBacktests([{ metrics: m, trades: [trade], equityCurve: curve, dates: [] }]));
  assert.equal(comparison.comparison.length, 1);
  const row = comparison.comparison[0];
  assert.equal(row.strategy, 'Strategy 1');
  close(row.total_return, 0.2);
  close(row.sharpe_ratio, sharpe);
  close(row.max_drawdown, 0.1);
  assert.equal(row.total_trades, 0);
  assert.equal(row.win_rate, 0);
  assert.throws(() => addon.compareBacktests([]), { message: 'No results to compare' });
});

test('moving average and RSI', () => {
  assert.deepEqual(addon.listDataProviders(), ['alpaca', 'polygon', 'yahoo', 'binance', 'coinbase']);
  assert.deepEqual(addon.calculateSma([1, 2, 3, 4, 5], 3), [NaN, NaN, 2, 3, 4]);
  assert.throws(() => addon.calculateSma([1, 2], 3), { message: 'Not enough data for SMA calculation' });
  // Changes +1 -1 +2 +1 -1; period 2: average gain and loss of the first two
  // changes 0.5 and 0.5, then Wilder's smoothing (avg * 1 + next) / 2:
  // gains 1.25, 1.125, 0.5625 against losses 0.25, 0.125, 0.5625, so
  // RS 5, 9, 1 and RSI 100 - 100 / (1 + RS).
  const rsi = addon.calculateRsi([44, 45, 44, 46, 47, 46], 2);
  assert.equal(rsi.length, 5);
  assert.ok(Number.isNaN(rsi[0]) && Number.isNaN(rsi[1]));
  close(rsi[2], 100 - 100 / 6);
  close(rsi[3], 90);
  close(rsi[4], 50);
  // No losses at all: the crate takes RS as 0, so RSI 0.
  assert.deepEqual(addon.calculateRsi([1, 2, 3, 4], 2), [NaN, NaN, 0]);
  assert.throws(() => addon.calculateRsi([1, 2], 2), { message: 'Not enough data for RSI calculation' });
});

test('market data provider answers without a provider', async () => {
  const provider = new addon.MarketDataProvider({ provider: 'polygon', websocketEnabled: false });
  assert.equal(await provider.isConnected(), false);
  assert.equal(await provider.connect(), true);
  assert.equal(await provider.isConnected(), true);
  const bars = await provider.fetchBars('AAPL', '2024-01-01', '2024-01-02', '1Day');
  assert.deepEqual(bars, [
    { symbol: 'AAPL', timestamp: '2024-01-01', open: 100, high: 102, low: 99, close: 101, volume: 1000000 },
    { symbol: 'AAPL', timestamp: '2024-01-02', open: 101, high: 103, low: 100, close: 102, volume: 1200000 },
  ]);
  const before = Date.now();
  const quote = await provider.getQuote('MSFT');
  const { timestamp, ...fixed } = quote;
  assertNow(timestamp, before, Date.now());
  assert.deepEqual(fixed, { symbol: 'MSFT', bid: 100.5, ask: 100.55, bidSize: 100, askSize: 200, last: 100.52, lastSize: 50 });
  const batch = await provider.getQuotesBatch(['A', 'B']);
  assert.deepEqual(batch.map((q) => [q.symbol, q.bid, q.ask, q.last]), [['A', 100, 100.1, 100.05], ['B', 100, 100.1, 100.05]]);
  assert.equal(await provider.disconnect(), undefined);
  assert.equal(await provider.isConnected(), false);
});

test('quote subscription calls back every second until unsubscribed', { timeout: 30000 }, async () => {
  const provider = new addon.MarketDataProvider({ provider: 'alpaca', websocketEnabled: true });
  const quotes = [];
  let handle;
  await new Promise((resolve, reject) => {
    handle = provider.subscribeQuotes(['AAPL', 'MSFT'], (err, quote) => {
      if (err) return reject(err);
      quotes.push(quote);
      if (quotes.length === 2) resolve();
    });
  });
  assert.ok(handle instanceof addon.SubscriptionHandle);
  await handle.unsubscribe();
  assert.deepEqual(quotes.slice(0, 2).map((q) => [q.symbol, q.bid, q.ask, q.bidSize, q.last]), [
    ['AAPL', 100, 100.1, 100, 100.05],
    ['MSFT', 100, 100.1, 100, 100.05],
  ]);
  // A second unsubscribe has nothing left to stop.
  assert.equal(await handle.unsubscribe(), undefined);
});

test('strategy runner keeps its strategies', async () => {
  const runner = new addon.StrategyRunner();
  const config = { name: 'test', symbols: ['AAPL'], parameters: '{}' };
  const momentum = await runner.addMomentumStrategy(config);
  const meanReversion = await runner.addMeanReversionStrategy(config);
  const arbitrage = await runner.addArbitrageStrategy(config);
  assert.match(momentum, /^momentum-[0-9a-f]+$/);
  assert.match(meanReversion, /^mean-reversion-[0-9a-f]+$/);
  assert.match(arbitrage, /^arbitrage-[0-9a-f]+$/);
  assert.deepEqual(await runner.listStrategies(), [momentum, meanReversion, arbitrage]);
  assert.deepEqual(await runner.generateSignals(), []);
  assert.equal(await runner.removeStrategy(meanReversion), true);
  assert.equal(await runner.removeStrategy(meanReversion), false);
  assert.deepEqual(await runner.listStrategies(), [momentum, arbitrage]);
  const handle = runner.subscribeSignals(() => assert.fail('1.0.0 generates no signals'));
  assert.ok(handle instanceof addon.SubscriptionHandle);
  assert.equal(await handle.unsubscribe(), undefined);
});

test('portfolio optimizer: equal weights', async () => {
  const optimizer = new addon.PortfolioOptimizer({ riskFreeRate: 0.02 });
  const symbols = ['A', 'B', 'C', 'D'];
  const result = await optimizer.optimize(symbols, [0.1, 0.12, 0.08, 0.1], [0.04, 0.04, 0.04, 0.04]);
  assert.deepEqual(result.allocations, { A: 0.25, B: 0.25, C: 0.25, D: 0.25 });
  // Mean return 0.1, risk sqrt(mean covariance) = 0.2, Sharpe (0.1 - 0.02) / 0.2.
  close(result.expectedReturn, 0.1);
  close(result.risk, 0.2);
  close(result.sharpeRatio, 0.4);
  assert.deepEqual(optimizer.calculateRisk({ A: 1000 }), { var95: 0.05, cvar95: 0.07, beta: 1.2, sharpeRatio: 1.5, maxDrawdown: 0.15 });
});

test('portfolio manager tracks positions and cash', async () => {
  const portfolio = new addon.PortfolioManager(10000);
  assert.equal(await portfolio.getCash(), 10000);
  assert.deepEqual(await portfolio.getPosition('AAPL'), null);
  assert.deepEqual(await portfolio.updatePosition('AAPL', 10, 100), {
    symbol: 'AAPL', quantity: 10, avgCost: 100, marketValue: 1000, unrealizedPnl: 0, realizedPnl: 0,
  });
  // 10 more at 110: average cost (10 * 100 + 10 * 110) / 20 = 105, marked at 110.
  const position = await portfolio.updatePosition('AAPL', 10, 110);
  assert.deepEqual(position, {
    symbol: 'AAPL', quantity: 20, avgCost: 105, marketValue: 2200, unrealizedPnl: 100, realizedPnl: 0,
  });
  assert.deepEqual(await portfolio.getPosition('AAPL'), position);
  assert.deepEqual(await portfolio.getPositions(), [position]);
  assert.equal(await portfolio.getCash(), 10000 - 1000 - 1100);
  assert.equal(await portfolio.getTotalValue(), 7900 + 2200);
  assert.equal(await portfolio.getTotalPnl(), 100);
});
