/**
 * Bad input, table-driven, for every mutation of schema.graphql, over HTTP against the real
 * server on each store (generalises the 32 cases of editor.e2e.spec.ts).
 *
 * A small table (SPECS) describes each mutation's input fields: kind (text, id reference, slug,
 * enum, int, list, format), whether required, the longest accepted value, how an unknown id is
 * refused. From it the suite generates, per field:
 * - malformed values where the field has a format (slug ids, DOI, PMID, URL, date);
 * - oversized values: a 1 MiB (1,048,576-character) string in every string field and list item,
 *   one character over the limit, one item over the longest list;
 * - wrongly typed values (number for string, string for Int, object for list, unknown enum value);
 * - missing required fields, nulls, unknown extra fields, an input of the wrong shape;
 * - hostile text (SQL and Cypher fragments, control characters, bidi overrides, zero-width joiners,
 *   astral emoji, combining characters) where it is not valid: as ids, as DOIs, URLs, dates;
 * - callers without the right: anonymous, unknown, malformed and revoked tokens, readers, and
 *   editors on admin-only mutations.
 * Each refusal must carry the right extensions.code, name the field (extensions.field for our
 * validation, the message for GraphQL's variable coercion, which answers HTTP 400) and leave the
 * store exactly as it was: the raw database (every table / node and relationship, revisions and
 * tokens included) is compared with the state before.
 *
 * Hostile text that is valid is stored exactly as sent: each text field of each mutation gets each
 * string of HOSTILE_TEXT; the value is read back through the API and through the raw database and
 * compared as strings and as UTF-8 bytes, and nothing but the new (or changed) record, its own
 * rows and its one revision may differ from before.
 *
 * Regressions: cases this suite first found as bugs (stored or misnamed although they should be
 * refused); each names the bug it guards against ("was: ...").
 *
 * Raw reads go through the shared probes of test/support (ServerProbe: snapshot, fingerprint,
 * record, lastRevision), which read the database on connections of their own.
 *
 * Order: every test creates or is given what it reads, so the file passes in any order
 * (jest --randomize): the refusals' baseline is taken when their block starts, and the check that
 * each base input is accepted uses a second fixture set, so it uses up nothing a refusal needs.
 *
 * Speed: one server per store for the whole file. On SQLite every case compares full snapshots;
 * the probe reads the tables again only when SQLite's data_version says the server committed
 * since the last read, so a refusal costs no table reads. On Neo4j a full snapshot takes
 * ~30-250 ms, so refusals are checked with a one-query fingerprint (count, summed versions and
 * latest timestamp per label and relationship type) and a full snapshot every
 * NEO4J_FULL_EVERY_REFUSAL-th case against the same baseline: as nothing may change, any change
 * the fingerprint missed still fails the next full comparison. (Where the probe can watch the
 * server's transaction log, a local Neo4j, it answers both from its last read while nothing at
 * all was committed since: no commit, no change.) Stored-text cases on Neo4j do the full
 * before/after diff every NEO4J_FULL_EVERY_STORED-th case and otherwise count revisions (exactly
 * one more: a label count, answered from Neo4j's counts store) and check the raw record itself.
 *
 * Refusals that never reach a resolver run on SQLite only: GraphQL's variable coercion (HTTP 400),
 * the body limit (413) and the global validation pipe's checks of a value's shape (length, blank,
 * control characters, formats, bounds, list sizes) answer before any service or store runs, the
 * same code whichever store is configured. Refusals a store takes part in (unknown references,
 * stale versions, ids in use, tokens, review items) and every stored text run on both.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  buildSchema,
  getNamedType,
  GraphQLInputObjectType,
  GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from 'graphql';
import {
  anonymous,
  bearer,
  GqlResult,
  ServerProbe,
  startServer,
  StoreKind,
  storeKinds,
  TestServer,
  TestTokens,
} from '../support/server';

jest.setTimeout(120_000);

type Input = Record<string, unknown>;
type Code = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'UNAUTHENTICATED' | 'FORBIDDEN';

const MIB = 1_048_576;
const ONE_MIB = 'x'.repeat(MIB);
const NEO4J_FULL_EVERY_REFUSAL = 25;
const NEO4J_FULL_EVERY_STORED = 12;

// ---------------------------------------------------------------------------------------------
// Seed records the table refers to (seeds/), and fixtures created in beforeAll
// ---------------------------------------------------------------------------------------------

const SEED = {
  condition: 'fibromyalgia',
  condition2: 'crps',
  mechanism: 'nmda-receptor-antagonism',
  intervention: 'iv-ketamine-infusion',
  study: 'study-dale-2012',
  study2: 'study-loix-2011',
  study3: 'study-de-kock-2013',
  study4: 'study-niesters-2014',
} as const;

interface Fixtures {
  /**
   * Which set (0 for the cases', 1 for the check that base inputs are accepted): base inputs of
   * one set use up only its own fixtures, and unique values (DOI, names) differ between sets.
   */
  set: number;
  /** A source holding BASE_QUOTE once and every hostile quote (quoteFor) once. */
  source: string;
  /** A claim for statements and gaps. */
  claim: string;
  /** A claim no refused case may change, and its version. */
  updateClaim: { id: string; version: number };
  /** A claim not yet linked to SEED.study. */
  linkTarget: string;
  /** An evidence link (SEED.study -> claim) for unlinkEvidence. */
  link: { studyId: string; claimId: string; version: number };
  /** An open gap for resolveGap. */
  gap: { id: string; version: number };
  /** A citation for removeCitation. */
  citation: { citingId: string; citedId: string };
  /** Two studies with no citation between them, for addCitation. */
  uncited: { citingId: string; citedId: string };
  /** A SUBMITTED claim written by editor2, for the admin to review. */
  submitted: { id: string; version: number };
  /** Another, for reviewChanges: base inputs of both review mutations accept their own claim. */
  submittedBulk: { id: string; version: number };
  /** An accepted notice (a CORRECTION), for withdrawNotice. */
  notice: { id: string; version: number };
  /** A revertible revision (an update of a claim). */
  revision: string;
  /** A condition and a mechanism no refused case may change, with their versions. */
  condition: { id: string; version: number };
  mechanism: { id: string; version: number };
  /** A study whose risk of bias is judged, and its version. */
  judged: { id: string; version: number };
  /** An evidence link whose indirectness is edited, and its version. */
  indirect: { id: string; version: number };
  /** A token id for revokeToken. */
  tokenToRevoke: string;
  /** Secret of an EDITOR token that has been revoked. */
  revokedSecret: string;
}

/** Sets other than the first name their unique values apart: ' 1', '.1'. */
const sfx = (fx: Fixtures, sep = ' ') => (fx.set === 0 ? '' : `${sep}${fx.set}`);

const BASE_QUOTE = 'BASE-QUOTE-MARKER appears exactly once';
const BASE_BIBTEX =
  '@article{badinputbase,\n  title = {Bad-input base import},\n  author = {Roe, R.},\n  year = {2021},\n  doi = {10.5555/bad-input.base-import}\n}\n';

// ---------------------------------------------------------------------------------------------
// Hostile text that is valid (stored exactly as sent), and values that are not
// ---------------------------------------------------------------------------------------------

const HOSTILE_TEXT: Array<[label: string, text: string]> = [
  ['plain ASCII (control case)', 'Plain text, nothing special 123'],
  ['SQL fragments', "'); DROP TABLE claims; -- 1'; UPDATE claims SET text = 'pwned' WHERE '1'='1"],
  ['a Cypher fragment closing a map', '"}) DETACH DELETE n //'],
  [
    'Cypher OR 1=1, backticks, parameters',
    "' OR 1=1 // `}) MATCH (n) DETACH DELETE n RETURN $id {x}",
  ],
  ['a right-to-left override', 'Safe \u202Eexe.evil\u202C text'],
  [
    'bidi marks and isolates',
    'a\u200Eb\u200Fc \u202Ad\u202Be\u202Cf\u202Dg \u2066h\u2067i\u2068j\u2069',
  ],
  ['zero-width joiners, spaces and BOM', 'a\u200Db\u200Cc\u200Bd\uFEFFe \u{1F469}\u200D\u{1F4BB}'],
  [
    'astral emoji and math letters',
    '\u{1F600}\u{1F9EA} \u{1D542}\u{1D556}\u{1D565} \u{1F3F3}\uFE0F\u200D\u{1F308}',
  ],
  [
    'combining characters (NFD, not normalised)',
    'Cafe\u0301 n\u0303 Z\u0337\u0322a\u0335l\u0338g\u0336o \u1100\u1161',
  ],
  // C0 controls other than tab, newline and CR are refused (CONTROL_TEXT); DEL and C1 are text.
  ['DEL and C1 controls', 'del\u007f c1\u0085\u009b'],
  [
    'leading and trailing whitespace, CRLF, tab, line and paragraph separators',
    '  padded \r\n\ttext\u2028para\u2029end  ',
  ],
  [
    'noncharacters, HTML, script and escapes',
    'non\uFFFE\uFFFF\u{10FFFF} <script>alert(1)</script> &amp; \\" \\\\n {"a":1} %s %n',
  ],
];

/** C0 control characters (not tab, newline, CR): refused in every text field (issue 9, item 10). */
const CONTROL_TEXT: Array<[label: string, text: string]> = [
  ['a NUL character', 'before\u0000after'],
  ['BEL and ESC (ANSI colours)', 'bell\u0007 esc\u001b[31mred\u001b[0m'],
  ['other C0 controls', 'c0\u0001\u0008\u000b\u000c\u001f'],
];

/** Empty once whitespace and zero-width characters are gone: refused like an empty string. */
const INVISIBLE_ONLY = '\u200B \u200C\u200D\uFEFF\u2060';

/** The quote addStatement anchors for hostile text number n: unique in the fixture source. */
const quoteFor = (n: number) => `[[q${n}]]${HOSTILE_TEXT[n][1]}[[/q${n}]]`;

/** Ids that name nothing, some of them trying to make a query match something. */
const UNKNOWN_IDS: Array<[label: string, id: string]> = [
  ['an id that names nothing', 'no-such-record'],
  ['an SQL fragment', "x'); DROP TABLE claims; --"],
  ['a Cypher fragment', '"}) DETACH DELETE n //'],
  ['an SQL LIKE wildcard', '%'],
  ['a regex wildcard', '.*'],
];

const BAD_SLUGS: Array<[label: string, id: string]> = [
  ['spaces and punctuation', 'Bad Id!'],
  ['upper case', 'UPPER-case'],
  ['a doubled separator', 'a--b'],
  ['a leading separator', '-lead'],
  ['a trailing separator', 'trail-'],
  ['a non-ASCII letter', 'caf\u00e9'],
  ['a path', '../etc/passwd'],
  ['121 characters', 'a'.repeat(121)],
  ['an SQL fragment', "x'); DROP TABLE claims; --"],
  ['a Cypher fragment', '"}) DETACH DELETE n //'],
  ['a NUL character', 'a\u0000b'],
  ['a right-to-left override', 'a\u202Eb'],
  ['a zero-width joiner', 'a\u200Db'],
  ['an emoji', 'id-\u{1F600}'],
];

