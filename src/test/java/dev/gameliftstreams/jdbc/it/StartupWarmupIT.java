package dev.gameliftstreams.jdbc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gameliftstreams.jdbc.emulator.Emulator;
import dev.gameliftstreams.jdbc.emulator.EmulatorOptions;
import dev.gameliftstreams.jdbc.emulator.RequestLog;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * A fresh JVM's first connection warms what its first query will need, off the connecting thread (see
 * ClientWarmup and ClassPreloader): the SDK's request path is run against a canned page, never the service, and
 * the classes of planning are loaded but left for the connecting thread to initialize.
 */
class StartupWarmupIT {
  private static final Path JAR = Path.of(System.getProperty("shadedJar", "target/gameliftstreams-jdbc.jar"));
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final String SHADED = "dev.gameliftstreams.jdbc.shaded.";
  private static final String PRELOAD_LIST = "META-INF/gameliftstreams-jdbc/first-query-classes.txt";

  /**
   * Built with the warm-up's HTTP client and run by its request (marshalled, signed, its canned page read):
   * initialized before any query.
   */
  private static final List<String> WARMED_UP = List.of(
      SHADED + "org.apache.http.impl.conn.PoolingHttpClientConnectionManager",
      SHADED + "software.amazon.awssdk.services.gameliftstreams.transform.ListStreamSessionsByAccountRequestMarshaller",
      SHADED + "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner",
      SHADED + "software.amazon.awssdk.services.gameliftstreams.model.ExportFilesMetadata");
  /** Only planning uses these: preloaded, never initialized off the connecting thread. */
  private static final List<String> PRELOADED = List.of(
      "org.apache.calcite.plan.volcano.VolcanoPlanner",
      "dev.gameliftstreams.jdbc.driver.PlannerRules",
      "org.apache.calcite.adapter.enumerable.EnumerableRules");

  @Test
  void theFirstConnectionWarmsTheSdkWithoutARequestAndPreloadsPlanningWithoutInitializingIt() throws Exception {
    try (Emulator emulator = Emulator.start(EmulatorOptions.defaults())) {
      List<String> command = new ArrayList<>(List.of(JAVA, "--add-opens", "java.base/java.lang=ALL-UNNAMED",
          "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
          "-cp", JAR + File.pathSeparator + Path.of("target", "test-classes"), WarmupProbe.class.getName(),
          "jdbc:gameliftstreams:endpoint=" + emulator.endpoint() + ";region=us-west-2"));
      command.addAll(WARMED_UP);
      command.addAll(PRELOADED);
      Process probe = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(),
               StandardCharsets.UTF_8));
           OutputStream in = probe.getOutputStream()) {
        Map<String, String> states = new HashMap<>();
        for (String line = out.readLine(); line != null && !line.equals("warmed"); line = out.readLine()) {
          String[] state = line.split("=", 2);
          states.put(state[0], state[1]);
        }
        WARMED_UP.forEach(name -> assertEquals("initialized", states.get(name), name));
        PRELOADED.forEach(name -> assertEquals("loaded", states.get(name), name));
        assertEquals(List.of(), emulator.requestLog().entries(), "requests before the first query");

        in.write("go\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        String row = out.readLine();
        assertNotNull(row);
        assertTrue(row.startsWith("row=arn:aws:gameliftstreams:us-west-2:"), row);
      } finally {
        if (!probe.waitFor(60, TimeUnit.SECONDS)) {
          probe.destroyForcibly();
        }
      }
      List<RequestLog.Entry> calls = emulator.requestLog().entries();
      assertEquals(1, calls.size(), calls.toString());
      assertEquals("ListStreamSessionsByAccount", calls.get(0).operation());
      assertEquals("1", calls.get(0).query().get("MaxResults"));
      assertEquals(0, probe.exitValue());
    }
  }

  /**
   * The jar lists the classes a JDBC application's first queries load, in their order: from the jar, and
   * neither sqlline's, nor the demo emulator's, nor the SDK's and its HTTP client's, which ClientWarmup loads.
   */
  @Test
  void theJarListsTheClassesToPreload() throws Exception {
    try (ZipFile zip = new ZipFile(JAR.toFile())) {
      ZipEntry listEntry = zip.getEntry(PRELOAD_LIST);
      assertNotNull(listEntry, PRELOAD_LIST);
      List<String> names = new String(zip.getInputStream(listEntry).readAllBytes(), StandardCharsets.UTF_8)
          .lines().toList();
      assertTrue(names.size() > 2000, names.size() + " classes listed");
      assertEquals("dev.gameliftstreams.jdbc.driver.GameLiftStreamsDriver", names.get(0));
      assertTrue(names.indexOf("org.apache.calcite.sql.parser.impl.SqlParserImpl")
          < names.indexOf("org.apache.calcite.plan.volcano.VolcanoPlanner"), "parsing comes before planning");
      for (String name : names) {
        assertNotNull(zip.getEntry(name.replace('.', '/') + ".class"), name);
        assertFalse(name.startsWith("sqlline.") || name.startsWith(SHADED + "org.jline.")
            || name.startsWith("dev.gameliftstreams.jdbc.emulator.") || name.startsWith(SHADED + "software.amazon.")
            || name.startsWith(SHADED + "org.apache.http."), name);
      }
    }
  }
}
