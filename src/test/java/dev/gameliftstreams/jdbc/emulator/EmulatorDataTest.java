package dev.gameliftstreams.jdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.gameliftstreams.model.ExportFilesStatus;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionStatus;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionStatusReason;

/** The generated demo data: deterministic, realistic, and covering every enum value of the model. */
class EmulatorDataTest {

  private static final EmulatorData DATA = EmulatorData.generate(42, 5000);
  private static final Set<String> REASONED_STATUSES = Set.of("TERMINATED", "TERMINATING", "ERROR");

  @Test
  void theSameSeedAndCountGiveByteIdenticalData() {
    assertEquals(DATA.toJson(), EmulatorData.generate(42, 5000).toJson());
    assertNotEquals(DATA.toJson(), EmulatorData.generate(43, 5000).toJson());
  }

  @Test
  void sessionsAreSplitOverTwoRegions() {
    assertEquals(List.of("us-west-2", "us-east-1"), List.copyOf(DATA.regions()));
    assertEquals(5000, DATA.streamSessions("us-west-2").size() + DATA.streamSessions("us-east-1").size());
    assertTrue(DATA.streamSessions("us-east-1").size() > 1000);
    assertEquals("123456789012", DATA.accountId());
  }

  @Test
  void eachRegionHasEveryStatusStatusReasonAndExportFilesStatus() {
    for (String region : DATA.regions()) {
      List<ObjectNode> sessions = DATA.streamSessions(region);
      assertEquals(names(StreamSessionStatus.knownValues()), values(sessions, "/Status"), region);
      assertEquals(names(StreamSessionStatusReason.knownValues()), values(sessions, "/StatusReason"), region);
      assertEquals(names(ExportFilesStatus.knownValues()), values(sessions, "/ExportFilesMetadata/Status"), region);
    }
  }

  @Test
  void onlyEndingOrFailedSessionsHaveAStatusReason() {
    for (ObjectNode session : allSessions()) {
      assertEquals(REASONED_STATUSES.contains(session.get("Status").asText()), session.has("StatusReason"),
          session::toString);
    }
  }

  @Test
  void someSessionsExportFilesToS3() {
    List<ObjectNode> exporting = allSessions().stream().filter(s -> s.has("ExportFilesMetadata")).toList();

    assertTrue(exporting.size() > 1000 && exporting.size() < 3000, "some, not all: " + exporting.size());
    for (ObjectNode session : exporting) {
      JsonNode export = session.get("ExportFilesMetadata");
      String status = export.get("Status").asText();
      // The model's OutputUri pattern; where files went once the export finished, a reason only for a failure.
      assertEquals(!status.equals("PENDING"), export.has("OutputUri"), export::toString);
      if (export.has("OutputUri")) {
        assertTrue(export.get("OutputUri").asText().matches("s3://.*(/|\\.zip|\\.ZIP)"), export::toString);
      }
      assertEquals(status.equals("FAILED"), export.has("StatusReason"), export::toString);
    }
  }

  @Test
  void someSessionsCarryTheDetailsOnlyGetStreamSessionAnswers() {
    List<ObjectNode> sessions = allSessions();
    for (ObjectNode session : sessions) {
      int timeout = session.get("ConnectionTimeoutSeconds").asInt();
      int length = session.get("SessionLengthSeconds").asInt();
      assertTrue(timeout >= 1 && timeout <= 3600 && length >= 1 && length <= 86_400, session::toString);
      assertTrue(session.get("WebSdkProtocolUrl").asText().startsWith("https://"), session::toString);
      assertTrue(!session.has("Description")
          || session.get("Description").asText().matches("[a-zA-Z0-9-_.!+@/][a-zA-Z0-9-_.!+@/ ]*"));
      assertTrue(!session.has("LogFileLocationUri") || Set.of("TERMINATED", "ERROR")
          .contains(session.get("Status").asText()), "logs are uploaded at the end of a session");
    }
    for (String member : List.of("Description", "AdditionalLaunchArgs", "AdditionalEnvironmentVariables",
        "PerformanceStatsConfiguration", "LogFileLocationUri")) {
      long having = sessions.stream().filter(s -> s.has(member)).count();
      assertTrue(having > 100 && having < sessions.size(), member + ": some, not all: " + having);
    }
    assertTrue(sessions.stream().anyMatch(s -> s.at("/PerformanceStatsConfiguration/SharedWithClient").asBoolean()));
    assertTrue(sessions.stream().anyMatch(s -> s.at("/AdditionalEnvironmentVariables/MATCH_SERVICE_TOKEN").isTextual()),
        "some sessions pass a secret in their environment");
  }

