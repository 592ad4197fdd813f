import { IsEnum, IsInt, IsOptional, Min } from 'class-validator';
import { LIMITS, OptionalText, Text } from '../common/validation';
import {
  EvidenceRelation,
  GapKind,
  LinkEvidenceInput,
  RecordGapInput,
  ResolveGapInput,
  StudyDesign,
  UnlinkEvidenceInput,
} from '../graphql.schema';

export class LinkEvidenceDto implements LinkEvidenceInput {
  @Text(LIMITS.id) studyId!: string;
  @Text(LIMITS.id) claimId!: string;
  @IsEnum(EvidenceRelation, {
    message: `must be one of ${Object.values(EvidenceRelation).join(', ')}`,
  })
  relation!: EvidenceRelation;
  @OptionalText(LIMITS.note) note?: string;
  @OptionalText(LIMITS.quote) quote?: string;
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
