import { IsDefined, IsEnum, IsInt, IsOptional, Min, ValidateIf } from 'class-validator';
import { LIMITS, OptionalText, Slug, Text, TextList } from '../common/validation';
import { ClaimKind, CreateClaimInput, UpdateClaimInput } from '../graphql.schema';

const KIND_MESSAGE = `must be one of ${Object.values(ClaimKind).join(', ')}`;

export class CreateClaimDto implements CreateClaimInput {
  @IsOptional() @Slug() id?: string;
  @Text(LIMITS.claimText) text!: string;
  @IsEnum(ClaimKind, { message: KIND_MESSAGE }) kind!: ClaimKind;
  @IsOptional() @Text(LIMITS.id) interventionId?: string;
  @TextList(LIMITS.id) conditionIds?: string[];
  @TextList(LIMITS.id) mechanismIds?: string[];
}

export class UpdateClaimDto implements UpdateClaimInput {
  @Text(LIMITS.id) id!: string;
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  expectedVersion!: number;
  /** Left out keeps the current value; null is refused rather than silently ignored. */
  @ValidateIf((o: UpdateClaimDto) => o.text !== undefined)
  @IsDefined({ message: 'must not be null: leave it out to keep the current text' })
  @Text(LIMITS.claimText)
  text?: string;
  @ValidateIf((o: UpdateClaimDto) => o.kind !== undefined)
  @IsDefined({ message: 'must not be null: leave it out to keep the current kind' })
  @IsEnum(ClaimKind, { message: KIND_MESSAGE })
  kind?: ClaimKind;
  /** null clears the intervention. */
  @ValidateIf((o: UpdateClaimDto) => o.interventionId !== null && o.interventionId !== undefined)
  @Text(LIMITS.id)
  interventionId?: string | null;
  @TextList(LIMITS.id) conditionIds?: string[];
  @TextList(LIMITS.id) mechanismIds?: string[];
  @OptionalText(LIMITS.note) reason?: string;
}
