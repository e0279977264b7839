package dev.gameliftstreams.jdbc.emulator;

import static dev.gameliftstreams.jdbc.emulator.EmulatorTestSupport.arns;
import static dev.gameliftstreams.jdbc.emulator.EmulatorTestSupport.filtered;
import static dev.gameliftstreams.jdbc.emulator.EmulatorTestSupport.instant;
import static dev.gameliftstreams.jdbc.emulator.EmulatorTestSupport.sdkClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;
import software.amazon.awssdk.services.gameliftstreams.model.AccessDeniedException;
import software.amazon.awssdk.services.gameliftstreams.model.ApplicationSummary;
import software.amazon.awssdk.services.gameliftstreams.model.ExportFilesStatus;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamSessionResponse;
import software.amazon.awssdk.services.gameliftstreams.model.InternalServerException;
import software.amazon.awssdk.services.gameliftstreams.model.ListStreamSessionsByAccountRequest;
import software.amazon.awssdk.services.gameliftstreams.model.ListStreamSessionsByAccountResponse;
import software.amazon.awssdk.services.gameliftstreams.model.ListStreamSessionsRequest;
import software.amazon.awssdk.services.gameliftstreams.model.ResourceNotFoundException;
import software.amazon.awssdk.services.gameliftstreams.model.StreamGroupSummary;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionStatus;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;
import software.amazon.awssdk.services.gameliftstreams.model.ThrottlingException;
import software.amazon.awssdk.services.gameliftstreams.model.ValidationException;

/** The emulator, as the real AWS SDK for Java v2 sees it through an endpoint override. */
class EmulatorSdkTest {

  private static final String WEST = "us-west-2";
  private static final String EAST = "us-east-1";

  private static Emulator emulator;
  private static EmulatorData data;
  private static GameLiftStreamsClient west;

  @BeforeAll
  static void startEmulator() throws Exception {
    emulator = Emulator.start(EmulatorOptions.defaults().withSessions(3000));
    data = emulator.data();
    west = sdkClient(emulator, Region.US_WEST_2);
  }

  @AfterAll
  static void stopEmulator() {
    west.close();
    emulator.close();
  }

  @BeforeEach
  void clearLog() {
    emulator.requestLog().clear();
  }

  @AfterEach
  void clearFaults() {
    emulator.setThrottleRate(0);
    emulator.setErrorRate(0);
    emulator.setLatencyMs(0);
    emulator.setDeniedOperations(Set.of());
  }

  /** Every combination of the two filters, each possibly absent (null). */
  static Stream<Arguments> filters() {
    List<String> statuses = new ArrayList<>(StreamSessionStatus.knownValues().stream().map(Object::toString).toList());
    List<String> exports = new ArrayList<>(ExportFilesStatus.knownValues().stream().map(Object::toString).toList());
    statuses.add(null);
    exports.add(null);
    return statuses.stream().flatMap(s -> exports.stream().map(e -> Arguments.of(s, e)));
  }

  @ParameterizedTest(name = "Status={0} ExportFilesStatus={1}")
  @MethodSource("filters")
  void accountPaginatorReturnsTheFilteredSessionsInDataOrder(String status, String exportFilesStatus) {
    List<StreamSessionSummary> sessions = west.listStreamSessionsByAccountPaginator(b -> b
        .status(status).exportFilesStatus(exportFilesStatus).maxResults(100)).items().stream().toList();

    assertEquals(arns(filtered(data.streamSessions(WEST), status, exportFilesStatus)), sdkArns(sessions));
  }

  @ParameterizedTest(name = "Status={0} ExportFilesStatus={1}")
  @MethodSource("filters")
  void streamGroupPaginatorReturnsTheGroupsFilteredSessions(String status, String exportFilesStatus) {
    for (ObjectNode group : data.streamGroups(WEST)) {
      List<StreamSessionSummary> sessions = west.listStreamSessionsPaginator(b -> b
          .identifier(group.get("Id").asText()).status(status).exportFilesStatus(exportFilesStatus)
          .maxResults(100)).items().stream().toList();

      List<ObjectNode> groupSessions = data.streamSessions(WEST).stream()
          .filter(s -> s.get("Arn").asText().contains("/" + group.get("Id").asText() + "/")).toList();
      assertEquals(arns(filtered(groupSessions, status, exportFilesStatus)), sdkArns(sessions));
    }
  }

