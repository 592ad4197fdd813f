import { IsEnum, IsInt, IsOptional, IsUrl, Max, MaxLength, Min } from 'class-validator';
import { LIMITS, OptionalText, Slug, Text, TextPolicy } from '../common/validation';
import { AddStatementInput, CreateSourceInput, Hedging, SourceKind } from '../graphql.schema';

export class CreateSourceDto implements CreateSourceInput {
  @IsOptional() @Slug() id?: string;
  @Text(LIMITS.title) title!: string;

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
  @Text(LIMITS.sourceText) text!: string;
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
