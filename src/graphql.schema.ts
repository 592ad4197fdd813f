
/*
 * -------------------------------------------------------
 * THIS FILE WAS AUTOMATICALLY GENERATED (DO NOT MODIFY)
 * -------------------------------------------------------
 */

/* tslint:disable */
/* eslint-disable */

// Generated from schema.graphql by `npm run generate:typings`. DO NOT EDIT.

export enum SourceKind {
    CLINIC_MARKETING = "CLINIC_MARKETING",
    NEWS = "NEWS",
    GUIDELINE = "GUIDELINE",
    JOURNAL_ARTICLE = "JOURNAL_ARTICLE",
    PATIENT_INFORMATION = "PATIENT_INFORMATION",
    OTHER = "OTHER"
}

export enum Hedging {
    ASSERTIVE = "ASSERTIVE",
    HEDGED = "HEDGED",
    ATTRIBUTED = "ATTRIBUTED"
}

export enum ClaimKind {
    EFFICACY = "EFFICACY",
    ONSET = "ONSET",
    DURATION = "DURATION",
    MECHANISM = "MECHANISM",
    SAFETY = "SAFETY",
    ADVERSE_EFFECT = "ADVERSE_EFFECT",
    DEPENDENCE = "DEPENDENCE",
    PROCEDURE = "PROCEDURE"
}

export enum ReviewStatus {
    SUBMITTED = "SUBMITTED",
    ACCEPTED = "ACCEPTED",
    REJECTED = "REJECTED",
    WITHDRAWN = "WITHDRAWN"
}

export enum RiskOfBias {
    LOW = "LOW",
    SOME_CONCERNS = "SOME_CONCERNS",
    HIGH = "HIGH",
    NOT_ASSESSED = "NOT_ASSESSED"
}

export enum IndirectnessDomain {
    POPULATION = "POPULATION",
    INTERVENTION = "INTERVENTION",
    COMPARATOR = "COMPARATOR",
    OUTCOME = "OUTCOME",
    TIMEFRAME = "TIMEFRAME"
}

export enum StudyDesign {
    META_ANALYSIS = "META_ANALYSIS",
    SYSTEMATIC_REVIEW = "SYSTEMATIC_REVIEW",
    RCT = "RCT",
    COHORT = "COHORT",
    CASE_CONTROL = "CASE_CONTROL",
    CASE_SERIES = "CASE_SERIES",
    CASE_REPORT = "CASE_REPORT",
    PRECLINICAL = "PRECLINICAL",
    NARRATIVE_REVIEW = "NARRATIVE_REVIEW",
    GUIDELINE = "GUIDELINE",
    EXPERT_OPINION = "EXPERT_OPINION"
}

export enum EvidenceRelation {
    SUPPORTS = "SUPPORTS",
    CONTRADICTS = "CONTRADICTS",
    MENTIONS = "MENTIONS"
}

export enum EvidenceStatus {
    UNSUPPORTED = "UNSUPPORTED",
    SUPPORTED = "SUPPORTED",
    CONTESTED = "CONTESTED",
    CONTRADICTED = "CONTRADICTED"
}

export enum EvidenceGrade {
    HIGH = "HIGH",
    MODERATE = "MODERATE",
    LOW = "LOW",
    VERY_LOW = "VERY_LOW",
    NONE = "NONE"
}

export enum GradeDomain {
    RISK_OF_BIAS = "RISK_OF_BIAS",
    INCONSISTENCY = "INCONSISTENCY",
    INDIRECTNESS = "INDIRECTNESS",
    IMPRECISION = "IMPRECISION",
    PUBLICATION_BIAS = "PUBLICATION_BIAS"
}

export enum DomainVerdict {
    NOT_SERIOUS = "NOT_SERIOUS",
    SERIOUS = "SERIOUS",
    VERY_SERIOUS = "VERY_SERIOUS",
    NOT_ASSESSED = "NOT_ASSESSED"
}

