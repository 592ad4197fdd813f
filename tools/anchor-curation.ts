/**
 * Fills in each curated statement's anchor (start, end in code points, prefix, suffix) from its
 * quote and occurrence, so the data files carry the full W3C-style selector. Run it after editing
 * seeds/curation/sources.json: `npm run curation:anchor`.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { anchorStatement, CuratedSource, SEEDS_DIR } from '../src/seed/curation';

const file = join(SEEDS_DIR, 'curation', 'sources.json');
const sources = JSON.parse(readFileSync(file, 'utf8')) as CuratedSource[];
let changed = 0;
for (const s of sources) {
  const text = readFileSync(join(SEEDS_DIR, 'sources', s.file), 'utf8');
  s.statements = s.statements.map((st) => {
    const { start, end, prefix, suffix } = anchorStatement(text, st);
    if (st.start !== start || st.end !== end || st.prefix !== prefix || st.suffix !== suffix)
      changed++;
    const { id, claim, quote, occurrence, hedging } = st;
    return {
      id,
      claim,
      quote,
      ...(occurrence ? { occurrence } : {}),
      start,
      end,
      prefix,
      suffix,
      hedging,
    };
  });
}
writeFileSync(file, JSON.stringify(sources, null, 2) + '\n');
console.log(
  `Anchored ${sources.reduce((n, s) => n + s.statements.length, 0)} statements (${changed} changed).`,
);
