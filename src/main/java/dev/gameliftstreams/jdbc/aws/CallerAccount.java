package dev.gameliftstreams.jdbc.aws;

import java.util.Optional;
import java.util.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * The account an identity reads: STS GetCallerIdentity (allowed to every principal, whatever its policies),
 * asked once per connection and identity. With an endpoint override (an emulator) STS is asked there too.
 */
final class CallerAccount {
  private static final Logger LOG = Logger.getLogger(CallerAccount.class.getName());

  private CallerAccount() {
  }

  /** The account id, or empty when STS cannot tell (the failure is logged, never thrown). */
  static Optional<String> of(ClientSettings settings, SdkHttpClient http) {
    StsClientBuilder builder = StsClient.builder()
        .region(Region.of(settings.regions().get(0)))
        .credentialsProvider(settings.credentials())
        .httpClient(http);
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    try (StsClient sts = builder.build()) {
      return Optional.of(sts.getCallerIdentity().account());
    } catch (SdkException e) {
      LOG.info(() -> "Account of identity " + settings.identity() + " unknown: STS GetCallerIdentity failed: "
          + e.getMessage());
      return Optional.empty();
    }
  }
}
