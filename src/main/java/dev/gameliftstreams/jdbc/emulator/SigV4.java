package dev.gameliftstreams.jdbc.emulator;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credential scope of a SigV4 {@code Authorization} header ({@code Credential=AKID/DATE/REGION/SERVICE/aws4_request}).
 * The emulator reads who signed and for which region and service; it does not verify the signature.
 */
record SigV4(String accessKeyId, String region, String service) {

  private static final Pattern HEADER = Pattern.compile(
      "^AWS4-HMAC-SHA256\\s+Credential=([^/\\s,]+)/\\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request(,|\\s|$)");

  static Optional<SigV4> parse(String authorization) {
    Matcher m = HEADER.matcher(authorization == null ? "" : authorization);
    return m.find() ? Optional.of(new SigV4(m.group(1), m.group(2), m.group(3))) : Optional.empty();
  }
}
