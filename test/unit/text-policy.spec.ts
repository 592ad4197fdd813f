/**
 * The text policy every stored text field follows (issue 9, item 10): no C0 control characters
 * but tab, newline and carriage return; nothing that is empty once whitespace and zero-width
 * characters are gone. Checked through the same validation pipe the API uses.
 */
import { ArgumentMetadata } from '@nestjs/common';
import { DomainError, ErrorCode } from '../../src/common/domain-error';
import { blank, createValidationPipe, textProblem } from '../../src/common/validation';
import { CreateConditionDto } from '../../src/conditions/condition.inputs';
import { CreateSourceDto } from '../../src/sources/source.inputs';
import { cslToStudy } from '../../src/citations/import/csl-to-study';
import { CslItem } from '../../src/citations/import/citation-parsers';

async function refusal(metatype: ArgumentMetadata['metatype'], value: object) {
  const pipe = createValidationPipe();
  try {
    await pipe.transform(value, { type: 'body', metatype });
  } catch (e) {
    return e as DomainError;
  }
  return null;
}

describe('textProblem', () => {
  it.each([['\u0000'], ['\u0007'], ['\u0008'], ['\u000B'], ['\u000C'], ['\u001B'], ['\u001F']])(
    'refuses the control character %j, naming it',
    (c) => {
      const code = c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      expect(textProblem(`ab${c}cd`)).toContain(`U+${code} at position 2`);
    },
  );

  it('allows tab, newline and carriage return, and other text as sent', () => {
    expect(textProblem('a\tb\nc\r\nd — é 😀')).toBeNull();
  });
});

describe('blank', () => {
  it.each([[''], ['  '], ['\u200B'], [' \u200B\u200C\u200D\uFEFF\u2060 '], ['\u00AD\n']])(
    'counts %j as empty',
    (v) => expect(blank(v)).toBe(true),
  );
  it('counts a visible character as content', () => expect(blank('\u200Bx')).toBe(false));
});

describe('citation files', () => {
  const item = (o: object) =>
    ({
      title: 'A trial',
      author: [{ family: 'Roe', given: 'R' }],
      issued: { 'date-parts': [[2020]] },
      ...o,
    }) as CslItem;

  it('reject a record whose title has a control character, or shows nothing', () => {
    expect(cslToStudy(item({}))).toMatchObject({ ok: true });
    expect(cslToStudy(item({ title: 'A\u001b[31m trial' }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^title .*U\+001B/),
    });
    expect(cslToStudy(item({ title: '\u200B\u200D' }))).toMatchObject({
      ok: false,
      reason: 'no title',
    });
    expect(cslToStudy(item({ author: [{ family: 'Ro\u0000e' }] }))).toMatchObject({ ok: false });
  });
});

describe('the validation pipe', () => {
  it('refuses a name made of zero-width characters as BAD_USER_INPUT naming the field', async () => {
    const e = await refusal(CreateConditionDto, { name: '\u200B\u200D' });
    expect(e?.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(e?.details.field).toBe('input.name');
    expect(e?.details.reason).toMatch(/empty/);
  });

  it('refuses a control character in a synonym (each item of a list)', async () => {
    const e = await refusal(CreateConditionDto, { name: 'ok', synonyms: ['fine', 'bell\u0007'] });
    expect(e?.details.field).toBe('input.synonyms');
    expect(e?.details.reason).toMatch(/U\+0007/);
  });

  it('refuses a control character in a URL', async () => {
    const e = await refusal(CreateSourceDto, {
      title: 't',
      kind: 'NEWS',
      text: 'x',
      url: 'https://example.org/a\u0001b',
    });
    expect(e?.details.field).toBe('input.url');
  });

  it('accepts text with tabs and newlines', async () => {
    expect(await refusal(CreateConditionDto, { name: 'a\tb', description: 'x\r\ny' })).toBeNull();
  });
});
