import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/domain-error';
import { newId } from '../common/ids';
import { freeNames } from '../common/names';
import { normaliseName } from '../common/text';
import { Connection, keysetPage, PageArgs, storePageConnection } from '../common/connection';
import { ReadScope } from '../read-scope/read-scope';
import {
  ConditionPatch,
  ConditionRecord,
  VOCABULARY_STORE,
  VocabularyWrites,
} from '../store/ports';
import { storeWrite } from '../common/store-errors';
import { CreateConditionDto, UpdateConditionDto } from './condition.inputs';
import { created, newRecord, WriteContext } from '../history/revision';
import { staleVersion, updateCondition } from '../history/audited-writes';
import { broaderCycle } from './hierarchy.rules';
import { closeness } from './near-names';

/** How far down the hierarchy "narrower conditions are included" reaches: a bound, not a guess. */
export const MAX_HIERARCHY_DEPTH = 8;
const SUGGESTIONS = 5;
/** Longest (normalised) name that gets near-name suggestions. */
const MAX_SUGGESTION_INPUT = 64;

@Injectable()
export class ConditionsService {
  constructor(
    @Inject(VOCABULARY_STORE)
    private readonly vocabulary: Pick<VocabularyWrites, 'createCondition' | 'updateCondition'>,
  ) {}

  /** By id, name or synonym (case-insensitive); unknown names get NOT_FOUND with near names. */
  async resolve(ref: string, scope: ReadScope, field = 'condition'): Promise<ConditionRecord> {
    const found = await this.find(ref, scope, field);
    if (found) return found;
    const suggestions = await this.suggest(ref, scope);
    throw new DomainError(
      ErrorCode.NOT_FOUND,
      `No condition is named "${ref.trim()}". ${suggestions.length ? `Did you mean: ${suggestions.join(', ')}?` : 'No condition has a close name.'}`,
      { field, suggestions },
    );
  }

  /** Exactly one of a name (or synonym, or id) and an id. */
  async byNameOrId(
    args: { name?: string | null; id?: string | null },
    scope: ReadScope,
  ): Promise<ConditionRecord | null> {
    const { name, id } = args;
    if ((name === undefined || name === null) === (id === undefined || id === null))
      throw DomainError.badInput('name', 'give exactly one of name or id');
    return id ? scope.loaders.condition.load(id) : this.find(name!, scope);
  }

  async find(ref: string, scope: ReadScope, field = 'name'): Promise<ConditionRecord | null> {
    if (ref.trim() === '') throw DomainError.badInput(field, 'must not be empty');
    // Both asked at once (one round trip on Neo4j, not two in turn); an id wins over a name.
    // Kept between requests while nothing is written: a report names its condition every time.
    const [byId, byName] = await scope.loaders.kept(`condition-ref\u0000${ref}`, () =>
      Promise.all([
        scope.loaders.condition.load(ref.trim()),
        scope.store.findConditionsByName(ref),
      ]),
    );
    if (byId) return byId;
    if (byName.length > 1) {
      throw DomainError.badInput(
        field,
        `"${ref}" names several conditions (${byName.map((c) => c.name).join(', ')}); use an id`,
      );
    }
    if (byName[0]) scope.loaders.condition.prime(byName[0].id, byName[0]);
    return byName[0] ?? null;
  }

  /**
   * Condition names close to what was typed (near-names.ts: shared word stems or few edits for
   * the length, against the name or any synonym), closest first; none when nothing is close.
   */
  async suggest(ref: string, scope: ReadScope): Promise<string[]> {
    const q = normaliseName(ref);
    // Nobody mistypes a 100-character name: longer input gets no suggestions (and costs nothing).
    if (q.length > MAX_SUGGESTION_INPUT) return [];
    const scored = (await scope.store.conditionNames()).map((c) => ({
      name: c.name,
      score: Math.max(...[c.name, ...c.synonyms].map((n) => closeness(q, n))),
    }));
    return scored
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
      .slice(0, SUGGESTIONS)
      .map((s) => s.name);
  }

