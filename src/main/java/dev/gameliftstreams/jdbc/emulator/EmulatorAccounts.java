package dev.gameliftstreams.jdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS accounts an {@link Emulator} serves, and which account each access key id belongs to: as in AWS,
 * the credentials that sign a request choose the account it reads. Two data-file forms:
 * <ul>
 *   <li>one account ({@link EmulatorData}'s format): every access key id reads it;</li>
 *   <li>several accounts: {@code {"accounts": [{"accountId": "111122223333", "accessKeyIds": ["AKID..."],
 *       "regions": {...}}, ...]}}, each entry in {@link EmulatorData}'s format plus the access key ids that
 *       sign as that account. A key no account lists is refused, as AWS refuses an unknown key.</li>
 * </ul>
 */
public final class EmulatorAccounts {
  /** What an account the emulator does not serve holds. */
  private static final EmulatorData EMPTY = EmulatorData.parse("{\"accountId\": \"000000000000\", \"regions\": {}}");

  private final Map<String, EmulatorData> accounts;
  /** Null in the one-account form, where any key reads the only account. */
  private final Map<String, String> accountOfKey;

  private EmulatorAccounts(List<EmulatorData> accounts, Map<String, String> accountOfKey) {
    Map<String, EmulatorData> byId = new LinkedHashMap<>();
    for (EmulatorData data : accounts) {
      if (byId.put(data.accountId(), data) != null) {
        throw new IllegalArgumentException("account " + data.accountId() + " is listed twice");
      }
    }
    this.accounts = Collections.unmodifiableMap(byId);
    this.accountOfKey = accountOfKey == null ? null : Map.copyOf(accountOfKey);
  }

  /** One account that every access key id reads. */
  public static EmulatorAccounts of(EmulatorData data) {
    return new EmulatorAccounts(List.of(data), null);
  }

  /** Several accounts, each read by the access key ids mapped to it (which the emulator registers). */
  public static EmulatorAccounts of(Map<String, EmulatorData> byAccessKeyId) {
    List<EmulatorData> accounts = new ArrayList<>();
    Map<String, String> keys = new LinkedHashMap<>();
    byAccessKeyId.forEach((key, data) -> {
      if (!accounts.contains(data)) {
        accounts.add(data);
      }
      keys.put(key, data.accountId());
    });
    return new EmulatorAccounts(accounts, keys);
  }

  /**
   * Generated demo data for several accounts: one account per distinct account id of {@code accountOfKey},
   * each of {@code sessions} sessions from its own seed ({@code seed} plus its position).
   */
  public static EmulatorAccounts generate(long seed, int sessions, Map<String, String> accountOfKey) {
    Map<String, EmulatorData> byId = new LinkedHashMap<>();
    Map<String, EmulatorData> byKey = new LinkedHashMap<>();
    accountOfKey.forEach((key, account) -> byKey.put(key, byId.computeIfAbsent(account,
        a -> EmulatorData.generate(seed + byId.size(), sessions, a))));
    return of(byKey);
  }

  public static EmulatorAccounts load(Path file) throws IOException {
    try {
      return parse(Files.readString(file));
    } catch (IllegalArgumentException e) {
      throw new IOException("Invalid emulator data file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Either data-file form; throws {@link IllegalArgumentException} when it is malformed. */
  public static EmulatorAccounts parse(String json) {
    JsonNode root = Json.readTree(json);
    if (root == null || !root.has("accounts")) {
      return of(EmulatorData.from(root));
    }
    if (!root.get("accounts").isArray() || root.get("accounts").isEmpty()) {
      throw new IllegalArgumentException("accounts must be a non-empty array");
    }
    List<EmulatorData> accounts = new ArrayList<>();
    Map<String, String> keys = new LinkedHashMap<>();
    for (JsonNode account : root.get("accounts")) {
      EmulatorData data = EmulatorData.from(account);
      accounts.add(data);
      for (JsonNode key : account.path("accessKeyIds")) {
        if (!key.isTextual() || keys.put(key.asText(), data.accountId()) != null) {
          throw new IllegalArgumentException("accessKeyIds must be strings, each in one account only: " + key);
        }
      }
    }
    return new EmulatorAccounts(accounts, keys);
  }

  /** The first account: the only one in the one-account form. */
  public EmulatorData primary() {
    return accounts.values().iterator().next();
  }

  public Optional<EmulatorData> account(String accountId) {
    return Optional.ofNullable(accounts.get(accountId));
  }

  /** The access key ids the data file maps to accounts (empty in the one-account form). */
  public Map<String, String> accessKeyIds() {
    return accountOfKey == null ? Map.of() : Map.copyOf(accountOfKey);
  }

  /**
   * The data a request of {@code accountId} reads: in the one-account form the only account, whoever asks (a
   * role in another account reads it too); with several, the caller's account, or none when it is not served.
   */
  public EmulatorData served(String accountId) {
    return accountOfKey == null ? primary() : account(accountId).orElse(EMPTY);
  }
}
