package dev.gameliftstreams.jdbc.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local, wire-compatible stand-in for the Amazon GameLift Streams read API (rest-json 2018-05-10) on
 * 127.0.0.1. The AWS SDKs talk to it unchanged through an endpoint override. One endpoint serves every region
 * of its {@link EmulatorData}: the region comes from the SigV4 credential scope, whose signature is not checked.
 * Latency, throttling, server errors and per-operation denial can be injected at runtime; with quotas on it
 * throttles as AWS does beyond the published request rates.
 */
public final class Emulator implements AutoCloseable {

  private static final String UNKNOWN_OPERATION = "UnknownOperation";

  private static final int THREADS = 8;

  private final HttpServer server;
  private final ExecutorService executor;
  private final EmulatorAccounts accounts;
  private final Map<String, StreamsApi> apis = new ConcurrentHashMap<>();
  private final RequestLog requestLog = new RequestLog();
  private final AccessKeys accessKeys;
  private final CredentialServices credentialServices;
  private final Quotas quotas;
  private volatile long latencyMs;
  private volatile double throttleRate;
  private volatile double errorRate;
  private volatile Set<String> deniedOperations = Set.of();
  private volatile Set<String> deniedRegions = Set.of();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakConcurrency = new AtomicInteger();

  private Emulator(HttpServer server, ExecutorService executor, EmulatorAccounts accounts, EmulatorOptions options) {
    this.server = server;
    this.executor = executor;
    this.accounts = accounts;
    this.accessKeys = new AccessKeys(accounts.primary().accountId(), !accounts.accessKeyIds().isEmpty());
    accounts.accessKeyIds().forEach((key, account) ->
        accessKeys.register(key, null, account, "arn:aws:iam::" + account + ":user/" + key));
    this.credentialServices = new CredentialServices(accessKeys);
    this.quotas = options.quotas() ? new Quotas() : null;
    setLatencyMs(options.latencyMs());
    setThrottleRate(options.throttleRate());
    setErrorRate(options.errorRate());
  }

  /** Loads or generates the data and serves it on 127.0.0.1 ({@code options.port()} 0 = a free port). */
  public static Emulator start(EmulatorOptions options) throws IOException {
    return start(options, options.dataFile() != null
        ? EmulatorAccounts.load(options.dataFile())
        : EmulatorAccounts.of(EmulatorData.generate(options.seed(), options.sessions())));
  }

