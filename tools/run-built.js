#!/usr/bin/env node
/**
 * `node tools/run-built.js dist/auth/token.cli.js [args...]`: runs a compiled command-line tool,
 * compiling the project first only when the build is missing or older than a source. The CLIs'
 * npm scripts went through `npm run build` every time (about 10 s for `token list`); a current
 * build now starts at once.
 *
 * Stale means: some file under src/, or a tsconfig, was modified after the tool's compiled file
 * (tsc rewrites every output on each build, so the entry's time is the build's).
 */
'use strict';
const { spawnSync } = require('child_process');
const { existsSync, readdirSync, statSync } = require('fs');
const { join, resolve } = require('path');

const ROOT = resolve(__dirname, '..');
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json'];

/** The newest modification time (ms) of a file, or of any file below a folder; 0 when absent. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

/** Whether `entry` (a compiled file) must be rebuilt from the sources under `root`. */
function isStale(entry, root = ROOT) {
  if (!existsSync(entry)) return true;
  const built = statSync(entry).mtimeMs;
  return INPUTS.some((input) => newest(join(root, input)) > built);
}

function build() {
  console.error('Compiling (the sources changed since the last build)...');
  const tsc = require.resolve('typescript/bin/tsc');
  const done = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (done.status !== 0) process.exit(done.status ?? 1);
}

function main() {
  const [target, ...args] = process.argv.slice(2);
  if (!target) {
    console.error('usage: node tools/run-built.js dist/<tool>.js [args...]');
    process.exit(2);
  }
  const entry = resolve(ROOT, target);
  if (isStale(entry)) build();
  if (!existsSync(entry)) {
    console.error(`No compiled tool at ${target}: is the path right?`);
    process.exit(2);
  }
  // The tool reads its flags from process.argv as if started directly.
  process.argv = [process.argv[0], entry, ...args];
  require(entry);
}

if (require.main === module) main();

module.exports = { isStale, newest };