  @Test
  void everyStatusAndExportFilesStatusHasSessions() {
    for (StreamSessionStatus status : StreamSessionStatus.knownValues()) {
      assertFalse(filtered(data.streamSessions(WEST), status.toString(), null).isEmpty(), status::toString);
    }
    for (ExportFilesStatus status : ExportFilesStatus.knownValues()) {
      assertFalse(filtered(data.streamSessions(WEST), null, status.toString()).isEmpty(), status::toString);
    }
  }

  @Test
  void streamGroupIdentifierMayBeTheArn() {
    ObjectNode group = data.streamGroups(WEST).get(0);
    List<String> byId = sdkArns(west.listStreamSessionsPaginator(b -> b.identifier(group.get("Id").asText()))
        .items().stream().toList());
    List<String> byArn = sdkArns(west.listStreamSessionsPaginator(b -> b.identifier(group.get("Arn").asText()))
        .items().stream().toList());

    assertFalse(byId.isEmpty());
    assertEquals(byId, byArn);
  }

  @ParameterizedTest(name = "MaxResults={0}")
  @ValueSource(ints = {1, 7, 25, 100})
  void pagesHoldMaxResultsItemsSoThePageCountIsTheCeiling(int pageSize) {
    int expected = filtered(data.streamSessions(WEST), "ERROR", null).size();

    List<ListStreamSessionsByAccountResponse> pages = west.listStreamSessionsByAccountPaginator(b -> b
        .status("ERROR").maxResults(pageSize)).stream().toList();

    int pageCount = (expected + pageSize - 1) / pageSize;
    assertEquals(pageCount, pages.size());
    assertEquals(pageCount, emulator.requestLog().count("ListStreamSessionsByAccount"));
    pages.subList(0, pageCount - 1).forEach(p -> assertEquals(pageSize, p.items().size()));
    assertNull(pages.get(pageCount - 1).nextToken(), "the last page carries no NextToken");
    assertEquals(expected, pages.stream().mapToInt(p -> p.items().size()).sum());
  }

  @Test
  void defaultPageSizeIs25() {
    ListStreamSessionsByAccountResponse page = west.listStreamSessionsByAccount(b -> b.status("TERMINATED"));

    assertEquals(25, page.items().size());
    assertTrue(page.nextToken() != null && !page.nextToken().isEmpty());
  }

  @Test
  void getStreamSessionReturnsTheSessionWithItsStreamGroupAndMillisecondTimestamps() {
    ObjectNode session = filtered(data.streamSessions(WEST), "TERMINATED", "SUCCEEDED").get(0);
    String arn = session.get("Arn").asText();
    String groupId = arn.split("/")[1];
    String sessionId = arn.split("/")[2];

    GetStreamSessionResponse byIds = west.getStreamSession(b -> b.identifier(groupId)
        .streamSessionIdentifier(sessionId));
    GetStreamSessionResponse byArns = west.getStreamSession(b -> b.identifier(
        data.findStreamGroup(WEST, groupId).orElseThrow().get("Arn").asText()).streamSessionIdentifier(arn));

    assertEquals(byIds.toString(), byArns.toString(), "responses differ only in their HTTP metadata");
    assertEquals(arn, byIds.arn());
    assertEquals(groupId, byIds.streamGroupId());
    assertEquals(session.get("StatusReason").asText(), byIds.statusReasonAsString());
    assertEquals(session.get("UserId").asText(), byIds.userId());
    assertEquals("WebRTC", byIds.protocolAsString());
    assertEquals(session.get("Location").asText(), byIds.location());
    assertEquals(session.get("ApplicationArn").asText(), byIds.applicationArn());
    assertEquals(instant(session.get("CreatedAt")), byIds.createdAt());
    assertEquals(instant(session.get("LastUpdatedAt")), byIds.lastUpdatedAt());
    assertTrue(byIds.createdAt().toEpochMilli() % 1000 != 0 || byIds.lastUpdatedAt().toEpochMilli() % 1000 != 0,
        "millisecond fractions survive the round trip");
    assertEquals("SUCCEEDED", byIds.exportFilesMetadata().statusAsString());
    assertEquals(session.at("/ExportFilesMetadata/OutputUri").asText(), byIds.exportFilesMetadata().outputUri());
  }

