import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { newId } from '../common/ids';
import { freeNames } from '../common/names';
import { storeWrite } from '../common/store-errors';
import { ReadScope } from '../read-scope/read-scope';
import { MechanismRecord, VOCABULARY_STORE, VocabularyWrites } from '../store/ports';
import { CreateMechanismDto } from './mechanism.inputs';
import { created, newRecord, WriteContext } from '../history/revision';

@Injectable()
export class MechanismsService {
  constructor(
    @Inject(VOCABULARY_STORE)
    private readonly vocabulary: Pick<VocabularyWrites, 'createMechanism'>,
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
}
