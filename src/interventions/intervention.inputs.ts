import { IsOptional } from 'class-validator';
import { LIMITS, OptionalText, Slug, Text } from '../common/validation';
import { CreateInterventionInput } from '../graphql.schema';

export class CreateInterventionDto implements CreateInterventionInput {
  @IsOptional() @Slug() id?: string;
  @Text(LIMITS.name) name!: string;
  @OptionalText(LIMITS.name) drug?: string;
  @OptionalText(LIMITS.name) route?: string;
}
