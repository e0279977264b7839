package dev.gameliftstreams.jdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services that hand out credentials, on the emulator's port, so the SDK's credential providers run unchanged
 * against it through {@code AWS_ENDPOINT_URL_STS}, {@code AWS_ENDPOINT_URL_SSO}, {@code AWS_ENDPOINT_URL_SSO_OIDC}
 * and {@code AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:PORT/container-credentials}:
 * <ul>
 *   <li>STS (query protocol, XML answers): AssumeRole, AssumeRoleWithWebIdentity, GetCallerIdentity;</li>
 *   <li>the IAM Identity Center portal: GetRoleCredentials ({@code GET /federation/credentials}), authorized by the
 *       {@code x-amz-sso_bearer_token} header;</li>
 *   <li>SSO-OIDC CreateToken ({@code POST /token}) with the refresh_token grant, as the SDK refreshes a login;</li>
 *   <li>the ECS / EKS Pod Identity container credentials endpoint, authorized by the {@code Authorization} header.</li>
 * </ul>
 * Every credential handed out is registered in {@link AccessKeys} with its account, so a test can tell which
 * identity signed a request. Which web identity tokens, SSO logins and container tokens are valid is set by tests.
 */
public final class CredentialServices {

  static final String CONTAINER_PATH = "/container-credentials";
  private static final String STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
  private static final Pattern ROLE_ARN = Pattern.compile("^arn:aws:iam::(\\d{12}):role/(?:[\\w+=,.@/-]*/)?([\\w+=,.@-]{1,64})$");
  private static final Pattern SESSION_NAME = Pattern.compile("^[\\w+=,.@-]{2,64}$");
  /** STS parameters worth keeping in the request log; tokens are left out. */
  private static final Set<String> LOGGED_STS_PARAMETERS = Set.of("RoleArn", "RoleSessionName", "ExternalId",
      "DurationSeconds");

  /** An answer ready to send, and what the request log keeps of it. */
  record Answer(int status, String contentType, String errorType, byte[] body, RequestLog.Entry logEntry) {
  }

  private final AccessKeys accessKeys;
  private final Set<String> deniedRoles = ConcurrentHashMap.newKeySet();
  private final Set<String> webIdentityTokens = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> ssoAccessTokens = new ConcurrentHashMap<>();
  /** refresh token → client id of the registration that owns it. */
  private final Map<String, String> ssoRefreshTokens = new ConcurrentHashMap<>();
  private final Map<String, String[]> containerTokens = new ConcurrentHashMap<>();
  private volatile Duration lifetime = Duration.ofHours(1);

  CredentialServices(AccessKeys accessKeys) {
    this.accessKeys = accessKeys;
  }

  /** AssumeRole / AssumeRoleWithWebIdentity of {@code roleArn} is answered with AccessDenied from now on. */
  public void denyRole(String roleArn) {
    deniedRoles.add(roleArn);
  }

  /** A web identity token (e.g. an EKS service account token) that AssumeRoleWithWebIdentity accepts. */
  public void acceptWebIdentityToken(String token) {
    webIdentityTokens.add(token);
  }

  /** An IAM Identity Center access token (as {@code aws sso login} caches it) valid until {@code expiresAt}. */
  public void acceptSsoAccessToken(String accessToken, Instant expiresAt) {
    ssoAccessTokens.put(accessToken, expiresAt);
  }

  /** A refresh token of client registration {@code clientId} that CreateToken exchanges (once) for a new login. */
  public void acceptSsoRefreshToken(String clientId, String refreshToken) {
    ssoRefreshTokens.put(refreshToken, clientId);
  }

  /** The container endpoint answers requests authorized by {@code authorizationToken} with credentials of this role. */
  public void acceptContainerToken(String authorizationToken, String accountId, String roleArn) {
    containerTokens.put(authorizationToken, new String[] {accountId, roleArn});
  }

  /** How long the credentials handed out from now on stay valid (default one hour). */
  public void setCredentialLifetime(Duration d) {
    lifetime = d;
  }

  /** Whether a request is for one of these services rather than GameLift Streams. */
  static boolean serves(String method, String rawPath, String contentType) {
    return (method.equals("POST") && rawPath.equals("/") && contentType != null
        && contentType.startsWith("application/x-www-form-urlencoded"))
        || (method.equals("GET") && (rawPath.equals("/federation/credentials") || rawPath.equals(CONTAINER_PATH)))
        || (method.equals("POST") && rawPath.equals("/token"));
  }

