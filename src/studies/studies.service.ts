import { Inject, Injectable } from '@nestjs/common';
import { Connection, keysetPage, PageArgs, storePageConnection } from '../common/connection';
import { DomainError } from '../common/domain-error';
import { newId } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import { staleVersion, updateStudy } from '../history/audited-writes';
import { RiskOfBias, StudyFilter } from '../graphql.schema';
import { ReadScope } from '../read-scope/read-scope';
import { STUDY_STORE, StudyRecord, StudyWrites } from '../store/ports';
import { normaliseDoi, normalisePmid } from './identifiers';
import { CreateStudyDto, UpdateStudyRiskOfBiasDto } from './study.inputs';
import { created, newRecord, WriteContext } from '../history/revision';

/**
 * A judgement with its reason: the reason is required unless NOT_ASSESSED, and dropped with it
 * (a reason for no judgement would read as one).
 */
export function riskOfBias(
  judgement: RiskOfBias | null | undefined,
  reason: string | null | undefined,
  path: string,
): Pick<StudyRecord, 'riskOfBias' | 'riskOfBiasReason'> {
  const j = judgement ?? RiskOfBias.NOT_ASSESSED;
  if (j === RiskOfBias.NOT_ASSESSED) {
    if (reason?.trim())
      throw DomainError.badInput(`${path}.riskOfBiasReason`, 'must be empty when NOT_ASSESSED');
    return { riskOfBias: j, riskOfBiasReason: null };
  }
  if (!reason?.trim())
    throw DomainError.badInput(`${path}.riskOfBiasReason`, `is required when riskOfBias is ${j}`);
  // Kept as sent, like every other text field (the validator refuses blank ones).
  return { riskOfBias: j, riskOfBiasReason: reason };
}

@Injectable()
export class StudiesService {
  constructor(@Inject(STUDY_STORE) private readonly studies: StudyWrites) {}

  async find(
    args: { id?: string | null; doi?: string | null; pmid?: string | null },
    { store, loaders }: ReadScope,
  ): Promise<StudyRecord | null> {
    const given = [args.id, args.doi, args.pmid].filter(
      (x) => x !== null && x !== undefined,
    ).length;
    if (given !== 1) throw DomainError.badInput('id', 'give exactly one of id, doi or pmid');
    if (args.id) return loaders.study.load(args.id);
    if (args.doi) {
      const doi = normaliseDoi(args.doi);
      if (!doi.ok) throw DomainError.badInput('doi', doi.reason);
      return store.findStudyByDoi(doi.value);
    }
    const pmid = normalisePmid(args.pmid!);
    if (!pmid.ok) throw DomainError.badInput('pmid', pmid.reason);
    return store.findStudyByPmid(pmid.value);
  }

  async list(
    filter: StudyFilter | null | undefined,
    page: PageArgs,
    { store }: ReadScope,
  ): Promise<Connection<StudyRecord>> {
    const asked = keysetPage(page);
    const found = await store.listStudies(asked, {
      design: filter?.design ?? undefined,
      yearFrom: filter?.yearFrom ?? undefined,
      yearTo: filter?.yearTo ?? undefined,
      retracted: filter?.retracted ?? undefined,
      titleContains: filter?.title ?? undefined,
    });
    return storePageConnection(found, asked);
  }

  /** DOI and PMID are normalised and unique: a second insert of either names the existing study. */
  async create(input: CreateStudyDto, ctx: WriteContext, scope: ReadScope): Promise<StudyRecord> {
    const { store } = scope;
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
      (doi && (await store.findStudyByDoi(doi))) || (pmid && (await store.findStudyByPmid(pmid)));
    if (existing) {
      const field = doi && existing.doi === doi ? 'doi' : 'pmid';
      throw DomainError.conflict(
        `A study with this ${field === 'doi' ? `DOI (${doi})` : `PMID (${pmid})`} is already recorded: ${existing.id}`,
        { field: `input.${field}`, existingId: existing.id },
      );
    }
    const record = newRecord<StudyRecord>(input.id ?? newId('study'), {
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
      ...riskOfBias(input.riskOfBias, input.riskOfBiasReason, 'input'),
      populationConditionIds: await this.populationConditions(input.populationConditionIds, scope),
      retraction: null,
    });
    return storeWrite(() => this.studies.createStudy(...created('studies', record, ctx)));
  }

  /** The population's conditions, each from the vocabulary, once each, in the order given. */
  private async populationConditions(
    ids: string[] | undefined,
    { loaders }: ReadScope,
  ): Promise<string[]> {
    const asked = [...new Set(ids ?? [])];
    const found = await loaders.all(loaders.condition, asked);
    const unknown = asked.filter((id) => !found.some((c) => c.id === id));
    if (unknown.length)
      throw DomainError.badInput(
        'input.populationConditionIds',
        `unknown condition: ${unknown.join(', ')}`,
      );
    return asked;
  }

  /** A new judgement on the version read: one revision, revertible. */
  async updateRiskOfBias(
    input: UpdateStudyRiskOfBiasDto,
    ctx: WriteContext,
    { loaders }: ReadScope,
  ): Promise<StudyRecord> {
    const current = await loaders.study.load(input.id);
    if (!current) throw DomainError.notFound(`Study "${input.id}"`, 'input.id');
    if (current.version !== input.expectedVersion)
      throw staleVersion(current.id, input.expectedVersion, current.version);
    const patch = riskOfBias(input.riskOfBias, input.riskOfBiasReason, 'input');
    if (
      patch.riskOfBias === current.riskOfBias &&
      patch.riskOfBiasReason === current.riskOfBiasReason
    )
      return current;
    return updateStudy(this.studies, current, patch, ctx);
  }
}