const FORMAT_CASES: Record<'url' | 'doi' | 'pmid' | 'date', Array<[string, string]>> = {
  url: [
    ['a javascript: URL', 'javascript:alert(1)'],
    ['an ftp URL', 'ftp://example.org/a'],
    ['a file URL', 'file:///etc/passwd'],
    ['a data URL', 'data:text/html,<script>alert(1)</script>'],
    ['words', 'not a url'],
    ['a scheme only', 'http://'],
    ['a host with a space', 'https://exa mple.org/'],
    ['a protocol-relative URL', '//example.org/x'],
    ['an SQL fragment', "https://example.org/'); DROP TABLE sources; --"],
  ],
  doi: [
    ['a DOI with a space', '10.12/not a doi'],
    ['a DOI with no registrant', 'doi:11.1000/abc'],
    ['words', 'not-a-doi'],
    ['a prefix without suffix', '10.1000/'],
    ['a resolver prefix only', 'https://doi.org/'],
    ['bad percent-encoding', '10.5555/%E0%A4%A'],
    ['a letter O for zero', '1O.5555/x'],
    ['an SQL fragment', "10.5555/x'); DROP TABLE studies; --"],
    ['a Cypher fragment', '10.5555/x"}) DETACH DELETE n //'],
    ['markup in the suffix (issue 9: was stored)', '10.1234/<script>alert(1)</script>'],
    ['percent-encoded markup', 'https://doi.org/10.5555/%3Cb%3E'],
    ['a quote in the suffix', '10.5555/a"b'],
  ],
  pmid: [
    ['letters', '12ab'],
    ['zero', '0'],
    ['ten digits', '1234567890'],
    ['a negative number', '-5'],
    ['a prefix only', 'PMID:'],
    ['a decimal', '1.5'],
    ['Arabic-Indic digits', '\u0661\u0662\u0663'],
    ['an SQL fragment', '1 OR 1=1'],
  ],
  date: [
    ['slashes', '2024/01/02'],
    ['a two-digit year', '24-01-02'],
    ['no zero padding', '2024-1-2'],
    ['a timestamp', '2024-01-02T00:00:00Z'],
    ['words', 'yesterday'],
    ['full-width digits', '\uFF12\uFF10\uFF12\uFF14-01-02'],
    ['an SQL fragment', "2024-01-02'); DROP TABLE study_notices; --"],
  ],
};

/** Accepted by the date's shape check although no such day exists (see KNOWN_BUG_CASES). */
const IMPOSSIBLE_DATES = ['2024-13-45', '2023-02-29', '0000-00-00'];

/** Lone UTF-16 surrogates: JSON can carry them (\ud800), UTF-8 storage cannot. */
const LONE_SURROGATES: Array<[string, string]> = [
  ['a lone high surrogate', 'a\uD800b'],
  ['a lone low surrogate', 'a\uDC00b'],
  ['reversed surrogates', 'a\uDE00\uD83Db'],
];

// ---------------------------------------------------------------------------------------------
// The table: every mutation, every input field
// ---------------------------------------------------------------------------------------------

type FieldKind =
  | 'text'
  | 'ref'
  | 'slug'
  | 'enum'
  | 'int'
  | 'textList'
  | 'refList'
  | 'codes'
  | 'indirectness'
  | 'reviewItems'
  | 'objects'
  | 'url'
  | 'doi'
  | 'pmid'
  | 'date';

interface FieldSpec {
  name: string;
  kind: FieldKind;
  required?: boolean;
  /** Longest accepted string (each item, for lists), in characters. */
  max?: number;
  /** Most items, for lists (default 100). */
  maxItems?: number;
  /** Fewest items, for a required list. */
  minItems?: number;
  /** Int bounds. */
  min?: number;
  maxValue?: number;
  /** A list of input objects (objects): their type, a valid item, a required and a text field. */
  objects?: {
    type: string;
    item(fx: Fixtures, i: number): Input;
    required: string;
    text: string;
  };
  /** How an id that names nothing is refused (ref, refList). */
  unknown?: { code: Code; field?: string; bug?: string };
  /** Where valid hostile text in this field is kept: on the record, or on its revision. */
  stored?: 'record' | 'revision';
  /** Names (and claim texts) must be unique: hostile values get a numbered suffix. */
  unique?: boolean;
}

interface Ctx {
  kind: StoreKind;
  server: TestServer;
  fx: Fixtures;
  /** The raw database behind the server (test/support probes), independent of the store. */
  raw: ServerProbe;
  gql(query: string, variables?: Input, headers?: Record<string, string>): Promise<GqlResult>;
}

interface SuccessSpec {
  /** Fresh records the case needs (so each case can succeed once). */
  prepare?(ctx: Ctx, n: number): Promise<Record<string, string>>;
  /** The input without the hostile text fields. */
  input(fx: Fixtures, prepared: Record<string, string>, n: number): Input;
  /** The record the text lands on. */
  record(data: any, prepared: Record<string, string>): string;
  /** Reads the record back through the API: input field name -> value. */
  read?(ctx: Ctx, record: string, sent: Input): Promise<Input>;
}

interface MutationSpec {
  name: string;
  inputType: string;
  select: string;
  /** Who sends input: admin-only mutations as admin. */
  as: 'editor' | 'admin';
  /** An editor is refused (FORBIDDEN). */
  adminOnly?: boolean;
  /** A valid input: it would succeed, so a refusal is the bad field's doing. */
  base(fx: Fixtures): Input;
  fields: FieldSpec[];
  /** An input with an out-of-date expectedVersion. */
  stale?(fx: Fixtures): Input;
  success?: SuccessSpec;
}

const text = (name: string, max: number, o: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  kind: 'text',
  max,
  ...o,
});
const ref = (name: string, code: Code, o: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  kind: 'ref',
  max: 120,
  unknown: { code },
  ...o,
});
const refList = (name: string): FieldSpec => ({
  name,
  kind: 'refList',
  max: 120,
  maxItems: 100,
  unknown: { code: 'BAD_USER_INPUT' },
});
const enumField = (name: string, required = false): FieldSpec => ({ name, kind: 'enum', required });
/** A list of importCuration items (at most 500). */
const curationList = (
  name: string,
  type: string,
  required: string,
  textField: string,
  item: (fx: Fixtures, i: number) => Input,
): FieldSpec => ({
  name,
  kind: 'objects',
  maxItems: 500,
  objects: { type, item, required, text: textField },
});
const slug: FieldSpec = { name: 'id', kind: 'slug', max: 120 };
const version: FieldSpec = { name: 'expectedVersion', kind: 'int', required: true, min: 1 };
const reason: FieldSpec = text('reason', 5000, { stored: 'revision' });

const q = (s: string) => `query($id: ID!) { ${s} }`;

/** A list of how a study differs from a claim: one entry per domain, at most five. */
const indirectnessField = (required: boolean): FieldSpec => ({
  name: 'indirectness',
  kind: 'indirectness',
  required,
  max: 5000,
  maxItems: 5,
  stored: 'record',
});

