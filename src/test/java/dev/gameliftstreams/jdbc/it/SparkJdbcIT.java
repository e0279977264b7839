package dev.gameliftstreams.jdbc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gameliftstreams.jdbc.emulator.EmulatorData;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark 4 as a host of the shaded jar, the README's spark.read.jdbc with one predicate per region. Opt-in, as it
 * downloads Spark from Maven Central: {@code mvn -B verify -Pspark}. Spark's class path comes from
 * src/test/spark/pom.xml; the shaded jar goes first on it, as {@code --driver-class-path} puts it.
 */
class SparkJdbcIT {
  private static final Path JAR = Path.of(System.getProperty("shadedJar", "target/gameliftstreams-jdbc.jar"));
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  /** What Spark's own launcher opens on Java 17 (JavaModuleOptions). */
  private static final List<String> SPARK_JVM_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
      "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
      "-Dio.netty.tryReflectionSetAccessible=true");

  @Test
  void sparkReadsOnePartitionPerRegionThroughTheShadedJar(@TempDir Path dir) throws Exception {
    assumeTrue(Boolean.getBoolean("spark"), "opt-in: mvn -B verify -Pspark (downloads Spark 4)");
    Path classPathFile = dir.resolve("spark.classpath");
    String resolved = run(dir.resolve("resolve.log"), List.of("mvn", "-B", "-q", "-f", "src/test/spark/pom.xml",
        "dependency:build-classpath", "-Dmdep.outputFile=" + classPathFile.toAbsolutePath()));
    assertTrue(Files.exists(classPathFile), resolved);

    List<String> command = new ArrayList<>(List.of(JAVA));
    command.addAll(SPARK_JVM_OPTIONS);
    command.addAll(List.of("-cp", JAR + File.pathSeparator + Files.readString(classPathFile).strip(),
        "src/test/spark/SparkRead.java", "jdbc:gameliftstreams:demo=true"));
    String output = run(dir.resolve("spark.log"), command);

    EmulatorData demo = EmulatorData.generate(42, 5000);
    assertTrue(output.contains("partitions=2"), output);
    for (String region : List.of("us-east-1", "us-west-2")) {
      assertTrue(output.contains("region=" + region + " sessions=" + demo.streamSessions(region).size()), output);
    }
    Instant earliest = demo.regions().stream().flatMap(r -> demo.streamSessions(r).stream())
        .map(s -> Instant.ofEpochMilli(s.get("CreatedAt").decimalValue().movePointRight(3).longValueExact()))
        .min(Instant::compareTo).get();
    assertTrue(output.contains("earliest=" + earliest), earliest + " in\n" + output);
  }

  private static String run(Path log, List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(30, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", command) + "\n" + Files.readString(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), () -> String.join(" ", command) + "\n" + output);
    return output;
  }
}
