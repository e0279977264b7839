package dev.gameliftstreams.jdbc.driver;

import dev.gameliftstreams.jdbc.aws.ClientSettings;
import dev.gameliftstreams.jdbc.aws.ConnectionCredentials;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.calcite.model.ModelHandler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * A connection's settings, from {@code jdbc:gameliftstreams:key=value;...} and the connection
 * properties (or a Calcite model's operand). Never holds nor prints a secret in {@link #toString()}.
 */
public final class ConnectionConfig {
  public static final String URL_PREFIX = "jdbc:gameliftstreams:";

  /** The properties the driver understands, with what each means (shown by DatabaseMetaData tools). */
  public enum Property {
    REGION("region", "AWS region, or a comma-separated list scanned in parallel; default: the SDK region chain"),
    ENDPOINT("endpoint", "Endpoint override, e.g. a local emulator's http://127.0.0.1:PORT"),
    PROFILE("profile", "Named profile of ~/.aws/config and ~/.aws/credentials, or a comma list: one identity"
        + " (account) each, all scanned in parallel"),
    ROLE_ARN("roleArn", "IAM role assumed on top of the resolved credentials, through the STS endpoint of the first"
        + " region, or a comma list: one identity (account) each, all scanned in parallel"),
    EXTERNAL_ID("externalId", "External ID of the roleArn assumption, if the role's trust policy requires one"),
    ROLE_SESSION_NAME("roleSessionName", "Session name of the roleArn assumption; default gameliftstreams-jdbc"),
    SESSION_TOKEN("sessionToken", "Session token completing temporary keys given as user/password"),
    PAGE_SIZE("pageSize", "MaxResults of each list call, 1..100; default 100"),
    MAX_ATTEMPTS("maxAttempts", "Attempts per API call, throttling retries included, 1..20; default 10"),
    RATE_LIMIT("rateLimit", "Factor on the service's published request rates, 0..1: 1 (default) uses them fully, "
        + "0.5 half, 0 sets no client-side limit (for local endpoints)"),
    DEMO("demo", "true starts the embedded emulator with demo data in-process"),
    CACHE_TTL("cacheTtl", "Seconds a listed result may be reused by later queries (shared by the JVM's connections"
        + " of the same identity and endpoint); default 0, no cache"),
    CACHE_MAX_ROWS("cacheMaxRows", "Rows the shared result cache may hold; default "
        + ClientSettings.DEFAULT_CACHE_MAX_ROWS),
    IGNORE_ERRORS("ignoreErrors", "Comma list of AWS error codes (e.g. AccessDeniedException) that skip the failing"
        + " region, stream group or account with a SQLWarning instead of failing the query; default none"),
    MODEL("model", "A Calcite model file (JSON or YAML) to open instead of one GameLift Streams schema; its schemas "
        + "(this driver's GameLiftStreamsSchemaFactory beside e.g. Calcite's file adapter) carry their own settings");

    final String key;
    final String description;

    Property(String key, String description) {
      this.key = key;
      this.description = description;
    }

    static Property of(String key) throws SQLException {
      for (Property p : values()) {
        if (p.key.equalsIgnoreCase(key)) {
          return p;
        }
      }
      throw new SQLException("Unknown connection property '" + key + "'; known: " + knownKeys(), "HY024");
    }

    private static List<String> knownKeys() {
      List<String> keys = new ArrayList<>();
      for (Property p : values()) {
        keys.add(p.key);
      }
      return keys;
    }
  }

  /** Keys whose values are secrets (a session token, a secret key), whoever defines them. */
  private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(secret|password|token).*");

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
  private static final Pattern ROLE_SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final String DEFAULT_ROLE_SESSION_NAME = "gameliftstreams-jdbc";
  private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9.]*");

  private final List<String> regions;
  private final URI endpoint;
  /** Empty: the default chain; one identity per entry otherwise (unless roles are given). */
  private final List<String> profiles;
  private final int pageSize;
  private final int maxAttempts;
  private final double rateLimit;
  private final boolean demo;
  private final String model;
  /** Roles read through, one identity each, assumed from the base credentials; empty for none. */
  private final List<ConnectionCredentials.Role> roles;
  private final AwsCredentials explicitCredentials;
  private final Duration cacheTtl;
  private final long cacheMaxRows;
  private final Set<String> ignoredErrors;

  private ConnectionConfig(Map<Property, String> values, String user, String password) throws SQLException {
    this.regions = regions(values.get(Property.REGION));
    this.endpoint = endpoint(values.get(Property.ENDPOINT));
    this.profiles = profiles(values.get(Property.PROFILE));
    this.pageSize = intValue(values, Property.PAGE_SIZE, 100, 1, 100);
    this.maxAttempts = intValue(values, Property.MAX_ATTEMPTS, 10, 1, 20);
    this.rateLimit = rateLimit(values.get(Property.RATE_LIMIT));
    this.demo = booleanValue(values, Property.DEMO);
    this.model = values.get(Property.MODEL);
    this.roles = roles(values);
    this.explicitCredentials = explicitCredentials(user, password, values.get(Property.SESSION_TOKEN));
    this.cacheTtl = Duration.ofSeconds(intValue(values, Property.CACHE_TTL, 0, 0, Integer.MAX_VALUE));
    this.cacheMaxRows = intValue(values, Property.CACHE_MAX_ROWS, (int) ClientSettings.DEFAULT_CACHE_MAX_ROWS, 1,
        Integer.MAX_VALUE);
    this.ignoredErrors = errorCodes(values.get(Property.IGNORE_ERRORS));
    if (model != null && (values.size() > 1 || explicitCredentials != null)) {
      throw new SQLException("model=" + model + " takes every setting from the model's schema operands; remove "
          + (values.size() > 1 ? "the other keys " + keys(values) : "user and password") + " from the connection",
          "HY024");
    }
    if (model != null && model.isBlank()) {
      throw new SQLException("Invalid model '': expected the path of a Calcite model file", "HY024");
    }
    if (demo && !roles.isEmpty()) {
      throw new SQLException("roleArn cannot be used with demo=true: the demo has fixed credentials", "HY024");
    }
    if (!roles.isEmpty() && profiles.size() > 1) {
      throw new SQLException("Several profiles and roleArn: roles are assumed from one base identity, so give"
          + " either several profiles or one profile (or none) with several roles", "HY024");
    }
  }

  private static List<String> keys(Map<Property, String> values) {
    List<String> keys = new ArrayList<>();
    for (Property p : values.keySet()) {
      if (p != Property.MODEL) {
        keys.add(p.key);
      }
    }
    return keys;
  }

  private static List<ConnectionCredentials.Role> roles(Map<Property, String> values) throws SQLException {
    String arns = blankToNull(values.get(Property.ROLE_ARN));
    List<ConnectionCredentials.Role> roles = new ArrayList<>();
    for (String arn : arns == null ? new String[] {null} : arns.split(",")) {
      ConnectionCredentials.Role role = role(values, blankToNull(arn));
      if (role != null && !roles.contains(role)) {
        roles.add(role);
      }
    }
    return roles;
  }

  private static ConnectionCredentials.Role role(Map<Property, String> values, String arn) throws SQLException {
    String externalId = blankToNull(values.get(Property.EXTERNAL_ID));
    String sessionName = blankToNull(values.get(Property.ROLE_SESSION_NAME));
    if (arn == null) {
      if (externalId != null || sessionName != null) {
        throw new SQLException("externalId and roleSessionName need roleArn", "HY024");
      }
      return null;
    }
    if (!ROLE_ARN.matcher(arn).matches()) {
      throw new SQLException("Invalid roleArn '" + arn + "': expected arn:aws:iam::ACCOUNT:role/NAME", "HY024");
    }
    if (sessionName != null && !ROLE_SESSION_NAME.matcher(sessionName).matches()) {
      throw new SQLException("Invalid roleSessionName '" + sessionName
          + "': 2 to 64 characters of letters, digits and +=,.@_-", "HY024");
    }
    return new ConnectionCredentials.Role(arn, externalId, sessionName != null ? sessionName : DEFAULT_ROLE_SESSION_NAME);
  }

  /** user/password, when both are set, are an access key pair; sessionToken makes them temporary keys. */
  private static AwsCredentials explicitCredentials(String user, String password, String sessionToken)
      throws SQLException {
    boolean keys = user != null && !user.isEmpty() && password != null && !password.isEmpty();
    String token = blankToNull(sessionToken);
    if (!keys) {
      if (token != null) {
        throw new SQLException("sessionToken needs the access key id and secret as user and password", "HY024");
      }
      return null;
    }
    return token == null ? AwsBasicCredentials.create(user, password)
        : AwsSessionCredentials.create(user, password, token);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /**
   * Reads a JDBC URL and its properties. URL keys must be known; other connection properties
   * are ignored (tools pass their own), except {@code user}/{@code password}, which, when both
   * are set, are an access key id and secret access key.
   */
  public static ConnectionConfig parse(String url, Properties info) throws SQLException {
    if (url == null || !url.startsWith(URL_PREFIX)) {
      throw new SQLException("Not a GameLift Streams URL: expected " + URL_PREFIX + "key=value;...", "08001");
    }
    Map<Property, String> values = new LinkedHashMap<>();
    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        for (Property p : Property.values()) {
          if (p.key.equalsIgnoreCase(name)) {
            values.put(p, info.getProperty(name));
          }
        }
      }
    }
    // Errors name the key or the part's position, never a value: a secret may sit in the wrong slot.
    String[] pairs = url.substring(URL_PREFIX.length()).split(";");
    for (int i = 0; i < pairs.length; i++) {
      String pair = pairs[i];
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new SQLException("Malformed URL: part " + (i + 1) + " after " + URL_PREFIX
            + " is not key=value", "HY024");
      }
      values.put(Property.of(pair.substring(0, eq).trim()), pair.substring(eq + 1).trim());
    }
    String user = info == null ? null : info.getProperty("user");
    String password = info == null ? null : info.getProperty("password");
    return new ConnectionConfig(values, user, password);
  }

  /** {@code url} with the value of every secret key masked, as tools may show it. */
  public static String withoutSecrets(String url) {
    if (url == null || !url.startsWith(URL_PREFIX)) {
      return url;
    }
    StringBuilder shown = new StringBuilder(URL_PREFIX);
    String separator = "";
    for (String pair : url.substring(URL_PREFIX.length()).split(";")) {
      int eq = pair.indexOf('=');
      boolean secret = eq > 0 && SECRET_KEY.matcher(pair.substring(0, eq)).matches();
      shown.append(separator).append(secret ? pair.substring(0, eq + 1) + "***" : pair);
      separator = ";";
    }
    return shown.toString();
  }

  /**
   * Reads a Calcite model's schema operand (same keys as the URL), less the entries Calcite's
   * model loader adds to every custom schema's operand (modelUri, baseDirectory, tables).
   */
  public static ConnectionConfig fromOperand(Map<String, Object> operand) throws SQLException {
    Set<String> calciteExtras = new HashSet<>();
    for (ModelHandler.ExtraOperand extra : ModelHandler.ExtraOperand.values()) {
      calciteExtras.add(extra.camelName);
    }
    Map<Property, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : operand.entrySet()) {
      if (!calciteExtras.contains(e.getKey())) {
        Property p = Property.of(e.getKey());
        if (p == Property.MODEL) {
          throw new SQLException("'model' is a URL key, not a schema operand", "HY024");
        }
        values.put(p, String.valueOf(e.getValue()));
      }
    }
    return new ConnectionConfig(values, null, null);
  }

  public boolean demo() {
    return demo;
  }

  public int pageSize() {
    return pageSize;
  }

  /** The Calcite model file of {@code model=FILE}, or null. */
  public String model() {
    return model;
  }

  /**
   * The settings of the AWS access layer, with the region chain consulted when no region was given.
   *
   * @param demoEndpoint the embedded emulator when {@link #demo()}, else ignored
   * @param demoRegions  the regions the emulator serves, the default in demo mode
   */
  public ClientSettings clientSettings(URI demoEndpoint, List<String> demoRegions) throws SQLException {
    return identities(demoEndpoint, demoRegions).get(0);
  }

  /**
   * The settings of each identity the connection reads through, in the order given: one per role of a
   * {@code roleArn} list (assumed from the base credentials), else one per profile of a {@code profile}
   * list, else the one base identity. All scan the same regions.
   */
  public List<ClientSettings> identities(URI demoEndpoint, List<String> demoRegions) throws SQLException {
    if (demo) {
      return List.of(new ClientSettings(regions.isEmpty() ? demoRegions : regions, demoEndpoint,
          StaticCredentialsProvider.create(AwsBasicCredentials.create("demo", "demo")), pageSize, maxAttempts,
          "demo", cacheTtl, cacheMaxRows, ignoredErrors, rateLimit));
    }
    List<String> scanned = regions.isEmpty() ? List.of(defaultRegion()) : regions;
    List<String> bases = explicitCredentials != null || profiles.isEmpty() ? Arrays.asList((String) null)
        : roles.isEmpty() ? profiles : List.of(profiles.get(0));
    List<ConnectionCredentials.Role> reads = roles.isEmpty() ? Arrays.asList((ConnectionCredentials.Role) null)
        : roles;
    List<ClientSettings> identities = new ArrayList<>();
    for (String profile : bases) {
      for (ConnectionCredentials.Role role : reads) {
        identities.add(new ClientSettings(scanned, endpoint,
            ConnectionCredentials.of(explicitCredentials, profile, role, scanned.get(0)), pageSize, maxAttempts,
            identity(profile, role), cacheTtl, cacheMaxRows, ignoredErrors, rateLimit));
      }
    }
    return identities;
  }


  /**
   * Where the credentials come from, as the result cache's scope: connections that would sign with the same
   * credentials share cached results. Keys given as user/password are told apart by their key id and a
   * digest of the secret, so a wrong secret never reads what the right one fetched.
   */
  private String identity(String profile, ConnectionCredentials.Role role) {
    String base = explicitCredentials != null
        ? "keys:" + explicitCredentials.accessKeyId() + ":" + sha256(explicitCredentials.secretAccessKey())
        : profile != null ? "profile:" + profile : "default-chain";
    // A role read through differs from the identity that assumes it.
    return role == null ? base : base + "|role:" + role.arn() + ":" + role.externalId();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /** AWS error codes are case-sensitive words, e.g. AccessDeniedException. */
  private static Set<String> errorCodes(String value) throws SQLException {
    Set<String> codes = new LinkedHashSet<>();
    if (value == null || value.isBlank()) {
      return codes;
    }
    for (String c : value.split(",")) {
      String code = c.trim();
      if (!ERROR_CODE.matcher(code).matches()) {
        throw new SQLException("Invalid ignoreErrors entry: expected AWS error codes such as AccessDeniedException",
            "HY024");
      }
      codes.add(code);
    }
    return codes;
  }

  private String defaultRegion() throws SQLException {
    try {
      DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
      if (!profiles.isEmpty()) {
        chain.profileName(profiles.get(0));
      }
      return chain.build().getRegion().id();
    } catch (SdkClientException e) {
      throw new SQLException("No AWS region: set region=... in the URL, AWS_REGION, or a profile's region ("
          + e.getMessage() + ")", "08001", e);
    }
  }

  private static List<String> profiles(String value) {
    List<String> list = new ArrayList<>();
    if (value != null) {
      for (String p : value.split(",")) {
        if (!p.isBlank() && !list.contains(p.trim())) {
          list.add(p.trim());
        }
      }
    }
    return list;
  }

  private static List<String> regions(String value) throws SQLException {
    List<String> list = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return list;
    }
    for (String r : value.split(",")) {
      String region = r.trim().toLowerCase(Locale.ROOT);
      if (!REGION.matcher(region).matches()) {
        throw new SQLException("Invalid region: expected e.g. us-west-2 or a comma list of regions", "HY024");
      }
      if (!list.contains(region)) {
        list.add(region);
      }
    }
    return list;
  }

  private static URI endpoint(String value) throws SQLException {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(value);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new URISyntaxException(value, "not an http(s) URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new SQLException("Invalid endpoint: " + e.getReason() + ", e.g. http://127.0.0.1:8080", "HY024");
    }
  }

  private static int intValue(Map<Property, String> values, Property p, int dflt, int min, int max)
      throws SQLException {
    String v = values.get(p);
    if (v == null) {
      return dflt;
    }
    try {
      int i = Integer.parseInt(v.trim());
      if (i >= min && i <= max) {
        return i;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SQLException("Invalid " + p.key + ": expected an integer in " + min + ".." + max, "HY024");
  }

  private static double rateLimit(String v) throws SQLException {
    if (v == null) {
      return 1.0;
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (d >= 0 && d <= 1) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SQLException("Invalid " + Property.RATE_LIMIT.key + ": expected a number in 0..1", "HY024");
  }

  private static boolean booleanValue(Map<Property, String> values, Property p) throws SQLException {
    String v = values.get(p);
    if (v == null || v.equalsIgnoreCase("false")) {
      return false;
    }
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    throw new SQLException("Invalid " + p.key + ": expected true or false", "HY024");
  }

  @Override
  public String toString() {
    return "ConnectionConfig[regions=" + (regions.isEmpty() ? "(region chain)" : regions)
        + ", endpoint=" + (endpoint == null ? "(AWS)" : endpoint)
        + ", profiles=" + profiles + ", pageSize=" + pageSize + ", maxAttempts=" + maxAttempts + ", rateLimit=" + rateLimit + ", demo=" + demo
        + (model == null ? "" : ", model=" + model)
        + ", cacheTtl=" + cacheTtl.getSeconds() + ", cacheMaxRows=" + cacheMaxRows
        + ", ignoreErrors=" + ignoredErrors
        + ", credentials=" + (explicitCredentials != null ? "user/password (hidden)"
            : !profiles.isEmpty() ? "profile" : "default chain")
        + (roles.isEmpty() ? "" : ", roleArn=" + roles.stream().map(ConnectionCredentials.Role::arn)
            .collect(Collectors.joining(","))) + "]";
  }
}
