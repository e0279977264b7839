package dev.gameliftstreams.jdbc.driver;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The third-party loggers that print request headers (SigV4 canonical requests, HTTP headers and wire, session
 * tokens included) at DEBUG stay at INFO in java.util.logging, however verbose the rest is configured. In the
 * shaded jar these are the bundled libraries' relocated loggers (the build relocates these names with them).
 */
final class SecretLoggers {
  /** Held: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
  private static final List<Logger> PINNED = List.of(
      Logger.getLogger("software.amazon.awssdk.http.auth.aws.internal.signer"),
      Logger.getLogger("org.apache.http.wire"),
      Logger.getLogger("org.apache.http.headers"));

  private SecretLoggers() {
  }

  static void pinAtInfo() {
    PINNED.forEach(l -> l.setLevel(Level.INFO));
  }
}
