/**
 * API token secrets. A token is 32 random bytes (256 bits) shown once; only its SHA-256 is
 * stored. A fast hash is right here, unlike for passwords: a random 256-bit secret cannot be
 * guessed, so there is nothing for a slow hash to protect, and the hash can be looked up directly.
 */
import { createHash, randomBytes, randomUUID } from 'crypto';
import { userInfo } from 'os';
import { TokenRole } from '../store/ports';

export const TOKEN_PREFIX = 'ekb_';
export const ROLES: readonly TokenRole[] = ['READER', 'EDITOR', 'ADMIN'];

export function newTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function newTokenId(): string {
  return `token-${randomUUID()}`;
}

/** The secret of an `Authorization: Bearer <secret>` header; undefined for any other header. */
export function bearerSecret(authorization: string | undefined): string | undefined {
  return /^Bearer[ \t]+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether `role` may do what `required` allows (ADMIN > EDITOR > READER). */
export function roleAllows(role: TokenRole, required: TokenRole): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** Who a command-line change is recorded as: the operating-system user. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}
