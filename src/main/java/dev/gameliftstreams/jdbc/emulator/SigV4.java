package dev.gameliftstreams.jdbc.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A SigV4 {@code Authorization} header ({@code Credential=AKID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=...,
 * Signature=...}): who signed, for which region and service, and whether the signature matches a known secret.
 */
record SigV4(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
    String signature) {

  private static final Pattern HEADER = Pattern.compile(
      "^AWS4-HMAC-SHA256\\s+Credential=([^/\\s,]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request(?:,|\\s|$)"
          + "(?:.*?SignedHeaders=([a-z0-9;._-]+))?(?:.*?Signature=([0-9a-f]+))?");

  static Optional<SigV4> parse(String authorization) {
    Matcher m = HEADER.matcher(authorization == null ? "" : authorization);
    if (!m.find()) {
      return Optional.empty();
    }
    List<String> signed = m.group(5) == null ? List.of() : List.of(m.group(5).split(";"));
    return Optional.of(new SigV4(m.group(1), m.group(2), m.group(3), m.group(4), signed, m.group(6)));
  }

  /**
   * Whether the request was signed with {@code secret}, computed as AWS does for services other than S3 (the
   * encoded path encoded once more, query parameters sorted, the signed headers' trimmed values).
   *
   * @param header all values of a request header by (case-insensitive) name, or an empty list
   */
  boolean verifies(String secret, String method, String rawPath, String rawQuery,
      Function<String, List<String>> header, byte[] body) {
    if (signature == null || signedHeaders.isEmpty()) {
      return false;
    }
    List<String> amzDate = header.apply("X-Amz-Date");
    if (amzDate.isEmpty()) {
      return false;
    }
    StringBuilder canonical = new StringBuilder();
    canonical.append(method).append('\n');
    canonical.append(rawPath.isEmpty() ? "/" : encode(rawPath, true)).append('\n');
    canonical.append(canonicalQuery(rawQuery)).append('\n');
    for (String name : signedHeaders) {
      List<String> values = new ArrayList<>();
      for (String v : header.apply(name)) {
        values.add(v.strip().replaceAll("\\s+", " "));
      }
      canonical.append(name).append(':').append(String.join(",", values)).append('\n');
    }
    canonical.append('\n').append(String.join(";", signedHeaders)).append('\n');
    List<String> contentSha = header.apply("X-Amz-Content-Sha256");
    canonical.append(contentSha.isEmpty() ? hex(sha256(body)) : contentSha.get(0));
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String toSign = "AWS4-HMAC-SHA256\n" + amzDate.get(0) + "\n" + scope + "\n"
        + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    return MessageDigest.isEqual(hex(hmac(key, toSign)).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      pairs.add(encode(name, false) + "=" + encode(value, false));
    }
    pairs.sort(null);
    return String.join("&", pairs);
  }

  /** RFC 3986 percent-encoding of everything but the unreserved characters (and '/' in paths). */
  private static String encode(String s, boolean path) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.' || c == '~' || (path && c == '/')) {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