export enum GapStatus {
    OPEN = "OPEN",
    ADDRESSED = "ADDRESSED",
    WITHDRAWN = "WITHDRAWN"
}

export enum GapKind {
    UNCITED_ASSERTION = "UNCITED_ASSERTION",
    NO_STUDY = "NO_STUDY"
}

export enum NoticeKind {
    RETRACTION = "RETRACTION",
    EXPRESSION_OF_CONCERN = "EXPRESSION_OF_CONCERN",
    CORRECTION = "CORRECTION"
}

export enum EdgeType {
    IN_SOURCE = "IN_SOURCE",
    STATES = "STATES",
    ABOUT = "ABOUT",
    VIA = "VIA",
    USES = "USES",
    BROADER = "BROADER",
    SUPPORTS = "SUPPORTS",
    CONTRADICTS = "CONTRADICTS",
    MENTIONS = "MENTIONS",
    CITES = "CITES",
    GAP_OF = "GAP_OF",
    CONCERNS = "CONCERNS",
    ADDRESSED_BY = "ADDRESSED_BY"
}

export enum CitationFormat {
    BIBTEX = "BIBTEX",
    RIS = "RIS",
    CSL_JSON = "CSL_JSON"
}

export enum ImportStatus {
    CREATED = "CREATED",
    MERGED = "MERGED",
    REJECTED = "REJECTED"
}

export enum NodeType {
    SOURCE = "SOURCE",
    STATEMENT = "STATEMENT",
    CLAIM = "CLAIM",
    CONDITION = "CONDITION",
    MECHANISM = "MECHANISM",
    INTERVENTION = "INTERVENTION",
    STUDY = "STUDY",
    EVIDENCE_GAP = "EVIDENCE_GAP"
}

export enum Role {
    READER = "READER",
    EDITOR = "EDITOR",
    ADMIN = "ADMIN"
}

export enum ReviewDecision {
    ACCEPT = "ACCEPT",
    REJECT = "REJECT"
}

export enum RevisionAction {
    CREATE = "CREATE",
    UPDATE = "UPDATE",
    DELETE = "DELETE"
}

export interface ClaimFilter {
    condition?: Nullable<string>;
    mechanism?: Nullable<string>;
    status?: Nullable<EvidenceStatus>;
    minGrade?: Nullable<EvidenceGrade>;
    grade?: Nullable<EvidenceGrade>;
    hedging?: Nullable<Hedging>;
    source?: Nullable<string>;
    kind?: Nullable<ClaimKind>;
    overclaimed?: Nullable<boolean>;
    text?: Nullable<string>;
}

export interface StudyFilter {
    design?: Nullable<StudyDesign>;
    yearFrom?: Nullable<number>;
    yearTo?: Nullable<number>;
    retracted?: Nullable<boolean>;
    title?: Nullable<string>;
}

export interface CreateSourceInput {
    id?: Nullable<string>;
    title?: Nullable<string>;
    url?: Nullable<string>;
    publisher?: Nullable<string>;
    kind: SourceKind;
    text?: Nullable<string>;
    html?: Nullable<string>;
    retrievedAt?: Nullable<string>;
}

export interface AddStatementInput {
    sourceId: string;
    claimId: string;
    quote: string;
    occurrence?: Nullable<number>;
    hedging: Hedging;
}

export interface CreateClaimInput {
    id?: Nullable<string>;
    text: string;
    kind: ClaimKind;
    interventionId?: Nullable<string>;
    conditionIds?: Nullable<string[]>;
    mechanismIds?: Nullable<string[]>;
}

export interface UpdateClaimInput {
    id: string;
    expectedVersion: number;
    reason?: Nullable<string>;
    text?: Nullable<string>;
    kind?: Nullable<ClaimKind>;
    interventionId?: Nullable<string>;
    conditionIds?: Nullable<string[]>;
    mechanismIds?: Nullable<string[]>;
}