const SPECS: MutationSpec[] = [
  {
    name: 'createSource',
    inputType: 'CreateSourceInput',
    select: 'id',
    as: 'editor',
    base: () => ({
      title: 'Bad-input base source',
      url: 'https://example.org/base',
      publisher: 'Base publisher',
      kind: 'NEWS',
      text: 'Plain base text.',
    }),
    fields: [
      slug,
      // title and text are required together (a page may omit its title); exactly one of text
      // and html: those rules are the service's, tested in ingest.e2e.spec.ts.
      text('title', 1000, { stored: 'record' }),
      { name: 'url', kind: 'url', max: 2000 },
      text('publisher', 300, { stored: 'record' }),
      enumField('kind', true),
      text('text', 1_000_000, { stored: 'record' }),
      // Refused before the page is read (base has text, so a valid html would be refused too,
      // for coming with text: every case here is the field's own validation).
      text('html', 1_000_000),
      { name: 'retrievedAt', kind: 'date', max: 10 },
    ],
    success: {
      input: () => ({ kind: 'OTHER', url: 'https://example.org/hostile' }),
      record: (d) => d.id,
      read: async (ctx, id) =>
        (await ok(ctx, q('source(id: $id) { title publisher text }'), { id })).source,
    },
  },
  {
    name: 'addStatement',
    inputType: 'AddStatementInput',
    select: 'id',
    as: 'editor',
    base: (fx) => ({
      sourceId: fx.source,
      claimId: fx.claim,
      quote: BASE_QUOTE,
      occurrence: 1,
      hedging: 'HEDGED',
    }),
    fields: [
      ref('sourceId', 'BAD_USER_INPUT', { required: true }),
      ref('claimId', 'BAD_USER_INPUT', { required: true }),
      text('quote', 5000, { required: true, stored: 'record' }),
      { name: 'occurrence', kind: 'int', min: 1, maxValue: 1_000_000 },
      enumField('hedging', true),
    ],
    success: {
      input: (fx) => ({ sourceId: fx.source, claimId: fx.claim, hedging: 'ATTRIBUTED' }),
      record: (d) => d.id,
      read: async (ctx, id) =>
        (await ok(ctx, q('node(id: $id) { ... on Statement { quote } }'), { id })).node,
    },
  },
  {
    name: 'createClaim',
    inputType: 'CreateClaimInput',
    select: 'id',
    as: 'editor',
    // The accepted base input (a set of its own) says something else than the refused cases'
    // base, or in a shuffled order those would meet a duplicate claim before their own refusal.
    base: (fx) => ({
      text: `Bad-input base claim${sfx(fx)}`,
      kind: 'EFFICACY',
      interventionId: SEED.intervention,
      conditionIds: [SEED.condition],
      mechanismIds: [SEED.mechanism],
    }),
    fields: [
      slug,
      // One claim per proposition: hostile texts are numbered, as names are.
      text('text', 2000, { required: true, stored: 'record', unique: true }),
      enumField('kind', true),
      ref('interventionId', 'BAD_USER_INPUT'),
      refList('conditionIds'),
      refList('mechanismIds'),
    ],
    success: {
      input: () => ({ kind: 'SAFETY', conditionIds: [SEED.condition2] }),
      record: (d) => d.id,
      read: async (ctx, id) => (await ok(ctx, q('claim(id: $id) { text }'), { id })).claim,
    },
  },
  {
    name: 'updateClaim',
    inputType: 'UpdateClaimInput',
    select: 'id version',
    as: 'editor',
    base: (fx) => ({
      id: fx.updateClaim.id,
      expectedVersion: fx.updateClaim.version,
      reason: 'Base reason',
      text: 'Bad-input base claim, edited',
      kind: 'ONSET',
      interventionId: SEED.intervention,
      conditionIds: [SEED.condition],
      mechanismIds: [SEED.mechanism],
    }),
    fields: [
      ref('id', 'NOT_FOUND', { required: true }),
      version,
      reason,
      text('text', 2000, { stored: 'record', unique: true }),
      enumField('kind'),
      ref('interventionId', 'BAD_USER_INPUT'),
      refList('conditionIds'),
      refList('mechanismIds'),
    ],
    stale: (fx) => ({
      id: fx.updateClaim.id,
      expectedVersion: fx.updateClaim.version + 5,
      text: 'stale',
    }),
    success: {
      prepare: async (ctx, n) => ({ id: await newClaim(ctx, `Claim to edit ${n}`) }),
      input: (_fx, p) => ({ id: p.id, expectedVersion: 1 }),
      record: (_d, p) => p.id,
      read: async (ctx, id) => (await ok(ctx, q('claim(id: $id) { text }'), { id })).claim,
    },
  },
  {
    name: 'createStudy',
    inputType: 'CreateStudyInput',
    select: 'id',
    as: 'editor',
    base: (fx) => ({
      title: 'Bad-input base study',
      authors: ['Roe R'],
      year: 2021,
      journal: 'Base Journal',
      doi: `10.5555/bad-input.base${sfx(fx, '.')}`,
      pmid: String(99999998 - fx.set),
      design: 'RCT',
      sampleSize: 10,
      population: 'Adults',
      finding: 'Nothing',
      riskOfBias: 'HIGH',
      riskOfBiasReason: 'Open-label, no control group',
      populationConditionIds: [SEED.condition],
    }),
    fields: [
      slug,
      text('title', 1000, { required: true, stored: 'record' }),
      {
        name: 'authors',
        kind: 'textList',
        required: true,
        max: 300,
        maxItems: 500,
        minItems: 1,
        stored: 'record',
      },
      { name: 'year', kind: 'int', min: 1800, maxValue: 2100 },
      text('journal', 300, { stored: 'record' }),
      { name: 'doi', kind: 'doi', max: 300 },
      { name: 'pmid', kind: 'pmid', max: 40 },
      enumField('design', true),
      { name: 'sampleSize', kind: 'int', min: 1, maxValue: 100_000_000 },
      text('population', 5000, { stored: 'record' }),
      text('finding', 5000, { stored: 'record' }),
      enumField('riskOfBias'),
      text('riskOfBiasReason', 5000, { stored: 'record' }),
      refList('populationConditionIds'),
    ],
    success: {
      input: () => ({ design: 'COHORT', year: 2020, riskOfBias: 'HIGH' }),
      record: (d) => d.id,
      read: async (ctx, id) =>
        (
          await ok(
            ctx,
            q('study(id: $id) { title authors journal population finding riskOfBiasReason }'),
            { id },
          )
        ).study,
    },
  },
  {
    name: 'updateStudyRiskOfBias',
    inputType: 'UpdateStudyRiskOfBiasInput',
    select: 'id version',
    as: 'editor',
    base: (fx) => ({
      id: fx.judged.id,
      expectedVersion: fx.judged.version,
      reason: 'Base reason',
      riskOfBias: 'HIGH',
      riskOfBiasReason: 'Open-label, no control group',
    }),
    fields: [
      ref('id', 'NOT_FOUND', { required: true }),
      version,
      reason,
      enumField('riskOfBias', true),
      text('riskOfBiasReason', 5000, { stored: 'record' }),
    ],
    stale: (fx) => ({
      id: fx.judged.id,
      expectedVersion: fx.judged.version + 5,
      riskOfBias: 'HIGH',
      riskOfBiasReason: 'stale',
    }),
    success: {
      prepare: async (ctx, n) => ({ id: await newStudy(ctx, `Study to judge ${n}`) }),
      input: (_fx, p) => ({ id: p.id, expectedVersion: 1, riskOfBias: 'SOME_CONCERNS' }),
      record: (_d, p) => p.id,
      read: async (ctx, id) =>
        (await ok(ctx, q('study(id: $id) { riskOfBiasReason }'), { id })).study,
    },
  },
  {
    name: 'linkEvidence',
    inputType: 'LinkEvidenceInput',
    select: 'id',
    as: 'editor',
    base: (fx) => ({
      studyId: SEED.study,
      claimId: fx.linkTarget,
      relation: 'SUPPORTS',
      note: 'Base note',
      quote: 'Base quote',
      indirectness: [{ domain: 'POPULATION', reason: 'Base population difference' }],
    }),
    fields: [
      ref('studyId', 'BAD_USER_INPUT', { required: true }),
      ref('claimId', 'BAD_USER_INPUT', { required: true }),
      enumField('relation', true),
      text('note', 5000, { stored: 'record' }),
      text('quote', 5000, { stored: 'record' }),
      indirectnessField(false),
    ],
    success: {
      prepare: async (ctx, n) => ({ claimId: await newClaim(ctx, `Claim to link ${n}`) }),
      input: (_fx, p) => ({ studyId: SEED.study, claimId: p.claimId, relation: 'MENTIONS' }),
      record: (d) => d.id,
      read: async (ctx, id, sent) =>
        (
          await ok(
            ctx,
            q('claim(id: $id) { evidence { id note quote indirectness { domain reason } } }'),
            { id: sent.claimId },
          )
        ).claim.evidence.find((l: { id: string }) => l.id === id),
    },
  },
  {
    name: 'updateEvidenceIndirectness',
    inputType: 'UpdateEvidenceIndirectnessInput',
    select: 'id version',
    as: 'editor',
    base: (fx) => ({
      id: fx.indirect.id,
      expectedVersion: fx.indirect.version,
      reason: 'Base reason',
      indirectness: [{ domain: 'OUTCOME', reason: 'Base outcome difference' }],
    }),
    fields: [ref('id', 'NOT_FOUND', { required: true }), version, reason, indirectnessField(true)],
    stale: (fx) => ({
      id: fx.indirect.id,
      expectedVersion: fx.indirect.version + 5,
      indirectness: [],
    }),
    success: {
      prepare: async (ctx, n) => ({ id: await newLink(ctx, `Claim to judge indirectness ${n}`) }),
      input: (_fx, p) => ({
        id: p.id,
        expectedVersion: 1,
        indirectness: [{ domain: 'TIMEFRAME', reason: 'followed for 1 week' }],
      }),
      record: (_d, p) => p.id,
      read: (ctx, id) => linkIndirectness(ctx, id),
    },
  },
  {
    name: 'unlinkEvidence',
    inputType: 'UnlinkEvidenceInput',
    select: 'id',
    as: 'editor',
    base: (fx) => ({
      studyId: fx.link.studyId,
      claimId: fx.link.claimId,
      expectedVersion: fx.link.version,
      reason: 'Base reason',
    }),
    fields: [
      ref('studyId', 'BAD_USER_INPUT', { required: true }),
      ref('claimId', 'BAD_USER_INPUT', { required: true }),
      version,
      reason,
    ],
    stale: (fx) => ({
      studyId: fx.link.studyId,
      claimId: fx.link.claimId,
      expectedVersion: fx.link.version + 5,
    }),
    success: {
      prepare: async (ctx, n) => {
        const claimId = await newClaim(ctx, `Claim to unlink ${n}`);
        const linked = await ok(
          ctx,
          `mutation($input: LinkEvidenceInput!) { linkEvidence(input: $input) { id } }`,
          { input: { studyId: SEED.study, claimId, relation: 'SUPPORTS' } },
        );
        return { claimId, linkId: linked.linkEvidence.id };
      },
      input: (_fx, p) => ({ studyId: SEED.study, claimId: p.claimId, expectedVersion: 1 }),
      record: (_d, p) => p.linkId,
    },
  },
  {
    name: 'recordGap',
    inputType: 'RecordGapInput',
    select: 'id',
    as: 'editor',
    base: (fx) => ({
      claimId: fx.claim,
      kind: 'NO_STUDY',
      description: 'Base gap',
      neededDesign: 'RCT',
    }),
    fields: [
      ref('claimId', 'BAD_USER_INPUT', { required: true }),
      enumField('kind', true),
      text('description', 5000, { required: true, stored: 'record' }),
      enumField('neededDesign'),
      ref('statementId', 'BAD_USER_INPUT'),
    ],
    success: {
      input: (fx) => ({ claimId: fx.claim, kind: 'NO_STUDY' }),
      record: (d) => d.id,
      read: async (ctx, id) =>
        (await ok(ctx, q('node(id: $id) { ... on EvidenceGap { description } }'), { id })).node,
    },
  },
  {
    name: 'resolveGap',
    inputType: 'ResolveGapInput',
    select: 'id',
    as: 'editor',
    base: (fx) => ({
      id: fx.gap.id,
      expectedVersion: fx.gap.version,
      reason: 'Base reason',
      studyId: SEED.study,
    }),
    fields: [
      ref('id', 'NOT_FOUND', { required: true }),
      version,
      reason,
      ref('studyId', 'BAD_USER_INPUT', { required: true }),
    ],
    stale: (fx) => ({ id: fx.gap.id, expectedVersion: fx.gap.version + 5, studyId: SEED.study }),
    success: {
      prepare: async (ctx, n) => ({
        gapId: await newGap(ctx, ctx.fx.claim, `Gap to resolve ${n}`),
      }),
      input: (_fx, p) => ({ id: p.gapId, expectedVersion: 1, studyId: SEED.study2 }),
      record: (_d, p) => p.gapId,
    },
  },
  {
    name: 'createCondition',
    inputType: 'CreateConditionInput',
    select: 'id',
    as: 'editor',
    base: (fx) => ({
      name: `Bad-input base condition${sfx(fx)}`,
      synonyms: [`Bad-input base synonym${sfx(fx)}`],
      codes: [{ system: 'MeSH', code: 'D000001' }],
      description: 'Base description',
      broaderIds: [SEED.condition],
    }),
    fields: [
      slug,
      text('name', 300, { required: true, stored: 'record', unique: true }),
      { name: 'synonyms', kind: 'textList', max: 300, stored: 'record', unique: true },
      { name: 'codes', kind: 'codes', stored: 'record' },
      text('description', 5000, { stored: 'record' }),
      refList('broaderIds'),
    ],
    success: {
      input: () => ({}),
      record: (d) => d.id,
      read: async (ctx, id) =>
        (
          await ok(
            ctx,
            q('condition(id: $id) { name synonyms description codes { system code } }'),
            { id },
          )
        ).condition,
    },
  },
  {
    name: 'createMechanism',
    inputType: 'CreateMechanismInput',
    select: 'id',
    as: 'editor',
    base: (fx) => ({
      name: `Bad-input base mechanism${sfx(fx)}`,
      synonyms: [`Bad-input base mechanism synonym${sfx(fx)}`],
      description: 'Base description',
    }),
    fields: [
      slug,
      text('name', 300, { required: true, stored: 'record', unique: true }),
      { name: 'synonyms', kind: 'textList', max: 300, stored: 'record', unique: true },
      text('description', 5000, { stored: 'record' }),
    ],
    success: {
      input: () => ({}),
      record: (d) => d.id,
      read: async (ctx, id) =>
        (await ok(ctx, q('mechanism(id: $id) { name synonyms description }'), { id })).mechanism,
    },
  },
  {
    name: 'updateCondition',
    inputType: 'UpdateConditionInput',
    select: 'id version',
    as: 'editor',
    base: (fx) => ({
      id: fx.condition.id,
      expectedVersion: fx.condition.version,
      reason: 'Base reason',
      name: `Bad-input base condition, renamed${sfx(fx)}`,
      synonyms: [`Bad-input base condition synonym, edited${sfx(fx)}`],
      codes: [{ system: 'MeSH', code: 'D000002' }],
      broaderIds: [SEED.condition],
    }),
    fields: [
      ref('id', 'NOT_FOUND', { required: true }),
      version,
      reason,
      text('name', 300, { stored: 'record', unique: true }),
      { name: 'synonyms', kind: 'textList', max: 300, stored: 'record', unique: true },
      { name: 'codes', kind: 'codes', stored: 'record' },
      refList('broaderIds'),
    ],
    stale: (fx) => ({
      id: fx.condition.id,
      expectedVersion: fx.condition.version + 5,
      name: 'stale',
    }),
    success: {
      prepare: async (ctx, n) => ({ id: await newCondition(ctx, `Condition to edit ${n}`) }),
      input: (_fx, p) => ({ id: p.id, expectedVersion: 1 }),
      record: (_d, p) => p.id,
      read: async (ctx, id) =>
        (await ok(ctx, q('condition(id: $id) { name synonyms codes { system code } }'), { id }))
          .condition,
    },
  },
  {
    name: 'updateMechanism',
    inputType: 'UpdateMechanismInput',
    select: 'id version',
    as: 'editor',
    base: (fx) => ({
      id: fx.mechanism.id,
      expectedVersion: fx.mechanism.version,
      reason: 'Base reason',
      name: `Bad-input base mechanism, renamed${sfx(fx)}`,
      synonyms: [`Bad-input base mechanism synonym, edited${sfx(fx)}`],
    }),
    fields: [
      ref('id', 'NOT_FOUND', { required: true }),
      version,
      reason,
      text('name', 300, { stored: 'record', unique: true }),
      { name: 'synonyms', kind: 'textList', max: 300, stored: 'record', unique: true },
    ],
    stale: (fx) => ({
      id: fx.mechanism.id,
      expectedVersion: fx.mechanism.version + 5,
      name: 'stale',
    }),
    success: {
      prepare: async (ctx, n) => ({ id: await newMechanism(ctx, `Mechanism to edit ${n}`) }),
      input: (_fx, p) => ({ id: p.id, expectedVersion: 1 }),
      record: (_d, p) => p.id,
      read: async (ctx, id) =>
        (await ok(ctx, q('mechanism(id: $id) { name synonyms }'), { id })).mechanism,
    },
  },
  {
    name: 'createIntervention',
    inputType: 'CreateInterventionInput',
    select: 'id',
    as: 'editor',
    base: (fx) => ({
      name: `Bad-input base intervention${sfx(fx)}`,
      drug: 'Base drug',
      route: 'IV',
    }),
    fields: [
      slug,
      text('name', 300, { required: true, stored: 'record', unique: true }),
      text('drug', 300, { stored: 'record' }),
      text('route', 300, { stored: 'record' }),
    ],
    success: {
      input: () => ({}),
      record: (d) => d.id,
      read: async (ctx, id) =>
        (await ok(ctx, q('node(id: $id) { ... on Intervention { name drug route } }'), { id }))
          .node,
    },
  },
  {
    name: 'addCitation',
    inputType: 'CitationInput',
    select: 'id',
    as: 'editor',
    base: (fx) => ({ ...fx.uncited }),
    fields: [
      ref('citingId', 'BAD_USER_INPUT', { required: true }),
      ref('citedId', 'BAD_USER_INPUT', { required: true }),
    ],
  },
  {
    name: 'removeCitation',
    inputType: 'CitationInput',
    select: 'id',
    as: 'editor',
    base: (fx) => ({ ...fx.citation }),
    fields: [
      ref('citingId', 'BAD_USER_INPUT', { required: true }),
      ref('citedId', 'BAD_USER_INPUT', { required: true }),
    ],
  },
  {
    name: 'markNotice',
    inputType: 'MarkNoticeInput',
    select: 'id notices(includePending: true) { id }',
    as: 'editor',
    // A notice waits for review and leaves its study as it is: seeded studies stay at version 1.
    base: () => ({
      studyId: SEED.study,
      kind: 'CORRECTION',
      date: '2024-01-02',
      note: 'Base',
      expectedVersion: 1,
    }),
    fields: [
      ref('studyId', 'BAD_USER_INPUT', { required: true }),
      enumField('kind', true),
      { name: 'date', kind: 'date', max: 10 },
      text('note', 5000, { stored: 'record' }),
      version,
    ],
    stale: () => ({ studyId: SEED.study, kind: 'CORRECTION', expectedVersion: 6 }),
    success: {
      input: () => ({
        studyId: SEED.study3,
        kind: 'EXPRESSION_OF_CONCERN',
        date: '2024-03-04',
        expectedVersion: 1,
      }),
      // Notices are listed oldest first: the new one is last.
      record: (d) => d.notices[d.notices.length - 1].id,
      read: async (ctx, id, sent) =>
        (
          await ok(ctx, q('study(id: $id) { notices(includePending: true) { id note } }'), {
            id: sent.studyId,
          })
        ).study.notices.find((x: { id: string }) => x.id === id),
    },
  },
  {
    name: 'withdrawNotice',
    inputType: 'WithdrawNoticeInput',
    select: 'id retracted',
    as: 'admin',
    adminOnly: true,
    base: (fx) => ({
      id: fx.notice.id,
      expectedVersion: fx.notice.version,
      reason: 'Base withdrawal',
    }),
    fields: [
      ref('id', 'NOT_FOUND', { required: true }),
      version,
      text('reason', 5000, { required: true, stored: 'revision' }),
    ],
    stale: (fx) => ({ id: fx.notice.id, expectedVersion: fx.notice.version + 5, reason: 'x' }),
    success: {
      prepare: async (ctx, n) => ({ id: await acceptedNotice(ctx, `Notice to withdraw ${n}`) }),
      input: (_fx, p) => ({ id: p.id, expectedVersion: 2 }),
      record: (_d, p) => p.id,
    },
  },
  {
    name: 'importCitations',
    inputType: 'ImportCitationsInput',
    select: 'created merged rejected',
    as: 'editor',
    base: () => ({ format: 'BIBTEX', content: BASE_BIBTEX, citedById: SEED.study }),
    fields: [
      enumField('format', true),
      text('content', 1_000_000, { required: true }),
      ref('citedById', 'BAD_USER_INPUT', {
        unknown: {
          code: 'BAD_USER_INPUT',
          bug: 'an unknown citedById is reported with extensions.field "citedById", not "input.citedById"',
        },
      }),
    ],
  },
  {
    name: 'reviewChange',
    inputType: 'ReviewChangeInput',
    select: '__typename ... on Claim { id }',
    as: 'admin',
    adminOnly: true,
    base: (fx) => ({
      id: fx.submitted.id,
      expectedVersion: fx.submitted.version,
      decision: 'ACCEPT',
      reason: 'Base review',
    }),
    fields: [
      ref('id', 'NOT_FOUND', { required: true }),
      version,
      enumField('decision', true),
      reason,
    ],
    stale: (fx) => ({
      id: fx.submitted.id,
      expectedVersion: fx.submitted.version + 5,
      decision: 'ACCEPT',
    }),
    success: {
      prepare: async (ctx, n) => ({
        id: await newClaim(ctx, `Claim to review ${n}`, bearer(ctx.server.tokens.editor2)),
      }),
      input: (_fx, p) => ({ id: p.id, expectedVersion: 1, decision: 'REJECT' }),
      record: (_d, p) => p.id,
    },
  },
  {
    name: 'reviewChanges',
    inputType: 'ReviewChangesInput',
    select: '__typename ... on Claim { id }',
    as: 'admin',
    adminOnly: true,
    base: (fx) => ({
      items: [{ id: fx.submittedBulk.id, expectedVersion: fx.submittedBulk.version }],
      decision: 'ACCEPT',
      reason: 'Base review',
    }),
    fields: [
      { name: 'items', kind: 'reviewItems', maxItems: 500 },
      // Beside items, any sourceId is refused on that field (one of the two, not both).
      ref('sourceId', 'BAD_USER_INPUT'),
      enumField('decision', true),
      reason,
    ],
    success: {
      prepare: async (ctx, n) => ({
        id: await newClaim(ctx, `Claim to review in bulk ${n}`, bearer(ctx.server.tokens.editor2)),
      }),
      input: (_fx, p) => ({ items: [{ id: p.id, expectedVersion: 1 }], decision: 'REJECT' }),
      record: (_d, p) => p.id,
    },
  },
  {
    name: 'importCuration',
    inputType: 'ImportCurationInput',
    select: 'created items { item key id created }',
    as: 'editor',
    base: (fx) => ({
      sourceId: fx.source,
      claims: [{ key: 'c', text: `Bad-input base curated claim${sfx(fx)}`, kind: 'EFFICACY' }],
      statements: [{ key: 's', claim: 'c', quote: BASE_QUOTE, hedging: 'ASSERTIVE' }],
      links: [{ claim: 'c', studyId: SEED.study, relation: 'SUPPORTS', note: 'Base link' }],
      gaps: [
        { claim: 'c', kind: 'UNCITED_ASSERTION', description: 'Base curated gap', statement: 's' },
      ],
    }),
    fields: [
      ref('sourceId', 'BAD_USER_INPUT', { required: true }),
      curationList('claims', 'CurationClaimInput', 'key', 'text', (_fx, i) => ({
        key: `k${i}`,
        text: `Curated claim ${i}`,
        kind: 'EFFICACY',
      })),
      curationList('statements', 'CurationStatementInput', 'claim', 'quote', () => ({
        claim: 'c',
        quote: BASE_QUOTE,
        hedging: 'ASSERTIVE',
      })),
      curationList('links', 'CurationLinkInput', 'claim', 'note', () => ({
        claim: 'c',
        studyId: SEED.study,
        relation: 'SUPPORTS',
      })),
      curationList('gaps', 'CurationGapInput', 'description', 'description', () => ({
        claim: 'c',
        kind: 'NO_STUDY',
        description: 'A gap',
      })),
    ],
  },
  {
    name: 'revert',
    inputType: 'RevertInput',
    select: 'id reason',
    as: 'editor',
    base: (fx) => ({ revisionId: fx.revision, reason: 'Base revert' }),
    fields: [ref('revisionId', 'NOT_FOUND', { required: true }), reason],
    success: {
      prepare: async (ctx, n) => {
        const id = await newClaim(ctx, `Claim to revert ${n}`);
        return { id, revisionId: await updateRevision(ctx, id) };
      },
      input: (_fx, p) => ({ revisionId: p.revisionId }),
      record: (_d, p) => p.id,
    },
  },
  {
    name: 'createToken',
    inputType: 'CreateTokenInput',
    select: 'token { id } secret',
    as: 'admin',
    adminOnly: true,
    base: (fx) => ({ name: `bad-input-base-token${sfx(fx, '-')}`, role: 'READER' }),
    fields: [text('name', 120, { required: true, stored: 'record' }), enumField('role', true)],
    success: {
      input: () => ({ role: 'READER' }),
      record: (d) => d.token.id,
      read: async (ctx, id) =>
        (await ok(ctx, '{ tokens { id name } }', {}, bearer(ctx.server.tokens.admin))).tokens.find(
          (t: { id: string }) => t.id === id,
        ),
    },
  },
  {
    name: 'revokeToken',
    inputType: 'RevokeTokenInput',
    select: 'id revokedAt',
    as: 'admin',
    adminOnly: true,
    base: (fx) => ({ id: fx.tokenToRevoke }),
    fields: [ref('id', 'NOT_FOUND', { required: true })],
  },
];

