import { Inject, Injectable } from '@nestjs/common';
import { distance } from 'fastest-levenshtein';
import { DomainError, ErrorCode } from '../common/domain-error';
import { newId, nowIso } from '../common/ids';
import { assertLabelsFree } from '../common/labels';
import { normaliseLabel } from '../common/text';
import { Connection, decodeIdCursor, keysetConnection, pageSize } from '../common/connection';
import { Loaders } from '../loaders/loaders';
import { ConditionRecord, EVIDENCE_STORE, EvidenceStore } from '../store/evidence-store.port';
import { storeWrite } from '../common/store-errors';
import { CreateConditionDto } from './condition.inputs';
import { created, WriteContext } from '../history/revision';

/** How far down the hierarchy "narrower conditions are included" reaches: a bound, not a guess. */
export const MAX_HIERARCHY_DEPTH = 8;
const SUGGESTIONS = 5;

@Injectable()
export class ConditionsService {
  constructor(@Inject(EVIDENCE_STORE) private readonly store: EvidenceStore) {}

  /** By id, name or synonym (case-insensitive); unknown names get NOT_FOUND with near names. */
  async resolve(ref: string, loaders: Loaders, field = 'condition'): Promise<ConditionRecord> {
    const found = await this.find(ref, loaders, field);
    if (found) return found;
    const suggestions = await this.suggest(ref, loaders.store);
    throw new DomainError(
      ErrorCode.NOT_FOUND,
      `No condition is named "${ref.trim()}".${suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : ''}`,
      { field, suggestions },
    );
  }

  async find(ref: string, loaders: Loaders, field = 'name'): Promise<ConditionRecord | null> {
    if (ref.trim() === '') throw DomainError.badInput(field, 'must not be empty');
    const byId = await loaders.condition.load(ref.trim());
    if (byId) return byId;
    const byLabel = await loaders.store.findConditionsByLabel(ref);
    if (byLabel.length > 1) {
      throw DomainError.badInput(
        field,
        `"${ref}" names several conditions (${byLabel.map((c) => c.name).join(', ')}); use an id`,
      );
    }
    if (byLabel[0]) loaders.condition.prime(byLabel[0].id, byLabel[0]);
    return byLabel[0] ?? null;
  }

  /** Nearest condition names: substring matches first, then by edit distance to any name or synonym. */
  async suggest(ref: string, store: EvidenceStore = this.store): Promise<string[]> {
    const q = normaliseLabel(ref);
    const scored = (await store.conditionLabels()).map((c) => {
      const labels = [c.name, ...c.synonyms].map(normaliseLabel);
      const contains = labels.some((l) => l.includes(q) || (l.length >= 3 && q.includes(l)));
      const best = Math.min(...labels.map((l) => distance(q, l)));
      return { name: c.name, score: contains ? -1 : best };
    });
    const limit = Math.max(3, Math.ceil(q.length * 0.6));
    return scored
      .filter((s) => s.score <= limit)
      .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
      .slice(0, SUGGESTIONS)
      .map((s) => s.name);
  }

  /** The condition and, optionally, every narrower one (bounded depth). */
  async withNarrower(
    root: ConditionRecord,
    includeNarrower: boolean,
    loaders: Loaders,
  ): Promise<ConditionRecord[]> {
    if (!includeNarrower) return [root];
    const below = await loaders.store.narrowerConditions([root.id], MAX_HIERARCHY_DEPTH);
    return [
      root,
      ...(await loaders.all(
        loaders.condition,
        below.map((d) => d.id),
      )),
    ];
  }

  async list(
    search: string | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<ConditionRecord>> {
    const limit = pageSize(first);
    const afterId = decodeIdCursor(after);
    const page = await this.store.listConditions(
      { limit, after: afterId },
      search?.trim() || undefined,
    );
    return keysetConnection(page.items, page.totalCount, page.hasNextPage, afterId !== undefined);
  }

  async create(
    input: CreateConditionDto,
    ctx: WriteContext,
    loaders: Loaders,
  ): Promise<ConditionRecord> {
    const synonyms = [...new Set(input.synonyms ?? [])];
    const broaderIds = [...new Set(input.broaderIds ?? [])];
    const known = await loaders.all(loaders.condition, broaderIds);
    const unknown = broaderIds.filter((id) => !known.some((k) => k.id === id));
    if (unknown.length)
      throw DomainError.badInput('input.broaderIds', `unknown condition: ${unknown.join(', ')}`);
    assertLabelsFree(
      { name: input.name, synonyms },
      await this.store.conditionLabels(),
      'condition',
    );
    const at = nowIso();
    const record: ConditionRecord = {
      id: input.id ?? newId('condition'),
      name: input.name,
      synonyms,
      codes: (input.codes ?? []).map((c) => ({ system: c.system, code: c.code })),
      description: input.description ?? null,
      broaderIds,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    return storeWrite(() => this.store.createCondition(...created('conditions', record, ctx)));
  }
}
