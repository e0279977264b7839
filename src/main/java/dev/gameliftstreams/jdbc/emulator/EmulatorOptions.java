package dev.gameliftstreams.jdbc.emulator;

import java.nio.file.Path;

/**
 * Start-up settings of an {@link Emulator}.
 *
 * @param port         TCP port on 127.0.0.1; 0 picks a free port
 * @param dataFile     data file in the {@link EmulatorData} format, or {@code null} to generate demo data
 * @param seed         seed of the generated demo data (ignored with a data file)
 * @param sessions     number of generated stream sessions over all regions (ignored with a data file)
 * @param latencyMs    delay added to every request
 * @param throttleRate fraction of requests answered with ThrottlingException (429)
 * @param errorRate    fraction of requests answered with InternalServerException (500)
 * @param quotas       enforce the service's published per-account, per-region request rates (see {@link Quotas})
 */
public record EmulatorOptions(int port, Path dataFile, long seed, int sessions,
               long latencyMs, double throttleRate, double errorRate, boolean quotas) {

  public EmulatorOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535: " + port);
    }
    if (sessions < 0) {
      throw new IllegalArgumentException("sessions must not be negative: " + sessions);
    }
    if (latencyMs < 0) {
      throw new IllegalArgumentException("latency must not be negative: " + latencyMs);
    }
    checkRate("throttle rate", throttleRate);
    checkRate("error rate", errorRate);
  }

  /** Port 0, generated data (seed 42, 5000 sessions), no faults, no quotas. */
  public static EmulatorOptions defaults() {
    return new EmulatorOptions(0, null, 42L, 5000, 0L, 0.0, 0.0, false);
  }

  public EmulatorOptions withPort(int p) {
    return new EmulatorOptions(p, dataFile, seed, sessions, latencyMs, throttleRate, errorRate, quotas);
  }

  public EmulatorOptions withDataFile(Path f) {
    return new EmulatorOptions(port, f, seed, sessions, latencyMs, throttleRate, errorRate, quotas);
  }

  public EmulatorOptions withSeed(long s) {
    return new EmulatorOptions(port, dataFile, s, sessions, latencyMs, throttleRate, errorRate, quotas);
  }

  public EmulatorOptions withSessions(int n) {
    return new EmulatorOptions(port, dataFile, seed, n, latencyMs, throttleRate, errorRate, quotas);
  }

  public EmulatorOptions withLatencyMs(long ms) {
    return new EmulatorOptions(port, dataFile, seed, sessions, ms, throttleRate, errorRate, quotas);
  }

  public EmulatorOptions withThrottleRate(double r) {
    return new EmulatorOptions(port, dataFile, seed, sessions, latencyMs, r, errorRate, quotas);
  }

  public EmulatorOptions withErrorRate(double r) {
    return new EmulatorOptions(port, dataFile, seed, sessions, latencyMs, throttleRate, r, quotas);
  }

  public EmulatorOptions withQuotas(boolean q) {
    return new EmulatorOptions(port, dataFile, seed, sessions, latencyMs, throttleRate, errorRate, q);
  }

  /** Shared with the runtime setters of {@link Emulator}, which accept the same range. */
  static double checkRate(String name, double rate) {
    if (!(rate >= 0.0 && rate <= 1.0)) {
      throw new IllegalArgumentException(name + " must be in 0.0..1.0: " + rate);
    }
    return rate;
  }
}
