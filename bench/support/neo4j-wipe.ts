/**
 * Empties a bench's Neo4j in batches: the store's clear() deletes everything in one transaction,
 * which a server's transaction memory limit refuses once the graph holds 100k claims with their
 * relationships.
 */
import neo4j from 'neo4j-driver';

export async function wipeNeo4j(uri: string): Promise<void> {
  const driver = neo4j.driver(uri);
  const session = driver.session();
  try {
    // CALL { ... } IN TRANSACTIONS runs only in an implicit (auto-commit) transaction: session.run.
    await session.run(
      `MATCH (n) WHERE n:Entity OR n:Notice OR n:Revision OR n:ApiToken
       CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`,
    );
  } finally {
    await session.close();
    await driver.close();
  }
}
