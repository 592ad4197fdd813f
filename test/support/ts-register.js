/**
 * `node -r ./test/support/ts-register.js src/main.ts`: runs TypeScript the way
 * `ts-node/register/transpile-only` does (each file transpiled on its own with tsconfig.json's
 * options, no type check), but keeps every transpiled file in a cache on disk, keyed by its
 * content. Tests that start the real server or a CLI as a child process (crash, token CLI) start
 * it several times: after the first start nothing is transpiled again. Source maps are inline, so
 * with --enable-source-maps stack traces point at the .ts lines.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');
const CACHE = path.join(os.tmpdir(), 'evidence-ts-cache');

let ts = null;
let options = null;
let optionsKey = '';

/** TypeScript and the compiler options, loaded only when something must be transpiled. */
function compiler() {
  if (ts) return { ts, options };
  ts = require('typescript');
  const file = path.join(ROOT, 'tsconfig.json');
  const parsed = ts.parseJsonConfigFileContent(
    ts.readConfigFile(file, ts.sys.readFile).config,
    ts.sys,
    ROOT,
  );
  // Source maps inline, and relative to the .ts file itself (not to outDir).
  options = {
    ...parsed.options,
    outDir: undefined,
    rootDir: undefined,
    sourceMap: false,
    inlineSourceMap: true,
    inlineSources: true,
  };
  return { ts, options };
}

function cacheKey(filename, source) {
  if (!optionsKey) {
    const tsVersion = require('typescript/package.json').version;
    optionsKey = `${tsVersion}\n${fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')}\nmaps-v2`;
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
  const c = compiler();
  const out = c.ts.transpileModule(source, {
    compilerOptions: c.options,
    fileName: filename,
  }).outputText;
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
