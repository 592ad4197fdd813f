import {
  FragmentDefinitionNode,
  GraphQLResolveInfo,
  Kind,
  OperationDefinitionNode,
  parse,
} from 'graphql';
import { selects } from '../../src/graphql/selection';

/** The resolve info of the operation's first root field, as far as `selects` reads it. */
function infoOf(query: string): GraphQLResolveInfo {
  const doc = parse(query);
  const op = doc.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    doc.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const root = op.selectionSet.selections[0];
  if (root.kind !== Kind.FIELD) throw new Error('a field first');
  return { fieldNodes: [root], fragments } as unknown as GraphQLResolveInfo;
}

const PATH = ['claims', 'statements', 'source'];

describe('selects: what a selection asks for below a field', () => {
  it.each([
    ['{ r { claims { statements { source { id } } } } }', true],
    ['{ r { claims { statements { id } } } }', false],
    ['{ r { summary { text } } }', false],
    ['{ r { claims { statements { ...S } } } } fragment S on Statement { source { title } }', true],
    [
      '{ r { ...R } } fragment R on Report { claims { ... on ClaimView { statements { source { id } } } } }',
      true,
    ],
    ['{ r { ...R } } fragment R on Report { claims { statements { quote } } }', false],
    ['{ r { other: claims { statements { source { id } } } } }', true],
    ['{ r { statements { claims { source { id } } } } }', false],
  ])('%s → %s', (query, expected) => {
    expect(selects(infoOf(query), PATH)).toBe(expected);
  });

  it('reads every node of the field (the same field asked twice is merged by GraphQL)', () => {
    const info = infoOf('{ r { summary { text } } }');
    const other = infoOf('{ r { claims { statements { source { id } } } } }');
    const both = { ...info, fieldNodes: [...info.fieldNodes, ...other.fieldNodes] };
    expect(selects(both as GraphQLResolveInfo, PATH)).toBe(true);
  });
});
