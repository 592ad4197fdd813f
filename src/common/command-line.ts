/**
 * What every command-line tool (seed, import, export, token, store:copy) does the same way:
 * flags parsed by Node's util.parseArgs in strict mode (an unknown flag is refused, not ignored),
 * --help / -h printing the usage, and every error a person can fix reported as one line, without
 * a stack: a usage mistake (exit 2), a bad setting, a missing file, a refused change (exit 1).
 * Only an unexpected error prints its stack.
 */
import { parseArgs, ParseArgsConfig } from 'util';
import { ConfigError } from '../config/app-config';
import { DomainError } from './domain-error';

/** A mistake in the command line itself: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** A failure the message explains fully (no stack helps): printed alone, exit code 1. */
export class CliError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed flags: booleans for boolean options, strings for the others (none is multiple). */
export type Flags<O extends Options> = {
  [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : string;
};

/**
 * util.parseArgs with --help added and strict checking; on --help prints `usage` and exits 0.
 * A flag it does not know, or a value where none belongs, is a UsageError naming it.
 */
export function parseCommandLine<O extends Options>(
  usage: string,
  options: O,
  config: { allowPositionals?: boolean; args?: string[] } = {},
): { values: Flags<O>; positionals: string[] } {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: config.args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: config.allowPositionals ?? false,
      strict: true,
    });
  } catch (err) {
    // Node's messages name the flag ("Unknown option '--frmat'"); its advice about '--' is noise.
    const message = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(message);
  }
  if (parsed.values.help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed as { values: Flags<O>; positionals: string[] };
}

/** A file system error as a person reads it, naming the path (ENOENT, EACCES, EISDIR, ...). */
export function fileError(err: unknown): CliError | undefined {
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code !== 'string' || !e.syscall) return undefined;
  const path = e.path ? `"${e.path}"` : 'the file';
  const why: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a part of the path is not a folder',
  };
  return new CliError(
    `Cannot ${e.syscall === 'open' ? 'open' : e.syscall} ${path}: ${why[e.code] ?? e.code}.`,
  );
}

/**
 * Runs a tool's main and exits: 0 when it returns (or its own code), 2 for a usage mistake with
 * the usage, 1 with one line for anything a person can fix, 1 with the stack otherwise.
 */
export function runCommand(usage: string, main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (err: unknown) => {
      if (err instanceof UsageError) {
        console.error(`${err.message}\n${usage}`);
        process.exit(2);
      }
      const known =
        err instanceof CliError || err instanceof ConfigError || err instanceof DomainError
          ? err
          : fileError(err);
      console.error(known ? known.message : err);
      process.exit(1);
    },
  );
}
