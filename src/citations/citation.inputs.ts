import { IsEnum, IsInt, IsOptional, Matches, Min, ValidateBy } from 'class-validator';
import { LIMITS, OptionalText, Text } from '../common/validation';
import {
  CitationFormat,
  CitationInput,
  ImportCitationsInput,
  MarkNoticeInput,
  NoticeKind,
  WithdrawNoticeInput,
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
  @ValidateBy({
    name: 'calendarDate',
    validator: {
      validate: (v: unknown) => typeof v !== 'string' || isCalendarDate(v),
      defaultMessage: () => 'must be a real calendar date (YYYY-MM-DD)',
    },
  })
  date?: string;
  @OptionalText(LIMITS.note) note?: string;
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  expectedVersion!: number;
}

export class WithdrawNoticeDto implements WithdrawNoticeInput {
  @Text(LIMITS.id) id!: string;
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be 1 or more' })
  expectedVersion!: number;
  /** Required: a withdrawal undoes what a reviewer accepted, so it says why. */
  @Text(LIMITS.note) reason!: string;
}

export class ImportCitationsDto implements ImportCitationsInput {
  @IsEnum(CitationFormat, { message: `must be one of ${Object.values(CitationFormat).join(', ')}` })
  format!: CitationFormat;
  /** Small uploads only: larger files go through `npm run import`. */
  @Text(LIMITS.sourceText) content!: string;
  @IsOptional() @Text(LIMITS.id) citedById?: string;
}

/** YYYY-MM-DD naming a day that exists (no 2023-02-29, no month 13, no year 0000). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = m.slice(1).map(Number);
  if (y < 1) return false;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // not Date.UTC, which maps years below 100 to 19xx
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
