import { IsDefined, IsInt, IsOptional, Min, ValidateIf } from 'class-validator';
import { LIMITS, OptionalText, Slug, Text, TextList } from '../common/validation';
import { CreateMechanismInput, UpdateMechanismInput } from '../graphql.schema';

export class CreateMechanismDto implements CreateMechanismInput {
  @IsOptional() @Slug() id?: string;
  @Text(LIMITS.name) name!: string;
  @TextList(LIMITS.name) synonyms?: string[];
  @OptionalText(LIMITS.note) description?: string;
}

export class UpdateMechanismDto implements UpdateMechanismInput {
  @Text(LIMITS.id) id!: string;
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  expectedVersion!: number;
  /** Left out keeps the current name; null is refused rather than silently ignored. */
  @ValidateIf((o: UpdateMechanismDto) => o.name !== undefined)
  @IsDefined({ message: 'must not be null: leave it out to keep the current name' })
  @Text(LIMITS.name)
  name?: string;
  @TextList(LIMITS.name) synonyms?: string[];
  @OptionalText(LIMITS.note) reason?: string;
}
