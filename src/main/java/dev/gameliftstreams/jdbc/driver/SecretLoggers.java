package dev.gameliftstreams.jdbc.driver;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;

/**
 * Masks credentials in the lines of the third-party loggers that print requests and responses at DEBUG: the SigV4
 * signers' canonical requests (they sign {@code x-amz-security-token}), Apache HttpClient's headers and its wire log
 * (STS and SSO answers carry keys and tokens in their bodies). Each line still appears, with {@code ****} for the
 * value, so signing and HTTP problems stay debuggable at DEBUG.
 *
 * <p>A filter on the exact logger each library logs to: java.util.logging applies a logger's filter to the records
 * logged there, whatever handlers and levels a host configures later (a configuration reload keeps filters, not
 * levels). The SDK's SLF4J and HttpClient's commons-logging lines reach these loggers through the SLF4J binding to
 * java.util.logging that the shaded jar bundles; the build relocates these names with the libraries. A host that
 * binds SLF4J elsewhere (the thin artifact) masks or silences them in its own logging setup.
 */
final class SecretLoggers {
  /** Held: java.util.logging keeps loggers weakly, and a collected logger forgets its filter. */
  private static final List<Logger> MASKED = List.of(
      Logger.getLogger("software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner"),
      Logger.getLogger("software.amazon.awssdk.auth.signer.Aws4Signer"),
      Logger.getLogger("org.apache.http.headers"),
      Logger.getLogger("org.apache.http.wire"));

  /**
   * A credential's name as a header ({@code X-Amz-Security-Token: v}, canonical {@code x-amz-security-token:v}),
   * form or query field ({@code WebIdentityToken=v}), XML element ({@code <SessionToken>v}) or JSON member
   * ({@code "sessionToken":"v"}), then its value: up to a quote, tag, field separator, whitespace or the wire log's
   * {@code [\r]} marker.
   */
  private static final Pattern CREDENTIAL = Pattern.compile(
      "(?i)((?:x-amz-security-token|x-amz-sso_bearer_token|session_?token|secret_?access_?key|access_?token"
          + "|refresh_?token|client_?secret|web_?identity_?token|device_?code)\"?\\s*[:=>]\\s*\"?)"
          + "[^\\s\"<&\\[\\],}]+");

  /** Only its stateless {@code formatMessage} is used: a record's message with its parameters filled in. */
  private static final SimpleFormatter MESSAGES = new SimpleFormatter();

  private static final Filter MASK = record -> {
    String message = MESSAGES.formatMessage(record);
    String masked = mask(message);
    if (!masked.equals(message)) {
      record.setMessage(masked);
      record.setParameters(null);
    }
    return true;
  };

  private SecretLoggers() {
  }

  static void install() {
    MASKED.forEach(l -> l.setFilter(MASK));
  }

  /** The text with every credential value replaced by {@code ****}. */
  static String mask(String text) {
    return CREDENTIAL.matcher(text).replaceAll("$1****");
  }
}