  @Test
  void getStreamSessionAnswersTheMembersNoListCallCarries() {
    ObjectNode session = data.streamSessions(WEST).stream()
        .filter(s -> s.has("Description") && s.has("AdditionalLaunchArgs") && s.has("AdditionalEnvironmentVariables")
            && s.has("LogFileLocationUri") && "FAILED".equals(s.at("/ExportFilesMetadata/Status").asText()))
        .findFirst().orElseThrow();
    String arn = session.get("Arn").asText();

    GetStreamSessionResponse answer = west.getStreamSession(b -> b.identifier(arn.split("/")[1])
        .streamSessionIdentifier(arn));

    assertEquals(session.get("Description").asText(), answer.description());
    assertEquals(session.get("ConnectionTimeoutSeconds").asInt(), answer.connectionTimeoutSeconds());
    assertEquals(session.get("SessionLengthSeconds").asInt(), answer.sessionLengthSeconds());
    List<String> args = new ArrayList<>();
    session.get("AdditionalLaunchArgs").forEach(a -> args.add(a.asText()));
    assertEquals(args, answer.additionalLaunchArgs());
    Map<String, String> env = new HashMap<>();
    session.get("AdditionalEnvironmentVariables").fields().forEachRemaining(e -> env.put(e.getKey(),
        e.getValue().asText()));
    assertEquals(env, answer.additionalEnvironmentVariables());
    assertEquals(session.get("LogFileLocationUri").asText(), answer.logFileLocationUri());
    assertEquals(session.get("WebSdkProtocolUrl").asText(), answer.webSdkProtocolUrl());
    assertEquals(session.at("/ExportFilesMetadata/StatusReason").asText(), answer.exportFilesMetadata().statusReason());
    assertEquals(session.at("/ExportFilesMetadata/OutputUri").asText(), answer.exportFilesMetadata().outputUri());
    assertNull(answer.signalRequest());
  }

  @Test
  void listItemsAreSummariesAndTheAccountListShowsOnlyTheExportStatus() {
    ObjectNode session = filtered(data.streamSessions(WEST), null, "FAILED").get(0);
    String arn = session.get("Arn").asText();

    StreamSessionSummary byAccount = west.listStreamSessionsByAccountPaginator(b -> b.exportFilesStatus("FAILED")
        .maxResults(100)).items().stream().filter(s -> s.arn().equals(arn)).findFirst().orElseThrow();
    StreamSessionSummary inGroup = west.listStreamSessionsPaginator(b -> b.identifier(arn.split("/")[1])
        .exportFilesStatus("FAILED").maxResults(100)).items().stream().filter(s -> s.arn().equals(arn))
        .findFirst().orElseThrow();

    assertEquals("FAILED", byAccount.exportFilesMetadata().statusAsString());
    assertNull(byAccount.exportFilesMetadata().outputUri(), "ListStreamSessionsByAccount shows only the Status");
    assertNull(byAccount.exportFilesMetadata().statusReason());
    assertEquals(session.at("/ExportFilesMetadata/OutputUri").asText(), inGroup.exportFilesMetadata().outputUri());
    assertEquals(session.at("/ExportFilesMetadata/StatusReason").asText(),
        inGroup.exportFilesMetadata().statusReason());
  }

  @Test
  void summariesCarryEveryFieldOfTheData() {
    List<StreamSessionSummary> sessions = west.listStreamSessionsByAccount(b -> b.maxResults(100)).items();

    for (int i = 0; i < sessions.size(); i++) {
      ObjectNode expected = data.streamSessions(WEST).get(i);
      StreamSessionSummary actual = sessions.get(i);
      assertEquals(expected.get("UserId").asText(), actual.userId());
      assertEquals(expected.get("Status").asText(), actual.statusAsString());
      assertEquals(expected.get("Location").asText(), actual.location());
      assertEquals(expected.get("ApplicationArn").asText(), actual.applicationArn());
      assertEquals(instant(expected.get("CreatedAt")), actual.createdAt());
      assertEquals(instant(expected.get("LastUpdatedAt")), actual.lastUpdatedAt());
      assertEquals(expected.at("/ExportFilesMetadata/Status").asText(null),
          actual.exportFilesMetadata() == null ? null : actual.exportFilesMetadata().statusAsString());
    }
  }

  @Test
  void streamGroupsAndApplicationsArePaged() {
    List<StreamGroupSummary> groups = west.listStreamGroupsPaginator(b -> b.maxResults(1)).items().stream().toList();
    List<ApplicationSummary> apps = west.listApplicationsPaginator(b -> b.maxResults(2)).items().stream().toList();

    assertEquals(arns(data.streamGroups(WEST)), groups.stream().map(StreamGroupSummary::arn).toList());
    assertTrue(groups.get(0).arn().startsWith("arn:aws:gameliftstreams:us-west-2:123456789012:streamgroup/sg-"));
    assertEquals(data.streamGroups(WEST).get(0).at("/DefaultApplication/Arn").asText(),
        groups.get(0).defaultApplication().arn());
    assertEquals(instant(data.streamGroups(WEST).get(0).get("ExpiresAt")), groups.get(0).expiresAt());
    assertEquals(arns(data.applications(WEST)), apps.stream().map(ApplicationSummary::arn).toList());
    assertEquals(data.applications(WEST).get(0).at("/RuntimeEnvironment/Type").asText(),
        apps.get(0).runtimeEnvironment().typeAsString());
    assertEquals(data.streamGroups(WEST).size(), emulator.requestLog().count("ListStreamGroups"));
  }

