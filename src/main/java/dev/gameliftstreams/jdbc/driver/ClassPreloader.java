package dev.gameliftstreams.jdbc.driver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A third of a fresh JVM's first query is spent defining classes (reading, parsing) on the connecting thread.
 * The first connection of the JVM starts a background thread that loads, in the same order, the classes a first
 * query needs (the shaded jar lists them: see src/build/StoreStartupClasses.java), so that the connecting thread
 * mostly finds them defined; it first generates the JDBC proxy classes. It only loads classes: initializing them
 * on two threads could deadlock Calcite's initializers, loading cannot, as any two threads may load classes at once.
 */
final class ClassPreloader {
  /** Written by the build (src/build/StoreStartupClasses.java); keep the two in step. */
  private static final String LIST = "META-INF/gameliftstreams-jdbc/first-query-classes.txt";

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private ClassPreloader() {
  }

  /** Starts the preloading once per JVM, if the jar lists its classes (the shaded jar does, builds do not). */
  static void start() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    ClassLoader loader = ClassPreloader.class.getClassLoader();
    InputStream list = loader.getResourceAsStream(LIST);
    if (list == null) {
      return;
    }
    Thread thread = new Thread(() -> load(list, loader), "gameliftstreams-class-preloader");
    thread.setDaemon(true);
    thread.start();
  }

  private static void load(InputStream list, ClassLoader loader) {
    JdbcProxies.defineProxyClasses();
    try (BufferedReader names = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
      for (String name = names.readLine(); name != null; name = names.readLine()) {
        try {
          Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
          // The connecting thread meets the same error, if it ever needs this class, and reports it.
        }
      }
    } catch (IOException e) {
      // Best effort: what is not preloaded loads when needed.
    }
  }
}
