import { LIMITS, OptionalText, Text } from '../common/validation';
import { RevertInput } from '../graphql.schema';

export class RevertDto implements RevertInput {
  @Text(LIMITS.id) revisionId!: string;
  @OptionalText(LIMITS.note) reason?: string;
}
