/**
 * What a request's selection asks for below a field, so a service can fetch it with the field's own
 * read instead of in another round trip. Fragments are followed; @skip/@include are not read (a
 * skipped field is fetched for nothing, never missed).
 */
import { GraphQLResolveInfo, Kind, SelectionNode } from 'graphql';

function reaches(
  selections: readonly SelectionNode[],
  path: readonly string[],
  info: GraphQLResolveInfo,
): boolean {
  return selections.some((s) => {
    if (s.kind === Kind.FIELD) {
      if (s.name.value !== path[0]) return false;
      return (
        path.length === 1 ||
        (!!s.selectionSet && reaches(s.selectionSet.selections, path.slice(1), info))
      );
    }
    const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : info.fragments[s.name.value];
    return !!fragment && reaches(fragment.selectionSet.selections, path, info);
  });
}

/** Whether the selection under the resolved field reaches `path` (field names, outermost first). */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return info.fieldNodes.some(
    (n) => !!n.selectionSet && reaches(n.selectionSet.selections, path, info),
  );
}
