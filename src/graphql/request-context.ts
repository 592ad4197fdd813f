import { Loaders } from '../loaders/loaders';

/** What every resolver gets for one request. */
export interface RequestContext {
  loaders: Loaders;
  /** Who is making the change; recorded on evidence links. Token-based identity replaces this later. */
  actor: string;
}
