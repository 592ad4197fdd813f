import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { Loaders } from '../loaders/loaders';
import { EVIDENCE_STORE, EvidenceStore, MechanismRecord } from '../store/evidence-store.port';
import { CreateInterventionDto, CreateMechanismDto } from './mechanism.inputs';
import { MechanismsService } from './mechanisms.service';
import { RequestContext, writer } from '../graphql/request-context';

@Resolver('Mechanism')
export class MechanismsResolver {
  constructor(
    private readonly mechanisms: MechanismsService,
    @Inject(EVIDENCE_STORE) private readonly store: EvidenceStore,
  ) {}

  @Query('mechanism')
  mechanism(@Args('id') id: string, @Context('loaders') loaders: Loaders) {
    return loaders.mechanism.load(id);
  }

  @Query('mechanisms')
  mechanismList() {
    return this.store.listMechanisms();
  }

  @Query('interventions')
  interventions() {
    return this.store.listInterventions();
  }

  @Mutation('createMechanism')
  createMechanism(@Args('input') input: CreateMechanismDto, @Context() ctx: RequestContext) {
    return this.mechanisms.createMechanism(input, writer(ctx));
  }

  @Mutation('createIntervention')
  createIntervention(@Args('input') input: CreateInterventionDto, @Context() ctx: RequestContext) {
    return this.mechanisms.createIntervention(input, writer(ctx));
  }

  @ResolveField('claims')
  async claims(@Parent() m: MechanismRecord, @Context('loaders') loaders: Loaders) {
    return loaders.all(loaders.claim, await loaders.claimIdsByMechanism.load(m.id));
  }
}
