import { SqliteStore, createSqliteStore } from '../../src/store/sqlite/sqlite.store';
import { SqliteProbe, tempDbPath } from '../support/temp-sqlite';
import { describeStoreContract } from './evidence-store.contract';

let current: { file: string; cleanup: () => void; store: SqliteStore } | null = null;

describeStoreContract('SQLite (temp file)', {
  async setup() {
    const { file, cleanup } = tempDbPath();
    const store = createSqliteStore(file);
    await store.init();
    current = { file, cleanup, store };
    return { store, probe: new SqliteProbe(file) };
  },
  async reopen() {
    const again = createSqliteStore(current!.file);
    await again.init();
    return again;
  },
  async teardown() {
    await current?.store.close();
    current?.cleanup();
    current = null;
  },
});
