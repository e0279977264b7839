package dev.gameliftstreams.jdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * boto3, the other reference client, against the emulator: src/test/python/boto3_emulator_check.py runs both
 * paginators over every filter combination, PaginationConfig resumption and every error code, checking the
 * answers against the data file this test hands it.
 */
class Boto3CompatibilityTest {

  private static final Path SCRIPT = Path.of("src/test/python/boto3_emulator_check.py");

  @Test
  void boto3SeesTheSameDataAndErrorsAsTheAwsService(@TempDir Path dir) throws Exception {
    assumeTrue(boto3Installed(dir), "python3 with boto3 is not installed; skipping the boto3 compatibility check");
    EmulatorOptions options = EmulatorOptions.defaults().withSessions(900);
    try (Emulator emulator = Emulator.start(options);
       Emulator throttling = Emulator.start(options.withSessions(10).withThrottleRate(1.0));
       Emulator failing = Emulator.start(options.withSessions(10).withErrorRate(1.0))) {
      Path data = dir.resolve("data.json");
      Files.writeString(data, emulator.data().toJson());
      Path output = dir.resolve("boto3.log");

      int exitCode = exitCode(List.of("python3", SCRIPT.toAbsolutePath().toString(),
          emulator.endpoint().toString(), data.toString(), throttling.endpoint().toString(),
          failing.endpoint().toString()), output);

      assertEquals(0, exitCode, () -> "boto3 check failed:\n" + read(output));
    }
  }

  private static boolean boto3Installed(Path dir) throws InterruptedException {
    try {
      return exitCode(List.of("python3", "-c", "import boto3"), dir.resolve("probe.log")) == 0;
    } catch (IOException noPython) {
      return false;
    }
  }

  /** Runs a command with test credentials, output to {@code log}; the script's checks take a few seconds. */
  private static int exitCode(List<String> command, Path log) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "secret");
    builder.environment().put("AWS_DEFAULT_REGION", "us-west-2");
    builder.environment().remove("AWS_PROFILE");
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command + "\n" + read(log));
    }
    return process.exitValue();
  }

  private static String read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }
}
