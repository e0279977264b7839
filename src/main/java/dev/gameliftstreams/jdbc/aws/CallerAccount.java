package dev.gameliftstreams.jdbc.aws;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  private static final Logger LOG = LoggerFactory.getLogger(CallerAccount.class);

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
      LOG.info("Account of identity {} unknown: STS GetCallerIdentity failed: {}", settings.identity(),
          e.getMessage());
      return Optional.empty();
    }
  }
}
