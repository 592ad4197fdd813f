import { applyDecorators } from '@nestjs/common';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { availableParallelism } from 'os';
import { resolve } from 'path';

// --- hardening ---
/** An integer variable with a default and bounds; messages name the variable. */
function IntSetting(name: string, fallback: number, min: number, max: number) {
  const range = `${name} must be an integer from ${min} to ${max}`;
  return applyDecorators(
    Transform(({ value }) => (value === undefined || value === '' ? fallback : Number(value))),
    IsInt({ message: range }),
    Min(min, { message: range }),
    Max(max, { message: range }),
  );
}

const TRUE = ['yes', 'true', '1'];
const FALSE = ['no', 'false', '0'];

/** yes/no, true/false, 1/0 (any case); anything else stays as given so validation names it. */
function parseBoolean(value: unknown, fallback: boolean): unknown {
  if (value === undefined || value === '') return fallback;
  const word = String(value).trim().toLowerCase();
  if (TRUE.includes(word)) return true;
  if (FALSE.includes(word)) return false;
  return value;
}

/** A yes/no variable with a default; anything but yes/no/true/false/1/0 is refused, not false. */
function BooleanSetting(name: string, fallback: boolean) {
  return applyDecorators(
    Transform(({ value }) => parseBoolean(value, fallback)),
    IsBoolean({ message: `${name} must be one of yes, no, true, false, 1, 0` }),
  );
}

/** pino's levels. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const PROXY_ITEM = '(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(/\\d{1,3})?)';
const TRUST_PROXY = new RegExp(`^(true|false|\\d{1,3}|${PROXY_ITEM}(\\s*,\\s*${PROXY_ITEM})*)$`);

/**
 * Environment, validated once at start. A wrong value stops the process with a message that names
 * the variable, instead of surfacing later as an odd failure.
 */
export class AppConfig {
  @IntSetting('PORT', 3000, 0, 65535)
  PORT!: number;

  /** Interface to listen on; 0.0.0.0 behind a load balancer or in a container. */
  @Transform(({ value }) => (value === undefined ? '127.0.0.1' : value))
  @IsString()
  @MinLength(1)
  HOST!: string;

  @Transform(({ value }) => (value === undefined || value === '' ? './data/evidence.db' : value))
  @IsString()
  @MinLength(1)
  SQLITE_PATH!: string;

  @IsOptional()
  @Matches(/^(neo4j|neo4j\+s|neo4j\+ssc|bolt|bolt\+s|bolt\+ssc):\/\/[^\s]+$/, {
    message: 'NEO4J_URI must look like neo4j://host:7687 or bolt://host:7687',
  })
  NEO4J_URI?: string;

  @IsOptional()
  @IsString()
  NEO4J_USER?: string;

  @IsOptional()
  @IsString()
  NEO4J_PASSWORD?: string;

  @IsOptional()
  @IsString()
  NEO4J_DATABASE?: string;

  /** How long one connection attempt (with the driver's retries) waits for Neo4j. */
  @IntSetting('NEO4J_TIMEOUT_MS', 5_000, 100, 600_000)
  NEO4J_TIMEOUT_MS!: number;

  /** Longest pause between reconnection attempts while Neo4j is down (doubling from 1 s). */
  @IntSetting('NEO4J_RECONNECT_MAX_MS', 30_000, 100, 3_600_000)
  NEO4J_RECONNECT_MAX_MS!: number;

  @Transform(({ value }) => (value === undefined ? 'development' : value))
  @IsIn(['development', 'production', 'test'], {
    message: 'NODE_ENV must be development, production or test',
  })
  NODE_ENV!: string;

  /** Seed an empty store on start (default on; tests that want an empty store turn it off). */
  @BooleanSetting('SEED_ON_START', true)
  SEED_ON_START!: boolean;

  /** json, or pretty (pino-pretty, for a person); auto: pretty when stdout is a terminal. */
  @Transform(({ value }) => (value === undefined ? 'auto' : String(value).toLowerCase()))
  @IsIn(['auto', 'json', 'pretty'], { message: 'LOG_FORMAT must be one of auto, json, pretty' })
  LOG_FORMAT!: 'auto' | 'json' | 'pretty';

