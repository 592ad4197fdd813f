/**
 * `node -r ./test/support/ts-register.js src/main.ts`: runs TypeScript the way
 * `ts-node/register/transpile-only` does (each file transpiled on its own, no type check), with
 * swc and the options jest uses (swc.config.js: tsconfig.json's, in native code), and keeps every
 * transpiled file in a cache on disk, keyed by its content. Tests that start the real server or a
 * CLI as a child process (crash, token CLI) start it several times: after the first start nothing
 * is transpiled again. Source maps are inline, so
 * with --enable-source-maps stack traces point at the .ts lines.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const CACHE = path.join(os.tmpdir(), 'evidence-ts-cache');
const SWC = require('./swc.config');

let swc = null;
let optionsKey = '';

/** swc, loaded only when something must be transpiled. */
function compiler() {
  swc ??= require('@swc/core');
  return swc;
}

function cacheKey(filename, source) {
  if (!optionsKey) {
    const swcVersion = require('@swc/core/package.json').version;
    optionsKey = `swc ${swcVersion}\n${JSON.stringify(SWC)}\nmaps-v3`;
  }
  return crypto
    .createHash('sha256')
    .update(optionsKey)
    .update(filename)
    .update('\0')
    .update(source)
    .digest('hex');
}

function transpile(filename, source) {
  const cached = path.join(CACHE, `${cacheKey(filename, source)}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // Not cached yet.
  }
  // Source maps inline and with the sources: --enable-source-maps points stack traces at .ts lines.
  const out = compiler().transformSync(source, {
    ...SWC,
    filename,
    sourceMaps: 'inline',
    inlineSourcesContent: true,
    swcrc: false,
    configFile: false,
  }).code;
  fs.mkdirSync(CACHE, { recursive: true });
  // Written aside and renamed: a parallel process never reads half a file.
  const tmp = `${cached}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, out);
  fs.renameSync(tmp, cached);
  return out;
}

require.extensions['.ts'] = function loadTs(module, filename) {
  module._compile(transpile(filename, fs.readFileSync(filename, 'utf8')), filename);
};
