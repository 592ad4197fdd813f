/**
 * A module required on first use rather than at start-up. For libraries only a few requests need
 * (HTML extraction, GraphML, citation parsing, pretty logs): the server, every CLI and every test
 * file that builds the app would otherwise load them (hundreds of files, tenths of a second each).
 */
export function lazy<T>(load: () => T): () => T {
  let loaded: { module: T } | undefined;
  return () => (loaded ??= { module: load() }).module;
}
