import { DynamicModule, Module } from '@nestjs/common';
import { AbstractLoader, ExpressLoader, ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'fs';
import { join } from 'path';

/**
 * The web explorer (web/, built by `npm run build` into dist/web). The same folder from src/
 * (ts-node, tests) and from dist/ (npm start): both sit one level below the repository root.
 */
export const WEB_ROOT = process.env.WEB_ROOT ?? join(__dirname, '..', '..', 'dist', 'web');

/**
 * The API's own routes, never answered with the app: serve-static registers its deep-link
 * fallback before Nest's controllers, so these must be named here to reach them.
 */
export const API_ROUTES = [
  '/graphql{/*path}',
  '/graphiql{/*path}',
  '/health',
  '/ready',
  '/export{/*path}',
  // A missing script or style is a 404, not the app's HTML under a .js name.
  '/assets{/*path}',
];

/** Whether `npm run build` produced the app (it is served only then). */
export function explorerBuilt(root = WEB_ROOT): boolean {
  return existsSync(join(root, 'index.html'));
}

@Module({})
export class WebExplorerModule {
  /**
   * Serves the built app at / with deep links falling back to index.html. When the app is not
   * built (API-only checkouts, tests that do not need it) nothing is mounted and the API
   * answers unknown paths as before.
   */
  static register(root = WEB_ROOT): DynamicModule {
    if (!explorerBuilt(root)) return { module: WebExplorerModule };
    return {
      module: WebExplorerModule,
      imports: [
        withExpressLoader(
          ServeStaticModule.forRoot({
            rootPath: root,
            exclude: API_ROUTES,
            serveStaticOptions: {
              // Hashed file names under assets/ never change; index.html is always re-read. The
              // content-security policy is helmet's, on every answer (app.factory.ts).
              setHeaders: (res, path) => {
                const hashed = path.includes(join('assets', ''));
                res.setHeader(
                  'Cache-Control',
                  hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
                );
              },
            },
          }),
        ),
      ],
    };
  }
}

/**
 * serve-static picks its loader from the HTTP adapter when the module is compiled; a testing
 * module compiles before it has one and silently gets the no-op loader. This server is always
 * Express, so say so.
 */
function withExpressLoader(module: DynamicModule): DynamicModule {
  return {
    ...module,
    providers: [...(module.providers ?? []), { provide: AbstractLoader, useClass: ExpressLoader }],
  };
}