  /**
   * Answers a request that {@link #serves} accepted.
   *
   * @param headers all values of a request header by (case-insensitive) name
   */
  Answer answer(String method, String rawPath, String rawQuery, Function<String, List<String>> headers,
      byte[] body) throws ApiException {
    Request request = new Request(method, rawPath, rawQuery, headers, body);
    Map<String, String> query = Emulator.decodeQuery(rawQuery);
    if (rawPath.equals("/")) {
      Map<String, String> form;
      try {
        form = Emulator.decodeQuery(new String(body, StandardCharsets.UTF_8));
      } catch (ApiException e) {
        form = Map.of();
      }
      return sts(request, form);
    }
    if (rawPath.equals("/token")) {
      return createToken(body);
    }
    if (rawPath.equals(CONTAINER_PATH)) {
      return container(request.first("Authorization"));
    }
    return getRoleCredentials(query, request.first("x-amz-sso_bearer_token"));
  }

  /** What the signature covers. */
  private record Request(String method, String rawPath, String rawQuery, Function<String, List<String>> headers,
      byte[] body) {
    String first(String name) {
      List<String> values = headers.apply(name);
      return values.isEmpty() ? null : values.get(0);
    }
  }

  // ---- STS ----

  private record StsError(int status, String code, String message) {
  }

  private Answer sts(Request request, Map<String, String> form) {
    String action = form.getOrDefault("Action", "");
    SigV4 signer = SigV4.parse(request.first("Authorization")).orElse(null);
    Map<String, String> logged = new LinkedHashMap<>();
    form.forEach((k, v) -> {
      if (LOGGED_STS_PARAMETERS.contains(k)) {
        logged.put(k, v);
      }
    });
    String keyId = signer == null ? null : signer.accessKeyId();
    String region = signer == null ? null : signer.region();
    try {
      String result = switch (action) {
        case "AssumeRole" -> assumeRole(signer, request, form);
        case "AssumeRoleWithWebIdentity" -> assumeRoleWithWebIdentity(form);
        case "GetCallerIdentity" -> getCallerIdentity(signer, request);
        default -> throw new StsErrorException(new StsError(400, "InvalidAction",
            "Could not find operation " + action + " for version " + form.get("Version")));
      };
      String xml = "<" + action + "Response xmlns=\"" + STS_NAMESPACE + "\">\n  <" + action + "Result>\n" + result
          + "  </" + action + "Result>\n  <ResponseMetadata>\n    <RequestId>" + UUID.randomUUID()
          + "</RequestId>\n  </ResponseMetadata>\n</" + action + "Response>\n";
      return new Answer(200, "text/xml", null, xml.getBytes(StandardCharsets.UTF_8),
          new RequestLog.Entry(action, region, "/", logged, 200, null, keyId));
    } catch (StsErrorException e) {
      StsError error = e.error;
      String xml = "<ErrorResponse xmlns=\"" + STS_NAMESPACE + "\">\n  <Error>\n    <Type>"
          + (error.status() >= 500 ? "Receiver" : "Sender") + "</Type>\n    <Code>" + error.code()
          + "</Code>\n    <Message>" + xml(error.message()) + "</Message>\n  </Error>\n  <RequestId>"
          + UUID.randomUUID() + "</RequestId>\n</ErrorResponse>\n";
      return new Answer(error.status(), "text/xml", error.code(), xml.getBytes(StandardCharsets.UTF_8),
          new RequestLog.Entry(action.isEmpty() ? "UnknownOperation" : action, region, "/", logged, error.status(),
              error.code(), keyId));
    }
  }

  private static final class StsErrorException extends Exception {
    private final StsError error;

    StsErrorException(StsError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }
  }

  private void caller(SigV4 signer, Request request) throws StsErrorException {
    if (signer == null || !signer.service().equals("sts")) {
      throw new StsErrorException(new StsError(403, "MissingAuthenticationToken",
          "Request is missing Authentication Token"));
    }
    AccessKeys.Rejection rejection = accessKeys.check(signer, request.method(), request.rawPath(), request.rawQuery(),
        request.headers(), request.body());
    if (rejection == AccessKeys.Rejection.SIGNATURE) {
      throw new StsErrorException(new StsError(403, "SignatureDoesNotMatch", "The request signature we calculated "
          + "does not match the signature you provided. Check your AWS Secret Access Key and signing method. "
          + "Consult the service documentation for details."));
    }
    if (rejection == AccessKeys.Rejection.INVALID_TOKEN) {
      throw new StsErrorException(new StsError(403, "InvalidClientTokenId",
          "The security token included in the request is invalid."));
    }
    if (rejection == AccessKeys.Rejection.EXPIRED_TOKEN) {
      throw new StsErrorException(new StsError(400, "ExpiredToken",
          "The security token included in the request is expired"));
    }
  }

