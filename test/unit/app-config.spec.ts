import { availableParallelism } from 'os';
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
    [
      { PORT: '70000' },
      /^Invalid configuration: PORT must be an integer from 0 to 65535 \(got "70000"\)\.$/,
    ],
    [
      { LOG_LEVEL: 'verbose' },
      /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent \(got "verbose"\)/,
    ],
    [
      { SEED_ON_START: 'maybe' },
      /SEED_ON_START must be one of yes, no, true, false, 1, 0 \(got "maybe"\)/,
    ],
    [{ LOG_FORMAT: 'xml' }, /LOG_FORMAT must be one of auto, json, pretty/],
    [{ NEO4J_URI: 'http://localhost:7474' }, /NEO4J_URI must look like/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV must be/],
    [{ WEB_CONCURRENCY: '0' }, /WEB_CONCURRENCY must be an integer from 1 to 64 \(got "0"\)/],
    [{ WEB_CONCURRENCY: 'max' }, /WEB_CONCURRENCY must be an integer from 1 to 64 \(got "max"\)/],
    [{ WEB_CONCURRENCY: '1.5' }, /WEB_CONCURRENCY must be an integer/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL must look like redis:\/\/host:6379/],
  ])('refuses %p with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });

  it('runs one worker per core unless WEB_CONCURRENCY says otherwise; no Redis unless REDIS_URL', () => {
    expect(loadConfig({}).WEB_CONCURRENCY).toBe(availableParallelism());
    expect(loadConfig({}).REDIS_URL).toBeUndefined();
    const c = loadConfig({ WEB_CONCURRENCY: '3', REDIS_URL: 'redis://:secret@127.0.0.1:6380/2' });
    expect([c.WEB_CONCURRENCY, c.REDIS_URL]).toEqual([3, 'redis://:secret@127.0.0.1:6380/2']);
  });

  it('allows anonymous reads and reviews by ADMIN unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ ALLOW_ANONYMOUS_READS: true, REVIEWER_ROLE: 'ADMIN' });
    expect(loadConfig({ ALLOW_ANONYMOUS_READS: 'false', REVIEWER_ROLE: 'editor' })).toMatchObject({
      ALLOW_ANONYMOUS_READS: false,
      REVIEWER_ROLE: 'EDITOR',
    });
    expect(() => loadConfig({ REVIEWER_ROLE: 'READER' })).toThrow(/REVIEWER_ROLE must be/);
  });

  it.each([
    ['yes', true],
    ['YES', true],
    ['true', true],
    ['1', true],
    ['no', false],
    ['False', false],
    ['0', false],
  ])('reads the boolean %p as %p', (value, expected) => {
    const c = loadConfig({ SEED_ON_START: value, ALLOW_ANONYMOUS_READS: value });
    expect([c.SEED_ON_START, c.ALLOW_ANONYMOUS_READS]).toEqual([expected, expected]);
  });

  it('states each bad variable once, with the value as given', () => {
    expect(() => loadConfig({ PORT: 'abc', SEED_ON_START: 'maybe' })).toThrow(
      'Invalid configuration: PORT must be an integer from 0 to 65535 (got "abc"); SEED_ON_START must be one of yes, no, true, false, 1, 0 (got "maybe").',
    );
  });

  it('selects Neo4j when NEO4J_URI is set', () => {
    expect(loadConfig({ NEO4J_URI: 'neo4j://localhost:7687' }).storeKind).toBe('neo4j');
  });

  // --- hardening ---
  describe('limits', () => {
    it('defaults to the documented limits', () => {
      const c = loadConfig({});
      expect({
        body: c.BODY_LIMIT_BYTES,
        depth: c.QUERY_MAX_DEPTH,
        aliases: c.QUERY_MAX_ALIASES,
        directives: c.QUERY_MAX_DIRECTIVES,
        tokens: c.QUERY_MAX_TOKENS,
        cost: c.QUERY_MAX_COST,
        rateLimited: c.RATE_LIMIT_ENABLED,
        perIp: c.RATE_LIMIT_PER_MINUTE,
        perToken: c.RATE_LIMIT_TOKEN_PER_MINUTE,
        trustProxy: c.trustProxy,
      }).toEqual({
        body: 1_572_864,
        depth: 10,
        aliases: 15,
        directives: 20,
        tokens: 2000,
        cost: 250_000,
        rateLimited: true,
        perIp: 300,
        perToken: 1200,
        trustProxy: false,
      });
    });

    it('reads each from the environment', () => {
      const c = loadConfig({
        BODY_LIMIT_BYTES: '2097152',
        QUERY_MAX_DEPTH: '12',
        QUERY_MAX_ALIASES: '0',
        QUERY_MAX_DIRECTIVES: '5',
        QUERY_MAX_TOKENS: '500',
        QUERY_MAX_COST: '2500',
        RATE_LIMIT_ENABLED: 'false',
        RATE_LIMIT_PER_MINUTE: '60',
        RATE_LIMIT_TOKEN_PER_MINUTE: '600',
      });
      expect(c.BODY_LIMIT_BYTES).toBe(2_097_152);
      expect(c.QUERY_MAX_DEPTH).toBe(12);
      expect(c.QUERY_MAX_ALIASES).toBe(0);
      expect(c.QUERY_MAX_DIRECTIVES).toBe(5);
      expect(c.QUERY_MAX_TOKENS).toBe(500);
      expect(c.QUERY_MAX_COST).toBe(2500);
      expect(c.RATE_LIMIT_ENABLED).toBe(false);
      expect(c.RATE_LIMIT_PER_MINUTE).toBe(60);
      expect(c.RATE_LIMIT_TOKEN_PER_MINUTE).toBe(600);
      expect(loadConfig({ RATE_LIMIT_ENABLED: '1' }).RATE_LIMIT_ENABLED).toBe(true);
    });

    it.each([
      ['true', true],
      ['false', false],
      ['1', 1],
      ['loopback', 'loopback'],
      ['loopback, 10.0.0.0/8, fd00::/8', 'loopback, 10.0.0.0/8, fd00::/8'],
    ])('reads TRUST_PROXY=%p as %p', (value, expected) => {
      expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
    });

    it.each([
      [{ BODY_LIMIT_BYTES: 'lots' }, /BODY_LIMIT_BYTES must be an integer from 1024/],
      [{ BODY_LIMIT_BYTES: '100' }, /BODY_LIMIT_BYTES must be an integer from 1024/],
      [{ QUERY_MAX_DEPTH: '0' }, /QUERY_MAX_DEPTH must be an integer from 1 to 100/],
      [{ QUERY_MAX_ALIASES: '-1' }, /QUERY_MAX_ALIASES must be an integer/],
      [{ QUERY_MAX_DIRECTIVES: '2.5' }, /QUERY_MAX_DIRECTIVES must be an integer/],
      [{ QUERY_MAX_TOKENS: '10' }, /QUERY_MAX_TOKENS must be an integer from 50/],
      [{ QUERY_MAX_COST: 'high' }, /QUERY_MAX_COST must be an integer/],
      [{ RATE_LIMIT_ENABLED: 'maybe' }, /RATE_LIMIT_ENABLED must be one of yes, no/],
      [{ RATE_LIMIT_PER_MINUTE: '0' }, /RATE_LIMIT_PER_MINUTE must be an integer from 1/],
      [{ RATE_LIMIT_TOKEN_PER_MINUTE: 'x' }, /RATE_LIMIT_TOKEN_PER_MINUTE must be an integer/],
      [{ TRUST_PROXY: 'everyone' }, /TRUST_PROXY must be true, false, a number of hops/],
    ])('refuses %p with a message naming the variable', (env, message) => {
      expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(message);
    });
  });
});
