import type {
  Audit,
  ConditionPatch,
  ConditionRecord,
  MechanismPatch,
  VersionedUpdate,
  DescendantRef,
  InterventionRecord,
  NamedRef,
  MechanismRecord,
  Page,
  PageResult,
} from './records';

/** The controlled vocabulary: conditions (a hierarchy), mechanisms and interventions. */
export interface VocabularyReads {
  getConditions(ids: readonly string[]): Promise<ConditionRecord[]>;
  listConditions(page: Page, search?: string): Promise<PageResult<ConditionRecord>>;
  /** Conditions whose name or a synonym equals the name (case-insensitive, spaces collapsed). */
  findConditionsByName(name: string): Promise<ConditionRecord[]>;
  /** Every condition's id, name and synonyms: the vocabulary for suggestions. */
  conditionNames(): Promise<NamedRef[]>;
  /** Narrower conditions of the roots, transitively, at most maxDepth steps down. Roots excluded. */
  narrowerConditions(rootIds: readonly string[], maxDepth: number): Promise<DescendantRef[]>;
  /** Direct narrower conditions of each parent: [parentId, childId] pairs. */
  narrowerPairs(parentIds: readonly string[]): Promise<Array<[string, string]>>;
  getMechanisms(ids: readonly string[]): Promise<MechanismRecord[]>;
  listMechanisms(): Promise<MechanismRecord[]>;
  findMechanismsByName(name: string): Promise<MechanismRecord[]>;
  getInterventions(ids: readonly string[]): Promise<InterventionRecord[]>;
  listInterventions(): Promise<InterventionRecord[]>;
}

export interface VocabularyWrites {
  createCondition(record: ConditionRecord, audit?: Audit): Promise<ConditionRecord>;
  createMechanism(record: MechanismRecord, audit?: Audit): Promise<MechanismRecord>;
  createIntervention(record: InterventionRecord, audit?: Audit): Promise<InterventionRecord>;
  /**
   * Compare-and-set edits of a condition or a mechanism, with their revisions, in one transaction.
   * The labels it is found by, its search words and (conditions) its broader links follow.
   */
  updateCondition: VersionedUpdate<ConditionPatch, ConditionRecord>;
  updateMechanism: VersionedUpdate<MechanismPatch, MechanismRecord>;
}

export type VocabularyStore = VocabularyReads & VocabularyWrites;