  /** The condition and, optionally, every narrower one (bounded depth). */
  async withNarrower(
    root: ConditionRecord,
    includeNarrower: boolean,
    scope: ReadScope,
  ): Promise<ConditionRecord[]> {
    if (!includeNarrower) return [root];
    const below = await scope.store.narrowerConditions([root.id], MAX_HIERARCHY_DEPTH);
    return [
      root,
      ...(await scope.loaders.all(
        scope.loaders.condition,
        below.map((d) => d.id),
      )),
    ];
  }

  async list(
    search: string | null | undefined,
    page: PageArgs,
    scope: ReadScope,
  ): Promise<Connection<ConditionRecord>> {
    const asked = keysetPage(page);
    const found = await scope.store.listConditions(asked, search?.trim() || undefined);
    return storePageConnection(found, asked);
  }

  async create(
    input: CreateConditionDto,
    ctx: WriteContext,
    scope: ReadScope,
  ): Promise<ConditionRecord> {
    const broaderIds = [...new Set(input.broaderIds ?? [])];
    const known = await scope.loaders.all(scope.loaders.condition, broaderIds);
    const unknown = broaderIds.filter((id) => !known.some((k) => k.id === id));
    if (unknown.length)
      throw DomainError.badInput('input.broaderIds', `unknown condition: ${unknown.join(', ')}`);
    const names = freeNames(input, await scope.store.conditionNames(), 'condition');
    const record = newRecord<ConditionRecord>(input.id ?? newId('condition'), {
      ...names,
      codes: (input.codes ?? []).map((c) => ({ system: c.system, code: c.code })),
      description: input.description ?? null,
      broaderIds,
    });
    return storeWrite(() => this.vocabulary.createCondition(...created('conditions', record, ctx)));
  }

  /**
   * Optimistic concurrency, as for claims. Names stay unique across conditions (as on creation),
   * broader conditions must exist and must not close a cycle. One revision, in the same
   * transaction as the change; an edit that changes nothing writes nothing.
   */
  async update(
    input: UpdateConditionDto,
    ctx: WriteContext,
    scope: ReadScope,
  ): Promise<ConditionRecord> {
    const current = await scope.loaders.condition.load(input.id);
    if (!current) throw DomainError.notFound(`Condition "${input.id}"`, 'input.id');
    if (current.version !== input.expectedVersion)
      throw staleVersion(current.id, input.expectedVersion, current.version);
    const broaderIds = input.broaderIds ? [...new Set(input.broaderIds)].sort() : undefined;
    if (broaderIds) {
      const known = await scope.loaders.all(scope.loaders.condition, broaderIds);
      const unknown = broaderIds.filter((id) => !known.some((k) => k.id === id));
      if (unknown.length)
        throw DomainError.badInput('input.broaderIds', `unknown condition: ${unknown.join(', ')}`);
      const cycle = await broaderCycle(current.id, broaderIds, (ids) =>
        scope.loaders.all(scope.loaders.condition, [...ids]),
      );
      if (cycle)
        throw DomainError.badInput(
          'input.broaderIds',
          cycle === current.id
            ? `a condition cannot be broader than itself`
            : `${cycle} is narrower than ${current.id} (directly or through others): linking it as broader would make a cycle`,
        );
    }
    const others = (await scope.store.conditionNames()).filter((c) => c.id !== current.id);
    const names = freeNames(
      { name: input.name ?? current.name, synonyms: input.synonyms ?? current.synonyms },
      others,
      'condition',
    );
    const asked: ConditionPatch = {
      name: input.name !== undefined ? names.name : undefined,
      synonyms: input.synonyms !== undefined ? names.synonyms : undefined,
      codes: input.codes?.map((c) => ({ system: c.system, code: c.code })),
      broaderIds,
    };
    const patch = changedFields(asked, current);
    if (Object.keys(patch).length === 0) return current;
    return updateCondition(this.vocabulary, current, patch, ctx);
  }
}

/** Only the fields that differ from the record (lists compared as given; broader ids sorted). */
export function changedFields<P extends object>(asked: P, current: object): Partial<P> {
  const now = current as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(asked).filter(
      ([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(now[k] ?? null),
    ),
  ) as Partial<P>;
}