// ---------------------------------------------------------------------------------------------
// Schema, read from schema.graphql: the table must cover it exactly
// ---------------------------------------------------------------------------------------------

const SCHEMA = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8'));

function inputFields(typeName: string) {
  const t = SCHEMA.getType(typeName);
  if (!t || !isInputObjectType(t)) throw new Error(`${typeName} is not an input type`);
  return (t as GraphQLInputObjectType).getFields();
}

/** The enum values of a field's type (for unknown and lower-cased values). */
function enumValues(spec: MutationSpec, field: string): string[] {
  const named = getNamedType(inputFields(spec.inputType)[field].type as GraphQLInputType);
  return isEnumType(named) ? named.getValues().map((v) => v.name) : [];
}

/** The scalar a field carries ('String', 'ID', 'Int', or an enum's name). */
function scalarOf(spec: MutationSpec, field: string): string {
  return getNamedType(inputFields(spec.inputType)[field].type as GraphQLInputType).name;
}

// ---------------------------------------------------------------------------------------------
// Case generation
// ---------------------------------------------------------------------------------------------

interface Expect {
  code: Code | 'PAYLOAD_TOO_LARGE';
  status: number;
  /** extensions.field, for our validation and domain errors. */
  field?: string;
  /** For GraphQL's own coercion errors: the message names the field. */
  message?: RegExp;
}

