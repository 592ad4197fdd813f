/**
 * Plans a bundle write for any store: which records are new, which differ from what is stored
 * (and, in replace mode, their next version), which are identical, so "what counts as a change"
 * is decided once for both adapters. The plan is a pure function of the bundle and of what is
 * stored: an adapter reads `bundleKeys(bundle)` inside its write transaction, plans, and applies
 * the plan in that same transaction, so an edit landing in between cannot be overwritten.
 */
import { stableStringify } from '../common/stable-json';
import {
  AuditedKind,
  BundleAudit,
  EvidenceLinkRecord,
  GraphBundle,
  UpsertMode,
  RevisionRecord,
  UpsertResult,
} from './ports';

export interface BundlePlan {
  /** Records to insert. */
  create: GraphBundle;
  /** Records to overwrite in place (createdAt kept, version + 1). Evidence links keep their id. */
  replace: GraphBundle;
  result: UpsertResult;
  /** One revision per created or replaced record, when the write is audited. */
  revisions: RevisionRecord[];
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
  return (
    a.relation === b.relation &&
    a.note === b.note &&
    a.quote === b.quote &&
    // Links from before indirectness was recorded (old exports, old history) record none.
    stableStringify(a.indirectness ?? []) === stableStringify(b.indirectness ?? [])
  );
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

/** What a plan needs to know about the store: the ids and owners a bundle touches. */
export interface BundleKeys {
  sources: string[];
  conditions: string[];
  mechanisms: string[];
  interventions: string[];
  claims: string[];
  statements: string[];
  studies: string[];
  gaps: string[];
  /** Claims whose evidence links to read (links are keyed by study and claim). */
  evidenceClaimIds: string[];
  /** Studies whose notices to read. */
  noticeStudyIds: string[];
  /** Studies whose outgoing citations to read. */
  citingStudyIds: string[];
}

/**
 * The stored records a plan compares against, read by the adapter for `bundleKeys(bundle)`: a
 * bundle's worth of records of every kind.
 */
export type StoredForBundle = GraphBundle;

export function bundleKeys(bundle: GraphBundle): BundleKeys {
  const ids = <T extends { id: string }>(xs: T[]) => xs.map((x) => x.id);
  const distinct = (xs: string[]) => [...new Set(xs)];
  return {
    sources: ids(bundle.sources),
    conditions: ids(bundle.conditions),
    mechanisms: ids(bundle.mechanisms),
    interventions: ids(bundle.interventions),
    claims: ids(bundle.claims),
    statements: ids(bundle.statements),
    studies: ids(bundle.studies),
    gaps: ids(bundle.gaps),
    evidenceClaimIds: distinct(bundle.evidence.map((x) => x.claimId)),
    noticeStudyIds: distinct(bundle.notices.map((n) => n.studyId)),
    citingStudyIds: distinct(bundle.citations.map((c) => c.citingId)),
  };
}

export function planBundle(
  bundle: GraphBundle,
  stored: StoredForBundle,
  mode: UpsertMode,
  audit?: BundleAudit,
): BundlePlan {
  const existing: Record<(typeof VERSIONED)[number], Map<string, object>> = {
    sources: byId(stored.sources),
    conditions: byId(stored.conditions),
    mechanisms: byId(stored.mechanisms),
    interventions: byId(stored.interventions),
    claims: byId(stored.claims),
    statements: byId(stored.statements),
    studies: byId(stored.studies),
    gaps: byId(stored.gaps),
  };
  const plan: BundlePlan = {
    create: emptyBundle(),
    replace: emptyBundle(),
    result: { created: 0, updated: 0, unchanged: 0, differing: 0 },
    revisions: [],
  };
  const r = plan.result;
  const record = (kind: AuditedKind, before: object | null, after: object) => {
    if (audit) plan.revisions.push(audit.revision(kind, before, after));
  };

  for (const kind of VERSIONED) {
    for (const rec of bundle[kind] as Array<{ id: string } & Bookkept>) {
      const prior = existing[kind].get(rec.id) as (Bookkept & object) | undefined;
      if (!prior) {
        (plan.create[kind] as object[]).push(rec);
        record(kind, null, rec);
        r.created++;
      } else if (sameContent(prior, rec)) r.unchanged++;
      else if (mode === 'create-missing') r.differing++;
      else {
        const next = { ...rec, createdAt: prior.createdAt, version: (prior.version ?? 0) + 1 };
        (plan.replace[kind] as object[]).push(next);
        record(kind, prior, next);
        r.updated++;
      }
    }
  }

  const links = new Map(stored.evidence.map((x) => [`${x.studyId}|${x.claimId}`, x]));
  for (const rec of bundle.evidence) {
    const prior = links.get(`${rec.studyId}|${rec.claimId}`);
    if (!prior) {
      plan.create.evidence.push(rec);
      record('evidence', null, rec);
      r.created++;
    } else if (sameLink(prior, rec)) r.unchanged++;
    else if (mode === 'create-missing') r.differing++;
    else {
      const next: EvidenceLinkRecord = {
        ...prior,
        relation: rec.relation,
        note: rec.note,
        quote: rec.quote,
        indirectness: rec.indirectness ?? [],
        updatedAt: rec.updatedAt,
        version: prior.version + 1,
      };
      plan.replace.evidence.push(next);
      record('evidence', prior, next);
      r.updated++;
    }
  }
  // Notices and citations are facts once recorded: new ones are created, known ids left alone.
  for (const kind of ['notices', 'citations'] as const) {
    const known = new Set(stored[kind].map((x) => x.id));
    for (const rec of bundle[kind]) {
      if (known.has(rec.id)) r.unchanged++;
      else {
        (plan.create[kind] as object[]).push(rec);
        record(kind, null, rec);
        r.created++;
      }
    }
  }
  return plan;
}

function byId<T extends { id: string }>(xs: T[]): Map<string, T> {
  return new Map(xs.map((x) => [x.id, x]));
}
