package dev.gameliftstreams.jdbc.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Holds every HTTP attempt (retries included) to the service's published per-region rate.
 * Limiters are shared JVM-wide per endpoint and region, since the service's quota is too:
 * several connections of one application draw from the same budget.
 */
final class RateLimitInterceptor implements ExecutionInterceptor {
  /** Requests per second the service publishes per account and region. */
  static final Map<String, Double> PUBLISHED_RATES = Map.of(
      "ListStreamSessions", 20.0,
      "ListStreamSessionsByAccount", 20.0,
      "GetStreamSession", 20.0,
      "ListStreamGroups", 10.0,
      "ListApplications", 10.0);

  private static final Map<String, RateLimiter> LIMITERS = new ConcurrentHashMap<>();

  private final String scope;

  /** @param scope endpoint and region the limiters are shared by */
  RateLimitInterceptor(String scope) {
    this.scope = scope;
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Double rate = PUBLISHED_RATES.get(operation);
    if (rate != null) {
      LIMITERS.computeIfAbsent(scope + "|" + operation, k -> new RateLimiter(rate)).acquire();
    }
  }
}
