import { MissingReferenceError, UniqueViolationError } from '../store/ports';
import { DomainError } from './domain-error';

/**
 * Runs a store write and turns the port's typed constraint errors into client errors. Services
 * check references and uniqueness first for a precise message; this catches what raced past them.
 */
export async function storeWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof UniqueViolationError) {
      if (err.field === 'id')
        throw DomainError.badInput('input.id', 'is already used by another node');
      throw DomainError.conflict(
        `input.${err.field} is already recorded${err.existingId ? ` as ${err.existingId}` : ''}`,
        {
          field: `input.${err.field}`,
          existingId: err.existingId ?? undefined,
        },
      );
    }
    if (err instanceof MissingReferenceError)
      throw DomainError.badInput('input', 'refers to a node that no longer exists');
    throw err;
  }
}
