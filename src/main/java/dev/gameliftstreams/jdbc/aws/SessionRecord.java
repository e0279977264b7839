package dev.gameliftstreams.jdbc.aws;

import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

/**
 * One stream session as listed, with the fields the SDK model lacks.
 *
 * @param statusReason from the raw response (see {@link StatusReasonInterceptor}), may be null
 * @param region       the region whose endpoint listed it
 */
public record SessionRecord(StreamSessionSummary summary, String statusReason, String region) {
}
