/**
 * Every seeded claim's grade, read back from a freshly seeded SQLite file and assessed as the
 * server does: `ts-node tools/grades-table.ts > grades.json`. Two runs (before and after a rule or
 * curation change) compare with `--diff before.json after.json`.
 */
import { readFileSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { assess } from '../src/evidence/assessment';
import { bundleAudit } from '../src/history/revision';
import { loadCuration, SEED_WRITER } from '../src/seed/curation';
import { createSqliteStore } from '../src/store/sqlite/sqlite.store';

interface Row {
  claim: string;
  grade: string;
  explanation: string[];
}

async function grades(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'grades-'));
  const store = createSqliteStore(join(dir, 'seeded.db'));
  try {
    await store.init();
    await store.upsertBundle(loadCuration(), 'create-missing', bundleAudit(SEED_WRITER));
    const claims = loadCuration().claims.map((c) => c.id);
    const links = await store.evidenceByClaims(claims);
    const studies = new Map(
      (await store.getStudies([...new Set(links.map((l) => l.studyId))])).map((s) => [s.id, s]),
    );
    return claims.map((claim) => {
      const a = assess(
        links
          .filter((l) => l.claimId === claim)
          .map((link) => ({ link, study: studies.get(link.studyId)! })),
        [],
      );
      return { claim, grade: a.grade, explanation: a.explanation };
    });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const [flag, before, after] = process.argv.slice(2);
  if (flag === '--diff') {
    const read = (f: string) =>
      new Map((JSON.parse(readFileSync(f, 'utf8')) as Row[]).map((r) => [r.claim, r]));
    const [b, a] = [read(before), read(after)];
    console.log('| claim | old grade | new grade | why |\n|---|---|---|---|');
    for (const [claim, now] of a) {
      const was = b.get(claim);
      if (!was || was.grade === now.grade) continue;
      const why = now.explanation.filter((e) => /indirectness/i.test(e)).join(' ');
      console.log(`| ${claim} | ${was.grade} | ${now.grade} | ${why} |`);
    }
    return;
  }
  console.log(JSON.stringify(await grades(), null, 1));
}

void main();
