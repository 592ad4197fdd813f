/**
 * A TCP proxy that can cut the line: what a client sees when its server goes away and comes back,
 * without stopping the server. `cut()` closes the listening port and ends every connection through
 * it (new connections are refused, open ones are reset: a database gone, as far as its clients
 * can tell); `restore()` listens on the same port again. Used by the Neo4j outage test in front of
 * the worker's own Neo4j, where stopping and starting JVMs of its own cost two fresh JVMs' CPU.
 */
import { AddressInfo, createServer, Server, Socket } from 'net';

export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private listenPort = 0;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** A proxy to host:port, listening on a free local port (kept across cuts). */
  static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetHost, targetPort);
    await proxy.restore();
    return proxy;
  }

  get port(): number {
    return this.listenPort;
  }

  /** Listens again on the same port (a no-op while listening). */
  async restore(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => this.pipe(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.listenPort = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Refuses new connections and resets every open one; resolves once the port is closed. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.resetAndDestroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private pipe(client: Socket): void {
    const upstream = new Socket();
    const track = (s: Socket) => {
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
      // A reset on one side ends the other: errors here are the outage itself.
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    };
    track(client);
    track(upstream);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    upstream.connect(this.targetPort, this.targetHost, () => {
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }
}
