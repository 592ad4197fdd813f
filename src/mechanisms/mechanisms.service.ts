import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { newId } from '../common/ids';
import { freeNames } from '../common/names';
import { storeWrite } from '../common/store-errors';
import { ReadScope } from '../read-scope/read-scope';
import {
  MechanismPatch,
  MechanismRecord,
  VOCABULARY_STORE,
  VocabularyWrites,
} from '../store/ports';
import { CreateMechanismDto, UpdateMechanismDto } from './mechanism.inputs';
import { created, newRecord, WriteContext } from '../history/revision';
import { staleVersion, updateMechanism } from '../history/audited-writes';
import { changedFields } from '../conditions/conditions.service';

@Injectable()
export class MechanismsService {
  constructor(
    @Inject(VOCABULARY_STORE)
    private readonly vocabulary: Pick<VocabularyWrites, 'createMechanism' | 'updateMechanism'>,
  ) {}

  /** By id, name or synonym. */
  async find(ref: string, scope: ReadScope, field: string): Promise<MechanismRecord> {
    const byId = await scope.loaders.mechanism.load(ref);
    if (byId) return byId;
    const byName = await scope.store.findMechanismsByName(ref);
    if (byName.length === 1) return byName[0];
    if (byName.length > 1)
      throw DomainError.badInput(field, `"${ref}" names several mechanisms; use an id`);
    const names = (await scope.store.listMechanisms()).map((m) => m.name);
    throw DomainError.notFound(`Mechanism "${ref}"`, field, { suggestions: names });
  }

  list(scope: ReadScope): Promise<MechanismRecord[]> {
    return scope.store.listMechanisms();
  }

  async create(
    input: CreateMechanismDto,
    ctx: WriteContext,
    scope: ReadScope,
  ): Promise<MechanismRecord> {
    const names = freeNames(input, await scope.store.listMechanisms(), 'mechanism');
    const record = newRecord<MechanismRecord>(input.id ?? newId('mechanism'), {
      ...names,
      description: input.description ?? null,
    });
    return storeWrite(() => this.vocabulary.createMechanism(...created('mechanisms', record, ctx)));
  }

  /** Optimistic concurrency; names stay unique across mechanisms; one revision with the change. */
  async update(
    input: UpdateMechanismDto,
    ctx: WriteContext,
    scope: ReadScope,
  ): Promise<MechanismRecord> {
    const current = await scope.loaders.mechanism.load(input.id);
    if (!current) throw DomainError.notFound(`Mechanism "${input.id}"`, 'input.id');
    if (current.version !== input.expectedVersion)
      throw staleVersion(current.id, input.expectedVersion, current.version);
    const others = (await scope.store.listMechanisms()).filter((m) => m.id !== current.id);
    const names = freeNames(
      { name: input.name ?? current.name, synonyms: input.synonyms ?? current.synonyms },
      others,
      'mechanism',
    );
    const asked: MechanismPatch = {
      name: input.name !== undefined ? names.name : undefined,
      synonyms: input.synonyms !== undefined ? names.synonyms : undefined,
    };
    const patch = changedFields(asked, current);
    if (Object.keys(patch).length === 0) return current;
    return updateMechanism(this.vocabulary, current, patch, ctx);
  }
}