  /** Serves {@code data} (several accounts, e.g. {@link EmulatorAccounts#generate}); the options' data is ignored. */
  public static Emulator start(EmulatorOptions options, EmulatorAccounts data) throws IOException {
    // The JDK server writes headers and body as separate segments; with Nagle's algorithm on, every
    // keep-alive response would wait for the client's delayed ACK (~40 ms). Read once, at first server use.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
      Thread thread = new Thread(task, "gameliftstreams-emulator-" + threadNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    Emulator emulator = new Emulator(server, executor, data, options);
    server.setExecutor(executor);
    server.createContext("/", emulator::handle);
    server.start();
    return emulator;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The data of the first (in a one-account file, the only) account. */
  public EmulatorData data() {
    return accounts.primary();
  }

  /** Every account served. */
  public EmulatorAccounts accounts() {
    return accounts;
  }

  public RequestLog requestLog() {
    return requestLog;
  }

  /** The account of every access key id: those the credential services handed out and those registered. */
  public AccessKeys accessKeys() {
    return accessKeys;
  }

  /** STS, the SSO portal, SSO-OIDC and the container credentials endpoint served on the same port. */
  public CredentialServices credentialServices() {
    return credentialServices;
  }

  public void setLatencyMs(long ms) {
    if (ms < 0) {
      throw new IllegalArgumentException("latency must not be negative: " + ms);
    }
    latencyMs = ms;
  }

  public void setThrottleRate(double r) {
    throttleRate = EmulatorOptions.checkRate("throttle rate", r);
  }

  public void setErrorRate(double r) {
    errorRate = EmulatorOptions.checkRate("error rate", r);
  }

  /** Operations (API names such as "ListStreamSessions") answered with AccessDeniedException from now on. */
  public void setDeniedOperations(Set<String> operationNames) {
    deniedOperations = Set.copyOf(operationNames);
  }

  /**
   * Regions where every operation is answered with AccessDeniedException from now on, as an organization's
   * service control policy that denies regions does.
   */
  public void setDeniedRegions(Set<String> regions) {
    deniedRegions = Set.copyOf(regions);
  }

  /** The most requests in progress at once since the last reset (tests of parallel clients). */
  public int peakConcurrency() {
    return peakConcurrency.get();
  }

  public void resetPeakConcurrency() {
    peakConcurrency.set(inFlight.get());
  }

  /** Stops the server; later calls do nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    long arrivalNanos = System.nanoTime();
    peakConcurrency.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      URI uri = exchange.getRequestURI();
      if (CredentialServices.serves(exchange.getRequestMethod(), uri.getRawPath(),
          exchange.getRequestHeaders().getFirst("Content-Type"))) {
        answerCredentials(exchange, uri);
        return;
      }
      String operation = UNKNOWN_OPERATION;
      String region = null;
      String accessKeyId = null;
      Map<String, String> query = Map.of();
      ApiException failure = null;
      byte[] body = null;
      try {
        pause(latencyMs);
        query = decodeQuery(uri.getRawQuery());
        StreamsApi.Call call = StreamsApi.route(exchange.getRequestMethod(), uri.getRawPath());
        operation = call.operation();
        SigV4 signer = signer(exchange.getRequestHeaders().getFirst("Authorization"));
        region = signer.region();
        accessKeyId = signer.accessKeyId();
        authenticate(signer, exchange);
        EmulatorData data = accounts.served(accessKeys.accountOf(accessKeyId));
        if (deniedOperations.contains(operation)) {
          throw ApiException.accessDenied("User is not authorized to perform: gameliftstreams:"
              + operation + " because access is denied by the emulator configuration");
        }
        if (deniedRegions.contains(region)) {
          throw ApiException.accessDenied("User: arn:aws:iam::" + data.accountId() + ":user/emulator is not"
              + " authorized to perform: gameliftstreams:" + operation + " on resource: arn:aws:gameliftstreams:"
              + region + ":" + data.accountId() + ":* with an explicit deny in a service control policy");
        }
        if (quotas != null) {
          quotas.admit(accessKeys.accountOf(accessKeyId), region, operation, arrivalNanos);
        }
        injectFaults();
        body = Json.MAPPER.writeValueAsBytes(
            apis.computeIfAbsent(data.accountId(), a -> new StreamsApi(data)).invoke(call, region, query));
      } catch (ApiException e) {
        failure = e;
      } catch (RuntimeException e) {
        // A bug or a malformed data file must still give the client an AWS-shaped answer.
        failure = ApiException.internal("Unexpected emulator failure: " + e);
      }
      int status = failure == null ? 200 : failure.status();
      String errorType = failure == null ? null : failure.errorType();
      if (failure != null) {
        body = failure.body();
      }
      // Logged before answering, so a client that has its answer always finds its request in the log.
      requestLog.add(new RequestLog.Entry(operation, region, uri.getRawPath(), query, status, errorType, accessKeyId,
          arrivalNanos));
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
      if (errorType != null) {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
      }
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } finally {
      inFlight.decrementAndGet();
      exchange.close();
    }
  }

  private void injectFaults() throws ApiException {
    if (roll(throttleRate)) {
      throw ApiException.throttling("Rate exceeded");
    }
    if (roll(errorRate)) {
      throw ApiException.internal("The service encountered an internal error (injected by the emulator).");
    }
  }

  private static boolean roll(double rate) {
    return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
  }

  private static void pause(long ms) throws ApiException {
    if (ms > 0) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApiException.internal("The emulator is shutting down.");
      }
    }
  }

  private static SigV4 signer(String authorization) throws ApiException {
    return SigV4.parse(authorization).filter(s -> s.service().equals("gameliftstreams"))
        .orElseThrow(() -> ApiException.accessDenied("Missing or malformed AWS Signature Version 4 Authorization "
            + "header (expected Credential=KEY/DATE/REGION/gameliftstreams/aws4_request)."));
  }

  /**
   * Keys the emulator knows (handed out or registered) are checked as AWS checks them: signature, session token
   * and expiry. Unknown keys are accepted unchecked.
   */
  private void authenticate(SigV4 signer, HttpExchange exchange) throws ApiException, IOException {
    AccessKeys.Rejection rejection = accessKeys.check(signer, exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), headers(exchange),
        exchange.getRequestBody().readAllBytes());
    if (rejection == AccessKeys.Rejection.INVALID_TOKEN) {
      throw ApiException.of(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }
    if (rejection == AccessKeys.Rejection.EXPIRED_TOKEN) {
      throw ApiException.of(403, "ExpiredTokenException", "The security token included in the request is expired");
    }
    if (rejection == AccessKeys.Rejection.SIGNATURE) {
      throw ApiException.of(403, "InvalidSignatureException", "The request signature we calculated does not match the "
          + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
          + "documentation for details.");
    }
  }

  /** All values of a request header, by case-insensitive name. */
  static java.util.function.Function<String, java.util.List<String>> headers(HttpExchange exchange) {
    return name -> {
      java.util.List<String> values = exchange.getRequestHeaders().get(name);
      return values == null ? java.util.List.of() : values;
    };
  }

  private void answerCredentials(HttpExchange exchange, URI uri) throws IOException {
    CredentialServices.Answer answer;
    try {
      pause(latencyMs);
      byte[] body = exchange.getRequestBody().readAllBytes();
      answer = credentialServices.answer(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
          headers(exchange), body);
    } catch (ApiException e) {
      answer = new CredentialServices.Answer(e.status(), "application/json", e.errorType(), e.body(),
          new RequestLog.Entry(UNKNOWN_OPERATION, null, uri.getRawPath(), Map.of(), e.status(), e.errorType()));
    }
    requestLog.add(answer.logEntry());
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    if (answer.errorType() != null) {
      exchange.getResponseHeaders().set("x-amzn-ErrorType", answer.errorType());
    }
    exchange.sendResponseHeaders(answer.status(), answer.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer.body());
    }
  }

  /** Decoded query parameters in request order; the first of repeated names wins. */
  static Map<String, String> decodeQuery(String rawQuery) throws ApiException {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    try {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.putIfAbsent(name, value);
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.validation("Malformed percent-encoding in the query string.");
    }
    return query;
  }
}
