package dev.gameliftstreams.jdbc.driver;

import dev.gameliftstreams.jdbc.aws.ClientSettings;
import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.schema.GameLiftStreamsSchema;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.calcite.jdbc.CalciteConnection;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/**
 * A JVM's first query spends seconds loading and compiling Calcite's parser, planner, metadata handlers and the
 * generated code of a scan, one thread at a time. The first connection of the JVM starts a daemon thread that
 * prepares a typical query over a schema of its own (prepared, never run: it makes no API call), so that this work
 * overlaps the connection's own opening and the loaded classes and compiled metadata handlers serve every later
 * query.
 */
final class PlannerWarmup {
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private PlannerWarmup() {
  }

  static void start() {
    if (STARTED.compareAndSet(false, true)) {
      Thread thread = new Thread(PlannerWarmup::run, "gameliftstreams-jdbc-warmup");
      thread.setDaemon(true);
      thread.start();
    }
  }

  private static void run() {
    // Never called: preparing a statement plans and compiles it without enumerating its scans.
    ClientSettings unused = new ClientSettings(List.of("us-east-1"), URI.create("http://127.0.0.1:9"),
        AnonymousCredentialsProvider.create(), 100, 1);
    try (GameLiftStreamsAccess access = new GameLiftStreamsAccess(unused);
         CalciteConnection calcite = CalciteEngine.INSTANCE.open("jdbc:gameliftstreams:",
             GameLiftStreamsDriver.calciteProperties())) {
      calcite.getRootSchema().add(GameLiftStreamsDriver.SCHEMA, new GameLiftStreamsSchema(List.of(access), 100));
      calcite.setSchema(GameLiftStreamsDriver.SCHEMA);
      calcite.prepareStatement("select arn from account_stream_sessions where status = ? limit 1").close();
    } catch (Exception | LinkageError e) {
      // Only time is lost: the first real query does the same work.
      Logger.getLogger(GameLiftStreamsDriver.LOGGER).log(Level.FINE, "planner warm-up failed", e);
    }
  }
}
