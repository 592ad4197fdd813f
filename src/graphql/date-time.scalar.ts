import { Scalar, CustomScalar } from '@nestjs/graphql';
import { Kind, ValueNode } from 'graphql';
import { DomainError } from '../common/domain-error';

/** ISO-8601 timestamps. Records carry them as strings already; input is checked and normalised. */
@Scalar('DateTime')
export class DateTimeScalar implements CustomScalar<string, string> {
  description = 'ISO-8601 date and time, UTC';

  parseValue(value: unknown): string {
    return parse(value);
  }

  serialize(value: unknown): string {
    return value instanceof Date ? value.toISOString() : String(value);
  }

  parseLiteral(ast: ValueNode): string {
    if (ast.kind !== Kind.STRING)
      throw DomainError.badInput('DateTime', 'must be an ISO-8601 string');
    return parse(ast.value);
  }
}

function parse(value: unknown): string {
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : null;
  if (!d || Number.isNaN(d.getTime()))
    throw DomainError.badInput('DateTime', 'must be an ISO-8601 date or date-time');
  return d.toISOString();
}
