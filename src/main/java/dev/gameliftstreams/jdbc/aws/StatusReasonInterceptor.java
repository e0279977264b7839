package dev.gameliftstreams.jdbc.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.common.primitives.Bytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * SDK 2.40.2's model lacks {@code StreamSessionSummary.StatusReason}, so its unmarshaller drops it.
 * This interceptor reads it from the raw list response into the sink the request carries
 * (keyed by session ARN), then hands the unchanged bytes on to the unmarshaller. It streams over the page
 * and reads only the two members: building the page's tree cost as much as the SDK's own unmarshalling.
 */
final class StatusReasonInterceptor implements ExecutionInterceptor {
  static final ExecutionAttribute<Map<String, String>> SINK =
      new ExecutionAttribute<>("gameliftstreams-jdbc.statusReasons");

  private static final JsonFactory JSON = new JsonFactory();
  /** Pages without a single status reason are not parsed at all. */
  private static final byte[] MEMBER = "\"StatusReason\"".getBytes(StandardCharsets.US_ASCII);

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
    if (Bytes.indexOf(bytes, MEMBER) < 0) {
      return Optional.of(new ByteArrayInputStream(bytes));
    }
    try (JsonParser page = JSON.createParser(bytes)) {
      if (page.nextToken() == JsonToken.START_OBJECT) {
        while (page.nextToken() == JsonToken.FIELD_NAME) {
          boolean items = page.currentName().equals("Items");
          if (page.nextToken() == JsonToken.START_ARRAY && items) {
            readItems(page, sink);
          } else {
            page.skipChildren();
          }
        }
      }
    } catch (IOException malformed) {
      // Left to the SDK's unmarshaller, whose failure is classified as a malformed response.
    }
    return Optional.of(new ByteArrayInputStream(bytes));
  }

  /** The {@code Items} array's objects, from its start: each one's Arn and StatusReason, other members skipped. */
  private static void readItems(JsonParser page, Map<String, String> sink) throws IOException {
    while (page.nextToken() == JsonToken.START_OBJECT) {
      String arn = null;
      String reason = null;
      while (page.nextToken() == JsonToken.FIELD_NAME) {
        String member = page.currentName();
        JsonToken value = page.nextToken();
        if (value == JsonToken.VALUE_STRING && member.equals("Arn")) {
          arn = page.getText();
        } else if (value == JsonToken.VALUE_STRING && member.equals("StatusReason")) {
          reason = page.getText();
        } else {
          page.skipChildren();
        }
      }
      if (arn != null && reason != null) {
        sink.put(arn, reason);
      }
    }
  }
}
