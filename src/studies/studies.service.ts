import { Inject, Injectable } from '@nestjs/common';
import { Connection, decodeIdCursor, keysetConnection, pageSize } from '../common/connection';
import { DomainError } from '../common/domain-error';
import { newId, nowIso } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import { StudyFilter } from '../graphql.schema';
import { Loaders } from '../loaders/loaders';
import { EVIDENCE_STORE, EvidenceStore, StudyRecord } from '../store/evidence-store.port';
import { normaliseDoi, normalisePmid } from './identifiers';
import { CreateStudyDto } from './study.inputs';
import { created, WriteContext } from '../history/revision';

@Injectable()
export class StudiesService {
  constructor(@Inject(EVIDENCE_STORE) private readonly store: EvidenceStore) {}

  async find(
    args: { id?: string | null; doi?: string | null; pmid?: string | null },
    loaders: Loaders,
  ): Promise<StudyRecord | null> {
    const given = [args.id, args.doi, args.pmid].filter(
      (x) => x !== null && x !== undefined,
    ).length;
    if (given !== 1) throw DomainError.badInput('id', 'give exactly one of id, doi or pmid');
    if (args.id) return loaders.study.load(args.id);
    if (args.doi) {
      const doi = normaliseDoi(args.doi);
      if (!doi.ok) throw DomainError.badInput('doi', doi.reason);
      return this.store.findStudyByDoi(doi.value);
    }
    const pmid = normalisePmid(args.pmid!);
    if (!pmid.ok) throw DomainError.badInput('pmid', pmid.reason);
    return this.store.findStudyByPmid(pmid.value);
  }

  async list(
    filter: StudyFilter | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<StudyRecord>> {
    const limit = pageSize(first);
    const afterId = decodeIdCursor(after);
    const page = await this.store.listStudies(
      { limit, after: afterId },
      {
        design: filter?.design ?? undefined,
        yearFrom: filter?.yearFrom ?? undefined,
        yearTo: filter?.yearTo ?? undefined,
        retracted: filter?.retracted ?? undefined,
        titleContains: filter?.title ?? undefined,
      },
    );
    return keysetConnection(page.items, page.totalCount, page.hasNextPage, afterId !== undefined);
  }

  /** DOI and PMID are normalised and unique: a second insert of either names the existing study. */
  async create(input: CreateStudyDto, ctx: WriteContext): Promise<StudyRecord> {
    let doi: string | null = null;
    let pmid: string | null = null;
    if (input.doi !== undefined) {
      const n = normaliseDoi(input.doi);
      if (!n.ok) throw DomainError.badInput('input.doi', n.reason);
      doi = n.value;
    }
    if (input.pmid !== undefined) {
      const n = normalisePmid(input.pmid);
      if (!n.ok) throw DomainError.badInput('input.pmid', n.reason);
      pmid = n.value;
    }
    const existing =
      (doi && (await this.store.findStudyByDoi(doi))) ||
      (pmid && (await this.store.findStudyByPmid(pmid)));
    if (existing) {
      const field = doi && existing.doi === doi ? 'doi' : 'pmid';
      throw DomainError.conflict(
        `A study with this ${field === 'doi' ? `DOI (${doi})` : `PMID (${pmid})`} is already recorded: ${existing.id}`,
        { field: `input.${field}`, existingId: existing.id },
      );
    }
    const at = nowIso();
    return storeWrite(() =>
      this.store.createStudy(
        ...created(
          'studies',
          {
            id: input.id ?? newId('study'),
            title: input.title,
            authors: input.authors,
            year: input.year ?? null,
            journal: input.journal ?? null,
            doi,
            pmid,
            design: input.design,
            sampleSize: input.sampleSize ?? null,
            population: input.population ?? null,
            finding: input.finding ?? null,
            retraction: null,
            createdAt: at,
            updatedAt: at,
            version: 1,
          },
          ctx,
        ),
      ),
    );
  }
}
