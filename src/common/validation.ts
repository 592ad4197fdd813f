/**
 * Shared class-validator pieces for mutation inputs, and the pipe that turns validation failures
 * into BAD_USER_INPUT errors naming the field (`input.text`) and the reason.
 */
import { ValidationError, ValidationPipe } from '@nestjs/common';
import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import { DomainError } from './domain-error';
import { ID_MAX_LENGTH, ID_PATTERN } from './ids';

export const LIMITS = {
  id: ID_MAX_LENGTH,
  name: 300,
  title: 1000,
  claimText: 2000,
  quote: 5000,
  note: 5000,
  sourceText: 1_000_000,
  url: 2000,
  listItems: 100,
} as const;

/** A UTF-16 surrogate without its pair: not a character, and no store can keep it as sent. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0 controls other than tab, newline and carriage return: invisible, and they break exports. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
/** Whitespace and the zero-width characters a name can look empty with. */
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF\u180E\u00AD]/gu;

export function wellFormed(value: unknown): boolean {
  return typeof value !== 'string' || !LONE_SURROGATE.test(value);
}

/**
 * The text policy every stored text field follows, decided here once: why a string is refused,
 * or null when it may be stored (exactly as sent).
 */
export function textProblem(value: string): string | null {
  if (LONE_SURROGATE.test(value))
    return 'must be valid Unicode text (it has an unpaired surrogate)';
  const control = CONTROL.exec(value);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `must not contain control characters (U+${code} at position ${control.index}); only tab, newline and carriage return are allowed`;
  }
  return null;
}

/** Empty once whitespace and zero-width characters are removed. */
export function blank(value: string): boolean {
  return value.replace(INVISIBLE, '').length === 0;
}

/** The text policy (textProblem) as a validator: on each item of a list too. */
export function TextPolicy(every = '') {
  const problem = (v: unknown) =>
    Array.isArray(v)
      ? (v.map((x) => (typeof x === 'string' ? textProblem(x) : null)).find(Boolean) ?? null)
      : typeof v === 'string'
        ? textProblem(v)
        : null;
  return ValidateBy({
    name: 'textPolicy',
    validator: {
      validate: (v: unknown) => problem(v) === null,
      defaultMessage: (args) => `${problem(args?.value) ?? 'is not allowed text'}${every}`,
    },
  });
}

/** Something visible: not empty once whitespace and zero-width characters are removed. */
function Visible(each: boolean, every: string) {
  const ok = (v: unknown) => typeof v !== 'string' || !blank(v);
  return ValidateBy({
    name: 'visible',
    validator: {
      validate: (v: unknown) => (each && Array.isArray(v) ? v.every(ok) : ok(v)),
      defaultMessage: () =>
        `must not be empty or only spaces (zero-width characters count as space)${every}`,
    },
  });
}

/** A non-blank string of at most `max` characters (each item of a list, with `each`). */
export function Text(max: number, each = false) {
  const every = each ? ' (every item)' : '';
  return applyDecorators(
    IsString({ each, message: `must be a string${every}` }),
    TextPolicy(every),
    Visible(each, every),
    MaxLength(max, { each, message: `must be at most ${max} characters${every}` }),
  );
}

/** An optional list of at most LIMITS.listItems non-blank strings. */
export function TextList(max: number) {
  return applyDecorators(
    IsOptional(),
    IsArray({ message: 'must be a list' }),
    ArrayMaxSize(LIMITS.listItems, { message: `must have at most ${LIMITS.listItems} items` }),
    Text(max, true),
  );
}

export function OptionalText(max: number) {
  return applyDecorators(IsOptional(), Text(max));
}

/** A caller-chosen id: a readable slug. */
export function Slug() {
  return applyDecorators(
    IsString({ message: 'must be a string' }),
    MaxLength(ID_MAX_LENGTH, { message: `must be at most ${ID_MAX_LENGTH} characters` }),
    Matches(ID_PATTERN, {
      message: 'must be a slug: lower-case letters and digits joined by single - _ . or :',
    }),
  );
}

/** `input.items[3].id`: list indexes as GraphQL writes them in its own coercion errors. */
function fieldPath(segments: string[]): string {
  return segments.reduce(
    (acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s),
    '',
  );
}

/** Every failing field, depth first, with its first reason. */
function failures(errors: ValidationError[], path: string[]): { field: string; reason: string }[] {
  return errors.flatMap((e) => {
    const here = [...path, e.property];
    if (e.constraints && Object.keys(e.constraints).length > 0)
      return [{ field: fieldPath(here), reason: Object.values(e.constraints)[0] }];
    return failures(e.children ?? [], here);
  });
}

/** The item a field belongs to: the list entry it is in (`statements[3]`), else the field. */
function itemOf(field: string): string {
  const inList = /^input\.([^.[]+\[\d+\])/.exec(field);
  return inList ? inList[1] : field.replace(/^input\./, '');
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      // The first failure names the error (field, reason); problems lists every one.
      const all = failures(errors, ['input']);
      if (all.length === 0) return DomainError.badInput('input', 'is invalid');
      const [first] = all;
      return DomainError.badInput(first.field, first.reason, {
        problems: all.map((f) => ({ item: itemOf(f.field), ...f })),
      });
    },
  });
}