  private String assumeRole(SigV4 signer, Request request, Map<String, String> form) throws StsErrorException {
    caller(signer, request);
    String callerArn = accessKeys.arnOf(signer.accessKeyId());
    return issueRole(form, "AssumeRole", "User: " + callerArn + " is not authorized to perform: sts:AssumeRole on resource: ",
        "");
  }

  private String assumeRoleWithWebIdentity(Map<String, String> form) throws StsErrorException {
    String token = form.get("WebIdentityToken");
    if (token == null || token.isEmpty()) {
      throw new StsErrorException(new StsError(400, "ValidationError",
          "1 validation error detected: Value null at 'webIdentityToken' failed to satisfy constraint: "
              + "Member must not be null"));
    }
    if (!webIdentityTokens.contains(token.trim())) {
      throw new StsErrorException(new StsError(400, "InvalidIdentityToken",
          "The web identity token that was passed could not be validated by AWS. Get a new identity token from the "
              + "identity provider and then retry the request."));
    }
    return issueRole(form, "AssumeRoleWithWebIdentity", "Not authorized to perform sts:AssumeRoleWithWebIdentity",
        "    <SubjectFromWebIdentityToken>system:serviceaccount:default:emulator</SubjectFromWebIdentityToken>\n"
            + "    <Audience>sts.amazonaws.com</Audience>\n    <Provider>oidc.eks.emulator</Provider>\n");
  }

