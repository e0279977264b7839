package dev.gameliftstreams.jdbc.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Hands a successful response's JSON to the reader its request carries, then passes the unchanged bytes on to
 * the unmarshaller: how the driver reads members newer than SDK 2.40.2's model (e.g. GetStreamSession's
 * {@code PerformanceStatsConfiguration}). Stateless; the reader is per request.
 */
final class RawMembersInterceptor implements ExecutionInterceptor {
  static final ExecutionAttribute<Consumer<JsonNode>> READER =
      new ExecutionAttribute<>("gameliftstreams-jdbc.rawMembers");

  @Override
  public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
      ExecutionAttributes attributes) {
    Consumer<JsonNode> reader = attributes.getAttribute(READER);
    Optional<InputStream> body = context.responseBody();
    if (reader == null || body.isEmpty() || !context.httpResponse().isSuccessful()) {
      return body;
    }
    try {
      byte[] bytes = body.get().readAllBytes();
      reader.accept(LazyJson.mapper().readTree(bytes));
      return Optional.of(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable " + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)
          + " response", e);
    }
  }
}
