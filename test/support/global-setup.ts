/**
 * Before any test: make sure a Neo4j test server is there, so one `npm test` covers both stores.
 * - NEO4J_TEST_URI set: use it (it must answer).
 * - Otherwise the dedicated test instance on 127.0.0.1:7688: used if running, else started here
 *   when Java is available (and stopped again in global teardown).
 * - No Java and not CI: Neo4j tests are skipped, with one line saying how to enable them.
 * - CI=true: a missing Neo4j fails the run.
 */
import { tmpdir } from 'os';
import { join } from 'path';
import { hasJava, launcher, NEO4J_TEST_PORT, NEO4J_TEST_URI, reachable } from './neo4j-test-server';

export default async function globalSetup(): Promise<void> {
  const ci = process.env.CI === 'true';
  if (await reachable()) {
    process.env.NEO4J_TESTS = 'on';
    return;
  }
  if (!process.env.NEO4J_TEST_URI && hasJava()) {
    const data = join(tmpdir(), `evidence-neo4j-test-${process.pid}`);
    const started = launcher('start', NEO4J_TEST_PORT, data);
    if (started.ok && (await reachable())) {
      process.env.NEO4J_TESTS = 'on';
      process.env.NEO4J_TEST_STARTED_BY_JEST = data;
      console.log(`\n${started.output.trim()}`);
      return;
    }
    if (ci)
      throw new Error(`CI=true and the Neo4j test server could not start:\n${started.output}`);
    console.log(
      `\nNeo4j tests skipped: the test server did not start (${started.output.trim().split('\n').pop()}).`,
    );
    return;
  }
  if (ci)
    throw new Error(
      `CI=true but Neo4j is not reachable at ${NEO4J_TEST_URI}; start it with npm run neo4j:test:start`,
    );
  process.env.NEO4J_TESTS = 'off';
  console.log(
    process.env.NEO4J_TEST_URI
      ? `\nNeo4j tests skipped: NEO4J_TEST_URI=${NEO4J_TEST_URI} does not answer. Start that server, or unset NEO4J_TEST_URI and npm test starts one.`
      : '\nNeo4j tests skipped: Java is not installed. Install Java 17 and Maven and npm test starts Neo4j itself, or set NEO4J_TEST_URI to a server it may wipe.',
  );
}
