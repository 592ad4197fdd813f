import { readFileSync } from 'fs';
import { buildSchema, isObjectType } from 'graphql';
import { join } from 'path';
import { isPlainObjectList, LIST_SIZES } from '../../src/graphql/list-limits';

const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8'));

describe('plain lists in the cost estimate', () => {
  it('declares a typical size for every plain list of objects in schema.graphql, and no other', () => {
    const lists = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((t) =>
        Object.values(t.getFields())
          .filter((f) => isPlainObjectList(t.name, f))
          .map((f) => `${t.name}.${f.name}`),
      );
    expect(lists.sort()).toEqual(Object.keys(LIST_SIZES).sort());
  });
});
