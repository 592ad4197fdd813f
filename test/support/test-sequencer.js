/**
 * Jest's own order (failed first, then slowest first by the last run's timings, which keeps two
 * workers evenly busy), with three additions:
 * - the outage test second (the second worker's first file): long, but it mostly waits, best
 *   while the other worker computes;
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
  [/e2e\/neo4j-outage\./, 15],
  [/contract\/neo4j\.contract\./, 15],
  [/e2e\/crash\./, 12],
  [/e2e\/cluster\./, 15],
  // Small files that start many child processes (and, on a fresh checkout, compile dist/ once):
  // their size says a second or two; left to the end, one would end the run alone.
  [/integration\/cli\./, 15],
  [/e2e\/workflow\./, 14],
  [/e2e\/editor\./, 11],
  [/e2e\/hardening\./, 10],
  [/e2e\/startup\./, 5],
];

/** Long in wall time but light on CPU. */
const WAITING = [/e2e\/neo4j-outage\./];

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
    // Files that mostly wait (for a driver's retries, a server's reconnect) start at once,
    // on the second worker: their waits overlap with the other worker's work instead of ending
    // the run alone. The first worker, whose server may be a long-running warm one (7688), takes
    // the heaviest file.
    const sorted = super.sort(tests);
    const waiting = (t) => WAITING.some((re) => re.test(t.path.replace(/\\/g, '/')));
    const busy = sorted.filter((t) => !waiting(t));
    return [...busy.slice(0, 1), ...sorted.filter(waiting), ...busy.slice(1)];
  }
}

module.exports = EvidenceSequencer;
