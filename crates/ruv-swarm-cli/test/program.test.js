// Tests of the ruv-swarm program of @ruv.io/ruv-swarm-cli, run against each
// platform's build by `tools/bazel test //crates/ruv-swarm-cli:all`, and
// through `npx ruv-swarm` from an installed package. `run(args, { input })`
// starts it and returns { status, signal, stdout, stderr }.
//
// The program keeps its swarm as JSON files in the user's local data
// directory (directories::ProjectDirs "com", "ruv-fann", "ruv-swarm":
// $HOME/.local/share/ruv-swarm on Linux, the Wine prefix's AppData on
// Windows), so the tests give it a HOME of their own, fresh for every run of
// this file. Nothing it does here reaches a network: init and spawn only
// sleep and write those files.
//
// With stdout not a terminal, --output auto means JSON (src/output.rs:35):
// one JSON object a line for messages and statuses, pretty-printed JSON for
// key/value tables and lists. Key/value tables come from a HashMap, so only
// their content is compared, never their order. Errors of a command go to
// stderr as {"status":"error",...}; the program then logs "Error: <error>"
// through tracing, which writes to stdout, and exits with status 1
// (src/main.rs:267-270). The fixed text is in src/main.rs (clap), and in
// src/commands/{init,spawn,status,orchestrate,monitor}.rs.
'use strict';
const assert = require('node:assert/strict');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { after, test } = require('node:test');

// A home of its own, set before the runner is loaded (the Windows runner
// copies the environment when it loads).
const home = mkdtempSync(join(tmpdir(), 'ruv-swarm-home-'));
process.env.HOME = home;
for (const name of Object.keys(process.env)) {
  if (/^(XDG_(CONFIG|DATA|CACHE)_HOME|RUV_SWARM_.*|CLICOLOR_FORCE)$/.test(name)) delete process.env[name];
}
after(() => rmSync(home, { recursive: true, force: true }));

const { run } = require(process.env.PROGRAM_RUN);

const lines = (s) => s.replace(/\r\n/g, '\n');

// The JSON documents the program printed, one after another: single-line
// objects and pretty-printed ones.
function documents(stdout) {
  const docs = [];
  let pending = '';
  for (const line of lines(stdout).split('\n')) {
    if (pending === '' && line === '') continue;
    pending += `${line}\n`;
    try {
      docs.push(JSON.parse(pending));
      pending = '';
    } catch {
      // not complete yet
    }
  }
  assert.equal(pending, '', `output that is not JSON:\n${stdout}`);
  return docs;
}

const info = (message) => ({ status: 'info', message });

test('--help lists the six commands and the global options', () => {
  const r = run(['--help']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Distributed swarm orchestration with cognitive diversity/);
  assert.match(r.stdout, /Usage: ruv-swarm(\.exe)? \[OPTIONS\] <COMMAND>/);
  for (const command of ['init', 'spawn', 'orchestrate', 'status', 'monitor', 'completion']) {
    assert.match(r.stdout, new RegExp(`^  ${command} `, 'm'), command);
  }
  for (const option of ['--config', '--profile', '--output', '--verbose', '--no-color']) {
    assert.ok(r.stdout.includes(option), option);
  }
});

test('--version prints the crate version, also for a subcommand', () => {
  const r = run(['--version']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(lines(r.stdout), 'ruv-swarm 0.2.0\n');
  // #[command(propagate_version = true)]
  assert.equal(lines(run(['spawn', '--version']).stdout), 'ruv-swarm-spawn 0.2.0\n');
});

test('no command: help on stderr, status 2', () => {
  const r = run([]);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /Usage: ruv-swarm(\.exe)? \[OPTIONS\] <COMMAND>/);
});

test('completion prints a bash completion script for ruv-swarm', () => {
  const r = run(['completion', 'bash']);
  assert.equal(r.status, 0, r.stderr);
  const script = lines(r.stdout);
  assert.match(script, /^_ruv__swarm\(\) \{$/m);
  assert.match(script, /^\s*complete -F _ruv__swarm .* ruv-swarm$/m);
  for (const option of ['--non-interactive', '--capabilities', '--max-events', '--active-only']) {
    assert.ok(r.stdout.includes(option), option);
  }
  const refused = run(['completion', 'nushell']);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /invalid value 'nushell'/);
  assert.match(refused.stderr, /bash, elvish, fish, powershell, zsh/);
});

test('monitor says it is not implemented, as JSON or as plain text', () => {
  const json = run(['monitor', '--filter', 'agent:α 1']);
  assert.equal(json.status, 0, json.stderr);
  assert.deepEqual(documents(json.stdout), [
    info('Monitor functionality not yet implemented'),
    info('Filter: agent:α 1'),
  ]);
  const plain = run(['monitor', '--filter', 'agent:α 1', '--output', 'plain']);
  assert.equal(plain.status, 0, plain.stderr);
  assert.equal(
    lines(plain.stdout),
    '\n=== RUV Swarm Monitor ===\nINFO: Monitor functionality not yet implemented\nINFO: Filter: agent:α 1\n',
  );
});

test('invalid topology and agent type are refused with the valid ones', () => {
  const init = run(['init', 'torus', '--non-interactive']);
  assert.equal(init.status, 1);
  assert.deepEqual(JSON.parse(init.stderr), {
    status: 'error',
    message: "Invalid topology 'torus'. Valid options: mesh, hierarchical, ring, star, custom",
  });
  const spawn = run(['spawn', 'wizard']);
  assert.equal(spawn.status, 1);
  assert.deepEqual(JSON.parse(spawn.stderr), {
    status: 'error',
    message:
      "Invalid agent type 'wizard'. Valid options: researcher, coder, analyst, reviewer, orchestrator, tester, debugger, documenter, architect, optimizer",
  });
});