  @Test
  void sessionsReferenceStreamGroupsAndApplicationsOfTheirRegion() {
    for (String region : DATA.regions()) {
      Set<String> groupIds = DATA.streamGroups(region).stream().map(g -> g.get("Id").asText())
          .collect(Collectors.toSet());
      Set<String> appArns = DATA.applications(region).stream().map(a -> a.get("Arn").asText())
          .collect(Collectors.toSet());
      for (ObjectNode session : DATA.streamSessions(region)) {
        assertTrue(session.get("Arn").asText().matches(
            "arn:aws:gameliftstreams:" + region + ":123456789012:streamsession/sg-[A-Za-z0-9]{9}/[A-Za-z0-9]{13}"));
        assertTrue(groupIds.contains(EmulatorData.streamGroupIdOfSession(session)));
        assertTrue(appArns.contains(session.get("ApplicationArn").asText()));
        assertEquals("WebRTC", session.get("Protocol").asText());
        assertTrue(session.get("UserId").asText().matches("[-_a-zA-Z0-9/=+]+"));
      }
      for (ObjectNode group : DATA.streamGroups(region)) {
        assertEquals("arn:aws:gameliftstreams:" + region + ":123456789012:streamgroup/" + group.get("Id").asText(),
            group.get("Arn").asText());
        assertTrue(appArns.contains(group.at("/DefaultApplication/Arn").asText()));
        assertTrue(group.has("StreamClass") && group.has("ExpiresAt") && group.has("LastUpdatedAt"));
      }
      for (ObjectNode app : DATA.applications(region)) {
        assertTrue(app.at("/RuntimeEnvironment/Type").asText().matches("PROTON|WINDOWS|UBUNTU"));
      }
    }
  }

  @Test
  void sessionsStreamFromSeveralLocations() {
    Set<String> locations = values(allSessions(), "/Location");

    assertTrue(locations.containsAll(Set.of("us-west-2", "us-east-1", "ap-northeast-1")), locations::toString);
  }

  @Test
  void timestampsAreEpochSecondsWithMilliseconds() {
    for (ObjectNode session : allSessions()) {
      JsonNode created = session.get("CreatedAt");
      assertTrue(created.isBigDecimal() && created.decimalValue().scale() == 3, created::toString);
      assertTrue(session.get("LastUpdatedAt").decimalValue().compareTo(created.decimalValue()) > 0);
    }
  }

  @Test
  void toJsonParsesBackToTheSameData(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("data.json");
    Files.writeString(file, DATA.toJson());

    EmulatorData loaded = EmulatorData.load(file);

    assertEquals(DATA.toJson(), loaded.toJson());
    assertEquals(DATA.streamSessions("us-east-1"), loaded.streamSessions("us-east-1"));
  }

  @Test
  void unknownRegionsAreEmpty() {
    assertTrue(DATA.streamSessions("eu-west-1").isEmpty());
    assertTrue(DATA.streamGroups("eu-west-1").isEmpty());
    assertTrue(DATA.applications("eu-west-1").isEmpty());
  }

  @Test
  void malformedDataIsRejectedWithAReason() {
    assertThrows(IllegalArgumentException.class, () -> EmulatorData.parse("not json"));
    assertThrows(IllegalArgumentException.class, () -> EmulatorData.parse("{\"regions\": {}}"));
    assertThrows(IllegalArgumentException.class, () -> EmulatorData.parse(
        "{\"accountId\": \"1\", \"regions\": {\"us-west-2\": {\"streamSessions\": {}}}}"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmulatorData.parse(
        "{\"accountId\": \"1\", \"regions\": {\"us-west-2\": {\"streamSessions\": [{\"Arn\": \"x\"}]}}}"));
    assertTrue(e.getMessage().contains("not a stream session ARN"), e.getMessage());
  }

  @Test
  void itemsLackingWhatTheServiceAlwaysAnswersAreRejectedAtLoadNotAtQueryTime(@TempDir Path dir)
      throws IOException {
    String groupWithoutId = "{\"accountId\": \"1\", \"regions\": {\"us-west-2\": {\"streamGroups\": ["
        + "{\"Arn\": \"arn:aws:gameliftstreams:us-west-2:1:streamgroup/sg-1\", \"Id\": \"sg-1\"},"
        + "{\"Arn\": \"arn:aws:gameliftstreams:us-west-2:1:streamgroup/sg-2\"}]}}}";
    Path file = dir.resolve("data.json");
    Files.writeString(file, groupWithoutId);
    IOException e = assertThrows(IOException.class, () -> EmulatorData.load(file));
    assertTrue(e.getMessage().contains("us-west-2.streamGroups[1] lacks the required member Id"), e.getMessage());
    for (String[] bad : new String[][] {
        {"applications", "{\"Id\": \"a-1\"}", "us-west-2.applications[0] lacks the required member Arn"},
        {"streamSessions", "{\"Status\": \"ACTIVE\"}", "us-west-2.streamSessions[0] lacks the required member Arn"}}) {
      IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class, () -> EmulatorData.parse(
          "{\"accountId\": \"1\", \"regions\": {\"us-west-2\": {\"" + bad[0] + "\": [" + bad[1] + "]}}}"));
      assertTrue(invalid.getMessage().contains(bad[2]), invalid.getMessage());
    }
  }

  @Test
  void smallDataSetsStillGenerate() {
    EmulatorData tiny = EmulatorData.generate(1, 3);

    assertEquals(2, tiny.streamSessions("us-west-2").size());
    assertEquals(1, tiny.streamSessions("us-east-1").size());
    assertTrue(EmulatorData.generate(1, 0).streamSessions("us-west-2").isEmpty());
  }

  private static List<ObjectNode> allSessions() {
    return DATA.regions().stream().flatMap(r -> DATA.streamSessions(r).stream()).toList();
  }

  private static Set<String> values(List<ObjectNode> nodes, String pointer) {
    return nodes.stream().map(n -> n.at(pointer)).filter(JsonNode::isTextual).map(JsonNode::asText)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> names(Set<?> enumValues) {
    return enumValues.stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new));
  }
}