export interface CreateStudyInput {
    id?: Nullable<string>;
    title: string;
    authors: string[];
    year?: Nullable<number>;
    journal?: Nullable<string>;
    doi?: Nullable<string>;
    pmid?: Nullable<string>;
    design: StudyDesign;
    sampleSize?: Nullable<number>;
    population?: Nullable<string>;
    finding?: Nullable<string>;
    riskOfBias?: Nullable<RiskOfBias>;
    riskOfBiasReason?: Nullable<string>;
    populationConditionIds?: Nullable<string[]>;
}

export interface UpdateStudyRiskOfBiasInput {
    id: string;
    expectedVersion: number;
    reason?: Nullable<string>;
    riskOfBias: RiskOfBias;
    riskOfBiasReason?: Nullable<string>;
}

export interface IndirectnessInput {
    domain: IndirectnessDomain;
    reason: string;
}

export interface LinkEvidenceInput {
    studyId: string;
    claimId: string;
    relation: EvidenceRelation;
    note?: Nullable<string>;
    quote?: Nullable<string>;
    indirectness?: Nullable<IndirectnessInput[]>;
}

export interface UpdateEvidenceIndirectnessInput {
    id: string;
    expectedVersion: number;
    reason?: Nullable<string>;
    indirectness: IndirectnessInput[];
}

export interface UnlinkEvidenceInput {
    studyId: string;
    claimId: string;
    expectedVersion: number;
    reason?: Nullable<string>;
}

export interface RecordGapInput {
    claimId: string;
    kind: GapKind;
    description: string;
    neededDesign?: Nullable<StudyDesign>;
    statementId?: Nullable<string>;
}

export interface ResolveGapInput {
    id: string;
    expectedVersion: number;
    reason?: Nullable<string>;
    studyId: string;
}

export interface CitationInput {
    citingId: string;
    citedId: string;
}

export interface MarkNoticeInput {
    studyId: string;
    kind: NoticeKind;
    date?: Nullable<string>;
    note?: Nullable<string>;
    expectedVersion: number;
}

export interface WithdrawNoticeInput {
    id: string;
    expectedVersion: number;
    reason: string;
}

export interface ImportCitationsInput {
    format: CitationFormat;
    content: string;
    citedById?: Nullable<string>;
}

export interface CodeRefInput {
    system: string;
    code: string;
}

export interface CreateConditionInput {
    id?: Nullable<string>;
    name: string;
    synonyms?: Nullable<string[]>;
    codes?: Nullable<CodeRefInput[]>;
    description?: Nullable<string>;
    broaderIds?: Nullable<string[]>;
}

export interface UpdateConditionInput {
    id: string;
    expectedVersion: number;
    reason?: Nullable<string>;
    name?: Nullable<string>;
    synonyms?: Nullable<string[]>;
    codes?: Nullable<CodeRefInput[]>;
    broaderIds?: Nullable<string[]>;
}

export interface CreateMechanismInput {
    id?: Nullable<string>;
    name: string;
    synonyms?: Nullable<string[]>;
    description?: Nullable<string>;
}

export interface UpdateMechanismInput {
    id: string;
    expectedVersion: number;
    reason?: Nullable<string>;
    name?: Nullable<string>;
    synonyms?: Nullable<string[]>;
}

export interface CreateInterventionInput {
    id?: Nullable<string>;
    name: string;
    drug?: Nullable<string>;
    route?: Nullable<string>;
}

export interface CreateTokenInput {
    name: string;
    role: Role;
}

export interface RevokeTokenInput {
    id: string;
}

export interface ReviewChangeInput {
    id: string;
    expectedVersion: number;
    decision: ReviewDecision;
    reason?: Nullable<string>;
}

export interface ReviewChangesInput {
    items?: Nullable<ReviewChangesItem[]>;
    sourceId?: Nullable<string>;
    decision: ReviewDecision;
    reason?: Nullable<string>;
}

