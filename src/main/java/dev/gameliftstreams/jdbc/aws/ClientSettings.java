package dev.gameliftstreams.jdbc.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What the AWS access layer needs from a connection.
 *
 * @param regions      regions the tables scan, in order
 * @param endpoint     endpoint override (the emulator), or null for the AWS endpoint of each region
 * @param credentials  where credentials come from; never printed
 * @param pageSize     MaxResults of every list call (1..100)
 * @param maxAttempts  attempts per request, throttling retries included
 * @param identity     names where the credentials come from (a profile, a key id, the default chain), never a
 *                     secret; connections of one identity and endpoint share the {@link ResultCache}
 * @param cacheTtl     how old a cached chain may be to answer a query; zero turns the cache off
 * @param cacheMaxRows rows the shared cache of this identity and endpoint may hold
 * @param ignoredErrors AWS error codes that skip the failing source (region, stream group) with a warning
 *                     instead of failing the query
 * @param rateLimit    factor on the service's published request rates; 0 for no client-side limit
 */
public record ClientSettings(List<String> regions, URI endpoint, AwsCredentialsProvider credentials,
    int pageSize, int maxAttempts, String identity, Duration cacheTtl, long cacheMaxRows,
    Set<String> ignoredErrors, double rateLimit) {
  /** Documented default of {@code cacheMaxRows}. */
  public static final long DEFAULT_CACHE_MAX_ROWS = 50_000;

  public ClientSettings {
    regions = List.copyOf(regions);
    ignoredErrors = Set.copyOf(ignoredErrors);
  }

  /** No cache, no ignored errors, the published rates. */
  public ClientSettings(List<String> regions, URI endpoint, AwsCredentialsProvider credentials, int pageSize,
      int maxAttempts) {
    this(regions, endpoint, credentials, pageSize, maxAttempts, "default", Duration.ZERO, DEFAULT_CACHE_MAX_ROWS,
        Set.of(), 1.0);
  }

  /** The scope of the shared result cache: identity and endpoint. */
  String cacheScope() {
    return identity + "|" + endpointName();
  }

  /** The service endpoint the connection calls: an override, or AWS's regional endpoints. */
  String endpointName() {
    return endpoint == null ? "aws" : endpoint.toString();
  }

  @Override
  public String toString() {
    return "ClientSettings[regions=" + regions + ", endpoint=" + endpoint + ", pageSize=" + pageSize
        + ", maxAttempts=" + maxAttempts + ", cacheTtl=" + cacheTtl + ", cacheMaxRows=" + cacheMaxRows
        + ", ignoredErrors=" + ignoredErrors + ", rateLimit=" + rateLimit + "]";
  }
}
