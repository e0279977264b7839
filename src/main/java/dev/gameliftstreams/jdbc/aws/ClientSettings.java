package dev.gameliftstreams.jdbc.aws;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What the AWS access layer needs from a connection.
 *
 * @param regions     regions the tables scan, in order
 * @param endpoint    endpoint override (the emulator), or null for the AWS endpoint of each region
 * @param credentials where credentials come from; never printed
 * @param pageSize    MaxResults of every list call (1..100)
 * @param maxAttempts attempts per request, throttling retries included
 * @param rateLimit   factor on the service's published request rates; 0 for no client-side limit
 */
public record ClientSettings(List<String> regions, URI endpoint, AwsCredentialsProvider credentials,
    int pageSize, int maxAttempts, double rateLimit) {
  public ClientSettings {
    regions = List.copyOf(regions);
  }

  @Override
  public String toString() {
    return "ClientSettings[regions=" + regions + ", endpoint=" + endpoint + ", pageSize=" + pageSize
        + ", maxAttempts=" + maxAttempts + ", rateLimit=" + rateLimit + "]";
  }
}
