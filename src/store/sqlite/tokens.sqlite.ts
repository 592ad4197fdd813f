/** API tokens, stored by the SHA-256 of their secret. */
import type { TokenRecord, TokenStore } from '../ports';
import type { SqliteExecutor } from './sqlite.executor';
import * as rows from './sqlite.rows';

function tokenWhere(db: SqliteExecutor, column: 'id' | 'hash', value: string): TokenRecord | null {
  const row = db.sql(`SELECT * FROM api_tokens WHERE ${column} = ?`).get(value) as
    rows.Row | undefined;
  return row ? rows.read.token(row) : null;
}

export function sqliteTokens(db: SqliteExecutor): TokenStore {
  return {
    async createToken(record, audit) {
      db.writeAudited(audit, () =>
        db
          .sql(
            `INSERT INTO api_tokens (id, name, role, hash, created_at, created_by, revoked_at)
         VALUES (@id, @name, @role, @hash, @createdAt, @createdBy, @revokedAt)`,
          )
          .run(record),
      );
      return tokenWhere(db, 'id', record.id)!;
    },

    tokenByHash: async (hash) => tokenWhere(db, 'hash', hash),

    async listTokens() {
      return (db.sql('SELECT * FROM api_tokens ORDER BY created_at, id').all() as rows.Row[]).map(
        rows.read.token,
      );
    },

    async revokeToken(id, at, audit) {
      return db.write(() => {
        const changed = db
          .sql('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
          .run(at, id).changes;
        if (changed > 0) db.audit(audit);
        return tokenWhere(db, 'id', id);
      });
    },
  };
}