  /** pino's level; silent under jest unless asked. */
  @Transform(({ value, obj }) =>
    value === undefined
      ? (obj as { NODE_ENV?: string }).NODE_ENV === 'test'
        ? 'silent'
        : 'info'
      : value,
  )
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL!: LogLevel;

  // --- access and review ---
  /** Reads without a token (the clinician's report is public by default); false requires READER. */
  @BooleanSetting('ALLOW_ANONYMOUS_READS', true)
  ALLOW_ANONYMOUS_READS!: boolean;

  /** Who may accept or reject a submitted change: ADMIN only, or any EDITOR (never its author). */
  @Transform(({ value }) => (value === undefined ? 'ADMIN' : String(value).toUpperCase()))
  @IsIn(['ADMIN', 'EDITOR'], { message: 'REVIEWER_ROLE must be ADMIN or EDITOR' })
  REVIEWER_ROLE!: 'ADMIN' | 'EDITOR';

  // --- hardening --- (limits and their reasons: README "Limits and hardening")

  /** Largest request body: a 1,000,000-character source text plus JSON escaping fits. */
  @IntSetting('BODY_LIMIT_BYTES', 1_572_864, 1024, 104_857_600)
  BODY_LIMIT_BYTES!: number;

  /** README and tests go 6 deep; two citation hops via connections 8, 10 with their claims. */
  @IntSetting('QUERY_MAX_DEPTH', 10, 1, 100)
  QUERY_MAX_DEPTH!: number;

  /** Tests use at most 4; 15 lets a page compare a few reports side by side. */
  @IntSetting('QUERY_MAX_ALIASES', 15, 0, 1000)
  QUERY_MAX_ALIASES!: number;

  /** Only @include/@skip exist; a query needs a handful. */
  @IntSetting('QUERY_MAX_DIRECTIVES', 20, 0, 1000)
  QUERY_MAX_DIRECTIVES!: number;

  /** Bounds parsing and validation work; README/tests stay under 200, GraphiQL's introspection ~190. */
  @IntSetting('QUERY_MAX_TOKENS', 2000, 50, 1_000_000)
  QUERY_MAX_TOKENS!: number;

  /**
   * graphql-armor's cost (objects 2, scalars 1, x1.5 per level, x page size or a plain list's
   * declared size). README queries cost at most 10k, two citation hops of 20 x 20 with their
   * claims 175k; 100 x 100 is 435k, the 144 MB chain of plain lists 82 million.
   */
  @IntSetting('QUERY_MAX_COST', 250_000, 1, 100_000_000)
  QUERY_MAX_COST!: number;

  /**
   * Most items a plain list (no paging arguments: `sources`, `Claim.statements`, ...) returns.
   * The seeded data's longest is ~40; connections page instead (`first` at most 100).
   */
  @IntSetting('LIST_MAX_ITEMS', 500, 1, 1_000_000)
  LIST_MAX_ITEMS!: number;

  /**
   * Largest GraphQL response, in characters of its JSON: a few whole sources (up to 1,000,000
   * characters each) fit; the 144 MB answer to a chain of plain lists does not.
   */
  @IntSetting('RESPONSE_MAX_BYTES', 16_777_216, 1024, 1_073_741_824)
  RESPONSE_MAX_BYTES!: number;

  /**
   * A query is compiled (graphql-jit) the n-th time the same document is asked, and runs compiled
   * from then on; 0 never compiles (graphql-js runs every query).
   */
  @IntSetting('GRAPHQL_COMPILE_AFTER', 2, 0, 1_000_000)
  GRAPHQL_COMPILE_AFTER!: number;

  /**
   * Megabytes of reports' records (as JSON) kept between requests, served again while the store
   * clock says nothing changed; 0 keeps none and reads every report anew.
   */
  @IntSetting('REPORT_CACHE_MB', 64, 0, 65_536)
  REPORT_CACHE_MB!: number;

  /**
   * Worker processes sharing the port (node:cluster); default one per core. 1 runs the server in
   * this process alone, as before.
   */
  @IntSetting('WEB_CONCURRENCY', availableParallelism(), 1, 64)
  WEB_CONCURRENCY!: number;