interface Case {
  spec: MutationSpec;
  title: string;
  variables(fx: Fixtures): Input;
  headers?(fx: Fixtures, tokens: TestTokens): Record<string, string>;
  expect: Expect;
  bug?: string;
  /** Refused before any resolver runs (coercion, body limit, the validation pipe): one store. */
  beforeResolvers?: boolean;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A coercion error (HTTP 400) whose message points at the path. */
const coerced = (path: string, extra?: string): Expect => ({
  code: 'BAD_USER_INPUT',
  status: 400,
  message: new RegExp(`at "${esc(path)}"${extra ? `.*${extra}` : ''}`, 's'),
});
const missing = (field: string): Expect => ({
  code: 'BAD_USER_INPUT',
  status: 400,
  message: new RegExp(`Field "${esc(field)}" of required type ".*" was not provided`),
});
const notDefined = (field: string, type: string): Expect => ({
  code: 'BAD_USER_INPUT',
  status: 400,
  message: new RegExp(`Field "${esc(field)}" is not defined by type "${type}"`),
});
const invalid = (field: string): Expect => ({ code: 'BAD_USER_INPUT', status: 200, field });

/** Code points, not UTF-16 units: what the validators count. */
const fit = (s: string, max: number) => [...s].slice(0, max).join('');
const cut = (s: string) => (s.length > 40 ? `${s.slice(0, 37)}...` : s);

function buildCases(): Case[] {
  const cases: Case[] = [];
  for (const spec of SPECS) {
    // Whether the value's shape alone is refused (the validation pipe); false while adding cases
    // a store takes part in (references, ids in use, review items).
    let shape = true;
    const add = (title: string, patch: (fx: Fixtures) => Input, expect: Expect, bug?: string) =>
      cases.push({
        spec,
        title: `${spec.name}: ${title}`,
        variables: (fx) => ({ input: patch(fx) }),
        expect,
        bug,
        beforeResolvers: expect.status !== 200 || (shape && expect.code === 'BAD_USER_INPUT'),
      });
    const withField = (name: string, value: unknown) => (fx: Fixtures) => ({
      ...spec.base(fx),
      [name]: value,
    });
    const withoutField = (name: string) => (fx: Fixtures) => {
      const b = { ...spec.base(fx) };
      delete b[name];
      return b;
    };
    for (const f of spec.fields) {
      const path = `input.${f.name}`;
      const scalar = scalarOf(spec, f.name);
      const isList =
        f.kind === 'textList' ||
        f.kind === 'refList' ||
        f.kind === 'codes' ||
        f.kind === 'reviewItems' ||
        f.kind === 'objects' ||
        f.kind === 'indirectness';
      const stringy = ['text', 'ref', 'slug', 'url', 'doi', 'pmid', 'date'].includes(f.kind);

      // Missing, null.
      if (f.required) {
        add(`${f.name} missing`, withoutField(f.name), missing(f.name));
        add(`${f.name} null`, withField(f.name, null), coerced(path, 'not to be null'));
      }

      // Oversized and empty strings: our validation, naming the field.
      if (stringy) {
        add(`${f.name} a 1 MiB string`, withField(f.name, ONE_MIB), invalid(path));
        if (f.max && f.max + 1 < MIB)
          add(
            `${f.name} one character over ${f.max}`,
            withField(f.name, 'a'.repeat(f.max + 1)),
            invalid(path),
          );
        add(`${f.name} empty`, withField(f.name, ''), invalid(path));
        add(`${f.name} only whitespace`, withField(f.name, ' \t\r\n '), invalid(path));
        add(
          `${f.name} only zero-width characters`,
          withField(f.name, INVISIBLE_ONLY),
          invalid(path),
        );
        for (const [label, value] of CONTROL_TEXT)
          add(`${f.name} ${label}`, withField(f.name, value), invalid(path));
        // Wrongly typed: GraphQL coercion. An Int is a valid ID ("42"), so not for IDs.
        const wrong: Array<[string, unknown]> = [
          scalar === 'String' ? ['a number', 42] : ['a float', 4.5],
          ['an object', { value: 'x' }],
        ];
        for (const [label, value] of wrong)
          add(`${f.name} ${label} for ${scalar}`, withField(f.name, value), coerced(path));
      }

      if (f.kind === 'slug') {
        // Every bad slug on createClaim; the same Slug() rule elsewhere gets a sample.
        const slugs =
          spec.name === 'createClaim' ? BAD_SLUGS : BAD_SLUGS.filter((_, i) => i % 3 === 0);
        for (const [label, value] of slugs)
          add(`id ${label} (${cut(value)})`, withField('id', value), invalid('input.id'));
        shape = false;
        add(
          `id already used by another record`,
          withField('id', SEED.condition),
          invalid('input.id'),
        );
        shape = true;
      }

      if (f.kind === 'url' || f.kind === 'doi' || f.kind === 'pmid' || f.kind === 'date') {
        for (const [label, value] of FORMAT_CASES[f.kind])
          add(`${f.name} ${label} (${cut(value)})`, withField(f.name, value), invalid(path));
        if (f.kind === 'url')
          add(
            `url over 2000 characters`,
            withField(f.name, `https://example.org/${'a'.repeat(2000)}`),
            invalid(path),
          );
      }

      if (f.kind === 'ref' || f.kind === 'refList') {
        shape = false;
        const u = f.unknown!;
        const expectUnknown: Expect = {
          code: u.code,
          status: 200,
          field: u.field ?? path,
        };
        const baseValue = (fx: Fixtures) => {
          const v = spec.base(fx)[f.name] ?? 'no-such-record';
          return Array.isArray(v) ? (v[0] as string) : (v as string);
        };
        const value = (fx: Fixtures, bad: string) =>
          f.kind === 'refList' ? [baseValue(fx), bad] : bad;
        const variants: Array<[string, (fx: Fixtures) => string]> = [
          ...UNKNOWN_IDS.map(([label, id]) => [label, () => id] as [string, () => string]),
          ['an existing id in upper case', (fx) => baseValue(fx).toUpperCase()],
          ['an existing id with a leading space', (fx) => ` ${baseValue(fx)}`],
        ];
        for (const [label, bad] of variants)
          add(
            `${f.name} unknown: ${label}`,
            (fx) => ({ ...spec.base(fx), [f.name]: value(fx, bad(fx)) }),
            expectUnknown,
            u.bug,
          );
        shape = true;
      }

      if (f.kind === 'enum') {
        const values = enumValues(spec, f.name);
        add(
          `${f.name} an unknown value`,
          withField(f.name, 'MIRACLE'),
          coerced(path, 'does not exist'),
        );
        add(
          `${f.name} a lower-cased value`,
          withField(f.name, values[0].toLowerCase()),
          coerced(path, 'does not exist'),
        );
        add(`${f.name} a number`, withField(f.name, 1), coerced(path));
        // A 1 MiB value here is echoed back twice by the coercion error: once per mutation.
        if (f.name === spec.fields.find((x) => x.kind === 'enum')!.name)
          add(`${f.name} a 1 MiB string`, withField(f.name, ONE_MIB), coerced(path));
        add(
          `${f.name} an SQL fragment`,
          withField(f.name, "NEWS'); DROP TABLE sources; --"),
          coerced(path),
        );
      }

      if (f.kind === 'int') {
        for (const [label, value] of [
          ['a numeric string', '1'],
          ['a float', 1.5],
          ['2^31 (over 32 bits)', 2 ** 31],
        ] as Array<[string, unknown]>)
          add(`${f.name} ${label} for Int`, withField(f.name, value), coerced(path));
        if (spec.name === 'updateClaim')
          add(`${f.name} a 1 MiB string for Int`, withField(f.name, ONE_MIB), coerced(path));
        if (f.min !== undefined) {
          add(`${f.name} below ${f.min}`, withField(f.name, f.min - 1), invalid(path));
          add(`${f.name} negative`, withField(f.name, -1_000), invalid(path));
        }
        if (f.maxValue !== undefined)
          add(`${f.name} above ${f.maxValue}`, withField(f.name, f.maxValue + 1), invalid(path));
      }

      if (isList) {
        const maxItems = f.maxItems ?? 100;
        const item = (i: number, fx?: Fixtures) =>
          f.kind === 'objects'
            ? f.objects!.item(fx!, i)
            : f.kind === 'codes'
              ? { system: 'MeSH', code: `D${i}` }
              : f.kind === 'indirectness'
                ? { domain: 'POPULATION', reason: `difference ${i}` }
                : f.kind === 'reviewItems'
                  ? { id: `item-${i}`, expectedVersion: 1 }
                  : f.kind === 'refList'
                    ? SEED.condition
                    : `item ${i}`;
        add(
          `${f.name} ${maxItems + 1} items`,
          (fx) => ({
            ...spec.base(fx),
            [f.name]: Array.from({ length: maxItems + 1 }, (_, i) => item(i, fx)),
          }),
          invalid(path),
        );
        if (f.minItems) add(`${f.name} an empty list`, withField(f.name, []), invalid(path));
        // An object (or a scalar) where a list is expected is coerced to a list of one (GraphQL
        // spec): for a list of input objects, a number is the wrong type instead.
        if (
          f.kind === 'codes' ||
          f.kind === 'indirectness' ||
          f.kind === 'reviewItems' ||
          f.kind === 'objects'
        )
          add(`${f.name} a number for a list`, withField(f.name, 7), coerced(path));
        else add(`${f.name} an object for a list`, withField(f.name, { a: 1 }), coerced(path));
        add(`${f.name} a null item`, withField(f.name, [null]), coerced(`${path}[0]`));
        add(
          `${f.name} a nested list`,
          (fx) => ({ ...spec.base(fx), [f.name]: [[item(0, fx)]] }),
          coerced(`${path}[0]`),
        );
        if (f.kind === 'objects') {
          const o = f.objects!;
          const one = (patch: Input) => (fx: Fixtures) => ({
            ...spec.base(fx),
            [f.name]: [{ ...o.item(fx, 0), ...patch }],
          });
          const without = (fx: Fixtures) => {
            const it = o.item(fx, 0);
            delete it[o.required];
            return { ...spec.base(fx), [f.name]: [it] };
          };
          add(
            `${f.name} item without ${o.required}`,
            without,
            coerced(`${path}[0]`, `Field "${o.required}" of required type`),
          );
          add(`${f.name} item with an unknown field`, one({ bogus: 1 }), {
            ...coerced(`${path}[0]`),
            message: new RegExp(`Field "bogus" is not defined by type "${o.type}"`),
          });
          const at = `${path}[0].${o.text}`;
          add(`${f.name} item ${o.text} empty`, one({ [o.text]: '' }), invalid(at));
          add(`${f.name} item ${o.text} a 1 MiB string`, one({ [o.text]: ONE_MIB }), invalid(at));
          add(`${f.name} item ${o.text} with ESC`, one({ [o.text]: 'a\u001bb' }), invalid(at));
          add(`${f.name} item ${o.text} a number`, one({ [o.text]: 7 }), coerced(at));
          // Refused by the import's rules, not the shape: listed under the item, nothing stored.
          shape = false;
          if (f.name === 'claims')
            add(
              `claims item naming a seeded claim in other words`,
              one({ id: 'claim-fibromyalgia-pain-relief', text: 'Other words entirely' }),
              invalid(`${path}[0].text`),
            );
          else
            add(
              `${f.name} item naming a claim that is neither a key nor an id`,
              one({ claim: 'no-such-claim-key' }),
              invalid(`${path}[0].claim`),
            );
          shape = true;
        } else if (f.kind === 'reviewItems') {
          shape = false;
          const one = (fx: Fixtures, o: Input) => ({
            ...spec.base(fx),
            items: [{ id: fx.submittedBulk.id, expectedVersion: fx.submittedBulk.version, ...o }],
          });
          add(`${f.name} an empty list`, withField(f.name, []), invalid(path));
          add(
            `${f.name} item without expectedVersion`,
            (fx) => ({ ...spec.base(fx), items: [{ id: fx.submittedBulk.id }] }),
            coerced(`${path}[0]`, 'Field "expectedVersion" of required type'),
          );
          add(`${f.name} item id unknown`, (fx) => one(fx, { id: 'no-such-record' }), {
            code: 'NOT_FOUND',
            status: 200,
            field: `${path}[0].id`,
          });
          add(`${f.name} item id empty`, (fx) => one(fx, { id: '' }), invalid(`${path}[0].id`));
          add(
            `${f.name} item expectedVersion 0`,
            (fx) => one(fx, { expectedVersion: 0 }),
            invalid(`${path}[0].expectedVersion`),
          );
          add(
            `${f.name} item stale`,
            (fx) => one(fx, { expectedVersion: fx.submittedBulk.version + 5 }),
            { code: 'CONFLICT', status: 200, field: `${path}[0].expectedVersion` },
          );
          add(
            `${f.name} the same item twice`,
            (fx) => ({
              ...spec.base(fx),
              items: [0, 1].map(() => ({
                id: fx.submittedBulk.id,
                expectedVersion: fx.submittedBulk.version,
              })),
            }),
            invalid(`${path}[1].id`),
          );
          shape = true;
        } else if (f.kind === 'indirectness') {
          const one = (o: Input) =>
            withField(f.name, [{ domain: 'POPULATION', reason: 'PTSD, not depression', ...o }]);
          const at = (i: number, sub?: string) => `${path}[${i}]${sub ? `.${sub}` : ''}`;
          add(
            `${f.name} item without domain`,
            withField(f.name, [{ reason: 'no domain' }]),
            coerced(at(0), 'Field "domain" of required type'),
          );
          add(
            `${f.name} item without reason`,
            withField(f.name, [{ domain: 'OUTCOME' }]),
            coerced(at(0), 'Field "reason" of required type'),
          );
          add(`${f.name} item with an unknown field`, one({ bogus: 1 }), {
            ...coerced(at(0)),
            message: /Field "bogus" is not defined by type "IndirectnessInput"/,
          });
          add(`${f.name} item a string`, withField(f.name, ['POPULATION']), coerced(at(0)));
          add(`${f.name} item domain unknown`, one({ domain: 'ROUTE' }), coerced(at(0, 'domain')));
          add(`${f.name} item domain a number`, one({ domain: 3 }), coerced(at(0, 'domain')));
          add(`${f.name} item reason a number`, one({ reason: 7 }), coerced(at(0, 'reason')));
          add(
            `${f.name} item reason a 1 MiB string`,
            one({ reason: ONE_MIB }),
            invalid(at(0, 'reason')),
          );
          add(
            `${f.name} item reason over ${f.max}`,
            one({ reason: 'a'.repeat(f.max! + 1) }),
            invalid(at(0, 'reason')),
          );
          add(`${f.name} item reason empty`, one({ reason: '' }), invalid(at(0, 'reason')));
          add(
            `${f.name} item reason only whitespace`,
            one({ reason: ' \n ' }),
            invalid(at(0, 'reason')),
          );
          add(
            `${f.name} item reason zero-width only`,
            one({ reason: INVISIBLE_ONLY }),
            invalid(at(0, 'reason')),
          );
          add(
            `${f.name} item reason with ESC`,
            one({ reason: 'a\u001bb' }),
            invalid(at(0, 'reason')),
          );
          shape = false;
          add(
            `${f.name} the same domain twice`,
            withField(f.name, [
              { domain: 'POPULATION', reason: 'PTSD, not depression' },
              { domain: 'POPULATION', reason: 'veterans only' },
            ]),
            invalid(at(1, 'domain')),
          );
          shape = true;
        } else if (f.kind !== 'codes') {
          add(`${f.name} an item of 1 MiB`, withField(f.name, [item(0), ONE_MIB]), invalid(path));
          add(
            `${f.name} an item one character over ${f.max}`,
            withField(f.name, ['a'.repeat(f.max! + 1)]),
            invalid(path),
          );
          add(`${f.name} an empty item`, withField(f.name, ['']), invalid(path));
          add(`${f.name} a whitespace item`, withField(f.name, [' \n ']), invalid(path));
          add(`${f.name} a zero-width item`, withField(f.name, [INVISIBLE_ONLY]), invalid(path));
          add(`${f.name} an item with ESC`, withField(f.name, ['a\u001bb']), invalid(path));
          add(`${f.name} a boolean item`, withField(f.name, [true]), coerced(`${path}[0]`));
          if (scalar === 'String')
            add(`${f.name} a number item`, withField(f.name, [7]), coerced(`${path}[0]`));
        } else {
          const code = (o: Input) => withField(f.name, [{ system: 'MeSH', code: 'D1', ...o }]);
          add(
            'codes item without system',
            (fx) => ({
              ...spec.base(fx),
              codes: [{ code: 'D1' }],
            }),
            coerced('input.codes[0]', 'Field "system" of required type'),
          );
          add('codes item with an unknown field', code({ bogus: 1 }), {
            ...coerced('input.codes[0]'),
            message: /Field "bogus" is not defined by type "CodeRefInput"/,
          });
          add('codes item a string', withField(f.name, ['MeSH:D1']), coerced('input.codes[0]'));
          add('codes item system a number', code({ system: 5 }), coerced('input.codes[0].system'));
          for (const [sub, max] of [
            ['system', 40],
            ['code', 60],
          ] as const) {
            const at = `input.codes[0].${sub}`;
            add(`codes item ${sub} a 1 MiB string`, code({ [sub]: ONE_MIB }), invalid(at));
            add(`codes item ${sub} over ${max}`, code({ [sub]: 'a'.repeat(max + 1) }), invalid(at));
            add(`codes item ${sub} empty`, code({ [sub]: '' }), invalid(at));
            add(`codes item ${sub} only whitespace`, code({ [sub]: '   ' }), invalid(at));
          }
        }
      }
    }

    // The input as a whole.
    const t = spec.inputType;
    for (const extra of ['bogus', '__proto__', 'constructor', 'Id'])
      add(
        `an unknown field "${extra}"`,
        (fx) => ({ ...JSON.parse(`{${JSON.stringify(extra)}: "x"}`), ...spec.base(fx) }),
        notDefined(extra, t),
      );
    const whole = (title: string, variables: (fx: Fixtures) => Input, message: RegExp) =>
      cases.push({
        spec,
        title: `${spec.name}: ${title}`,
        variables,
        expect: { code: 'BAD_USER_INPUT', status: 400, message },
        beforeResolvers: true,
      });
    whole(
      'input missing',
      () => ({}),
      new RegExp(`"\\$input" of required type "${t}!" was not provided`),
    );
    whole('input null', () => ({ input: null }), /"\$input" of non-null type .* must not be null/);
    whole(
      'input a list',
      (fx) => ({ input: [spec.base(fx)] }),
      new RegExp(`Expected type "${t}" to be an object`),
    );
    whole(
      'input a string',
      () => ({ input: 'x' }),
      new RegExp(`Expected type "${t}" to be an object`),
    );

    // Out-of-date versions.
    if (spec.stale)
      cases.push({
        spec,
        title: `${spec.name}: a stale expectedVersion`,
        variables: (fx) => ({ input: spec.stale!(fx) }),
        expect: { code: 'CONFLICT', status: 200, field: 'input.expectedVersion' },
      });

    // Callers without the right; the auth guard answers before validation sees the input.
    const firstString = spec.fields.find((f) =>
      ['text', 'ref', 'slug', 'url', 'doi', 'pmid', 'date'].includes(f.kind),
    )!;
    const who = (
      title: string,
      headers: (fx: Fixtures, tokens: TestTokens) => Record<string, string>,
      code: Code,
      variables: (fx: Fixtures) => Input = (fx) => ({ input: spec.base(fx) }),
    ) =>
      cases.push({
        spec,
        title: `${spec.name}: ${title} -> ${code}`,
        variables,
        headers,
        expect: { code, status: 200 },
      });
    who('anonymous', () => anonymous(), 'UNAUTHENTICATED');
    who(
      'anonymous with a 1 MiB field',
      () => anonymous(),
      'UNAUTHENTICATED',
      (fx) => ({
        input: { ...spec.base(fx), [firstString.name]: ONE_MIB },
      }),
    );
    who('an unknown token', () => bearer('ekb_not-a-token-we-issued'), 'UNAUTHENTICATED');
    who(
      'a malformed Authorization header',
      () => ({ authorization: 'Basic Zm9vOmJhcg==' }),
      'UNAUTHENTICATED',
    );
    who('a revoked token', (fx) => bearer(fx.revokedSecret), 'UNAUTHENTICATED');
    who('a reader', (_fx, tokens) => bearer(tokens.reader), 'FORBIDDEN');
    if (spec.adminOnly) who('an editor', (_fx, tokens) => bearer(tokens.editor), 'FORBIDDEN');
  }

  // Request bodies over the limit never reach GraphQL.
  const source = SPECS.find((s) => s.name === 'createSource')!;
  for (const [label, value] of [
    ['a 1 MiB string of quotes (2 MiB of JSON)', '"'.repeat(MIB)],
    ['a 1 MiB string of astral emoji (4 MiB of UTF-8)', '\u{1F600}'.repeat(MIB / 2)],
    ['1 MiB of e-acute (2 MiB of UTF-8)', '\u00e9'.repeat(MIB)],
  ] as const)
    cases.push({
      spec: source,
      title: `createSource: text ${label} -> 413`,
      variables: (fx) => ({ input: { ...source.base(fx), text: value } }),
      expect: { code: 'PAYLOAD_TOO_LARGE', status: 413 },
      beforeResolvers: true,
    });
  return cases;
}

interface StoredCase {
  spec: MutationSpec;
  n: number;
  title: string;
}

function buildStoredCases(): StoredCase[] {
  return SPECS.filter((s) => s.success && s.fields.some((f) => f.stored)).flatMap((spec) =>
    HOSTILE_TEXT.map(([label], n) => ({
      spec,
      n,
      title: `${spec.name}: ${label} in ${spec.fields
        .filter((f) => f.stored)
        .map((f) => f.name)
        .join(', ')}`,
    })),
  );
}

/** The hostile value a stored field gets. */
function hostileValue(spec: MutationSpec, f: FieldSpec, n: number): unknown {
  if (spec.name === 'addStatement' && f.name === 'quote') return quoteFor(n);
  const h = HOSTILE_TEXT[n][1];
  const one = (max: number, tag: string) =>
    f.unique ? `${fit(h, max - 12)} #${tag}${SPECS.indexOf(spec)}.${n}` : fit(h, max);
  if (f.kind === 'codes') return [{ system: fit(h, 40), code: fit(h, 60) }];
  if (f.kind === 'indirectness') return [{ domain: 'POPULATION', reason: fit(h, f.max!) }];
  if (f.kind === 'textList') return [one(f.max!, 's')];
  return one(f.max!, 'n');
}

interface KnownBugCase {
  spec: MutationSpec;
  title: string;
  input(fx: Fixtures): Input;
  field: string;
  bug: string;
}

/** Inputs that are stored although they should be refused: checked last, store changes allowed. */
function buildKnownBugCases(): KnownBugCase[] {
  const spec = (name: string) => SPECS.find((s) => s.name === name)!;
  const out: KnownBugCase[] = [];
  for (const d of IMPOSSIBLE_DATES)
    out.push({
      spec: spec('markNotice'),
      title: `markNotice: date ${d}, a day that does not exist`,
      input: () => ({ studyId: SEED.study4, kind: 'CORRECTION', date: d, expectedVersion: 1 }),
      field: 'input.date',
      bug: 'markNotice checks only the shape NNNN-NN-NN of date: impossible dates are stored',
    });
  // Minimal inputs (no DOI, no slug id) so that nothing but the text could make them fail.
  const targets: Array<[string, string, (fx: Fixtures, v: string) => Input]> = [
    ['createClaim', 'text', (_fx, v) => ({ text: v, kind: 'EFFICACY' })],
    ['createSource', 'title', (_fx, v) => ({ title: v, kind: 'NEWS', text: 'Some text' })],
    ['createStudy', 'title', (_fx, v) => ({ title: v, authors: ['Roe R'], design: 'RCT' })],
    ['createMechanism', 'name', (_fx, v) => ({ name: v })],
    [
      'recordGap',
      'description',
      (fx, v) => ({ claimId: fx.claim, kind: 'NO_STUDY', description: v }),
    ],
  ];
  for (const [name, field, input] of targets)
    LONE_SURROGATES.forEach(([label, value], i) =>
      out.push({
        spec: spec(name),
        title: `${name}: ${field} with ${label}`,
        // Numbered: names must be unique, and the altered values of two cases could coincide.
        input: (fx) => input(fx, `${value} #${i}`),
        field: `input.${field}`,
        bug:
          'lone surrogates pass validation and are stored altered (U+FFFD on read; SQLite keeps ' +
          'invalid UTF-8 bytes ED A0 80), not refused',
      }),
    );
  // Issue 9, item 10 (the text policy): each was stored on main.
  const policy: Array<[string, string, string, (fx: Fixtures) => Input]> = [
    [
      'createStudy',
      'doi',
      'a DOI with markup, 10.1234/<script>alert(1)</script>, was stored',
      () => ({
        title: 'Markup DOI',
        authors: ['Roe R'],
        design: 'RCT',
        doi: '10.1234/<script>alert(1)</script>',
      }),
    ],
    [
      'createMechanism',
      'name',
      'a name of zero-width characters only was stored',
      () => ({ name: INVISIBLE_ONLY }),
    ],
    [
      'createClaim',
      'text',
      'a NUL character was stored',
      () => ({ text: 'nul\u0000inside', kind: 'EFFICACY' }),
    ],
    [
      'importCitations',
      'content',
      'a file with no records answered "0 created"',
      () => ({ format: 'RIS', content: 'This is not a citation file.\n' }),
    ],
  ];
  for (const [name, field, bug, input] of policy)
    out.push({
      spec: spec(name),
      title: `${name}: ${field} (text policy)`,
      input,
      field: `input.${field}`,
      bug,
    });
  return out;
}

const CASES = buildCases();
const STORED_CASES = buildStoredCases();
const KNOWN_BUG_CASES = buildKnownBugCases();
/** updateClaim fields whose null the stores ignore while the revision records it. */
const NULL_UPDATE_FIELDS = ['text', 'kind'] as const;
const KNOWN_BUGS = KNOWN_BUG_CASES.length + NULL_UPDATE_FIELDS.length;
const TOTAL_PER_STORE = CASES.length + STORED_CASES.length + KNOWN_BUGS;

const REVISION_GROUPS = new Set(['revisions', 'node:Revision']);

// ---------------------------------------------------------------------------------------------
// Snapshot differences
// ---------------------------------------------------------------------------------------------

function canon(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canon(o[k])}`)
    .join(',')}}`;
}

