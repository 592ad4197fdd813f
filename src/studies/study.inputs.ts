import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  Max,
  Min,
} from 'class-validator';
import { LIMITS, OptionalText, Slug, Text, TextList } from '../common/validation';
import {
  CreateStudyInput,
  RiskOfBias,
  StudyDesign,
  UpdateStudyRiskOfBiasInput,
} from '../graphql.schema';

export class CreateStudyDto implements CreateStudyInput {
  @IsOptional() @Slug() id?: string;
  @Text(LIMITS.title) title!: string;

  @IsArray({ message: 'must be a list' })
  @ArrayMinSize(1, { message: 'must name at least one author' })
  @ArrayMaxSize(500, { message: 'must have at most 500 authors' })
  @Text(LIMITS.name, true)
  authors!: string[];

  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1800, { message: 'must be 1800 or later' })
  @Max(2100, { message: 'must be 2100 or earlier' })
  year?: number;

  @OptionalText(LIMITS.name) journal?: string;
  /** Shape checked and normalised by the service (identifiers.ts), which names the reason. */
  @OptionalText(300) doi?: string;
  @OptionalText(40) pmid?: string;
  @IsEnum(StudyDesign, { message: `must be one of ${Object.values(StudyDesign).join(', ')}` })
  design!: StudyDesign;

  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  @Max(100_000_000)
  sampleSize?: number;

  @OptionalText(LIMITS.note) population?: string;
  @OptionalText(LIMITS.note) finding?: string;

  @IsOptional()
  @IsEnum(RiskOfBias, { message: `must be one of ${Object.values(RiskOfBias).join(', ')}` })
  riskOfBias?: RiskOfBias;

  /** Required unless NOT_ASSESSED: checked by the service, which names the reason. */
  @OptionalText(LIMITS.note) riskOfBiasReason?: string;

  /** Each must be a condition of the vocabulary: checked by the service, which names the unknown. */
  @TextList(LIMITS.id) populationConditionIds?: string[];
}

export class UpdateStudyRiskOfBiasDto implements UpdateStudyRiskOfBiasInput {
  @Text(LIMITS.id) id!: string;
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  expectedVersion!: number;
  @OptionalText(LIMITS.note) reason?: string;
  @IsEnum(RiskOfBias, { message: `must be one of ${Object.values(RiskOfBias).join(', ')}` })
  riskOfBias!: RiskOfBias;
  /** Required unless NOT_ASSESSED: checked by the service, which names the reason. */
  @OptionalText(LIMITS.note) riskOfBiasReason?: string;
}
