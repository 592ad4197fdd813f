import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { LIMITS, OptionalText, Slug, Text, TextList } from '../common/validation';
import { CodeRefInput, CreateConditionInput } from '../graphql.schema';

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
