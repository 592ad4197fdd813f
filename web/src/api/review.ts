/** Accepting a whole source's waiting items at once: the review page and the workspace both do. */
import { graphql } from '../gql';
import { request } from './client';

const ReviewSource = graphql(`
  mutation ReviewSource($input: ReviewChangesInput!) {
    reviewChanges(input: $input) {
      __typename
      ... on Claim {
        id
      }
      ... on Statement {
        id
      }
      ... on EvidenceLink {
        id
      }
      ... on EvidenceGap {
        id
      }
    }
  }
`);

/** Accepts every item of the source that waits for the caller's review (one transaction); the ids accepted. */
export async function acceptSource(sourceId: string): Promise<string[]> {
  const res = await request(ReviewSource, { input: { sourceId, decision: 'ACCEPT' } });
  return res.reviewChanges.flatMap((r) => ('id' in r ? [r.id] : []));
}