interface Item {
  group: string;
  row: any;
  key: string;
}

const itemCache = new WeakMap<object, Item[]>();
const jsonCache = new WeakMap<object, string>();

/** A node or relationship as text: its property map with sorted keys (values are flat). */
function neoKey(row: any): string {
  const props = row.props ?? {};
  const sorted = JSON.stringify(props, Object.keys(props).sort());
  return row.labels ? `${row.labels.join(':')} ${sorted}` : `${row.from} ${row.to} ${sorted}`;
}

/** Rows as comparable items; SQLite rows are flat with a fixed column order, Neo4j maps are not. */
function items(snapshot: unknown): Item[] {
  const s = snapshot as any;
  const cached = itemCache.get(s);
  if (cached) return cached;
  const neo = Array.isArray(s?.nodes) && Array.isArray(s?.rels);
  const raw: Array<{ group: string; row: any }> = neo
    ? [
        ...s.nodes.map((n: any) => ({ group: `node:${n.labels.join(':')}`, row: n })),
        ...s.rels.map((r: any) => ({ group: `rel:${r.type}`, row: r })),
      ]
    : Object.entries(s as Record<string, unknown[]>).flatMap(([t, rows]) =>
        rows.map((row) => ({ group: t, row })),
      );
  const out = raw.map((i) => ({
    ...i,
    key: `${i.group} ${neo ? neoKey(i.row) : JSON.stringify(i.row)}`,
  }));
  itemCache.set(s, out);
  return out;
}

