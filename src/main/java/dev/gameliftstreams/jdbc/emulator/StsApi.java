package dev.gameliftstreams.jdbc.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * STS's GetCallerIdentity (query protocol, 2011-06-15) as the emulator answers it: the account of the access
 * key id that signed the request, so a client learns which account each of its identities reads.
 */
final class StsApi {
  static final String GET_CALLER_IDENTITY = "GetCallerIdentity";
  private static final String XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

  private StsApi() {
  }

  /** A query-protocol answer: HTTP status and XML body. */
  record Answer(int status, String errorCode, byte[] body) {
  }

  /** The form parameters of a query-protocol body. */
  static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  /** @param account the account of the signing key, empty when no account knows it */
  static Answer answer(Map<String, String> form, String accessKeyId, Optional<EmulatorData> account) {
    String requestId = UUID.randomUUID().toString();
    if (!GET_CALLER_IDENTITY.equals(form.get("Action"))) {
      return error(400, "InvalidAction", "Could not find operation " + form.get("Action") + " for version "
          + form.get("Version"), requestId);
    }
    if (account.isEmpty()) {
      return error(403, "InvalidClientTokenId", "The security token included in the request is invalid.", requestId);
    }
    String id = account.get().accountId();
    String xml = "<GetCallerIdentityResponse xmlns=\"" + XMLNS + "\"><GetCallerIdentityResult>"
        + "<Arn>arn:aws:iam::" + id + ":user/" + escape(accessKeyId) + "</Arn>"
        + "<UserId>AIDA" + escape(accessKeyId) + "</UserId><Account>" + id + "</Account>"
        + "</GetCallerIdentityResult><ResponseMetadata><RequestId>" + requestId + "</RequestId>"
        + "</ResponseMetadata></GetCallerIdentityResponse>";
    return new Answer(200, null, xml.getBytes(StandardCharsets.UTF_8));
  }

  private static Answer error(int status, String code, String message, String requestId) {
    String xml = "<ErrorResponse xmlns=\"" + XMLNS + "\"><Error><Type>Sender</Type><Code>" + code + "</Code>"
        + "<Message>" + escape(message) + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>";
    return new Answer(status, code, xml.getBytes(StandardCharsets.UTF_8));
  }

  private static String escape(String text) {
    return String.valueOf(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
