package dev.gameliftstreams.jdbc.aws;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;

/**
 * A fresh JVM spends about a second of its first query loading and initializing the SDK's request path
 * (client building, endpoint rules, signing, marshalling, unmarshalling, TLS), and it would do so only after
 * Calcite has planned the query. The first connection of the JVM starts this warm-up on a background thread
 * instead, so it runs while the connection opens and the statement is planned. Nothing leaves the JVM: the
 * warm-up's client signs with placeholder credentials, and its HTTP client answers every request with one
 * canned page. The warm-up touches SDK and JDK classes only, never Calcite's, whose initializers are not safe
 * to run on two threads at once.
 */
final class ClientWarmup {
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  /** A ListStreamSessionsByAccount page as the service sends it, with the members the driver reads. */
  private static final byte[] PAGE = ("{\"Items\":[{\"Arn\":\"arn:aws:gameliftstreams:us-west-2:111122223333:"
      + "streamsession/sg-1AB2C3De4/ABC123def4567\",\"ApplicationArn\":\"arn:aws:gameliftstreams:us-west-2:"
      + "111122223333:application/a-9ZY8X7Wv6\",\"CreatedAt\":1.7e9,\"LastUpdatedAt\":1.7e9,\"Location\":"
      + "\"us-west-2\",\"Protocol\":\"WebRTC\",\"Status\":\"ERROR\",\"StatusReason\":\"internalError\","
      + "\"UserId\":\"u\",\"ExportFilesMetadata\":{\"Status\":\"FAILED\"}}],\"NextToken\":\"t\"}")
      .getBytes(StandardCharsets.UTF_8);

  private ClientWarmup() {
  }

  /**
   * The HTTP client of a new access. The JVM's first is built on the warm-up thread, which then warms a client
   * of {@code region} (null: none); the others are built at once.
   */
  static CompletableFuture<SdkHttpClient> httpClient(String region) {
    if (!STARTED.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(GameLiftStreamsAccess.newHttpClient());
    }
    CompletableFuture<SdkHttpClient> http = new CompletableFuture<>();
    Thread thread = new Thread(() -> run(http, region), "gameliftstreams-warmup");
    thread.setDaemon(true);
    thread.start();
    return http;
  }

  private static void run(CompletableFuture<SdkHttpClient> http, String region) {
    try {
      http.complete(GameLiftStreamsAccess.newHttpClient());
    } catch (RuntimeException | Error e) {
      http.completeExceptionally(e);
      return;
    }
    if (region == null) {
      return;
    }
    try (GameLiftStreamsClient client = GameLiftStreamsAccess.clientBuilder(region, new CannedPage(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDWARMUP", "warmup")),
            new RateLimitInterceptor("warmup", () -> "warmup", 0), 1).build()) {
      client.listStreamSessionsByAccount(b -> b.maxResults(1)
          .overrideConfiguration(o -> o.putExecutionAttribute(StatusReasonInterceptor.SINK, new HashMap<>())));
    } catch (Exception | LinkageError e) {
      // Best effort: whatever was not warmed loads when the first query needs it.
    }
  }

  /** An HTTP client that never connects: every request gets {@link #PAGE}. */
  private static final class CannedPage implements SdkHttpClient {
    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          return HttpExecuteResponse.builder()
              .response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Type", "application/json")
                  .build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream(PAGE)))
              .build();
        }

        @Override
        public void abort() {
        }
      };
    }

    @Override
    public String clientName() {
      return "warmup";
    }

    @Override
    public void close() {
    }
  }
}
