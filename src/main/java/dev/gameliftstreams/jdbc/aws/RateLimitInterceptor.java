package dev.gameliftstreams.jdbc.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Holds every HTTP attempt (retries included) to the service's published per-region rate, scaled by
 * the connection's {@code rateLimit}. Limiters are shared JVM-wide per endpoint, account, region and
 * operation, since the service's quota is too: all connections of one application that read an account
 * draw from the same budget, whatever credentials they sign with. A request about to start first checks
 * its scan's {@link ScanControl}, so none starts after a cancel, a deadline or a failed sibling chain.
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
  private final Supplier<String> owner;
  private final double scale;

  /**
   * @param scope endpoint and region the limiters are shared by
   * @param owner whose budget each request draws on (an account once known); asked per request, as a
   *              connection may learn its account after its first calls
   * @param scale factor on the published rates; 0 for no client-side limit
   */
  RateLimitInterceptor(String scope, Supplier<String> owner, double scale) {
    this.scope = scope;
    this.owner = owner;
    this.scale = scale;
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    ScanControl control = ScanControl.current();
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Double rate = PUBLISHED_RATES.get(operation);
    if (rate != null && scale > 0) {
      limiter(scope + "|" + owner.get() + "|" + operation, rate * scale).acquire();
    }
    if (control != null) {
      control.check();
    }
  }

  static RateLimiter limiter(String key, double perSecond) {
    return LIMITERS.computeIfAbsent(key + "|" + perSecond, k -> new RateLimiter(perSecond));
  }
}
