import type { Audit, TokenRecord } from './records';

/** API tokens, stored by the SHA-256 of their secret. */
export interface TokenStore {
  createToken(record: TokenRecord, audit?: Audit): Promise<TokenRecord>;
  tokenByHash(hash: string): Promise<TokenRecord | null>;
  listTokens(): Promise<TokenRecord[]>;
  /** Marks a token revoked; null when unknown. Revoking twice keeps the first time. */
  revokeToken(id: string, at: string, audit?: Audit): Promise<TokenRecord | null>;
}
