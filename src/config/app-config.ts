import { plainToInstance, Transform } from 'class-transformer';
import {
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
import { resolve } from 'path';

/**
 * Environment, validated once at start. A wrong value stops the process with a message that names
 * the variable, instead of surfacing later as an odd failure.
 */
export class AppConfig {
  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt({ message: 'PORT must be an integer' })
  @Min(0, { message: 'PORT must be 0..65535' })
  @Max(65535, { message: 'PORT must be 0..65535' })
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

  @Transform(({ value }) => (value === undefined ? 'development' : value))
  @IsIn(['development', 'production', 'test'], {
    message: 'NODE_ENV must be development, production or test',
  })
  NODE_ENV!: string;

  /** Seed an empty store on start (default on; tests that want an empty store turn it off). */
  @Transform(
    ({ value }) => value === undefined || value === '' || value === 'true' || value === '1',
  )
  SEED_ON_START!: boolean;

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
    'NODE_ENV',
    'SEED_ON_START',
  ];
  const plain = Object.fromEntries(keys.map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const config = plainToInstance(AppConfig, plain);
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) =>
      Object.values(e.constraints ?? {}).map((m) => `  - ${m} (got ${JSON.stringify(e.value)})`),
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
