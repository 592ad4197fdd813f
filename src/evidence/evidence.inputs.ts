import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  Min,
  ValidateNested,
} from 'class-validator';
import { LIMITS, OptionalText, Text } from '../common/validation';
import {
  EvidenceRelation,
  GapKind,
  IndirectnessDomain,
  IndirectnessInput,
  LinkEvidenceInput,
  RecordGapInput,
  ResolveGapInput,
  StudyDesign,
  UnlinkEvidenceInput,
  UpdateEvidenceIndirectnessInput,
} from '../graphql.schema';

export class IndirectnessDto implements IndirectnessInput {
  @IsEnum(IndirectnessDomain, {
    message: `must be one of ${Object.values(IndirectnessDomain).join(', ')}`,
  })
  domain!: IndirectnessDomain;
  @Text(LIMITS.note) reason!: string;
}

/** At most one entry per domain (checked by the service, which names the repeated domain). */
const INDIRECTNESS_ITEMS = Object.values(IndirectnessDomain).length;

export function IndirectnessList(): PropertyDecorator {
  return (target, key) => {
    IsArray({ message: 'must be a list' })(target, key);
    ArrayMaxSize(INDIRECTNESS_ITEMS, {
      message: `must have at most ${INDIRECTNESS_ITEMS} items, one per domain`,
    })(target, key);
    ValidateNested({ each: true })(target, key);
    Type(() => IndirectnessDto)(target, key);
  };
}

export class LinkEvidenceDto implements LinkEvidenceInput {
  @Text(LIMITS.id) studyId!: string;
  @Text(LIMITS.id) claimId!: string;
  @IsEnum(EvidenceRelation, {
    message: `must be one of ${Object.values(EvidenceRelation).join(', ')}`,
  })
  relation!: EvidenceRelation;
  @OptionalText(LIMITS.note) note?: string;
  @OptionalText(LIMITS.quote) quote?: string;
  @IsOptional() @IndirectnessList() indirectness?: IndirectnessDto[];
}

export class UpdateEvidenceIndirectnessDto implements UpdateEvidenceIndirectnessInput {
  @Text(LIMITS.id) id!: string;
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  expectedVersion!: number;
  @OptionalText(LIMITS.note) reason?: string;
  @IndirectnessList() indirectness!: IndirectnessDto[];
}

export class UnlinkEvidenceDto implements UnlinkEvidenceInput {
  @Text(LIMITS.id) studyId!: string;
  @Text(LIMITS.id) claimId!: string;
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  expectedVersion!: number;
  @OptionalText(LIMITS.note) reason?: string;
}

export class RecordGapDto implements RecordGapInput {
  @Text(LIMITS.id) claimId!: string;
  @IsEnum(GapKind, { message: `must be one of ${Object.values(GapKind).join(', ')}` })
  kind!: GapKind;
  @Text(LIMITS.note) description!: string;
  @IsOptional()
  @IsEnum(StudyDesign, { message: `must be one of ${Object.values(StudyDesign).join(', ')}` })
  neededDesign?: StudyDesign;
  @IsOptional() @Text(LIMITS.id) statementId?: string;
}

export class ResolveGapDto implements ResolveGapInput {
  @Text(LIMITS.id) id!: string;
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  expectedVersion!: number;
  @Text(LIMITS.id) studyId!: string;
  @OptionalText(LIMITS.note) reason?: string;
}
