import { IsOptional } from 'class-validator';
import { LIMITS, OptionalText, Slug, Text, TextList } from '../common/validation';
import { CreateMechanismInput } from '../graphql.schema';

export class CreateMechanismDto implements CreateMechanismInput {
  @IsOptional() @Slug() id?: string;
  @Text(LIMITS.name) name!: string;
  @TextList(LIMITS.name) synonyms?: string[];
  @OptionalText(LIMITS.note) description?: string;
}
