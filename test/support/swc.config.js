/**
 * How jest turns the TypeScript of src/ and test/ into JavaScript (@swc/jest): what tsconfig.json
 * asks of tsc, file by file, with no type check (`npm run typecheck` checks types once).
 * swc does it in native code: ts-jest's transpileModule cost about 8 s of CPU on the unit and
 * medium projects alone, on a cold cache (a fresh clone, CI), and again in every worker.
 * - legacy decorators with their design-time metadata: NestJS reads constructor parameter types
 *   from it to inject services;
 * - class fields defined as ES2022 does (tsc's default for target ES2022);
 * - jest.mock calls hoisted above the imports, as ts-jest did.
 * Plain JavaScript: the jest configs require it before any transform exists.
 */
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
