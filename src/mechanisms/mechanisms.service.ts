import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { newId, nowIso } from '../common/ids';
import { assertLabelsFree } from '../common/labels';
import { storeWrite } from '../common/store-errors';
import { Loaders } from '../loaders/loaders';
import {
  EVIDENCE_STORE,
  EvidenceStore,
  InterventionRecord,
  MechanismRecord,
} from '../store/evidence-store.port';
import { CreateInterventionDto, CreateMechanismDto } from './mechanism.inputs';
import { created, WriteContext } from '../history/revision';

@Injectable()
export class MechanismsService {
  constructor(@Inject(EVIDENCE_STORE) private readonly store: EvidenceStore) {}

  /** By id, name or synonym. */
  async find(ref: string, loaders: Loaders, field: string): Promise<MechanismRecord> {
    const byId = await loaders.mechanism.load(ref);
    if (byId) return byId;
    const byLabel = await this.store.findMechanismsByLabel(ref);
    if (byLabel.length === 1) return byLabel[0];
    if (byLabel.length > 1)
      throw DomainError.badInput(field, `"${ref}" names several mechanisms; use an id`);
    const names = (await this.store.listMechanisms()).map((m) => m.name);
    throw DomainError.notFound(`Mechanism "${ref}"`, field, { suggestions: names });
  }

  async createMechanism(input: CreateMechanismDto, ctx: WriteContext): Promise<MechanismRecord> {
    const synonyms = [...new Set(input.synonyms ?? [])];
    assertLabelsFree(
      { name: input.name, synonyms },
      await this.store.listMechanisms(),
      'mechanism',
    );
    const at = nowIso();
    return storeWrite(() =>
      this.store.createMechanism(
        ...created(
          'mechanisms',
          {
            id: input.id ?? newId('mechanism'),
            name: input.name,
            synonyms,
            description: input.description ?? null,
            createdAt: at,
            updatedAt: at,
            version: 1,
          },
          ctx,
        ),
      ),
    );
  }

  async createIntervention(
    input: CreateInterventionDto,
    ctx: WriteContext,
  ): Promise<InterventionRecord> {
    const at = nowIso();
    return storeWrite(() =>
      this.store.createIntervention(
        ...created(
          'interventions',
          {
            id: input.id ?? newId('intervention'),
            name: input.name,
            drug: input.drug ?? null,
            route: input.route ?? null,
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
