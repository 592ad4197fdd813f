import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsInt,
  IsOptional,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { LIMITS, OptionalText, Slug, Text, TextList } from '../common/validation';
import { CodeRefInput, CreateConditionInput, UpdateConditionInput } from '../graphql.schema';

export class CodeRefDto implements CodeRefInput {
  @Text(40) system!: string;
  @Text(60) code!: string;
}

export class CreateConditionDto implements CreateConditionInput {
  @IsOptional() @Slug() id?: string;
  @Text(LIMITS.name) name!: string;
  @TextList(LIMITS.name) synonyms?: string[];

  @IsOptional()
  @IsArray({ message: 'must be a list' })
  @ArrayMaxSize(LIMITS.listItems, { message: `must have at most ${LIMITS.listItems} items` })
  @ValidateNested({ each: true })
  @Type(() => CodeRefDto)
  codes?: CodeRefDto[];

  @OptionalText(LIMITS.note) description?: string;
  @TextList(LIMITS.id) broaderIds?: string[];
}

export class UpdateConditionDto implements UpdateConditionInput {
  @Text(LIMITS.id) id!: string;
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  expectedVersion!: number;
  /** Left out keeps the current name; null is refused rather than silently ignored. */
  @ValidateIf((o: UpdateConditionDto) => o.name !== undefined)
  @IsDefined({ message: 'must not be null: leave it out to keep the current name' })
  @Text(LIMITS.name)
  name?: string;
  @TextList(LIMITS.name) synonyms?: string[];

  @IsOptional()
  @IsArray({ message: 'must be a list' })
  @ArrayMaxSize(LIMITS.listItems, { message: `must have at most ${LIMITS.listItems} items` })
  @ValidateNested({ each: true })
  @Type(() => CodeRefDto)
  codes?: CodeRefDto[];

  @TextList(LIMITS.id) broaderIds?: string[];
  @OptionalText(LIMITS.note) reason?: string;
}
