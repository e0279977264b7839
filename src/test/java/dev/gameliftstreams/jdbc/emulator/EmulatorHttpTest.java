package dev.gameliftstreams.jdbc.emulator;

import static dev.gameliftstreams.jdbc.emulator.EmulatorTestSupport.request;
import static dev.gameliftstreams.jdbc.emulator.EmulatorTestSupport.send;
import static dev.gameliftstreams.jdbc.emulator.EmulatorTestSupport.signedGet;
import static dev.gameliftstreams.jdbc.emulator.EmulatorTestSupport.unsignedGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator's wire format, checked with plain HTTP: what any AWS SDK would see. */
class EmulatorHttpTest {

  private static final String WEST = "us-west-2";

  private static Emulator emulator;

  @BeforeAll
  static void startEmulator() throws Exception {
    emulator = Emulator.start(EmulatorOptions.defaults().withSessions(600));
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @BeforeEach
  void resetEmulator() {
    emulator.requestLog().clear();
    emulator.setLatencyMs(0);
  }

  @Test
  void sessionPagesHoldTheSummaryMembersOfTheDataIncludingStatusReason() throws Exception {
    String group = emulator.data().streamGroups(WEST).get(0).get("Id").asText();
    HttpResponse<String> response = signedGet(emulator,
        "/streamgroups/" + group + "/streamsessions?MaxResults=100&Status=TERMINATED", WEST);

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    JsonNode items = Json.MAPPER.readTree(response.body()).get("Items");
    assertFalse(items.isEmpty());
    for (JsonNode item : items) {
      ObjectNode expected = emulator.data().streamSessions(WEST).stream()
          .filter(s -> s.get("Arn").equals(item.get("Arn"))).findFirst().orElseThrow();
      ObjectNode summary = expected.deepCopy();
      summary.retain("Arn", "UserId", "Status", "StatusReason", "Protocol", "LastUpdatedAt", "CreatedAt",
          "ApplicationArn", "ExportFilesMetadata", "Location");
      assertEquals(summary, item, "GetStreamSession's members (Description, ...) are not in list items");
      assertTrue(item.get("StatusReason").isTextual(), "TERMINATED sessions say why");
    }
  }

  @Test
  void timestampsAreEpochSecondsWithAMillisecondFraction() {
    String body = signedGet(emulator, "/streamsessions?MaxResults=3", WEST).body();

    assertTrue(body.matches("(?s).*\"CreatedAt\":1[0-9]{9}\\.[0-9]{3}[,}].*"), body);
  }

  @Test
  void theLastPageHasNoNextTokenMember() throws Exception {
    int total = emulator.data().streamGroups(WEST).size();
    JsonNode page = Json.MAPPER.readTree(signedGet(emulator, "/streamgroups?MaxResults=" + total, WEST).body());

    assertEquals(total, page.get("Items").size());
    assertFalse(page.has("NextToken"));
  }

  @Test
  void percentEncodedArnsArePathParameters() throws Exception {
    ObjectNode session = emulator.data().streamSessions(WEST).get(0);
    String sessionArn = session.get("Arn").asText();
    String groupArn = sessionArn.replaceFirst(":streamsession/(sg-[^/]+)/.*", ":streamgroup/$1");

    HttpResponse<String> response = signedGet(emulator, "/streamgroups/" + encode(groupArn)
        + "/streamsessions/" + encode(sessionArn), WEST);

    assertEquals(200, response.statusCode(), response.body());
    JsonNode answer = Json.MAPPER.readTree(response.body());
    assertEquals(sessionArn, answer.get("Arn").asText());
    assertEquals(groupArn.substring(groupArn.lastIndexOf('/') + 1), answer.get("StreamGroupId").asText());
  }

  @Test
  void errorsFollowTheRestJsonConvention() throws Exception {
    HttpResponse<String> response = signedGet(emulator, "/streamsessions?MaxResults=abc&Status=NOPE", WEST);

    assertEquals(400, response.statusCode());
    assertEquals("ValidationException", response.headers().firstValue("x-amzn-ErrorType").orElseThrow());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("2 validation errors detected: Value 'abc' at 'maxResults' failed to satisfy constraint: "
        + "Member must be an integer; Value 'NOPE' at 'status' failed to satisfy constraint: Member must "
        + "satisfy enum value set: [ACTIVATING, ACTIVE, CONNECTED, PENDING_CLIENT_RECONNECTION, "
        + "RECONNECTING, TERMINATING, TERMINATED, ERROR]",
        Json.MAPPER.readTree(response.body()).get("message").asText());
  }

  @Test
  void requestsWithoutSigV4AreAccessDenied() throws Exception {
    HttpResponse<String> unsigned = unsignedGet(emulator, "/streamsessions");
    HttpResponse<String> otherService = send(request(emulator, "/streamsessions").header("Authorization",
        "AWS4-HMAC-SHA256 Credential=AKID/20261127/us-west-2/s3/aws4_request, SignedHeaders=host, Signature=0"));

    for (HttpResponse<String> response : new HttpResponse[] {unsigned, otherService}) {
      assertEquals(403, response.statusCode());
      assertEquals("AccessDeniedException", response.headers().firstValue("x-amzn-ErrorType").orElseThrow());
      assertTrue(Json.MAPPER.readTree(response.body()).get("message").asText().contains("Signature Version 4"));
    }
  }

  @Test
  void unknownPathsAndMethodsAreUnknownOperations() {
    HttpResponse<String> unknownPath = signedGet(emulator, "/fleets", WEST);
    HttpResponse<String> post = send(request(emulator, "/streamsessions")
        .POST(HttpRequest.BodyPublishers.ofString("{}")));

    for (HttpResponse<String> response : List.of(unknownPath, post)) {
      assertEquals(404, response.statusCode());
      assertEquals("UnknownOperationException", response.headers().firstValue("x-amzn-ErrorType").orElseThrow());
    }
  }

  @Test
  void theRequestLogRecordsOperationRegionQueryOutcomeAndSigningKeyButNoHeaders() {
    signedGet(emulator, "/streamsessions?Status=ACTIVE&MaxResults=5", "us-east-1");
    signedGet(emulator, "/streamgroups/sg-nothere/streamsessions", WEST);
    unsignedGet(emulator, "/applications");

    List<RequestLog.Entry> entries = emulator.requestLog().entries();
    assertEquals(new RequestLog.Entry("ListStreamSessionsByAccount", "us-east-1", "/streamsessions",
        Map.of("Status", "ACTIVE", "MaxResults", "5"), 200, null, "AKID", entries.get(0).arrivalNanos()),
        entries.get(0));
    assertEquals(new RequestLog.Entry("ListStreamSessions", WEST, "/streamgroups/sg-nothere/streamsessions",
        Map.of(), 404, "ResourceNotFoundException", "AKID", entries.get(1).arrivalNanos()), entries.get(1));
    assertEquals(new RequestLog.Entry("ListApplications", null, "/applications", Map.of(), 403,
        "AccessDeniedException", null, entries.get(2).arrivalNanos()), entries.get(2));
    assertTrue(entries.get(0).arrivalNanos() <= entries.get(1).arrivalNanos(), "arrival times, in order");
    assertEquals(1, emulator.requestLog().count("ListStreamSessionsByAccount"));
    assertFalse(entries.toString().contains("AWS4-HMAC-SHA256"), "no Authorization header in the log");
    assertFalse(entries.toString().contains("Signature"), "the access key id only, not the signature");
  }

  @Test
  void latencyDelaysEveryAnswer() {
    emulator.setLatencyMs(200);
    long start = System.nanoTime();
    signedGet(emulator, "/applications", WEST);

    assertTrue(System.nanoTime() - start >= 200_000_000L);
  }

  @Test
  void aDataFileIsServedAsWritten(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("data.json");
    Files.writeString(file, """
                {"accountId": "111122223333", "regions": {"eu-central-1": {
                  "streamGroups": [{"Arn": "arn:aws:gameliftstreams:eu-central-1:111122223333:streamgroup/sg-1AB2C3De4",
                                    "Id": "sg-1AB2C3De4", "Status": "ACTIVE", "CreatedAt": 1732675200.123}],
                  "streamSessions": [{"Arn": "arn:aws:gameliftstreams:eu-central-1:111122223333:streamsession/sg-1AB2C3De4/ABC123def4567",
                                      "Status": "ERROR", "StatusReason": "placementTimeout", "CreatedAt": 1732675200.000}]}}}
                """);
    try (Emulator fromFile = Emulator.start(EmulatorOptions.defaults().withDataFile(file))) {
      String body = signedGet(fromFile, "/streamgroups/sg-1AB2C3De4/streamsessions/ABC123def4567",
          "eu-central-1").body();

      assertEquals("{\"Arn\":\"arn:aws:gameliftstreams:eu-central-1:111122223333:streamsession/sg-1AB2C3De4/"
          + "ABC123def4567\",\"Status\":\"ERROR\",\"StatusReason\":\"placementTimeout\","
          + "\"CreatedAt\":1732675200.000,\"StreamGroupId\":\"sg-1AB2C3De4\"}", body);
      assertEquals("{\"Items\":[]}", signedGet(fromFile, "/applications", "eu-central-1").body());
      assertEquals("{\"Items\":[]}", signedGet(fromFile, "/streamsessions", WEST).body());
      assertEquals(404, signedGet(fromFile, "/streamgroups/sg-1AB2C3De4/streamsessions", WEST).statusCode());
      assertTrue(fromFile.data().streamGroups(WEST).isEmpty());
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
