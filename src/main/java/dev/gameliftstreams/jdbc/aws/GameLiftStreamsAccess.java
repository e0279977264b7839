package dev.gameliftstreams.jdbc.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClientBuilder;
import software.amazon.awssdk.services.gameliftstreams.model.ApplicationSummary;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamSessionRequest;
import software.amazon.awssdk.services.gameliftstreams.model.ListApplicationsRequest;
import software.amazon.awssdk.services.gameliftstreams.model.ListApplicationsResponse;
import software.amazon.awssdk.services.gameliftstreams.model.ListStreamGroupsRequest;
import software.amazon.awssdk.services.gameliftstreams.model.ListStreamGroupsResponse;
import software.amazon.awssdk.services.gameliftstreams.model.ListStreamSessionsByAccountRequest;
import software.amazon.awssdk.services.gameliftstreams.model.ListStreamSessionsByAccountResponse;
import software.amazon.awssdk.services.gameliftstreams.model.ListStreamSessionsRequest;
import software.amazon.awssdk.services.gameliftstreams.model.ListStreamSessionsResponse;
import software.amazon.awssdk.services.gameliftstreams.model.StreamGroupSummary;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

/**
 * The driver's only door to GameLift Streams: one SDK client per region, and lazy iterators over
 * the list operations' pages (see {@link Pages}). A status or export status of null means "not filtered".
 */
public final class GameLiftStreamsAccess implements AutoCloseable {
  /**
   * Time limits of one attempt: connecting, and waiting for data. The whole call (retries, backoff and limiter
   * waits included) is bounded by {@link ScanControl}, without a timer per call: the SDK's call and attempt
   * timeouts are not set.
   */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  /** Whatever the SDK schedules, on one JVM-wide timer: each client's own would start threads of its own. */
  static final ScanControl.Timer SDK_TIMER = new ScanControl.Timer("gameliftstreams-sdk-timer");

  private final ClientSettings settings;
  /** Built while the connection opens and plans: see {@link ClientWarmup}. */
  private final CompletableFuture<SdkHttpClient> http;
  private final Map<String, GameLiftStreamsClient> clients = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ResultCache.View cache;
  private final PartialResults partialResults;
  /** Null until asked for; then the account id, or empty when STS could not tell. */
  private volatile Optional<String> accountId;

  public GameLiftStreamsAccess(ClientSettings settings) {
    this(settings, ResultCache.SHARED);
  }

  /** @param caches where this connection's result cache lives (the JVM's shared one, or a test's) */
  public GameLiftStreamsAccess(ClientSettings settings, ResultCache caches) {
    this.settings = settings;
    this.cache = caches.view(settings.cacheScope(), settings.cacheTtl(), settings.cacheMaxRows());
    this.partialResults = new PartialResults(settings.ignoredErrors());
    // An assumed role's credentials are always its account's: known without a GetCallerIdentity call.
    String roleAccount = settings.credentials() instanceof ConnectionCredentials c ? c.roleAccount() : null;
    this.accountId = roleAccount == null ? null : Optional.of(roleAccount);
    this.http = ClientWarmup.httpClient(settings.regions().isEmpty() ? null : settings.regions().get(0));
  }

  /** The HTTP client of every access: Apache's, with the attempt time limits, abortable by scans. */
  static SdkHttpClient newHttpClient() {
    return new AbortableHttpClient(ApacheHttpClient.builder()
        .connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(READ_TIMEOUT)
        .build());
  }

