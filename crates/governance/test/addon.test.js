// Tests of the @ruv.io/governance addon: whole governance rounds whose
// tallies are worked out here by hand from the crate's rules (effective
// power = power x reputation / 100; +0.5 reputation per proposal, +0.1 per
// vote; participation and approval in percent).
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const close = (actual, expected, tol = 1e-9) =>
  assert.ok(Math.abs(Number(actual) - expected) <= tol, `${actual} vs ${expected}`);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('tallying', () => {
  // README example: begin
  assert.deepEqual(
    addon.tallyVotes({
      votesFor: '60', votesAgainst: '20', votesAbstain: '20', totalVotingPower: '200',
      quorumPercentage: '50', passingThreshold: '66',
    }),
    { totalVotes: '100', participationRate: '50', approvalRate: '75', quorumReached: true, passed: true },
  );
  // README example: end
  const low = addon.tallyVotes({
    votesFor: '1', votesAgainst: '2', votesAbstain: '0', totalVotingPower: '10',
    quorumPercentage: '50', passingThreshold: '50',
  });
  assert.equal(low.participationRate, '30');
  close(low.approvalRate, 100 / 3, 1e-12);
  assert.equal(low.quorumReached, false);
  assert.equal(low.passed, false);
  assert.throws(
    () => addon.tallyVotes({ votesFor: 'many', votesAgainst: '0', votesAbstain: '0', totalVotingPower: '1', quorumPercentage: '1', passingThreshold: '1' }),
    /votesFor: 'many' is not a decimal/,
  );
});

test('a full round: rejected, passed and executed, vetoed', async () => {
  const rules = { quorumPercentage: '50', passingThreshold: '66', votingPeriodSeconds: 1, timelockSeconds: 0 };

  // Round 1: a split vote that reaches quorum but not the threshold.
  const g = new addon.Governance(rules);
  g.registerMember('alice', 'admin', '100');
  g.registerMember('bob', 'member', '150');
  g.registerMember('carol', 'member', '50');
  g.registerMember('dave', 'observer', '10');
  assert.equal(g.memberCount, 4);
  assert.equal(g.totalVotingPower, '310');
  assert.throws(() => g.registerMember('bob', 'member', '1'), /already exists/);
  assert.throws(() => g.registerMember('erin', 'member', '-1'), /cannot be negative/);
  assert.throws(() => g.registerMember('erin', 'king', '1'), /unknown role/);

  const risk = JSON.stringify({ RiskLimitAdjustment: { limit_type: 'daily_var', old_limit: '10000', new_limit: '15000' } });
  assert.throws(() => g.createProposal('x', 'y', risk, 'dave'), /Proposal rights/);
  assert.throws(() => g.createProposal('x', 'y', '{"Nope":{}}', 'alice'), /invalid proposal type/);
  const p1 = g.createProposal('Raise VaR limit', 'from 10k to 15k', risk, 'alice'); // alice: reputation 100.5
  assert.equal(g.proposalCount, 1);
  g.vote(p1, 'alice', 'for'); // 100 x 1.005 = 100.5, then reputation 100.6
  g.vote(p1, 'bob', 'against', 'too risky'); // 150, then 100.1
  g.vote(p1, 'carol', 'for'); // 50, then 100.1
  assert.throws(() => g.vote(p1, 'dave', 'for'), /Voting rights/);
  assert.throws(() => g.vote(p1, 'bob', 'for'), /already voted/);
  assert.throws(() => g.vote(p1, 'carol', 'maybe'), /unknown vote/);
  assert.throws(() => g.finalizeVoting(p1), /Voting period not ended/);

  // Round 2: delegation; the delegate's vote carries both powers.
  const h = new addon.Governance(rules);
  h.registerMember('alice', 'admin', '100');
  h.registerMember('bob', 'member', '100');
  h.delegate('bob', 'alice');
  assert.throws(() => h.delegate('bob', 'zed'), /Member not found: zed/);
  const change = JSON.stringify({ ParameterChange: { parameter: 'max_leverage', old_value: '1', new_value: '2' } });
  const p2 = h.createProposal('Leverage', 'allow 2x', change, 'alice');
  h.vote(p2, 'alice', 'for'); // 100.5 + 100 = 200.5

  // Round 3: a guardian vetoes an open proposal.
  const v = new addon.Governance(rules);
  v.registerMember('gina', 'guardian', '1');
  v.registerMember('mo', 'member', '1');
  const halt = JSON.stringify({ EmergencyAction: { action: 'halt', reason: 'test' } });
  const p3 = v.createProposal('Halt', 'stop trading', halt, 'mo');
  assert.throws(() => v.vetoProposal(p3, 'mo', 'no'), /Veto rights/);
  v.vetoProposal(p3, 'gina', 'not needed');
  const vetoed = JSON.parse(v.proposal(p3));
  assert.equal(vetoed.state, 'Vetoed');
  assert.equal(vetoed.vetoed_by, 'gina');
  assert.equal(vetoed.veto_reason, 'not needed');

  await sleep(1100); // both voting periods end
  assert.throws(() => g.vote(p1, 'dave', 'for'), /Voting rights/);
  assert.throws(() => h.vote(p2, 'bob', 'for'), /Voting period ended/);

  g.finalizeVoting(p1);
  // Total power now: 100 x 1.006 + 150 x 1.001 + 50 x 1.001 + 10 = 310.8.
  const s = g.votingStatistics(p1);
  assert.equal(s.totalVotes, 3);
  assert.equal(s.totalMembers, 4);
  assert.equal(s.votesFor, '150.5');
  assert.equal(s.votesAgainst, '150');
  assert.equal(s.votesAbstain, '0');
  assert.equal(s.totalVotingPower, '310.8');
  close(s.participationRate, (300.5 / 310.8) * 100, 1e-12);
  close(s.approvalRate, (150.5 / 300.5) * 100, 1e-12);
  assert.equal(s.quorumReached, true);
  assert.equal(s.passed, false);
  const rejected = JSON.parse(g.proposal(p1));
  assert.equal(rejected.state, 'Rejected');
  assert.deepEqual(rejected.votes.map((x) => [x.voter_id, x.vote_type, Number(x.voting_power)]), [
    ['alice', 'For', 100.5],
    ['bob', 'Against', 150],
    ['carol', 'For', 50],
  ]);
  assert.equal(rejected.votes[1].reason, 'too risky');
  const alice = JSON.parse(g.member('alice'));
  assert.equal(alice.role, 'Admin');
  assert.equal(Number(alice.reputation), 100.6);
  assert.equal(alice.votes_cast, 1);
  assert.equal(alice.proposals_created, 1);
  assert.throws(() => g.executeProposal(p1, 'alice'), /expected Passed, got Rejected/);

  h.finalizeVoting(p2);
  const t = h.votingStatistics(p2);
  assert.equal(t.votesFor, '200.5');
  assert.equal(t.totalVotingPower, '200.6'); // 100 x 1.006 + 100
  assert.equal(t.approvalRate, '100');
  assert.equal(t.passed, true);
  assert.equal(JSON.parse(h.proposal(p2)).state, 'Passed');
  assert.throws(() => h.executeProposal(p2, 'bob'), /Execution rights/);
  assert.equal(h.executeProposal(p2, 'alice'), "Updated parameter 'max_leverage' from '1' to '2'");
  assert.equal(JSON.parse(h.proposal(p2)).state, 'Executed');
  assert.throws(() => h.executeProposal(p2, 'alice'), /got Executed/);
  assert.throws(() => h.proposal('missing'), /Proposal not found: missing/);
});