/** Cheap equality first: the same serialisation means the same data. */
function same(a: unknown, b: unknown): boolean {
  const json = (x: unknown) => {
    const o = x as object;
    let j = jsonCache.get(o);
    if (j === undefined) jsonCache.set(o, (j = JSON.stringify(o)));
    return j;
  };
  return json(a) === json(b) || describeDiff(a, b).length === 0;
}

function diff(before: unknown, after: unknown): { added: Item[]; removed: Item[] } {
  const left = new Map<string, number>();
  for (const i of items(before)) left.set(i.key, (left.get(i.key) ?? 0) + 1);
  const added: Item[] = [];
  for (const i of items(after)) {
    const n = left.get(i.key) ?? 0;
    if (n > 0) left.set(i.key, n - 1);
    else added.push(i);
  }
  const removed = items(before).filter((i) => {
    const n = left.get(i.key) ?? 0;
    if (n > 0) left.set(i.key, n - 1);
    return n > 0;
  });
  return { added, removed };
}

function ownId(i: Item): string | undefined {
  if (i.group.startsWith('node:') || i.group.startsWith('rel:')) return i.row.props?.id;
  return typeof i.row.id === 'string' ? i.row.id : undefined;
}

function mentions(i: Item, ids: Set<string>): boolean {
  const r = i.row;
  if (i.group.startsWith('node:')) return ids.has(r.props?.id) || ids.has(r.props?.entityId);
  if (i.group.startsWith('rel:')) return ids.has(r.from) || ids.has(r.to) || ids.has(r.props?.id);
  return Object.values(r).some((v) => typeof v === 'string' && ids.has(v));
}