  /**
   * Rate-limit counters in Redis (redis://[user:password@]host:port[/db], rediss:// for TLS),
   * shared by every worker and every instance; unset, they live in this server (the primary
   * process with several workers).
   */
  @IsOptional()
  @Matches(/^rediss?:\/\/[^\s]+$/, {
    message: 'REDIS_URL must look like redis://host:6379 or rediss://host:6380',
  })
  REDIS_URL?: string;

  @BooleanSetting('RATE_LIMIT_ENABLED', true)
  RATE_LIMIT_ENABLED!: boolean;

  /** Requests per minute per client IP, without a bearer token. */
  @IntSetting('RATE_LIMIT_PER_MINUTE', 300, 1, 100_000_000)
  RATE_LIMIT_PER_MINUTE!: number;

  /** Requests per minute per bearer token (scripts and editors' tools). */
  @IntSetting('RATE_LIMIT_TOKEN_PER_MINUTE', 1200, 1, 100_000_000)
  RATE_LIMIT_TOKEN_PER_MINUTE!: number;

  /**
   * Express "trust proxy": which X-Forwarded-For hops to believe for the client IP. Behind a load
   * balancer set it (e.g. 1), or every client shares the balancer's IP and its rate limit.
   */
  @Transform(({ value }) => (value === undefined ? 'false' : String(value).trim()))
  @Matches(TRUST_PROXY, {
    message:
      'TRUST_PROXY must be true, false, a number of hops, or a comma-separated list of addresses, subnets, loopback, linklocal or uniquelocal',
  })
  TRUST_PROXY!: string;

  get trustProxy(): boolean | number | string {
    if (this.TRUST_PROXY === 'true' || this.TRUST_PROXY === 'false')
      return this.TRUST_PROXY === 'true';
    return /^\d+$/.test(this.TRUST_PROXY) ? Number(this.TRUST_PROXY) : this.TRUST_PROXY;
  }

  get storeKind(): 'sqlite' | 'neo4j' {
    return this.NEO4J_URI ? 'neo4j' : 'sqlite';
  }

  get sqliteFile(): string {
    return this.SQLITE_PATH === ':memory:' ? ':memory:' : resolve(this.SQLITE_PATH);
  }
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Only our variables, each present (undefined when unset) so every @Transform default applies.
  const keys = [
    'PORT',
    'HOST',
    'SQLITE_PATH',
    'NEO4J_URI',
    'NEO4J_USER',
    'NEO4J_PASSWORD',
    'NEO4J_DATABASE',
    'NEO4J_TIMEOUT_MS',
    'NEO4J_RECONNECT_MAX_MS',
    'NODE_ENV',
    'SEED_ON_START',
    'LOG_LEVEL',
    'LOG_FORMAT',
    'ALLOW_ANONYMOUS_READS',
    'REVIEWER_ROLE',
    // --- hardening ---
    'BODY_LIMIT_BYTES',
    'QUERY_MAX_DEPTH',
    'QUERY_MAX_ALIASES',
    'QUERY_MAX_DIRECTIVES',
    'QUERY_MAX_TOKENS',
    'QUERY_MAX_COST',
    'RESPONSE_MAX_BYTES',
    'LIST_MAX_ITEMS',
    'GRAPHQL_COMPILE_AFTER',
    'REPORT_CACHE_MB',
    'RATE_LIMIT_ENABLED',
    'RATE_LIMIT_PER_MINUTE',
    'RATE_LIMIT_TOKEN_PER_MINUTE',
    'TRUST_PROXY',
    'WEB_CONCURRENCY',
    'REDIS_URL',
  ];
  const plain = Object.fromEntries(keys.map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const config = plainToInstance(AppConfig, plain);
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    // One statement per variable (its first broken rule), with the value as it was given.
    const problems = errors.map((e) => {
      const rule = Object.values(e.constraints ?? {})[0] ?? `${e.property} is not valid`;
      return `${rule} (got ${JSON.stringify(plain[e.property])})`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}.`);
  }
  return config;
}
