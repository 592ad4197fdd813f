import { Type } from 'class-transformer';
import { IsArray, IsEnum, IsInt, IsOptional, Min, ValidateNested } from 'class-validator';
import { LIMITS, OptionalText, Text } from '../common/validation';
import {
  ReviewChangeInput,
  ReviewChangesInput,
  ReviewChangesItem,
  ReviewDecision,
} from '../graphql.schema';

export class ReviewChangeDto implements ReviewChangeInput {
  @Text(LIMITS.id) id!: string;
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  expectedVersion!: number;
  @IsEnum(ReviewDecision, { message: 'must be ACCEPT or REJECT' }) decision!: ReviewDecision;
  @OptionalText(LIMITS.note) reason?: string;
}

export class ReviewChangesItemDto implements ReviewChangesItem {
  @Text(LIMITS.id) id!: string;
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  expectedVersion!: number;
}

/** The batch cap is checked in the service, where a source's items are counted too. */
export class ReviewChangesDto implements ReviewChangesInput {
  @IsOptional()
  @IsArray({ message: 'must be a list' })
  @ValidateNested({ each: true })
  @Type(() => ReviewChangesItemDto)
  items?: ReviewChangesItemDto[];
  @OptionalText(LIMITS.id) sourceId?: string;
  @IsEnum(ReviewDecision, { message: 'must be ACCEPT or REJECT' }) decision!: ReviewDecision;
  @OptionalText(LIMITS.note) reason?: string;
}
