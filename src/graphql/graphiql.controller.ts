import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { dirname, join } from 'path';
import { Public } from '../auth/roles.decorator';

/**
 * A GraphiQL IDE served from this server's own node_modules: Apollo's landing page loads from a
 * CDN, which an offline or locked-down deployment cannot reach. Not mounted in production.
 */
const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'application/javascript' },
  'react-dom.js': {
    pkg: 'react-dom',
    file: 'umd/react-dom.production.min.js',
    type: 'application/javascript',
  },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'application/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

/** Packages' "exports" hide their UMD files from require.resolve; their package.json is public. */
function assetPath(a: { pkg: string; file: string }): string {
  return join(dirname(require.resolve(`${a.pkg}/package.json`)), a.file);
}

const DEFAULT_QUERY = `# The evidence for IV ketamine in fibromyalgia, in plain words.
{
  evidenceReport(condition: "fibro") {
    summary { text }
    claims {
      claim { text }
      status
      grade
      explanation
      statements { quote hedging source { title } }
      contradicting { study { title year design } }
      gaps { description }
    }
  }
}
`;

/**
 * The page has no inline script or style: the content-security policy (app.factory.ts) allows
 * scripts from this origin only, so the start-up code is an asset of its own.
 */
const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Evidence graph · GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/assets/graphiql.css" />
  <link rel="stylesheet" href="/graphiql/assets/page.css" />
</head>
<body>
  <div id="graphiql">Loading…</div>
  <script src="/graphiql/assets/react.js"></script>
  <script src="/graphiql/assets/react-dom.js"></script>
  <script src="/graphiql/assets/graphiql.js"></script>
  <script src="/graphiql/assets/start.js"></script>
</body>
</html>`;

/** Assets written here rather than read from a package. */
const GENERATED: Record<string, { body: string; type: string }> = {
  'start.js': {
    type: 'application/javascript',
    body: `const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)} }),
);
`,
  },
  'page.css': {
    type: 'text/css',
    body: 'body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }\n',
  },
};

/** The IDE page itself is static; the queries it sends are checked like any other. */
@Public()
@Controller('graphiql')
export class GraphiqlController {
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return PAGE;
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    const generated = GENERATED[file];
    if (generated) {
      res.type(generated.type).set('cache-control', 'public, max-age=86400').send(generated.body);
      return;
    }
    const asset = ASSETS[file];
    if (!asset) throw new NotFoundException();
    res.type(asset.type).set('cache-control', 'public, max-age=86400').sendFile(assetPath(asset));
  }
}