  private String issueRole(Map<String, String> form, String action, String deniedMessage, String extra)
      throws StsErrorException {
    String roleArn = form.getOrDefault("RoleArn", "");
    String sessionName = form.getOrDefault("RoleSessionName", "");
    Matcher role = ROLE_ARN.matcher(roleArn);
    if (!role.matches()) {
      throw new StsErrorException(new StsError(400, "ValidationError", roleArn + " is invalid"));
    }
    if (!SESSION_NAME.matcher(sessionName).matches()) {
      throw new StsErrorException(new StsError(400, "ValidationError", "1 validation error detected: Value '"
          + sessionName + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular "
          + "expression pattern: [\\w+=,.@-]*"));
    }
    if (deniedRoles.contains(roleArn)) {
      throw new StsErrorException(new StsError(403, "AccessDenied",
          action.equals("AssumeRole") ? deniedMessage + roleArn : deniedMessage));
    }
    String account = role.group(1);
    String assumedArn = "arn:aws:sts::" + account + ":assumed-role/" + role.group(2) + "/" + sessionName;
    AccessKeys.Identity issued = accessKeys.issue(account, assumedArn, lifetime);
    return "    <AssumedRoleUser>\n      <Arn>" + xml(assumedArn) + "</Arn>\n      <AssumedRoleId>AROA"
        + AccessKeys.random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 17) + ":" + xml(sessionName)
        + "</AssumedRoleId>\n    </AssumedRoleUser>\n    <Credentials>\n      <AccessKeyId>" + issued.accessKeyId()
        + "</AccessKeyId>\n      <SecretAccessKey>" + xml(issued.secretAccessKey()) + "</SecretAccessKey>\n"
        + "      <SessionToken>" + xml(issued.sessionToken()) + "</SessionToken>\n      <Expiration>"
        + issued.expiration() + "</Expiration>\n    </Credentials>\n" + extra;
  }

  private String getCallerIdentity(SigV4 signer, Request request) throws StsErrorException {
    caller(signer, request);
    String key = signer.accessKeyId();
    return "    <Arn>" + xml(accessKeys.arnOf(key)) + "</Arn>\n    <UserId>" + xml(key) + "</UserId>\n    <Account>"
        + accessKeys.accountOf(key) + "</Account>\n";
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  // ---- IAM Identity Center portal and OIDC ----

  private Answer getRoleCredentials(Map<String, String> query, String bearerToken) {
    String operation = "GetRoleCredentials";
    Map<String, String> logged = new LinkedHashMap<>(query);
    Instant expiresAt = bearerToken == null ? null : ssoAccessTokens.get(bearerToken);
    if (expiresAt == null || Instant.now().isAfter(expiresAt)) {
      return jsonError(operation, logged, 401, "UnauthorizedException", "Session token not found or invalid");
    }
    String account = query.get("account_id");
    String roleName = query.get("role_name");
    if (account == null || !account.matches("\\d{12}") || roleName == null || roleName.isEmpty()) {
      return jsonError(operation, logged, 400, "InvalidRequestException", "Invalid role_name or account_id");
    }
    AccessKeys.Identity issued = accessKeys.issue(account,
        "arn:aws:sts::" + account + ":assumed-role/AWSReservedSSO_" + roleName + "_0123456789abcdef/emulator-user",
        lifetime);
    ObjectNode answer = Json.MAPPER.createObjectNode();
    answer.putObject("roleCredentials")
        .put("accessKeyId", issued.accessKeyId())
        .put("secretAccessKey", issued.secretAccessKey())
        .put("sessionToken", issued.sessionToken())
        .put("expiration", issued.expiration().toEpochMilli());
    return json(operation, logged, answer);
  }

  private Answer createToken(byte[] body) {
    String operation = "CreateToken";
    JsonNode request;
    try {
      request = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return jsonError(operation, Map.of(), 400, "InvalidRequestException", "Malformed JSON body");
    }
    Map<String, String> logged = Map.of("grantType", request.path("grantType").asText(),
        "clientId", request.path("clientId").asText());
    if (!"refresh_token".equals(request.path("grantType").asText())) {
      return jsonError(operation, logged, 400, "UnsupportedGrantTypeException", "Unsupported grant type");
    }
    String refreshToken = request.path("refreshToken").asText();
    String owner = ssoRefreshTokens.get(refreshToken);
    if (owner == null || !owner.equals(request.path("clientId").asText())
        || request.path("clientSecret").asText().isEmpty()) {
      return jsonError(operation, logged, 400, "InvalidGrantException", "Invalid refresh token provided");
    }
    ssoRefreshTokens.remove(refreshToken);
    String accessToken = "aoa" + AccessKeys.random(null, 60);
    String newRefresh = "aor" + AccessKeys.random(null, 60);
    ssoAccessTokens.put(accessToken, Instant.now().plus(lifetime));
    ssoRefreshTokens.put(newRefresh, owner);
    ObjectNode answer = Json.MAPPER.createObjectNode()
        .put("accessToken", accessToken)
        .put("tokenType", "Bearer")
        .put("expiresIn", lifetime.toSeconds())
        .put("refreshToken", newRefresh);
    return json(operation, logged, answer);
  }

  private Answer container(String authorization) {
    String operation = "ContainerCredentials";
    String[] grant = authorization == null ? null : containerTokens.get(authorization);
    if (grant == null) {
      byte[] body = Json.MAPPER.createObjectNode().put("Code", "AccessDenied")
          .put("Message", "Authorization token is missing or invalid").toString().getBytes(StandardCharsets.UTF_8);
      return new Answer(403, "application/json", null, body,
          new RequestLog.Entry(operation, null, CONTAINER_PATH, Map.of(), 403, "AccessDenied", null));
    }
    AccessKeys.Identity issued = accessKeys.issue(grant[0], grant[1], lifetime);
    ObjectNode answer = Json.MAPPER.createObjectNode()
        .put("AccessKeyId", issued.accessKeyId())
        .put("SecretAccessKey", issued.secretAccessKey())
        .put("Token", issued.sessionToken())
        .put("AccountId", issued.accountId())
        .put("RoleArn", grant[1])
        .put("Expiration", issued.expiration().toString());
    return new Answer(200, "application/json", null, answer.toString().getBytes(StandardCharsets.UTF_8),
        new RequestLog.Entry(operation, null, CONTAINER_PATH, Map.of(), 200, null, null));
  }

  private static Answer json(String operation, Map<String, String> logged, ObjectNode body) {
    String path = operation.equals("CreateToken") ? "/token" : "/federation/credentials";
    return new Answer(200, "application/json", null, body.toString().getBytes(StandardCharsets.UTF_8),
        new RequestLog.Entry(operation, null, path, logged, 200, null, null));
  }

  private static Answer jsonError(String operation, Map<String, String> logged, int status, String type,
      String message) {
    String path = operation.equals("CreateToken") ? "/token" : "/federation/credentials";
    ObjectNode body = Json.MAPPER.createObjectNode().put("message", message);
    if (operation.equals("CreateToken")) {
      body.put("error", type.replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT))
          .put("error_description", message);
    }
    return new Answer(status, "application/json", type, body.toString().getBytes(StandardCharsets.UTF_8),
        new RequestLog.Entry(operation, null, path, logged, status, type, null));
  }
}