export interface ReviewChangesItem {
    id: string;
    expectedVersion: number;
}

export interface ImportCurationInput {
    sourceId: string;
    claims?: Nullable<CurationClaimInput[]>;
    statements?: Nullable<CurationStatementInput[]>;
    links?: Nullable<CurationLinkInput[]>;
    gaps?: Nullable<CurationGapInput[]>;
}

export interface CurationClaimInput {
    key: string;
    id?: Nullable<string>;
    text?: Nullable<string>;
    kind?: Nullable<ClaimKind>;
    interventionId?: Nullable<string>;
    conditionIds?: Nullable<string[]>;
    mechanismIds?: Nullable<string[]>;
}

export interface CurationStatementInput {
    key?: Nullable<string>;
    claim: string;
    quote: string;
    start?: Nullable<number>;
    end?: Nullable<number>;
    occurrence?: Nullable<number>;
    hedging: Hedging;
}

export interface CurationLinkInput {
    key?: Nullable<string>;
    claim: string;
    studyId?: Nullable<string>;
    doi?: Nullable<string>;
    pmid?: Nullable<string>;
    relation: EvidenceRelation;
    note?: Nullable<string>;
    quote?: Nullable<string>;
    indirectness?: Nullable<IndirectnessInput[]>;
}

export interface CurationGapInput {
    key?: Nullable<string>;
    claim: string;
    kind: GapKind;
    description: string;
    neededDesign?: Nullable<StudyDesign>;
    statement?: Nullable<string>;
}

export interface RevertInput {
    revisionId: string;
    reason?: Nullable<string>;
}

export interface Node {
    id: string;
}

export interface DomainAssessment {
    __typename?: 'DomainAssessment';
    domain: GradeDomain;
    verdict: DomainVerdict;
    reason: string;
}

export interface Source extends Node {
    __typename?: 'Source';
    id: string;
    title: string;
    url?: Nullable<string>;
    publisher?: Nullable<string>;
    kind: SourceKind;
    text: string;
    contentHash: string;
    retrievedAt?: Nullable<string>;
    htmlSha256?: Nullable<string>;
    statements: Statement[];
    createdAt: DateTime;
    updatedAt: DateTime;
    version: number;
}

export interface Statement extends Node {
    __typename?: 'Statement';
    id: string;
    source: Source;
    claim: Claim;
    quote: string;
    start: number;
    end: number;
    prefix: string;
    suffix: string;
    hedging: Hedging;
    overclaimed: boolean;
    reviewStatus: ReviewStatus;
    createdAt: DateTime;
    updatedAt: DateTime;
    version: number;
}

export interface Claim extends Node {
    __typename?: 'Claim';
    id: string;
    text: string;
    kind: ClaimKind;
    intervention?: Nullable<Intervention>;
    reviewStatus: ReviewStatus;
    conditions: Condition[];
    mechanisms: Mechanism[];
    statements: Statement[];
    evidence: EvidenceLink[];
    gaps: EvidenceGap[];
    assessment?: Assessment;
    history?: RevisionConnection;
    createdAt: DateTime;
    updatedAt: DateTime;
    version: number;
}

export interface Assessment {
    __typename?: 'Assessment';
    status: EvidenceStatus;
    grade: EvidenceGrade;
    certainty: string;
    domains: DomainAssessment[];
    explanation: string[];
    overclaimed: boolean;
}

export interface CodeRef {
    __typename?: 'CodeRef';
    system: string;
    code: string;
}

export interface Condition extends Node {
    __typename?: 'Condition';
    id: string;
    name: string;
    synonyms: string[];
    codes: CodeRef[];
    description?: Nullable<string>;
    broader: Condition[];
    narrower: Condition[];
    claims: Claim[];
    createdAt: DateTime;
    updatedAt: DateTime;
    version: number;
}

