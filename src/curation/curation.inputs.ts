import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { LIMITS, OptionalText, Slug, Text, TextList } from '../common/validation';
import { IndirectnessDto, IndirectnessList } from '../evidence/evidence.inputs';
import {
  ClaimKind,
  CurationClaimInput,
  CurationGapInput,
  CurationLinkInput,
  CurationStatementInput,
  EvidenceRelation,
  GapKind,
  Hedging,
  ImportCurationInput,
  StudyDesign,
} from '../graphql.schema';

/** The most items of each kind one importCuration takes: one transaction stays short. */
export const CURATION_MAX_ITEMS = 500;

const oneOf = (values: object) => `must be one of ${Object.values(values).join(', ')}`;

/** A code-point offset in a source (a hint; the text bounds it in the service). */
function Offset() {
  return applyDecorators(
    IsOptional(),
    IsInt({ message: 'must be a whole number' }),
    Min(0, { message: 'must be 0 or more' }),
    Max(LIMITS.sourceText, { message: `must be at most ${LIMITS.sourceText}` }),
  );
}

/** A list of items of one kind, each validated; every failing field is reported. */
function Items(type: () => new () => object) {
  return applyDecorators(
    IsOptional(),
    IsArray({ message: 'must be a list' }),
    ArrayMaxSize(CURATION_MAX_ITEMS, { message: `must have at most ${CURATION_MAX_ITEMS} items` }),
    ValidateNested({ each: true }),
    Type(type),
  );
}

/** Text, kind and the rest are required for a new claim: the service knows whether it is one. */
export class CurationClaimDto implements CurationClaimInput {
  @Text(LIMITS.id) key!: string;
  @IsOptional() @Slug() id?: string;
  @OptionalText(LIMITS.claimText) text?: string;
  @IsOptional() @IsEnum(ClaimKind, { message: oneOf(ClaimKind) }) kind?: ClaimKind;
  @OptionalText(LIMITS.id) interventionId?: string;
  @TextList(LIMITS.id) conditionIds?: string[];
  @TextList(LIMITS.id) mechanismIds?: string[];
}

export class CurationStatementDto implements CurationStatementInput {
  @OptionalText(LIMITS.id) key?: string;
  @Text(LIMITS.id) claim!: string;
  @Text(LIMITS.quote) quote!: string;
  @Offset() start?: number;
  @Offset() end?: number;
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  @Max(1_000_000)
  occurrence?: number;
  @IsEnum(Hedging, { message: oneOf(Hedging) }) hedging!: Hedging;
}

/** Exactly one of studyId, doi and pmid: checked in the service, with the DOI and PMID rules. */
export class CurationLinkDto implements CurationLinkInput {
  @OptionalText(LIMITS.id) key?: string;
  @Text(LIMITS.id) claim!: string;
  @OptionalText(LIMITS.id) studyId?: string;
  @OptionalText(300) doi?: string;
  @OptionalText(40) pmid?: string;
  @IsEnum(EvidenceRelation, { message: oneOf(EvidenceRelation) }) relation!: EvidenceRelation;
  @OptionalText(LIMITS.note) note?: string;
  @OptionalText(LIMITS.quote) quote?: string;
  @IsOptional() @IndirectnessList() indirectness?: IndirectnessDto[];
}

export class CurationGapDto implements CurationGapInput {
  @OptionalText(LIMITS.id) key?: string;
  @Text(LIMITS.id) claim!: string;
  @IsEnum(GapKind, { message: oneOf(GapKind) }) kind!: GapKind;
  @Text(LIMITS.note) description!: string;
  @IsOptional()
  @IsEnum(StudyDesign, { message: oneOf(StudyDesign) })
  neededDesign?: StudyDesign;
  @OptionalText(LIMITS.id) statement?: string;
}

export class ImportCurationDto implements ImportCurationInput {
  @Text(LIMITS.id) sourceId!: string;
  @Items(() => CurationClaimDto) claims?: CurationClaimDto[];
  @Items(() => CurationStatementDto) statements?: CurationStatementDto[];
  @Items(() => CurationLinkDto) links?: CurationLinkDto[];
  @Items(() => CurationGapDto) gaps?: CurationGapDto[];
}
