package dev.gameliftstreams.jdbc.aws;

import software.amazon.awssdk.services.gameliftstreams.model.GetStreamSessionResponse;

/**
 * One stream session as GetStreamSession answers it, with the members SDK 2.40.2's model lacks.
 *
 * @param response                         the SDK's view of the answer
 * @param performanceStatsSharedWithClient {@code PerformanceStatsConfiguration.SharedWithClient} from the raw
 *                                         response, null when absent
 * @param region                           the region whose endpoint answered
 */
public record SessionDetail(GetStreamSessionResponse response, Boolean performanceStatsSharedWithClient,
    String region) {

  /** Names the session only: the response's toString would print its environment variables, which may be secrets. */
  @Override
  public String toString() {
    return "SessionDetail[" + response.arn() + "]";
  }
}
