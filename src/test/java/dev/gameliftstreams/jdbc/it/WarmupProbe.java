package dev.gameliftstreams.jdbc.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;

/**
 * A fresh JVM on the shaded jar (see {@link StartupWarmupIT}), which needs {@code --add-opens java.base/java.lang}
 * and {@code --add-exports java.base/jdk.internal.misc} to look at its classes without loading them: opens a
 * connection (args[0]), waits for the driver's warm-up threads to end, prints {@code NAME=absent|loaded|initialized}
 * for each class named in args[1..], then, once a line arrives on stdin, runs the first query and prints its row.
 */
public final class WarmupProbe {
  private static final Set<String> WARMUP_THREADS = Set.of("gameliftstreams-warmup", "gameliftstreams-class-preloader");

  private WarmupProbe() {
  }

  public static void main(String[] args) throws Exception {
    Method findLoaded = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
    findLoaded.setAccessible(true);
    Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
    Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
    Method shouldBeInitialized = unsafeClass.getMethod("shouldBeInitialized", Class.class);
    ClassLoader loader = ClassLoader.getSystemClassLoader();
    try (Connection c = DriverManager.getConnection(args[0], "AKIDEXAMPLE", "secret")) {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> WARMUP_THREADS.contains(t.getName()))
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      for (int i = 1; i < args.length; i++) {
        Class<?> type = (Class<?>) findLoaded.invoke(loader, args[i]);
        String state = type == null ? "absent"
            : (Boolean) shouldBeInitialized.invoke(unsafe, type) ? "loaded" : "initialized";
        System.out.println(args[i] + "=" + state);
      }
      System.out.println("warmed");
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      try (Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("select arn from account_stream_sessions limit 1")) {
        System.out.println("row=" + (rs.next() ? rs.getString(1) : null));
      }
    }
  }
}
