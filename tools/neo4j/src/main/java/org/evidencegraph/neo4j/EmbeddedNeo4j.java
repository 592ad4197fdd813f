package org.evidencegraph.neo4j;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Neo4j 5.26 Community, embedded, serving Bolt on 127.0.0.1 only: the project's real database for
 * development, tests and CI without a separate install.
 *
 * <p>Usage: {@code EmbeddedNeo4j <dataDir> [port]}. The port may also come from NEO4J_PORT (default
 * 7687). Auth is off unless NEO4J_PASSWORD is set, in which case user "neo4j" gets that password.
 * Prints "NEO4J READY bolt://127.0.0.1:PORT" once Bolt accepts connections; SIGTERM shuts the
 * database down cleanly.
 */
public final class EmbeddedNeo4j {
  private EmbeddedNeo4j() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: EmbeddedNeo4j <dataDir> [port]");
      System.exit(2);
    }
    Path dataDir = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args.length > 1 ? args[1] : env("NEO4J_PORT", "7687"));
    String password = System.getenv("NEO4J_PASSWORD");
    boolean auth = password != null && !password.isEmpty();

    long started = System.nanoTime();
    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(dataDir)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(HttpsConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, auth)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
            // Bolt's two Netty event-loop groups each wait a 5 s quiet period on shutdown, so a
            // clean stop took 10 s with no client connected. The database's own shutdown (open
            // transactions, checkpoint) is unaffected; only the idle wait for new Netty tasks goes.
            .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
            .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("NEO4J STOPPING");
                  dbms.shutdown();
                  System.out.println("NEO4J STOPPED");
                  stopped.countDown();
                },
                "neo4j-shutdown"));

    if (auth) {
      // Community edition: the built-in user's password is set through the system database.
      dbms.database("system")
          .executeTransactionally(
              "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
              java.util.Map.of("password", password));
    }

    waitForBolt(port, Duration.ofSeconds(60));
    long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
    System.out.println("NEO4J READY bolt://127.0.0.1:" + port + " in " + ms + " ms (auth " + (auth ? "on" : "off") + ")");
    System.out.flush();
    stopped.await();
  }

  private static void waitForBolt(int port, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("Bolt did not open on port " + port);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? fallback : v;
  }
}