test('init without --non-interactive asks through a prompt, which needs a terminal', () => {
  const r = run(['init', 'ring']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /Error: IO error: not a terminal/);
});

// The swarm's life in this file's home: each step reads what the one before
// wrote.
const swarm = {};

test('status before any init: no active swarm', () => {
  const r = run(['status']);
  assert.equal(r.status, 1);
  assert.deepEqual(JSON.parse(r.stderr), {
    status: 'error',
    message: "No active swarm found. Run 'ruv-swarm init' first.",
  });
  assert.match(r.stdout, /No active swarm/);
});

test('init --non-interactive records a mesh swarm with one orchestrator', () => {
  const r = run(['init', 'mesh', '--non-interactive']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const docs = documents(r.stdout);
  assert.equal(docs.length, 7, r.stdout);
  swarm.id = docs[0]['Swarm ID'];
  assert.match(swarm.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(docs[0], { 'Swarm ID': swarm.id, Topology: 'mesh', Persistence: 'memory', 'Initial Agents': '1' });
  assert.deepEqual(docs.slice(1, 4), [
    info('Setting up memory persistence backend...'),
    info('Configuring mesh topology...'),
    info("Spawning orchestrator agent 'orchestrator-1'..."),
  ]);
  assert.equal(docs[4].status, 'info');
  assert.match(docs[4].message, new RegExp(`^Configuration saved to ".*swarm-${swarm.id}\\.json"$`));
  assert.deepEqual(docs[5], { status: 'success', message: `Swarm '${swarm.id}' initialized successfully!` });
  assert.deepEqual(docs[6], [
    'Spawn additional agents: ruv-swarm spawn <type>',
    'Start orchestration: ruv-swarm orchestrate <strategy> <task>',
    'Monitor swarm: ruv-swarm monitor',
    'Check status: ruv-swarm status',
  ]);
});

test('spawn adds a coder with its default capabilities and the given ones, sorted', () => {
  assert.ok(swarm.id, 'init ran');
  const r = run(['spawn', 'coder', '--name', 'coder-1', '--capabilities', 'rust,testing']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const docs = documents(r.stdout);
  assert.equal(docs.length, 4, r.stdout);
  // A coder's defaults (src/commands/spawn.rs), plus the given ones, sorted,
  // duplicates dropped.
  const capabilities = [
    ...new Set(['code_generation', 'refactoring', 'debugging', 'testing', 'documentation', 'rust', 'testing']),
  ].sort();
  const agent = docs[0].ID;
  assert.match(agent, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(docs[0], {
    ID: agent,
    Name: 'coder-1',
    Type: 'coder',
    Capabilities: capabilities.join(', '),
    Parent: 'None',
    Memory: 'None',
  });
  assert.deepEqual(docs[1], { status: 'success', message: "Agent 'coder-1' (coder) spawned successfully!" });
  assert.deepEqual(docs[2], capabilities);
  assert.deepEqual(docs[3], [
    'View agent status: ruv-swarm status --agent-type coder',
    'Assign task to agent: ruv-swarm orchestrate <strategy> <task>',
    `Monitor agent activity: ruv-swarm monitor --filter agent:${agent}`,
  ]);
});

// The agent stays Initializing: the program's update_agent_status does
// nothing (src/commands/spawn.rs:387), so no agent counts as active, and the
// health is 100 - 30 (all agents inactive) = 70.0%.
test('status reads the swarm and its agent back', () => {
  assert.ok(swarm.id, 'init ran');
  const r = run(['status']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const docs = documents(r.stdout);
  assert.equal(docs.length, 9, r.stdout);
  const status = (label, value, level) => ({ label, value, status: level });
  assert.deepEqual(docs[0], status('Swarm ID', swarm.id.slice(0, 8), 'info'));
  assert.deepEqual(docs[1], status('Topology', 'mesh', 'info'));
  assert.equal(docs[2].label, 'Uptime');
  assert.match(docs[2].value, /^\d+m$/);
  assert.deepEqual(docs[3], status('Health', '70.0%', 'warning'));
  assert.deepEqual(Object.keys(docs[4]), ['Created']);
  assert.match(docs[4].Created, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  assert.deepEqual(docs[5], {
    'Total Agents': '1',
    Ready: '0 (0%)',
    Busy: '0 (0%)',
    Idle: '0 (0%)',
    Error: '0 (0%)',
    Offline: '0 (0%)',
  });
  assert.deepEqual(docs[6], info('\nAgent Types:'));
  assert.deepEqual(docs[7], ['coder: 1']);
  assert.deepEqual(docs[8], {
    'Total Tasks': '0',
    Pending: '0',
    Running: '0',
    Completed: '0 (0%)',
    Failed: '0 (0%)',
    Timeout: '0',
  });
  // Filtered to a type the swarm does not have: no agents, no type list.
  const analysts = documents(run(['status', '--agent-type', 'analyst']).stdout);
  assert.equal(analysts[5]['Total Agents'], '0');
  assert.ok(!analysts.some((d) => d.message === '\nAgent Types:'));
});

test('orchestrate finds no available agent: spawned agents never become Ready', () => {
  assert.ok(swarm.id, 'init ran');
  const r = run(['orchestrate', 'parallel', 'write the docs']);
  assert.equal(r.status, 1);
  assert.deepEqual(JSON.parse(r.stderr), {
    status: 'error',
    message: "No available agents in the swarm. Spawn agents first with 'ruv-swarm spawn'.",
  });
  assert.match(r.stdout, /No available agents/);
});
