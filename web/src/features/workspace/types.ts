import type { WorkspaceSourceQuery, WorkspaceSuggestionsQuery } from '../../gql/graphql';

/** The source as the workspace reads it, and one of the assistant's suggestions for it. */
export type Source = NonNullable<WorkspaceSourceQuery['source']>;
export type Suggestion = WorkspaceSuggestionsQuery['suggestStatements'][number];
