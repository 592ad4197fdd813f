import { TokenStore } from '../ports';
import { writeRevisions } from './neo4j.cypher';
import { Neo4jExecutor, rows } from './neo4j.executor';
import * as records from './neo4j.records';
import { Props } from './neo4j.records';

/** API tokens: (:ApiToken) nodes, no :Entity, no relationships; id and hash unique by constraint. */
export function neo4jTokens(x: Neo4jExecutor): TokenStore {
  return {
    createToken: (record, audit) =>
      x.write(async (tx) => {
        // Id and hash are unique by constraint: a taken one throws (UniqueViolationError).
        const [r] = await rows(tx, 'CREATE (t:ApiToken) SET t = $props RETURN t {.*} AS p', {
          props: records.ownProps('token', record),
        });
        await writeRevisions(tx, audit);
        return records.read.token(r.p as Props);
      }),

    async tokenByHash(hash) {
      const [r] = await rows(x, 'MATCH (t:ApiToken {hash: $hash}) RETURN t {.*} AS p', { hash });
      return r ? records.read.token(r.p as Props) : null;
    },

    async listTokens() {
      const found = await rows(
        x,
        'MATCH (t:ApiToken) RETURN t {.*} AS p ORDER BY t.createdAt, t.id',
      );
      return found.map((r) => records.read.token(r.p as Props));
    },

    revokeToken: (id, at, audit) =>
      x.write(async (tx) => {
        // The token's write lock first: of concurrent revocations, exactly one sets revokedAt
        // (and writes its revisions); the others keep that first time.
        const [cur] = await rows(
          tx,
          'MATCH (t:ApiToken {id: $id}) SET t._lock = true REMOVE t._lock RETURN t.id AS id',
          { id },
        );
        if (!cur) return null;
        const [r] = await rows(
          tx,
          `MATCH (t:ApiToken {id: $id})
           WITH t, t.revokedAt IS NULL AS changed
           SET t.revokedAt = coalesce(t.revokedAt, $at)
           RETURN changed, t {.*} AS p`,
          { id, at },
        );
        if (r.changed) await writeRevisions(tx, audit);
        return records.read.token(r.p as Props);
      }),
  };
}
