/**
 * Jest's own order (failed first, then slowest first by the last run's timings, which keeps two
 * workers evenly busy), with two additions:
 * - without timings from an earlier run (a fresh checkout, CI) the files known to be slow still
 *   go first, so that no worker is left with one of them at the end;
 * - global setup learns how many test files this run has, so that a run of one file (which jest
 *   runs in band) starts one Neo4j server, not one per worker.
 * Plain JavaScript: jest loads the sequencer without transforming it.
 */
const Sequencer = require('@jest/test-sequencer').default;

/** Rough seconds on the reference machine, for when jest has no timing of its own. */
const KNOWN = [
  [/e2e\/bad-input\./, 45],
  [/e2e\/neo4j-outage\./, 40],
  [/contract\/neo4j\.contract\./, 15],
  [/e2e\/crash\./, 12],
];

class EvidenceSequencer extends Sequencer {
  time(test) {
    const timed = super.time(test);
    if (timed != null) return timed;
    const known = KNOWN.find(([re]) => re.test(test.path.replace(/\\/g, '/')));
    if (known) return known[1] * 1000;
    // Others by size, as jest does: about a second per 4 kB of test code.
    return (test.context.hasteFS.getSize(test.path) ?? 0) / 4;
  }

  sort(tests) {
    process.env.EVIDENCE_TEST_FILES = String(tests.length);
    return super.sort(tests);
  }
}

module.exports = EvidenceSequencer;