export interface Mechanism extends Node {
    __typename?: 'Mechanism';
    id: string;
    name: string;
    synonyms: string[];
    description?: Nullable<string>;
    claims: Claim[];
    createdAt: DateTime;
    updatedAt: DateTime;
    version: number;
}

export interface Intervention extends Node {
    __typename?: 'Intervention';
    id: string;
    name: string;
    drug?: Nullable<string>;
    route?: Nullable<string>;
    createdAt: DateTime;
    updatedAt: DateTime;
    version: number;
}

export interface RetractionNotice {
    __typename?: 'RetractionNotice';
    date?: Nullable<string>;
    note?: Nullable<string>;
}

export interface Notice {
    __typename?: 'Notice';
    id: string;
    study: Study;
    kind: NoticeKind;
    date?: Nullable<string>;
    note?: Nullable<string>;
    addedBy: string;
    reviewStatus: ReviewStatus;
    createdAt: DateTime;
    updatedAt: DateTime;
    version: number;
}

export interface Study extends Node {
    __typename?: 'Study';
    id: string;
    title: string;
    authors: string[];
    year?: Nullable<number>;
    journal?: Nullable<string>;
    doi?: Nullable<string>;
    pmid?: Nullable<string>;
    design: StudyDesign;
    sampleSize?: Nullable<number>;
    population?: Nullable<string>;
    finding?: Nullable<string>;
    riskOfBias: RiskOfBias;
    riskOfBiasReason?: Nullable<string>;
    populationConditions: Condition[];
    retracted: boolean;
    retraction?: Nullable<RetractionNotice>;
    notices?: Notice[];
    evidence: EvidenceLink[];
    cites?: StudyConnection;
    citedBy?: StudyConnection;
    createdAt: DateTime;
    updatedAt: DateTime;
    version: number;
}

export interface Indirectness {
    __typename?: 'Indirectness';
    domain: IndirectnessDomain;
    reason: string;
}

export interface EvidenceLink {
    __typename?: 'EvidenceLink';
    id: string;
    study: Study;
    claim: Claim;
    relation: EvidenceRelation;
    note?: Nullable<string>;
    quote?: Nullable<string>;
    indirectness: Indirectness[];
    counts: boolean;
    reviewStatus: ReviewStatus;
    addedBy: string;
    createdAt: DateTime;
    updatedAt: DateTime;
    version: number;
}

export interface EvidenceGap extends Node {
    __typename?: 'EvidenceGap';
    id: string;
    claim: Claim;
    kind: GapKind;
    description: string;
    neededDesign?: Nullable<StudyDesign>;
    status: GapStatus;
    statement?: Nullable<Statement>;
    addressedBy?: Nullable<Study>;
    reviewStatus: ReviewStatus;
    createdAt: DateTime;
    updatedAt: DateTime;
    version: number;
}

export interface ClaimEvidence {
    __typename?: 'ClaimEvidence';
    claim: Claim;
    reviewStatus: ReviewStatus;
    pending: boolean;
    status: EvidenceStatus;
    grade: EvidenceGrade;
    certainty: string;
    domains: DomainAssessment[];
    explanation: string[];
    overclaimed: boolean;
    supporting: EvidenceLink[];
    contradicting: EvidenceLink[];
    mentioning: EvidenceLink[];
    statements: Statement[];
    gaps: EvidenceGap[];
    conditions: Condition[];
}

export interface StatusCount {
    __typename?: 'StatusCount';
    status: EvidenceStatus;
    count: number;
}

export interface GradeCount {
    __typename?: 'GradeCount';
    grade: EvidenceGrade;
    count: number;
}

export interface ReportSummary {
    __typename?: 'ReportSummary';
    claimCount: number;
    byStatus: StatusCount[];
    byGrade: GradeCount[];
    overclaimedCount: number;
    openGapCount: number;
    text: string;
}

