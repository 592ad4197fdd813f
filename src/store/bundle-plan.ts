/**
 * Plans a bundle write for any store: which records are new, which differ from what is stored
 * (and, in replace mode, their next version), which are identical. Stores then apply the plan in
 * one transaction, so "what counts as a change" is decided once for both adapters.
 */
import { stableStringify } from '../common/stable-json';
import {
  EvidenceLinkRecord,
  EvidenceStore,
  GraphBundle,
  UpsertMode,
  UpsertResult,
} from './evidence-store.port';

export interface BundlePlan {
  /** Records to insert. */
  create: GraphBundle;
  /** Records to overwrite in place (createdAt kept, version + 1). Evidence links keep their id. */
  replace: GraphBundle;
  result: UpsertResult;
}

type Bookkept = { createdAt?: string; updatedAt?: string; version?: number };

/** Same content, ignoring bookkeeping fields (and a link's id, author and time). */
export function sameContent(a: object, b: object): boolean {
  const strip = (o: object) => {
    const { createdAt: _c, updatedAt: _u, version: _v, ...rest } = o as Record<string, unknown>;
    return stableStringify(rest);
  };
  return strip(a) === strip(b);
}

function sameLink(a: EvidenceLinkRecord, b: EvidenceLinkRecord): boolean {
  return a.relation === b.relation && a.note === b.note && a.quote === b.quote;
}

export function emptyBundle(): GraphBundle {
  return {
    sources: [],
    conditions: [],
    mechanisms: [],
    interventions: [],
    claims: [],
    statements: [],
    studies: [],
    evidence: [],
    gaps: [],
    notices: [],
    citations: [],
  };
}

const VERSIONED = [
  'sources',
  'conditions',
  'mechanisms',
  'interventions',
  'claims',
  'statements',
  'studies',
  'gaps',
] as const;

export async function planBundle(
  store: EvidenceStore,
  bundle: GraphBundle,
  mode: UpsertMode,
): Promise<BundlePlan> {
  const ids = <T extends { id: string }>(xs: T[]) => xs.map((x) => x.id);
  const existing: Record<(typeof VERSIONED)[number], Map<string, object>> = {
    sources: byId(await store.getSources(ids(bundle.sources))),
    conditions: byId(await store.getConditions(ids(bundle.conditions))),
    mechanisms: byId(await store.getMechanisms(ids(bundle.mechanisms))),
    interventions: byId(await store.getInterventions(ids(bundle.interventions))),
    claims: byId(await store.getClaims(ids(bundle.claims))),
    statements: byId(await store.getStatements(ids(bundle.statements))),
    studies: byId(await store.getStudies(ids(bundle.studies))),
    gaps: byId(await store.getGaps(ids(bundle.gaps))),
  };
  const plan: BundlePlan = {
    create: emptyBundle(),
    replace: emptyBundle(),
    result: { created: 0, updated: 0, unchanged: 0, differing: 0 },
  };
  const r = plan.result;

  for (const kind of VERSIONED) {
    for (const rec of bundle[kind] as Array<{ id: string } & Bookkept>) {
      const prior = existing[kind].get(rec.id) as (Bookkept & object) | undefined;
      if (!prior) {
        (plan.create[kind] as object[]).push(rec);
        r.created++;
      } else if (sameContent(prior, rec)) r.unchanged++;
      else if (mode === 'create-missing') r.differing++;
      else {
        (plan.replace[kind] as object[]).push({
          ...rec,
          createdAt: prior.createdAt,
          version: (prior.version ?? 0) + 1,
        });
        r.updated++;
      }
    }
  }

  const links = new Map(
    (await store.evidenceByClaims([...new Set(bundle.evidence.map((x) => x.claimId))])).map((x) => [
      `${x.studyId}|${x.claimId}`,
      x,
    ]),
  );
  for (const rec of bundle.evidence) {
    const prior = links.get(`${rec.studyId}|${rec.claimId}`);
    if (!prior) {
      plan.create.evidence.push(rec);
      r.created++;
    } else if (sameLink(prior, rec)) r.unchanged++;
    else if (mode === 'create-missing') r.differing++;
    else {
      plan.replace.evidence.push({
        ...rec,
        id: prior.id,
        addedBy: prior.addedBy,
        createdAt: prior.createdAt,
      });
      r.updated++;
    }
  }
  // Notices and citations are facts once recorded: new ones are created, known ids left alone.
  const notices = new Set(
    (await store.noticesByStudies([...new Set(bundle.notices.map((n) => n.studyId))])).map(
      (n) => n.id,
    ),
  );
  for (const rec of bundle.notices) {
    if (notices.has(rec.id)) r.unchanged++;
    else {
      plan.create.notices.push(rec);
      r.created++;
    }
  }
  const citations = new Set(
    (await store.citationsOf([...new Set(bundle.citations.map((c) => c.citingId))], 'cites')).map(
      (c) => c.id,
    ),
  );
  for (const rec of bundle.citations) {
    if (citations.has(rec.id)) r.unchanged++;
    else {
      plan.create.citations.push(rec);
      r.created++;
    }
  }
  return plan;
}

function byId<T extends { id: string }>(xs: T[]): Map<string, T> {
  return new Map(xs.map((x) => [x.id, x]));
}
