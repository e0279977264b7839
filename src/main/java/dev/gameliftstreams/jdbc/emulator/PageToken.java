package dev.gameliftstreams.jdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque NextToken: base64url of {"offset": n, "scope": fingerprint}. The scope fingerprints the request a
 * token was issued for (operation, region, stream group, filters), so a token replayed on another request is
 * rejected the way AWS rejects it, with a ValidationException, instead of silently paging other results.
 */
final class PageToken {

  private static final String INVALID = "The NextToken is invalid or has expired.";

  private PageToken() {
  }

  static String scope(String... parts) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static String encode(int offset, String scope) {
    ObjectNode token = Json.MAPPER.createObjectNode().put("offset", offset).put("scope", scope);
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(token.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The offset a token issued for {@code scope} points at, within a result of {@code size} items. */
  static int decode(String token, String scope, int size) throws ApiException {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
    } catch (IllegalArgumentException | IOException e) {
      throw ApiException.validation(INVALID);
    }
    if (node == null || !node.path("offset").isInt() || !scope.equals(node.path("scope").asText())) {
      throw ApiException.validation(INVALID);
    }
    int offset = node.get("offset").intValue();
    if (offset < 0 || offset > size) {
      throw ApiException.validation(INVALID);
    }
    return offset;
  }
}
