import { Inject, Injectable } from '@nestjs/common';
import { newId } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import { created, newRecord, WriteContext } from '../history/revision';
import { ReadScope } from '../read-scope/read-scope';
import { InterventionRecord, VOCABULARY_STORE, VocabularyWrites } from '../store/ports';
import { CreateInterventionDto } from './intervention.inputs';

/** Interventions (a drug by a route, a procedure): what a claim says is done. */
@Injectable()
export class InterventionsService {
  constructor(
    @Inject(VOCABULARY_STORE)
    private readonly vocabulary: Pick<VocabularyWrites, 'createIntervention'>,
  ) {}

  list(scope: ReadScope): Promise<InterventionRecord[]> {
    return scope.store.listInterventions();
  }

  create(input: CreateInterventionDto, ctx: WriteContext): Promise<InterventionRecord> {
    const record = newRecord<InterventionRecord>(input.id ?? newId('intervention'), {
      name: input.name,
      drug: input.drug ?? null,
      route: input.route ?? null,
    });
    return storeWrite(() =>
      this.vocabulary.createIntervention(...created('interventions', record, ctx)),
    );
  }
}
