package dev.gameliftstreams.jdbc.bench;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;

/** A fresh JVM's first page through a plain SDK program (see {@link ColdStartBenchmark}); args[0] is the endpoint. */
public final class ColdStartSdk {
  private ColdStartSdk() {
  }

  public static void main(String[] args) {
    try (GameLiftStreamsClient client = GameLiftStreamsClient.builder()
        .endpointOverride(URI.create(args[0]))
        .region(Region.US_WEST_2)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
        .httpClient(ApacheHttpClient.create())
        .build()) {
      System.out.println(client.listStreamSessionsByAccount(b -> b.maxResults(1)).items().get(0).arn());
    }
    System.exit(0);
  }
}