export interface EvidenceReport {
    __typename?: 'EvidenceReport';
    condition: Condition;
    asOf?: Nullable<DateTime>;
    includesPending: boolean;
    conditionsIncluded: Condition[];
    claims: ClaimEvidence[];
    gaps: EvidenceGap[];
    summary: ReportSummary;
}

export interface GraphNode {
    __typename?: 'GraphNode';
    id: string;
    type: NodeType;
    label: string;
}

export interface GraphEdge {
    __typename?: 'GraphEdge';
    source: string;
    target: string;
    type: EdgeType;
}

export interface GraphSlice {
    __typename?: 'GraphSlice';
    nodes: GraphNode[];
    edges: GraphEdge[];
    truncated: boolean;
}

export interface GraphPath {
    __typename?: 'GraphPath';
    nodes: GraphNode[];
    edges: GraphEdge[];
    length: number;
}

export interface ImpactedClaim {
    __typename?: 'ImpactedClaim';
    claim: Claim;
    relation: EvidenceRelation;
    assessment: Assessment;
}

export interface CitingStudy {
    __typename?: 'CitingStudy';
    study: Study;
    hops: number;
}

export interface RetractionImpact {
    __typename?: 'RetractionImpact';
    study: Study;
    claims: ImpactedClaim[];
    citingStudies: CitingStudy[];
}

export interface ImportRecordResult {
    __typename?: 'ImportRecordResult';
    index: number;
    line?: Nullable<number>;
    status: ImportStatus;
    studyId?: Nullable<string>;
    title?: Nullable<string>;
    reason?: Nullable<string>;
}

export interface ImportReport {
    __typename?: 'ImportReport';
    created: number;
    merged: number;
    rejected: number;
    records: ImportRecordResult[];
}

export interface PageInfo {
    __typename?: 'PageInfo';
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor?: Nullable<string>;
    endCursor?: Nullable<string>;
}

export interface ConditionEdge {
    __typename?: 'ConditionEdge';
    node: Condition;
    cursor: string;
}

export interface ConditionConnection {
    __typename?: 'ConditionConnection';
    edges: ConditionEdge[];
    pageInfo: PageInfo;
    totalCount: number;
}

export interface ClaimEdge {
    __typename?: 'ClaimEdge';
    node: Claim;
    cursor: string;
}

export interface ClaimConnection {
    __typename?: 'ClaimConnection';
    edges: ClaimEdge[];
    pageInfo: PageInfo;
    totalCount: number;
}

export interface StudyEdge {
    __typename?: 'StudyEdge';
    node: Study;
    cursor: string;
}

export interface StudyConnection {
    __typename?: 'StudyConnection';
    edges: StudyEdge[];
    pageInfo: PageInfo;
    totalCount: number;
}

export interface SearchHit {
    __typename?: 'SearchHit';
    node: Node;
    type: NodeType;
    label: string;
    snippet: string;
    score: number;
}

export interface SearchEdge {
    __typename?: 'SearchEdge';
    node: SearchHit;
    cursor: string;
}

export interface SearchConnection {
    __typename?: 'SearchConnection';
    edges: SearchEdge[];
    pageInfo: PageInfo;
    totalCount: number;
    totalCountIsEstimate: boolean;
}

export interface ClaimMatch {
    __typename?: 'ClaimMatch';
    claim: Claim;
    score: number;
}

export interface StatementSuggestion {
    __typename?: 'StatementSuggestion';
    start: number;
    end: number;
    text: string;
    hedging: Hedging;
    hedgingCues: string[];
    conditions: Condition[];
    mechanisms: Mechanism[];
    intervention?: Nullable<Intervention>;
    claimCandidates: ClaimCandidate[];
    proposedClaimText?: Nullable<string>;
    proposedGap?: Nullable<ProposedGap>;
}