  @Test
  void eachRegionSeesOnlyItsOwnData() {
    try (GameLiftStreamsClient east = sdkClient(emulator, Region.US_EAST_1);
       GameLiftStreamsClient ireland = sdkClient(emulator, Region.EU_WEST_1)) {
      List<String> eastSessions = sdkArns(east.listStreamSessionsByAccountPaginator(b -> b.maxResults(100))
          .items().stream().toList());
      String westGroup = data.streamGroups(WEST).get(0).get("Id").asText();

      assertEquals(arns(data.streamSessions(EAST)), eastSessions);
      assertTrue(eastSessions.stream().allMatch(arn -> arn.contains(":us-east-1:")));
      assertThrows(ResourceNotFoundException.class, () -> east.listStreamSessions(b -> b.identifier(westGroup)));
      assertTrue(ireland.listStreamSessionsByAccount(b -> { }).items().isEmpty());
      assertTrue(ireland.listStreamGroups(b -> { }).items().isEmpty());
      assertEquals(List.of(EAST, "eu-west-1"), emulator.requestLog().entries().stream()
          .map(RequestLog.Entry::region).distinct().toList());
    }
  }

  @ParameterizedTest(name = "MaxResults={0}")
  @ValueSource(ints = {0, -1, 101})
  void maxResultsOutside1To100IsAValidationError(int maxResults) {
    assertError(ValidationException.class, 400, () -> west.listStreamSessionsByAccount(b -> b.maxResults(maxResults)));
    assertError(ValidationException.class, 400, () -> west.listStreamGroups(b -> b.maxResults(maxResults)));
  }

  @Test
  void unknownEnumValuesAreValidationErrors() {
    assertError(ValidationException.class, 400, () -> west.listStreamSessionsByAccount(b -> b.status("BOGUS")));
    assertError(ValidationException.class, 400, () -> west.listStreamSessionsByAccount(b -> b
        .exportFilesStatus("succeeded")));
    String group = data.streamGroups(WEST).get(0).get("Id").asText();
    AwsServiceException e = assertError(ValidationException.class, 400, () -> west.listStreamSessions(b -> b
        .identifier(group).status("active")));
    assertTrue(e.awsErrorDetails().errorMessage().contains("Member must satisfy enum value set"),
        e.awsErrorDetails().errorMessage());
  }

  @ParameterizedTest(name = "Identifier={0}")
  @ValueSource(strings = {"sg bad", "sg_1", "arn:aws:gameliftstreams:us-west-2:12345:streamgroup/sg-1",
      "sg-0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
          + "01234567890123456789012345"})
  void identifiersOutsideTheModelPatternAreValidationErrors(String identifier) {
    assertError(ValidationException.class, 400, () -> west.listStreamSessions(b -> b.identifier(identifier)));
    assertError(ValidationException.class, 400, () -> west.getStreamSession(b -> b.identifier("sg-1")
        .streamSessionIdentifier(identifier)));
  }

  @Test
  void garbledOrForeignNextTokensAreValidationErrors() {
    String activeToken = west.listStreamSessionsByAccount(b -> b.status("ACTIVE").maxResults(1)).nextToken();
    String group = data.streamGroups(WEST).get(0).get("Id").asText();
    String otherGroup = data.streamGroups(WEST).get(1).get("Id").asText();
    String groupToken = west.listStreamSessions(b -> b.identifier(group).maxResults(1)).nextToken();

    assertError(ValidationException.class, 400, () -> west.listStreamSessionsByAccount(b -> b.nextToken("garbage")));
    assertError(ValidationException.class, 400, () -> west.listStreamSessionsByAccount(b -> b
        .status("TERMINATED").nextToken(activeToken)));
    assertError(ValidationException.class, 400, () -> west.listStreamSessions(b -> b
        .identifier(group).nextToken(activeToken)));
    assertError(ValidationException.class, 400, () -> west.listStreamSessions(b -> b
        .identifier(otherGroup).nextToken(groupToken)));
    assertError(ValidationException.class, 400, () -> west.listApplications(b -> b.nextToken(groupToken)));
    assertEquals(1, west.listStreamSessionsByAccount(b -> b.status("ACTIVE").maxResults(1)
        .nextToken(activeToken)).items().size(), "the token still works where it was issued");
  }

