import { IsEnum, IsInt, Min } from 'class-validator';
import { LIMITS, OptionalText, Text } from '../common/validation';
import { ReviewChangeInput, ReviewDecision } from '../graphql.schema';

export class ReviewChangeDto implements ReviewChangeInput {
  @Text(LIMITS.id) id!: string;
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  expectedVersion!: number;
  @IsEnum(ReviewDecision, { message: 'must be ACCEPT or REJECT' }) decision!: ReviewDecision;
  @OptionalText(LIMITS.note) reason?: string;
}
