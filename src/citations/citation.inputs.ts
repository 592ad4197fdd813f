import { IsEnum, IsOptional, Matches } from 'class-validator';
import { LIMITS, OptionalText, Text } from '../common/validation';
import {
  CitationFormat,
  CitationInput,
  ImportCitationsInput,
  MarkNoticeInput,
  NoticeKind,
} from '../graphql.schema';

export class CitationDto implements CitationInput {
  @Text(LIMITS.id) citingId!: string;
  @Text(LIMITS.id) citedId!: string;
}

export class MarkNoticeDto implements MarkNoticeInput {
  @Text(LIMITS.id) studyId!: string;
  @IsEnum(NoticeKind, { message: `must be one of ${Object.values(NoticeKind).join(', ')}` })
  kind!: NoticeKind;
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  date?: string;
  @OptionalText(LIMITS.note) note?: string;
}

export class ImportCitationsDto implements ImportCitationsInput {
  @IsEnum(CitationFormat, { message: `must be one of ${Object.values(CitationFormat).join(', ')}` })
  format!: CitationFormat;
  /** Small uploads only: larger files go through `npm run import`. */
  @Text(LIMITS.sourceText) content!: string;
  @IsOptional() @Text(LIMITS.id) citedById?: string;
}