  private SdkHttpClient http() {
    try {
      return http.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  public List<String> regions() {
    return settings.regions();
  }

  /** The account this connection's identity reads, learned once (STS GetCallerIdentity); empty if unknown. */
  public Optional<String> accountId() {
    Optional<String> known = accountId;
    if (known == null) {
      synchronized (this) {
        if (accountId == null) {
          accountId = CallerAccount.of(settings, http());
        }
        known = accountId;
      }
    }
    return known;
  }

  /**
   * Sessions of the account. Their status reasons, which SDK 2.40.2's model lacks, are read from the raw pages
   * (a second parse of each) only when {@code statusReasons}; otherwise {@link SessionRecord#statusReason()} is
   * null.
   */
  public Iterator<SessionRecord> accountStreamSessions(String region, String status, String exportStatus,
      boolean statusReasons, ScanControl control, RowBudget budget) {
    ListStreamSessionsByAccountRequest request = ListStreamSessionsByAccountRequest.builder()
        .status(status).exportFilesStatus(exportStatus).build();
    return chain(region, "ListStreamSessionsByAccount", request, statusReasons, control, budget, () -> new Pages<>(
        (token, maxResults) -> {
          Map<String, String> reasons = new HashMap<>();
          ListStreamSessionsByAccountResponse page = client(region).listStreamSessionsByAccount(request.toBuilder()
              .nextToken(token).maxResults(maxResults)
              .overrideConfiguration(o -> withReasons(o, statusReasons, reasons))
              .build());
          return new Pages.Page<>(sessions(page.items(), reasons, region), page.nextToken());
        }, settings.pageSize(), control, budget, "ListStreamSessionsByAccount", region, false));
  }

  /** Sessions of one stream group (id or ARN); a group that does not exist has none. As above for status reasons. */
  public Iterator<SessionRecord> streamSessions(String region, String streamGroup, String status,
      String exportStatus, boolean statusReasons, ScanControl control, RowBudget budget) {
    ListStreamSessionsRequest request = ListStreamSessionsRequest.builder()
        .identifier(streamGroup).status(status).exportFilesStatus(exportStatus).build();
    return chain(region, "ListStreamSessions", request, statusReasons, control, budget, () -> new Pages<>(
        (token, maxResults) -> {
          Map<String, String> reasons = new HashMap<>();
          ListStreamSessionsResponse page = client(region).listStreamSessions(request.toBuilder()
              .nextToken(token).maxResults(maxResults)
              .overrideConfiguration(o -> withReasons(o, statusReasons, reasons))
              .build());
          return new Pages.Page<>(sessions(page.items(), reasons, region), page.nextToken());
        }, settings.pageSize(), control, budget, "ListStreamSessions", region, true));
  }

  /** A request that the {@link StatusReasonInterceptor} reads into {@code sink}, if {@code read}. */
  private static AwsRequestOverrideConfiguration.Builder withReasons(AwsRequestOverrideConfiguration.Builder o,
      boolean read, Map<String, String> sink) {
    return read ? o.putExecutionAttribute(StatusReasonInterceptor.SINK, sink) : o;
  }

  /**
   * GetStreamSession: session {@code session} (id or ARN) of stream group {@code streamGroup} (id or ARN), or
   * null when the service does not find it (it may have ended and expired between a list call and this one).
   */
  public SessionDetail streamSession(String region, String streamGroup, String session, ScanControl control) {
    AtomicReference<Boolean> shared = new AtomicReference<>();
    try {
      return control.call(() -> {
        GetStreamSessionRequest request = GetStreamSessionRequest.builder()
            .identifier(streamGroup).streamSessionIdentifier(session)
            .overrideConfiguration(o -> o.putExecutionAttribute(RawMembersInterceptor.READER, raw -> {
                  JsonNode value = raw.path("PerformanceStatsConfiguration").path("SharedWithClient");
                  shared.set(value.isBoolean() ? value.booleanValue() : null);
                }))
            .build();
        return new SessionDetail(client(region).getStreamSession(request), shared.get(), region);
      });
    } catch (SdkException e) {
      GameLiftStreamsException failure = AwsErrors.translate(e, "GetStreamSession", region);
      if (GameLiftStreamsException.NOT_FOUND.equals(failure.sqlState())) {
        return null;
      }
      throw failure;
    }
  }

  public Iterator<StreamGroupSummary> streamGroups(String region, ScanControl control, RowBudget budget) {
    ListStreamGroupsRequest request = ListStreamGroupsRequest.builder().build();
    return chain(region, "ListStreamGroups", request, true, control, budget, () -> new Pages<>(
        (token, maxResults) -> {
          ListStreamGroupsResponse page = client(region).listStreamGroups(request.toBuilder()
              .nextToken(token).maxResults(maxResults).build());
          return new Pages.Page<>(page.items(), page.nextToken());
        }, settings.pageSize(), control, budget, "ListStreamGroups", region, false));
  }

  public Iterator<ApplicationSummary> applications(String region, ScanControl control, RowBudget budget) {
    ListApplicationsRequest request = ListApplicationsRequest.builder().build();
    return chain(region, "ListApplications", request, true, control, budget, () -> new Pages<>(
        (token, maxResults) -> {
          ListApplicationsResponse page = client(region).listApplications(request.toBuilder()
              .nextToken(token).maxResults(maxResults).build());
          return new Pages.Page<>(page.items(), page.nextToken());
        }, settings.pageSize(), control, budget, "ListApplications", region, false));
  }

  /**
   * One call chain (an operation's pages for one request): answered by the result cache when it holds
   * the chain, and ended with a warning when it fails with an ignored error code.
   */
  private <T> Iterator<T> chain(String region, String operation, SdkPojo request, boolean allMembers,
      ScanControl control, RowBudget budget, Supplier<Iterator<T>> pages) {
    ResultCache.ChainKey key = ResultCache.ChainKey.of(region, operation, request, allMembers);
    return partialResults.guard(cache.chain(key, budget, pages), this::knownAccountId, region, operation,
        key.parameters(), control);
  }

  /** The account id if it has been learned; naming an account in a warning is no reason to call STS. */
  private String knownAccountId() {
    Optional<String> known = accountId;
    return known == null ? null : known.orElse(null);
  }

  /**
   * Whose rate budget a request draws on: the service's quotas are per account, so every identity of a known
   * account shares one; an identity whose account is not known (yet) has its own.
   */
  private String budgetOwner() {
    String account = knownAccountId();
    return account != null ? "account " + account : "identity " + settings.identity();
  }

  /** Pairs each summary with the status reason read off the same page. */
  private static List<SessionRecord> sessions(List<StreamSessionSummary> items, Map<String, String> reasons,
      String region) {
    List<SessionRecord> records = new ArrayList<>(items.size());
    for (StreamSessionSummary s : items) {
      records.add(new SessionRecord(s, s.arn() == null || reasons.isEmpty() ? null : reasons.get(s.arn()), region));
    }
    return records;
  }

  private GameLiftStreamsClient client(String region) {
    return clients.computeIfAbsent(region, this::newClient);
  }

  private GameLiftStreamsClient newClient(String region) {
    GameLiftStreamsClientBuilder builder = clientBuilder(region, http(), settings.credentials(),
        new RateLimitInterceptor(settings.endpointName() + "|" + region, this::budgetOwner, settings.rateLimit()),
        settings.maxAttempts());
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    return builder.build();
  }

  /** How every client of the driver is built, the warm-up's ({@link ClientWarmup}) included. */
  static GameLiftStreamsClientBuilder clientBuilder(String region, SdkHttpClient http,
      AwsCredentialsProvider credentials, RateLimitInterceptor limiter, int maxAttempts) {
    return GameLiftStreamsClient.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClient(http)
        .overrideConfiguration(o -> o
            .scheduledExecutorService(SDK_TIMER)
            .addExecutionInterceptor(limiter)
            .addExecutionInterceptor(new StatusReasonInterceptor())
            .addExecutionInterceptor(new RawMembersInterceptor())
            // Exact results need every throttled page retried: no circuit breaker, bounded backoff.
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .circuitBreakerEnabled(false)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(50), MAX_BACKOFF))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), MAX_BACKOFF))
                .build()));
  }

  /** Closes the SDK clients and their connections; later calls do nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    clients.values().forEach(GameLiftStreamsClient::close);
    clients.clear();
    http.thenAccept(SdkHttpClient::close);
    // Credentials providers may hold STS and SSO clients of their own.
    if (settings.credentials() instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing is best effort; the connection is closed either way.
      }
    }
  }
}
