package dev.gameliftstreams.jdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;

/** Clients and expectations shared by the emulator tests and benchmarks. */
public final class EmulatorTestSupport {

  /** A SigV4-shaped header: the emulator reads the region from its credential scope, never the signature. */
  static final String FAKE_AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKID/20261127/%s/gameliftstreams/"
      + "aws4_request, SignedHeaders=host, Signature=0";

  private static final HttpClient RAW = HttpClient.newHttpClient();

  private EmulatorTestSupport() {
  }

  /** The real AWS SDK client, pointed at the emulator; retries off so every call is exactly one request. */
  public static GameLiftStreamsClient sdkClient(Emulator emulator, Region region) {
    return GameLiftStreamsClient.builder()
        .endpointOverride(emulator.endpoint())
        .region(region)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** GET with the fake SigV4 header of {@code region}. */
  static HttpResponse<String> signedGet(Emulator emulator, String pathAndQuery, String region) {
    return send(request(emulator, pathAndQuery).header("Authorization", FAKE_AUTHORIZATION.formatted(region)));
  }

  static HttpResponse<String> unsignedGet(Emulator emulator, String pathAndQuery) {
    return send(request(emulator, pathAndQuery));
  }

  static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return RAW.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static HttpRequest.Builder request(Emulator emulator, String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(emulator.endpoint() + pathAndQuery));
  }

  /** Sessions of {@code sessions} that pass the API's filters; a null filter matches everything. */
  static List<ObjectNode> filtered(List<ObjectNode> sessions, String status, String exportFilesStatus) {
    return sessions.stream()
        .filter(s -> status == null || status.equals(s.path("Status").asText()))
        .filter(s -> exportFilesStatus == null
            || exportFilesStatus.equals(s.path("ExportFilesMetadata").path("Status").asText()))
        .toList();
  }

  static List<String> arns(List<ObjectNode> resources) {
    return resources.stream().map(r -> r.get("Arn").asText()).toList();
  }

  /** A data-file timestamp (epoch seconds with millisecond fraction) as an Instant. */
  static Instant instant(JsonNode timestamp) {
    return Instant.ofEpochMilli(timestamp.decimalValue().movePointRight(3).longValueExact());
  }
}
