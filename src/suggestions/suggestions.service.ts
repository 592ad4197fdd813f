import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { ReadScope } from '../read-scope/read-scope';
import { ClaimInput } from './claim-ranking';
import { Vocabulary } from './spotting';
import { suggest, StatementSuggestionResult } from './suggest';

/**
 * The extraction assistant over the store: reads the source, the whole vocabulary and every claim
 * through the request's scope and hands them to the pure `suggest`. Stores nothing.
 */
@Injectable()
export class SuggestionsService {
  async suggestStatements(
    sourceId: string,
    scope: ReadScope,
  ): Promise<StatementSuggestionResult[]> {
    const source = await scope.loaders.source.load(sourceId);
    if (!source) throw DomainError.notFound(`Source ${sourceId}`, 'sourceId');
    const [vocabulary, claims] = await Promise.all([this.vocabulary(scope), this.claims(scope)]);
    return suggest(source.text, vocabulary, claims);
  }

  private async vocabulary(scope: ReadScope): Promise<Vocabulary> {
    const [names, mechanisms, interventions] = await Promise.all([
      scope.store.conditionNames(),
      scope.store.listMechanisms(),
      scope.store.listInterventions(),
    ]);
    const conditions = await scope.loaders.all(
      scope.loaders.condition,
      names.map((n) => n.id),
    );
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return {
      conditions: conditions
        .map((c) => ({ id: c.id, name: c.name, synonyms: c.synonyms, broaderIds: c.broaderIds }))
        .sort(byId),
      mechanisms: mechanisms
        .map((m) => ({ id: m.id, name: m.name, synonyms: m.synonyms }))
        .sort(byId),
      interventions: interventions
        .map((i) => ({ id: i.id, name: i.name, drug: i.drug }))
        .sort(byId),
    };
  }

  private async claims(scope: ReadScope): Promise<ClaimInput[]> {
    const texts = await scope.store.claimTexts();
    const records = await scope.loaders.all(
      scope.loaders.claim,
      texts.map((t) => t.id),
    );
    return records
      .map((c) => ({
        id: c.id,
        text: c.text,
        reviewStatus: c.reviewStatus,
        conditionIds: c.conditionIds,
        mechanismIds: c.mechanismIds,
        interventionId: c.interventionId,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
