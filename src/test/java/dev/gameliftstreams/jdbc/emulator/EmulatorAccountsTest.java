package dev.gameliftstreams.jdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;

/** Several accounts in one emulator: the access key id that signs a request chooses the account it reads. */
class EmulatorAccountsTest {
  static final String PROD = "111122223333";
  static final String STAGE = "444455556666";

  /** A two-account data file: generated data of each account, with the key that signs as it. */
  static String twoAccounts() {
    ArrayNode accounts = Json.MAPPER.createArrayNode();
    for (String[] a : new String[][] {{PROD, "AKIDPROD"}, {STAGE, "AKIDSTAGE"}}) {
      ObjectNode account = readObject(EmulatorData.generate(a[0].hashCode(), 300, a[0]).toJson());
      account.putArray("accessKeyIds").add(a[1]);
      accounts.add(account);
    }
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.set("accounts", accounts);
    return root.toString();
  }

  private static ObjectNode readObject(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static GameLiftStreamsClient client(Emulator emulator, String accessKeyId) {
    return GameLiftStreamsClient.builder()
        .endpointOverride(emulator.endpoint())
        .region(Region.US_WEST_2)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static List<String> accountsOfSessions(GameLiftStreamsClient client) {
    return client.listStreamSessionsByAccountPaginator(b -> b.maxResults(100)).items().stream()
        .map(s -> s.arn().split(":")[4]).distinct().toList();
  }

  @Test
  void eachAccessKeyReadsItsOwnAccount(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("accounts.json"), twoAccounts());
    try (Emulator emulator = Emulator.start(EmulatorOptions.defaults().withDataFile(file));
         GameLiftStreamsClient prod = client(emulator, "AKIDPROD");
         GameLiftStreamsClient stage = client(emulator, "AKIDSTAGE");
         GameLiftStreamsClient stranger = client(emulator, "AKIDUNKNOWN")) {
      assertEquals(List.of(PROD), accountsOfSessions(prod));
      assertEquals(List.of(STAGE), accountsOfSessions(stage));
      assertEquals(emulator.accounts().account(STAGE).orElseThrow().streamSessions("us-west-2").size(),
          stage.listStreamSessionsByAccountPaginator(b -> b.maxResults(100)).items().stream().count());
      AwsServiceException e = assertThrows(AwsServiceException.class, () -> stranger.listStreamGroups(b -> { }));
      assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
      assertEquals(403, e.statusCode());
      emulator.accessKeys().register("AKIDUNKNOWN", "secret", STAGE, "arn:aws:iam::" + STAGE + ":user/late");
      assertEquals(List.of(STAGE), accountsOfSessions(stranger), "temporary keys handed out for an account");
      assertEquals(PROD, emulator.data().accountId(), "data() is the first account");
    }
  }

  @Test
  void theOneAccountFormLetsEveryKeyReadIt() {
    EmulatorAccounts one = EmulatorAccounts.parse(EmulatorData.generate(1, 10).toJson());
    assertEquals(DemoDataGenerator.ACCOUNT_ID, one.served("999999999999").accountId());
  }

  @Test
  void malformedAccountListsAreRejected() {
    for (String bad : List.of("{\"accounts\": []}", "{\"accounts\": {}}",
        "{\"accounts\": [{\"accountId\": \"1\", \"regions\": {}}, {\"accountId\": \"1\", \"regions\": {}}]}",
        "{\"accounts\": [{\"accountId\": \"1\", \"regions\": {}, \"accessKeyIds\": [\"K\"]},"
            + " {\"accountId\": \"2\", \"regions\": {}, \"accessKeyIds\": [\"K\"]}]}")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmulatorAccounts.parse(bad));
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), bad);
    }
  }
}