const show = (i: Item) => cut2(`${i.group} ${canon(i.row)}`);
const cut2 = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}...` : s);

function describeDiff(before: unknown, after: unknown): string[] {
  const { added, removed } = diff(before, after);
  return [...added.map((i) => `+ ${show(i)}`), ...removed.map((i) => `- ${show(i)}`)];
}

// ---------------------------------------------------------------------------------------------
// Helpers over HTTP
// ---------------------------------------------------------------------------------------------

async function ok(
  ctx: Ctx,
  query: string,
  variables: Input = {},
  headers?: Record<string, string>,
) {
  const res = await ctx.gql(query, variables, headers);
  if (res.errors) throw new Error(`${query}: ${JSON.stringify(res.errors)}`);
  return res.data;
}

async function newClaim(ctx: Ctx, text: string, headers?: Record<string, string>) {
  const d = await ok(
    ctx,
    `mutation($input: CreateClaimInput!) { createClaim(input: $input) { id } }`,
    { input: { text, kind: 'EFFICACY', conditionIds: [SEED.condition2] } },
    headers,
  );
  return d.createClaim.id as string;
}

async function newCondition(ctx: Ctx, name: string) {
  const d = await ok(
    ctx,
    `mutation($input: CreateConditionInput!) { createCondition(input: $input) { id } }`,
    { input: { name, broaderIds: [SEED.condition] } },
  );
  return d.createCondition.id as string;
}

/** A new claim linked to SEED.study: the link's id. */
async function newLink(ctx: Ctx, claimText: string) {
  const claimId = await newClaim(ctx, claimText);
  const d = await ok(
    ctx,
    `mutation($input: LinkEvidenceInput!) { linkEvidence(input: $input) { id } }`,
    { input: { studyId: SEED.study, claimId, relation: 'SUPPORTS' } },
  );
  return d.linkEvidence.id as string;
}

/** A link's indirectness read back through the API (a link is reached through its study). */
async function linkIndirectness(ctx: Ctx, id: string) {
  const d = await ok(ctx, q('study(id: $id) { evidence { id indirectness { domain reason } } }'), {
    id: SEED.study,
  });
  return d.study.evidence.find((l: { id: string }) => l.id === id);
}

async function newStudy(ctx: Ctx, title: string) {
  const d = await ok(
    ctx,
    `mutation($input: CreateStudyInput!) { createStudy(input: $input) { id } }`,
    {
      input: { title, authors: ['Roe R'], design: 'COHORT' },
    },
  );
  return d.createStudy.id as string;
}

async function newMechanism(ctx: Ctx, name: string) {
  const d = await ok(
    ctx,
    `mutation($input: CreateMechanismInput!) { createMechanism(input: $input) { id } }`,
    { input: { name } },
  );
  return d.createMechanism.id as string;
}

async function newGap(ctx: Ctx, claimId: string, description: string) {
  const d = await ok(ctx, `mutation($input: RecordGapInput!) { recordGap(input: $input) { id } }`, {
    input: { claimId, kind: 'NO_STUDY', description },
  });
  return d.recordGap.id as string;
}

/** Updates a claim (at version 1) and returns the revision of that update. */
async function updateRevision(ctx: Ctx, claimId: string) {
  await ok(ctx, `mutation($input: UpdateClaimInput!) { updateClaim(input: $input) { id } }`, {
    input: { id: claimId, expectedVersion: 1, text: `${claimId} (edited)` },
  });
  const h = await ok(ctx, q('history(id: $id, first: 100) { edges { node { id action } } }'), {
    id: claimId,
  });
  const edges = h.history.edges as Array<{ node: { id: string; action: string } }>;
  return edges.filter((e) => e.node.action === 'UPDATE').pop()!.node.id;
}

let fixtureSets = 0;

/** A CORRECTION on a new study, by the editor, accepted by the admin: its id (version 2). */
async function acceptedNotice(ctx: Ctx, title: string): Promise<string> {
  const study = (
    await ok(ctx, `mutation($input: CreateStudyInput!) { createStudy(input: $input) { id } }`, {
      input: { title, authors: ['Roe R'], design: 'RCT' },
    })
  ).createStudy.id as string;
  const notice = (
    await ok(
      ctx,
      `mutation($input: MarkNoticeInput!) { markNotice(input: $input) { notices(includePending: true) { id } } }`,
      { input: { studyId: study, kind: 'CORRECTION', expectedVersion: 1 } },
    )
  ).markNotice.notices[0].id as string;
  await ok(
    ctx,
    `mutation($input: ReviewChangeInput!) { reviewChange(input: $input) { __typename } }`,
    { input: { id: notice, expectedVersion: 1, decision: 'ACCEPT' } },
    bearer(ctx.server.tokens.admin),
  );
  return notice;
}

async function createFixtures(ctx: Ctx): Promise<Fixtures> {
  const set = fixtureSets++;
  // Claims of each set say something of their own (the same text twice is one claim).
  const apart = set === 0 ? '' : ` ${set}`;
  const admin = bearer(ctx.server.tokens.admin);
  const sourceText = [
    'Fixture source for the bad-input suite.',
    BASE_QUOTE,
    ...HOSTILE_TEXT.map((_, n) => quoteFor(n)),
  ].join('\n');
  const source = (
    await ok(ctx, `mutation($input: CreateSourceInput!) { createSource(input: $input) { id } }`, {
      input: { title: 'Bad-input fixture source', kind: 'OTHER', text: sourceText },
    })
  ).createSource.id as string;
  const claim = await newClaim(ctx, `Bad-input fixture claim${apart}`);
  const updateClaim = await newClaim(ctx, `Bad-input claim refused edits never change${apart}`);
  const linkTarget = await newClaim(ctx, `Bad-input claim to link${apart}`);
  const linked = await newClaim(ctx, `Bad-input linked claim${apart}`);
  const link = (
    await ok(
      ctx,
      `mutation($input: LinkEvidenceInput!) { linkEvidence(input: $input) { version } }`,
      {
        input: { studyId: SEED.study, claimId: linked, relation: 'SUPPORTS' },
      },
    )
  ).linkEvidence;
  const gap = await newGap(ctx, claim, 'Bad-input fixture gap');
  // Studies of this set's own for citations (none of the seed's citations is involved).
  const studies: string[] = [];
  for (const n of [1, 2, 3])
    studies.push(
      (
        await ok(ctx, `mutation($input: CreateStudyInput!) { createStudy(input: $input) { id } }`, {
          input: {
            title: `Bad-input fixture study ${set}.${n}`,
            authors: ['Roe R'],
            design: 'RCT',
          },
        })
      ).createStudy.id as string,
    );
  const citation = { citingId: studies[0], citedId: studies[1] };
  await ok(ctx, `mutation($input: CitationInput!) { addCitation(input: $input) { id } }`, {
    input: citation,
  });
  const submitted = await newClaim(
    ctx,
    `Bad-input claim by editor2${apart}`,
    bearer(ctx.server.tokens.editor2),
  );
  const submittedBulk = await newClaim(
    ctx,
    `Bad-input claim by editor2 for bulk review${apart}`,
    bearer(ctx.server.tokens.editor2),
  );
  const reverted = await newClaim(ctx, `Bad-input claim to revert${apart}`);
  const revision = await updateRevision(ctx, reverted);
  const issue = async (name: string, role: string) =>
    (
      await ok(
        ctx,
        `mutation($input: CreateTokenInput!) { createToken(input: $input) { token { id } secret } }`,
        { input: { name, role } },
        admin,
      )
    ).createToken as { token: { id: string }; secret: string };
  const toRevoke = await issue('bad-input-token-to-revoke', 'READER');
  const revoked = await issue('bad-input-revoked-editor', 'EDITOR');
  await ok(
    ctx,
    `mutation($input: RevokeTokenInput!) { revokeToken(input: $input) { id } }`,
    {
      input: { id: revoked.token.id },
    },
    admin,
  );
  return {
    set,
    source,
    claim,
    updateClaim: { id: updateClaim, version: 1 },
    linkTarget,
    link: { studyId: SEED.study, claimId: linked, version: link.version },
    gap: { id: gap, version: 1 },
    citation,
    uncited: { citingId: studies[1], citedId: studies[2] },
    submitted: { id: submitted, version: 1 },
    submittedBulk: { id: submittedBulk, version: 1 },
    notice: { id: await acceptedNotice(ctx, `Bad-input fixture notice ${set}`), version: 2 },
    revision,
    condition: { id: await newCondition(ctx, `Bad-input condition to edit${apart}`), version: 1 },
    mechanism: { id: await newMechanism(ctx, `Bad-input mechanism to edit${apart}`), version: 1 },
    judged: { id: await newStudy(ctx, `Bad-input study to judge${apart}`), version: 1 },
    indirect: { id: await newLink(ctx, `Bad-input claim whose link differs${apart}`), version: 1 },
    tokenToRevoke: toRevoke.token.id,
    revokedSecret: revoked.secret,
  };
}

/** A seeded server of this store with the fixtures every case may refer to. */
async function newCtx(kind: StoreKind): Promise<Ctx> {
  const server = await startServer({ store: kind, seed: true });
  const partial = {
    kind,
    server,
    raw: server.probe,
    gql: (query: string, variables?: Input, headers?: Record<string, string>) =>
      server.gql(query, variables, headers),
  } as Omit<Ctx, 'fx'> as Ctx;
  partial.fx = await createFixtures(partial);
  return partial;
}

const mutationQuery = (spec: MutationSpec) =>
  `mutation($input: ${spec.inputType}!) { ${spec.name}(input: $input) { ${spec.select} } }`;

function rawField(rec: Record<string, unknown> | undefined, name: string, sent: unknown): unknown {
  if (!rec) return undefined;
  const snake = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const v = name in rec ? rec[name] : rec[snake];
  // SQLite keeps lists as JSON text; Neo4j keeps string lists natively and codes as JSON text.
  return typeof v === 'string' && typeof sent === 'object' ? JSON.parse(v) : v;
}

/** Equal as strings, as code points and as UTF-8 bytes, item by item. */
function expectExact(sent: unknown, got: unknown, where: string): void {
  if (Array.isArray(sent)) {
    if (!Array.isArray(got))
      throw new Error(`${where}: expected a list, got ${JSON.stringify(got)}`);
    expect(got).toHaveLength(sent.length);
    sent.forEach((s, i) => expectExact(s, got[i], `${where}[${i}]`));
    return;
  }
  if (sent && typeof sent === 'object') {
    for (const [k, v] of Object.entries(sent)) expectExact(v, (got as Input)?.[k], `${where}.${k}`);
    return;
  }
  if (got !== sent)
    throw new Error(`${where}: stored ${JSON.stringify(got)}, sent ${JSON.stringify(sent)}`);
  const bytes = (x: string) => Buffer.from(x, 'utf8');
  expect(bytes(got as string).equals(bytes(sent as string))).toBe(true);
  expect([...(got as string)].map((c) => c.codePointAt(0))).toEqual(
    [...(sent as string)].map((c) => c.codePointAt(0)),
  );
}

function checkRefusal(res: GqlResult, spec: MutationSpec, e: Expect): void {
  const summary = {
    status: res.status,
    code: res.errors?.[0]?.extensions?.code,
    field: e.field === undefined ? undefined : res.errors?.[0]?.extensions?.field,
    errors: res.errors?.length,
  };
  expect(summary).toEqual({
    status: e.status,
    code: e.code,
    field: e.field,
    errors: 1,
  });
  const err = res.errors![0];
  if (e.message) expect(err.message).toMatch(e.message);
  if (e.field)
    expect(err.message.startsWith(`${e.field}`) || e.code !== 'BAD_USER_INPUT').toBe(true);
  expect(res.data?.[spec.name] ?? null).toBeNull();
  expect(JSON.stringify(err)).not.toMatch(/stacktrace|\.ts:\d+|node_modules|at [A-Za-z]+ \(/);
}

// ---------------------------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------------------------

describe('the table covers schema.graphql', () => {
  const mutations = Object.keys(SCHEMA.getMutationType()!.getFields()).sort();

  it('every mutation, and only those', () => {
    expect(SPECS.map((s) => s.name).sort()).toEqual(mutations);
  });

  it.each(SPECS.map((s) => [s.name, s] as const))(
    '%s: every input field, typed as the schema says',
    (_n, spec) => {
      const m = SCHEMA.getMutationType()!.getFields()[spec.name];
      expect(getNamedType(m.args.find((a) => a.name === 'input')!.type).name).toBe(spec.inputType);
      const fields = inputFields(spec.inputType);
      expect(spec.fields.map((f) => f.name).sort()).toEqual(Object.keys(fields).sort());
      for (const f of spec.fields) {
        const type = fields[f.name].type;
        const named = getNamedType(type);
        const inner = isNonNullType(type) ? type.ofType : type;
        const where = `${spec.inputType}.${f.name}`;
        expect([where, isNonNullType(type)]).toEqual([where, !!f.required]);
        const list =
          f.kind === 'textList' ||
          f.kind === 'refList' ||
          f.kind === 'codes' ||
          f.kind === 'reviewItems' ||
          f.kind === 'objects' ||
          f.kind === 'indirectness';
        expect([where, isListType(inner)]).toEqual([where, list]);
        const scalar =
          f.kind === 'enum'
            ? isEnumType(named)
            : f.kind === 'int'
              ? named.name === 'Int'
              : f.kind === 'codes'
                ? named.name === 'CodeRefInput'
                : f.kind === 'reviewItems'
                  ? named.name === 'ReviewChangesItem'
                  : f.kind === 'objects'
                    ? named.name === f.objects!.type
                    : f.kind === 'indirectness'
                      ? named.name === 'IndirectnessInput'
                      : f.kind === 'ref' || f.kind === 'refList' || f.kind === 'slug'
                        ? named.name === 'ID'
                        : named.name === 'String';
        expect([where, f.kind, named.name, scalar]).toEqual([where, f.kind, named.name, true]);
      }
    },
  );
});

describe.each(storeKinds())('bad input on the %s store', (kind) => {
  let ctx: Ctx;
  let baseline: { full: unknown; light: Record<string, unknown> };
  let refusals = 0;

  beforeAll(async () => {
    ctx = await newCtx(kind);
  });

  afterAll(async () => {
    await ctx?.server.close();
  });

  /** Nothing changed since the baseline (see the file comment for Neo4j's sampling). */
  async function expectUnchanged(): Promise<void> {
    const i = refusals++;
    const full = kind === 'sqlite' || i % NEO4J_FULL_EVERY_REFUSAL === NEO4J_FULL_EVERY_REFUSAL - 1;
    if (full) {
      const now = await ctx.raw.snapshot();
      const changes = same(baseline.full, now) ? [] : describeDiff(baseline.full, now);
      if (changes.length) {
        baseline = { full: now, light: await ctx.raw.fingerprint() };
        throw new Error(`the store changed:\n${changes.join('\n')}`);
      }
    } else {
      const now = await ctx.raw.fingerprint();
      if (canon(now) !== canon(baseline.light)) {
        const was = baseline.light;
        baseline = { full: await ctx.raw.snapshot(), light: now };
        expect(now).toEqual(was);
      }
    }
  }

  describe('refused, named, and nothing stored', () => {
    // Taken here, not with the server: in a shuffled order other blocks may have run before.
    beforeAll(async () => {
      baseline = { full: await ctx.raw.snapshot(), light: await ctx.raw.fingerprint() };
    });

    for (const c of CASES.filter((x) => kind === 'sqlite' || !x.beforeResolvers)) {
      it(c.bug ? `${c.title} (regression; was: ${c.bug})` : c.title, async () => {
        const spec = c.spec;
        const headers = c.headers
          ? c.headers(ctx.fx, ctx.server.tokens)
          : spec.as === 'admin'
            ? bearer(ctx.server.tokens.admin)
            : undefined;
        const res = await ctx.gql(mutationQuery(spec), c.variables(ctx.fx), headers);
        try {
          checkRefusal(res, spec, c.expect);
        } finally {
          await expectUnchanged();
        }
      });
    }

    it('and the whole store is still exactly as before the refusals', async () => {
      expect(describeDiff(baseline.full, await ctx.raw.snapshot())).toEqual([]);
    });
  });

  describe('hostile but valid text is stored exactly, and nothing else changes', () => {
    let stored = 0;
    for (const c of STORED_CASES) {
      it(c.title, async () => {
        const { spec, n } = c;
        const s = spec.success!;
        const headers = spec.as === 'admin' ? bearer(ctx.server.tokens.admin) : undefined;
        const prepared = s.prepare ? await s.prepare(ctx, n) : {};
        const input: Input = { ...s.input(ctx.fx, prepared, n) };
        const fields = spec.fields.filter((f) => f.stored);
        for (const f of fields) input[f.name] = hostileValue(spec, f, n);

        const full = kind === 'sqlite' || stored++ % NEO4J_FULL_EVERY_STORED === 0;
        const before = full ? await ctx.raw.snapshot() : await ctx.raw.revisionCount();
        const res = await ctx.gql(mutationQuery(spec), { input }, headers);
        expect(res.errors).toBeUndefined();
        const record = s.record(res.data[spec.name], prepared);

        if (full) {
          // Only rows of the record itself (and rows that name it, and its revision) changed.
          const after = await ctx.raw.snapshot();
          const { added, removed } = diff(before, after);
          const ids = new Set([record]);
          for (const i of added) if (mentions(i, ids) && ownId(i)) ids.add(ownId(i)!);
          const stray = [...added, ...removed]
            .filter((i) => i.group !== 'sqlite_sequence' && !mentions(i, ids))
            .map(show);
          expect(stray).toEqual([]);
          const revisions = added.filter(
            (i) => REVISION_GROUPS.has(i.group) && mentions(i, new Set([record])),
          );
          expect(revisions).toHaveLength(1);
        } else {
          expect((await ctx.raw.revisionCount()) - (before as number)).toBe(1);
        }

        // Byte-exact, read back through the raw database and through the API.
        const rawRecord = await ctx.raw.record(record);
        const lastRevision = await ctx.raw.lastRevision(record);
        const api = s.read ? await s.read(ctx, record, input) : undefined;
        const history = fields.some((f) => f.stored === 'revision')
          ? ((
              await ok(ctx, q('history(id: $id, first: 100) { edges { node { reason } } }'), {
                id: record,
              })
            ).history.edges as Array<{ node: { reason: string | null } }>)
          : [];
        for (const f of fields) {
          const sent = input[f.name];
          if (f.stored === 'revision') {
            expectExact(sent, lastRevision?.reason, `raw revision.${f.name}`);
            expectExact(sent, history[history.length - 1]?.node.reason, `API history.${f.name}`);
          } else {
            expectExact(sent, rawField(rawRecord, f.name, sent), `raw ${f.name}`);
            expectExact(sent, api?.[f.name], `API ${f.name}`);
          }
        }
      });
    }

    // With fixtures of their own: accepted, the base inputs use up fixtures (a link unlinked, a
    // token revoked, versions moved on) that the refused cases, in any order, still need.
    let baseFx: Fixtures | undefined;

    it.each(SPECS.map((s) => [s.name, s] as const))(
      '%s: the base input of the refused cases is itself accepted',
      async (_n, spec) => {
        baseFx ??= await createFixtures(ctx);
        const headers = spec.as === 'admin' ? bearer(ctx.server.tokens.admin) : undefined;
        const res = await ctx.gql(mutationQuery(spec), { input: spec.base(baseFx) }, headers);
        expect(res.errors).toBeUndefined();
        expect(res.data[spec.name]).toBeTruthy();
      },
    );
  });

  describe('regressions: refusals this suite first found missing', () => {
    for (const c of KNOWN_BUG_CASES) {
      it(`${c.title} (was: ${c.bug})`, async () => {
        // Light on Neo4j (the fingerprint), full on SQLite.
        const before = await ctx.raw.fingerprint();
        const headers = c.spec.as === 'admin' ? bearer(ctx.server.tokens.admin) : undefined;
        const res = await ctx.gql(mutationQuery(c.spec), { input: c.input(ctx.fx) }, headers);
        const after = await ctx.raw.fingerprint();
        checkRefusal(res, c.spec, invalid(c.field));
        expect(canon(after)).toEqual(canon(before));
      });
    }

    // Null was accepted for these optional fields of UpdateClaimInput; the stores kept the old
    // value while the revision recorded null. Now refused, naming the field.
    const updateClaim = SPECS.find((s) => s.name === 'updateClaim')!;
    for (const field of NULL_UPDATE_FIELDS)
      it(`updateClaim: ${field} null is refused (regression; was: ignored by the store, recorded as null on the revision)`, async () => {
        const id = await newClaim(ctx, `Claim with a null ${field}`);
        const res = await ctx.gql(mutationQuery(updateClaim), {
          input: { id, expectedVersion: 1, [field]: null },
        });
        checkRefusal(res, updateClaim, invalid(`input.${field}`));
      });
  });
});

describe('case count', () => {
  it('is several hundred per store', () => {
    const early = CASES.filter((c) => c.beforeResolvers).length;
    const perStore = (kind: StoreKind) => TOTAL_PER_STORE - (kind === 'sqlite' ? 0 : early);
    // For the release note.
    console.log(
      `bad-input cases: ${TOTAL_PER_STORE} on SQLite (${CASES.length} refused, ` +
        `${STORED_CASES.length} hostile texts stored exactly, ${KNOWN_BUGS} regressions); ` +
        `${early} of the refusals answer before any resolver and run on SQLite only; ` +
        storeKinds()
          .map((k) => `${k}: ${perStore(k)}`)
          .join(', ') +
        ` = ${storeKinds().reduce((n, k) => n + perStore(k), 0)}`,
    );
    expect(TOTAL_PER_STORE).toBeGreaterThan(800);
    expect(TOTAL_PER_STORE - early).toBeGreaterThan(300);
  });
});