export interface ClaimCandidate {
    __typename?: 'ClaimCandidate';
    claim: Claim;
    score: number;
}

export interface ProposedGap {
    __typename?: 'ProposedGap';
    kind: GapKind;
    cue: string;
}

export interface IQuery {
    __typename?: 'IQuery';
    evidenceReport(condition: string, includeNarrower?: Nullable<boolean>, minGrade?: Nullable<EvidenceGrade>, includePending?: Nullable<boolean>, asOf?: Nullable<DateTime>): EvidenceReport | Promise<EvidenceReport>;
    condition(name?: Nullable<string>, id?: Nullable<string>): Nullable<Condition> | Promise<Nullable<Condition>>;
    conditions(search?: Nullable<string>, first?: Nullable<number>, after?: Nullable<string>): ConditionConnection | Promise<ConditionConnection>;
    claim(id: string): Nullable<Claim> | Promise<Nullable<Claim>>;
    claims(filter?: Nullable<ClaimFilter>, first?: Nullable<number>, after?: Nullable<string>): ClaimConnection | Promise<ClaimConnection>;
    study(id?: Nullable<string>, doi?: Nullable<string>, pmid?: Nullable<string>): Nullable<Study> | Promise<Nullable<Study>>;
    studies(filter?: Nullable<StudyFilter>, first?: Nullable<number>, after?: Nullable<string>): StudyConnection | Promise<StudyConnection>;
    source(id: string): Nullable<Source> | Promise<Nullable<Source>>;
    sources(): Source[] | Promise<Source[]>;
    mechanism(id: string): Nullable<Mechanism> | Promise<Nullable<Mechanism>>;
    mechanisms(): Mechanism[] | Promise<Mechanism[]>;
    interventions(): Intervention[] | Promise<Intervention[]>;
    node(id: string): Nullable<Node> | Promise<Nullable<Node>>;
    search(text: string, types?: Nullable<NodeType[]>, first?: Nullable<number>, after?: Nullable<string>): SearchConnection | Promise<SearchConnection>;
    similarClaims(text: string, first?: Nullable<number>): ClaimMatch[] | Promise<ClaimMatch[]>;
    suggestStatements(sourceId: string): StatementSuggestion[] | Promise<StatementSuggestion[]>;
    history(id: string, first?: Nullable<number>, after?: Nullable<string>): RevisionConnection | Promise<RevisionConnection>;
    revision(id: string): Nullable<Revision> | Promise<Nullable<Revision>>;
    reviewQueue(first?: Nullable<number>, after?: Nullable<string>): ReviewItemConnection | Promise<ReviewItemConnection>;
    me(): Viewer | Promise<Viewer>;
    tokens(): ApiToken[] | Promise<ApiToken[]>;
    neighborhood(id: string, depth?: Nullable<number>, types?: Nullable<NodeType[]>, edgeTypes?: Nullable<EdgeType[]>, limit?: Nullable<number>): GraphSlice | Promise<GraphSlice>;
    paths(from: string, to: string, maxLength?: Nullable<number>, types?: Nullable<NodeType[]>, edgeTypes?: Nullable<EdgeType[]>, limit?: Nullable<number>): GraphPath[] | Promise<GraphPath[]>;
    retractionImpact(study: string): RetractionImpact | Promise<RetractionImpact>;
}