  @Test
  void unknownStreamGroupsAndSessionsAreNotFound() {
    String group = data.streamGroups(WEST).get(0).get("Id").asText();

    assertError(ResourceNotFoundException.class, 404, () -> west.listStreamSessions(b -> b.identifier("sg-000000000")));
    assertError(ResourceNotFoundException.class, 404, () -> west.getStreamSession(b -> b
        .identifier("sg-000000000").streamSessionIdentifier("ABC123def4567")));
    assertError(ResourceNotFoundException.class, 404, () -> west.getStreamSession(b -> b
        .identifier(group).streamSessionIdentifier("ABC123def4567")));
    // A session of another group, by id or ARN, is not in this one.
    String other = data.streamSessions(WEST).stream().map(s -> s.get("Arn").asText())
        .filter(arn -> !arn.split("/")[1].equals(group)).findFirst().orElseThrow();
    assertError(ResourceNotFoundException.class, 404, () -> west.getStreamSession(b -> b
        .identifier(group).streamSessionIdentifier(other.split("/")[2])));
    assertError(ResourceNotFoundException.class, 404, () -> west.getStreamSession(b -> b
        .identifier(group).streamSessionIdentifier(other)));
  }

  @Test
  void deniedOperationsAnswerAccessDeniedWhileOthersStillWork() {
    emulator.setDeniedOperations(Set.of("ListStreamSessionsByAccount"));

    assertError(AccessDeniedException.class, 403, () -> west.listStreamSessionsByAccount(b -> { }));
    assertFalse(west.listStreamGroups(b -> { }).items().isEmpty());
    assertEquals("AccessDeniedException", emulator.requestLog().entries().get(0).errorType());
  }

  @Test
  void throttleRateOneThrottlesEveryRequest() {
    emulator.setThrottleRate(1.0);

    assertError(ThrottlingException.class, 429, () -> west.listStreamSessionsByAccount(b -> { }));
    assertEquals(1, emulator.requestLog().count("ListStreamSessionsByAccount"), "SDK retries are off");
  }

  @Test
  void errorRateOneFailsEveryRequest() {
    emulator.setErrorRate(1.0);

    assertError(InternalServerException.class, 500, () -> west.listApplications(b -> { }));
  }

  @Test
  void faultRatesAreAppliedPerRequest() {
    emulator.setThrottleRate(0.5);
    int throttled = 0;
    for (int i = 0; i < 200; i++) {
      try {
        west.listApplications(b -> { });
      } catch (ThrottlingException e) {
        throttled++;
      }
    }
    assertTrue(throttled > 50 && throttled < 150, "about half of 200 requests throttled: " + throttled);
  }

  @Test
  void optionsCarryTheFaultsFromTheStart() throws Exception {
    try (Emulator faulty = Emulator.start(EmulatorOptions.defaults().withSessions(20).withErrorRate(1.0));
       GameLiftStreamsClient client = sdkClient(faulty, Region.US_WEST_2)) {
      assertError(InternalServerException.class, 500, () -> client.listStreamGroups(b -> { }));
    }
  }

  @Test
  void rawRequestBuildersWorkToo() {
    ListStreamSessionsRequest request = ListStreamSessionsRequest.builder()
        .identifier(data.streamGroups(WEST).get(0).get("Arn").asText()).build();
    ListStreamSessionsByAccountRequest byAccount = ListStreamSessionsByAccountRequest.builder()
        .status(StreamSessionStatus.CONNECTED).exportFilesStatus(ExportFilesStatus.PENDING).build();

    assertEquals(25, west.listStreamSessions(request).items().size());
    assertEquals(arns(filtered(data.streamSessions(WEST), "CONNECTED", "PENDING")).subList(0, 25),
        sdkArns(west.listStreamSessionsByAccount(byAccount).items()));
  }

  private static List<String> sdkArns(List<StreamSessionSummary> sessions) {
    return sessions.stream().map(StreamSessionSummary::arn).toList();
  }

  private static AwsServiceException assertError(Class<? extends AwsServiceException> type, int status,
                          Executable call) {
    AwsServiceException e = assertThrows(type, call);
    assertEquals(status, e.statusCode());
    assertEquals(type.getSimpleName(), e.awsErrorDetails().errorCode());
    assertFalse(e.awsErrorDetails().errorMessage().isBlank());
    return e;
  }
}
