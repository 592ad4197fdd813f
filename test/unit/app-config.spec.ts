import { loadConfig } from '../../src/config/app-config';

describe('configuration', () => {
  it('defaults to port 3000 and ./data/evidence.db on the embedded store', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.SQLITE_PATH).toBe('./data/evidence.db');
    expect(c.storeKind).toBe('sqlite');
    expect(c.SEED_ON_START).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be 0\.\.65535/],
    [{ NEO4J_URI: 'http://localhost:7474' }, /NEO4J_URI must look like/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV must be/],
  ])('refuses %p with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });

  it('selects Neo4j when NEO4J_URI is set', () => {
    expect(loadConfig({ NEO4J_URI: 'neo4j://localhost:7687' }).storeKind).toBe('neo4j');
  });
});