export interface IMutation {
    __typename?: 'IMutation';
    createSource(input: CreateSourceInput): Source | Promise<Source>;
    addStatement(input: AddStatementInput): Statement | Promise<Statement>;
    createClaim(input: CreateClaimInput): Claim | Promise<Claim>;
    updateClaim(input: UpdateClaimInput): Claim | Promise<Claim>;
    createStudy(input: CreateStudyInput): Study | Promise<Study>;
    updateStudyRiskOfBias(input: UpdateStudyRiskOfBiasInput): Study | Promise<Study>;
    linkEvidence(input: LinkEvidenceInput): EvidenceLink | Promise<EvidenceLink>;
    updateEvidenceIndirectness(input: UpdateEvidenceIndirectnessInput): EvidenceLink | Promise<EvidenceLink>;
    unlinkEvidence(input: UnlinkEvidenceInput): Claim | Promise<Claim>;
    recordGap(input: RecordGapInput): EvidenceGap | Promise<EvidenceGap>;
    resolveGap(input: ResolveGapInput): EvidenceGap | Promise<EvidenceGap>;
    createCondition(input: CreateConditionInput): Condition | Promise<Condition>;
    createMechanism(input: CreateMechanismInput): Mechanism | Promise<Mechanism>;
    updateCondition(input: UpdateConditionInput): Condition | Promise<Condition>;
    updateMechanism(input: UpdateMechanismInput): Mechanism | Promise<Mechanism>;
    createIntervention(input: CreateInterventionInput): Intervention | Promise<Intervention>;
    addCitation(input: CitationInput): Study | Promise<Study>;
    removeCitation(input: CitationInput): Study | Promise<Study>;
    markNotice(input: MarkNoticeInput): Study | Promise<Study>;
    withdrawNotice(input: WithdrawNoticeInput): Study | Promise<Study>;
    importCitations(input: ImportCitationsInput): ImportReport | Promise<ImportReport>;
    reviewChange(input: ReviewChangeInput): ReviewItem | Promise<ReviewItem>;
    reviewChanges(input: ReviewChangesInput): ReviewItem[] | Promise<ReviewItem[]>;
    importCuration(input: ImportCurationInput): ImportCurationResult | Promise<ImportCurationResult>;
    revert(input: RevertInput): Revision | Promise<Revision>;
    createToken(input: CreateTokenInput): IssuedToken | Promise<IssuedToken>;
    revokeToken(input: RevokeTokenInput): ApiToken | Promise<ApiToken>;
}

export interface Viewer {
    __typename?: 'Viewer';
    authenticated: boolean;
    name?: Nullable<string>;
    role?: Nullable<Role>;
}

export interface ApiToken {
    __typename?: 'ApiToken';
    id: string;
    name: string;
    role: Role;
    createdAt: DateTime;
    createdBy: string;
    revokedAt?: Nullable<DateTime>;
}

export interface IssuedToken {
    __typename?: 'IssuedToken';
    token: ApiToken;
    secret: string;
}

export interface ImportCurationResult {
    __typename?: 'ImportCurationResult';
    source: Source;
    items: ImportedItem[];
    created: number;
}

export interface ImportedItem {
    __typename?: 'ImportedItem';
    item: string;
    key?: Nullable<string>;
    id: string;
    created: boolean;
}

export interface ReviewItemEdge {
    __typename?: 'ReviewItemEdge';
    node: ReviewItem;
    cursor: string;
}

export interface ReviewItemConnection {
    __typename?: 'ReviewItemConnection';
    edges: ReviewItemEdge[];
    pageInfo: PageInfo;
    totalCount: number;
}

export interface FieldChange {
    __typename?: 'FieldChange';
    field: string;
    before?: Nullable<string>;
    after?: Nullable<string>;
}

export interface Revision {
    __typename?: 'Revision';
    id: string;
    entityId: string;
    entityKind: string;
    action: RevisionAction;
    changes: FieldChange[];
    actor: string;
    at: DateTime;
    reason?: Nullable<string>;
    revertOf?: Nullable<string>;
}

export interface RevisionEdge {
    __typename?: 'RevisionEdge';
    node: Revision;
    cursor: string;
}

export interface RevisionConnection {
    __typename?: 'RevisionConnection';
    edges: RevisionEdge[];
    pageInfo: PageInfo;
    totalCount: number;
}

export type DateTime = string;
export type ReviewItem = Claim | Statement | EvidenceLink | EvidenceGap | Notice;
type Nullable<T> = T | null;
