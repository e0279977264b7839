package dev.gameliftstreams.jdbc.emulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Which account and principal each access key id stands for: the keys the emulator hands out (STS, the SSO portal,
 * the container endpoint) and any a test registers. A key nobody registered belongs to the data's default account,
 * so the static keys of existing setups keep working. Other parts of the emulator ask {@link #accountOf} to serve the
 * account of the caller.
 */
public final class AccessKeys {

  /**
   * A principal's credentials as the emulator issued or was told them.
   *
   * @param sessionToken null for long-term keys
   * @param expiration   null for keys that do not expire
   */
  public record Identity(String accessKeyId, String secretAccessKey, String sessionToken, String accountId,
      String arn, Instant expiration) {
    /** Secrets stay out of logs and assertion messages. */
    @Override
    public String toString() {
      return "Identity[" + accessKeyId + ", account " + accountId + ", " + arn + "]";
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private final String defaultAccountId;
  /** Several accounts served: a key nobody registered belongs to none, and AWS rejects it. */
  private final boolean registeredOnly;
  private final Map<String, Identity> identities = new ConcurrentHashMap<>();

  AccessKeys(String defaultAccountId, boolean registeredOnly) {
    this.defaultAccountId = defaultAccountId;
    this.registeredOnly = registeredOnly;
  }

  /** Registers long-term keys, e.g. those of a test's static profile. */
  public Identity register(String accessKeyId, String secretAccessKey, String accountId, String arn) {
    Identity identity = new Identity(accessKeyId, secretAccessKey, null, accountId, arn, null);
    identities.put(accessKeyId, identity);
    return identity;
  }

  /** Hands out temporary credentials ({@code ASIA...} with a session token) of {@code arn} in {@code accountId}. */
  public Identity issue(String accountId, String arn, Duration lifetime) {
    Identity identity = new Identity("ASIA" + random(KEY_ALPHABET, 16), random(null, 40), random(null, 120),
        accountId, arn, Instant.now().plus(lifetime).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    identities.put(identity.accessKeyId(), identity);
    return identity;
  }

  /** Every identity registered or handed out so far. */
  public List<Identity> identities() {
    return List.copyOf(identities.values());
  }

  public Optional<Identity> find(String accessKeyId) {
    return Optional.ofNullable(accessKeyId == null ? null : identities.get(accessKeyId));
  }

  /** The account whose resources a request signed with {@code accessKeyId} reads. */
  public String accountOf(String accessKeyId) {
    return find(accessKeyId).map(Identity::accountId).orElse(defaultAccountId);
  }

  /** The ARN of the caller: its registered principal, or a user of the default account. */
  String arnOf(String accessKeyId) {
    return find(accessKeyId).map(Identity::arn).orElse("arn:aws:iam::" + defaultAccountId + ":user/emulator-user");
  }

  /** Why AWS would reject a signed request, if it would. */
  enum Rejection { SIGNATURE, INVALID_TOKEN, EXPIRED_TOKEN }

  /**
   * Checks a signed request as AWS does, for the keys the emulator knows: the signature must match their secret,
   * temporary keys need their own session token and must not have expired. Unknown keys are accepted unchecked.
   *
   * @param header all values of a request header by (case-insensitive) name
   * @return null if the request may proceed
   */
  Rejection check(SigV4 signer, String method, String rawPath, String rawQuery,
      Function<String, List<String>> header, byte[] body) {
    Identity identity = identities.get(signer.accessKeyId());
    if (identity == null && registeredOnly) {
      return Rejection.INVALID_TOKEN;
    }
    if (identity == null) {
      return null;
    }
    // A data file lists access key ids only: their signatures cannot be checked.
    if (identity.secretAccessKey() != null
        && !signer.verifies(identity.secretAccessKey(), method, rawPath, rawQuery, header, body)) {
      return Rejection.SIGNATURE;
    }
    if (identity.sessionToken() == null) {
      return null;
    }
    List<String> token = header.apply("X-Amz-Security-Token");
    if (token.isEmpty() || !identity.sessionToken().equals(token.get(0))) {
      return Rejection.INVALID_TOKEN;
    }
    return Instant.now().isAfter(identity.expiration()) ? Rejection.EXPIRED_TOKEN : null;
  }

  /** Random text; base64url-like when {@code alphabet} is null. */
  static String random(String alphabet, int length) {
    String chars = alphabet != null ? alphabet
        : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(chars.charAt(RANDOM.nextInt(chars.length())));
    }
    return s.toString();
  }
}
