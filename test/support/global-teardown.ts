import { rmSync } from 'fs';
import { launcher, NEO4J_TEST_PORT } from './neo4j-test-server';

/** Stops the Neo4j test server if global setup started it, and removes its data. */
export default async function globalTeardown(): Promise<void> {
  const data = process.env.NEO4J_TEST_STARTED_BY_JEST;
  if (!data) return;
  launcher('stop', NEO4J_TEST_PORT);
  rmSync(data, { recursive: true, force: true });
}
