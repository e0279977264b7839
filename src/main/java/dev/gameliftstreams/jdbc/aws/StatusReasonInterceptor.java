package dev.gameliftstreams.jdbc.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * SDK 2.40.2's model lacks {@code StreamSessionSummary.StatusReason}, so its unmarshaller drops it.
 * This interceptor reads it from the raw list response into the sink the request carries
 * (keyed by session ARN), then hands the unchanged bytes on to the unmarshaller.
 */
final class StatusReasonInterceptor implements ExecutionInterceptor {
  static final ExecutionAttribute<Map<String, String>> SINK =
      new ExecutionAttribute<>("gameliftstreams-jdbc.statusReasons");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
      ExecutionAttributes attributes) {
    Map<String, String> sink = attributes.getAttribute(SINK);
    Optional<InputStream> body = context.responseBody();
    if (sink == null || body.isEmpty() || !context.httpResponse().isSuccessful()) {
      return body;
    }
    byte[] bytes;
    try {
      bytes = body.get().readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable ListStreamSessions response", e);
    }
    try {
      for (JsonNode item : MAPPER.readTree(bytes).path("Items")) {
        JsonNode reason = item.get("StatusReason");
        if (reason != null && reason.isTextual()) {
          sink.put(item.path("Arn").asText(), reason.asText());
        }
      }
    } catch (IOException malformed) {
      // Left to the SDK's unmarshaller, whose failure is classified as a malformed response.
    }
    return Optional.of(new ByteArrayInputStream(bytes));
  }
}
