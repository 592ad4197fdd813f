/**
 * What start-up tells a person: where to go once the server listens, and what to change when it
 * cannot (the port taken, the address not this machine's).
 */
import { AppConfig } from './app-config';

/** A browser cannot go to "all interfaces": show this machine's loopback name instead. */
function browsable(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/** The store in use, without credentials. */
export function storeDescription(config: AppConfig): string {
  if (config.storeKind === 'neo4j') {
    const uri = (config.NEO4J_URI ?? '').replace(/\/\/[^@/]*@/, '//');
    return `Neo4j at ${uri}${config.NEO4J_DATABASE ? ` (database ${config.NEO4J_DATABASE})` : ''}`;
  }
  return `SQLite ${config.sqliteFile}`;
}

/** The last start-up line: the web address, GraphiQL (outside production), the store. */
export function startupBanner(config: AppConfig, port = config.PORT): string {
  const base = `http://${browsable(config.HOST)}:${port}`;
  const graphiql = config.NODE_ENV === 'production' ? '' : ` · GraphiQL ${base}/graphiql`;
  return `Evidence graph ready at ${base}/ · GraphQL ${base}/graphql${graphiql} · store: ${storeDescription(config)}`;
}

/** One line for a listen failure a setting can fix (PORT, HOST); undefined for anything else. */
export function listenError(err: unknown, config: AppConfig): string | undefined {
  const code = (err as NodeJS.ErrnoException)?.code;
  const where = `PORT=${config.PORT} on HOST=${config.HOST}`;
  switch (code) {
    case 'EADDRINUSE':
      return `Cannot listen: port ${config.PORT} is already in use (${where}). Stop the other server or set PORT to a free port.`;
    case 'EACCES':
      return `Cannot listen: port ${config.PORT} needs privileges this process lacks (${where}). Set PORT to 1024 or above.`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `Cannot listen: HOST=${JSON.stringify(config.HOST)} is not an address of this machine (${code}). Set HOST to 127.0.0.1, 0.0.0.0 or one of its addresses.`;
    default:
      return undefined;
  }
}
