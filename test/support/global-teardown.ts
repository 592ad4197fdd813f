import { StartedInstance, stopInstances } from './global-setup';

/** Stops the Neo4j test servers global setup started (in parallel), and removes their data. */
export default async function globalTeardown(): Promise<void> {
  const started = JSON.parse(process.env.NEO4J_TEST_STARTED_BY_JEST ?? '[]') as StartedInstance[];
  delete process.env.NEO4J_TEST_STARTED_BY_JEST;
  await stopInstances(started);
}
