import {
  IsEnum,
  IsInt,
  IsOptional,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { isCalendarDate } from '../citations/citation.inputs';
import { LIMITS, OptionalText, Slug, Text, TextPolicy } from '../common/validation';
import { AddStatementInput, CreateSourceInput, Hedging, SourceKind } from '../graphql.schema';

export class CreateSourceDto implements CreateSourceInput {
  @IsOptional() @Slug() id?: string;
  /** Required with text (checked in the service, which knows which of text and html came). */
  @OptionalText(LIMITS.title) title?: string;

  @IsOptional()
  @TextPolicy()
  @MaxLength(LIMITS.url, { message: `must be at most ${LIMITS.url} characters` })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'must be an http(s) URL' },
  )
  url?: string;

  @OptionalText(LIMITS.name) publisher?: string;
  @IsEnum(SourceKind, { message: `must be one of ${Object.values(SourceKind).join(', ')}` })
  kind!: SourceKind;
  /** Exactly one of text and html: the service says which is missing or that both came. */
  @OptionalText(LIMITS.sourceText) text?: string;
  /** A saved page: the request body limit bounds it before this does. */
  @OptionalText(LIMITS.sourceText) html?: string;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  @ValidateBy({
    name: 'calendarDate',
    validator: {
      validate: (v: unknown) => typeof v !== 'string' || isCalendarDate(v),
      defaultMessage: () => 'must be a real calendar date (YYYY-MM-DD)',
    },
  })
  retrievedAt?: string;
}

export class AddStatementDto implements AddStatementInput {
  @Text(LIMITS.id) sourceId!: string;
  @Text(LIMITS.id) claimId!: string;
  @Text(LIMITS.quote) quote!: string;

  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  @Max(1_000_000)
  occurrence?: number;

  @IsEnum(Hedging, { message: `must be one of ${Object.values(Hedging).join(', ')}` })
  hedging!: Hedging;
}
