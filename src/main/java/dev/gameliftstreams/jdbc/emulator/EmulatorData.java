package dev.gameliftstreams.jdbc.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resources an {@link Emulator} serves, as API-shaped Jackson objects (PascalCase members, timestamps as
 * epoch seconds). File format:
 * <pre>{"accountId": "123456789012", "regions": {"us-west-2": {"streamGroups": [StreamGroupSummary...],
 *   "applications": [ApplicationSummary...], "streamSessions": [StreamSessionSummary...]}}}</pre>
 * A session belongs to the stream group named in its ARN ({@code .../streamsession/sg-.../id}).
 * List order is the order the API answers in.
 */
public final class EmulatorData {

  private static final String SESSION_ARN_MARKER = ":streamsession/";

  /**
   * One region's resources, plus the indexes the stream group operations need: sessions by group, and by
   * {@code group/id} and by ARN for GetStreamSession (the first session wins, as in list order), so that
   * a lookup costs the same however many sessions the region holds.
   */
  record RegionData(List<ObjectNode> streamGroups, List<ObjectNode> applications,
           List<ObjectNode> streamSessions, Map<String, List<ObjectNode>> sessionsByGroup,
           Map<String, ObjectNode> sessionsByKey) {

    RegionData(List<ObjectNode> streamGroups, List<ObjectNode> applications, List<ObjectNode> streamSessions) {
      this(List.copyOf(streamGroups), List.copyOf(applications), List.copyOf(streamSessions),
          indexByGroup(streamSessions), indexByKey(streamSessions));
    }

    private static Map<String, ObjectNode> indexByKey(List<ObjectNode> sessions) {
      Map<String, ObjectNode> byKey = new HashMap<>();
      for (ObjectNode session : sessions) {
        byKey.putIfAbsent(streamGroupIdOfSession(session) + "/" + sessionId(session), session);
        byKey.putIfAbsent(session.path("Arn").asText(), session);
      }
      return Collections.unmodifiableMap(byKey);
    }

    private static Map<String, List<ObjectNode>> indexByGroup(List<ObjectNode> sessions) {
      Map<String, List<ObjectNode>> byGroup = new LinkedHashMap<>();
      for (ObjectNode session : sessions) {
        byGroup.computeIfAbsent(streamGroupIdOfSession(session), g -> new ArrayList<>()).add(session);
      }
      byGroup.replaceAll((group, list) -> List.copyOf(list));
      return Collections.unmodifiableMap(byGroup);
    }
  }

  private static final RegionData EMPTY_REGION = new RegionData(List.of(), List.of(), List.of());

  private final String accountId;
  private final Map<String, RegionData> regions;

  EmulatorData(String accountId, Map<String, RegionData> regions) {
    this.accountId = accountId;
    this.regions = Collections.unmodifiableMap(new LinkedHashMap<>(regions));
  }

  public static EmulatorData load(Path file) throws IOException {
    try {
      return parse(Files.readString(file));
    } catch (IllegalArgumentException e) {
      throw new IOException("Invalid emulator data file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses the data-file format; throws {@link IllegalArgumentException} when it is malformed. */
  public static EmulatorData parse(String json) {
    return from(Json.readTree(json));
  }

  /** Reads one account's data from its parsed tree; throws {@link IllegalArgumentException} when malformed. */
  static EmulatorData from(JsonNode root) {
    if (root == null || !root.path("accountId").isTextual() || !root.path("regions").isObject()) {
      throw new IllegalArgumentException("expected {\"accountId\": \"...\", \"regions\": {...}}");
    }
    Map<String, RegionData> regions = new LinkedHashMap<>();
    // Required: what the service always answers (the model requires only Arn, but lists carry Id too).
    root.get("regions").fields().forEachRemaining(region -> regions.put(region.getKey(), new RegionData(
        objects(region, "streamGroups", "Arn", "Id"), objects(region, "applications", "Arn", "Id"),
        objects(region, "streamSessions", "Arn"))));
    return new EmulatorData(root.get("accountId").asText(), regions);
  }

  /** Deterministic demo data: the same seed and session count give byte-identical {@link #toJson()}. */
  public static EmulatorData generate(long seed, int sessions) {
    return DemoDataGenerator.generate(seed, sessions);
  }

  /** {@link #generate(long, int)} for another account id. */
  public static EmulatorData generate(long seed, int sessions, String accountId) {
    return DemoDataGenerator.generate(seed, sessions, accountId);
  }

  public String accountId() {
    return accountId;
  }

  public Set<String> regions() {
    return regions.keySet();
  }

  public List<ObjectNode> streamGroups(String region) {
    return region(region).streamGroups();
  }

  public List<ObjectNode> applications(String region) {
    return region(region).applications();
  }

  public List<ObjectNode> streamSessions(String region) {
    return region(region).streamSessions();
  }

  /** The data-file format, pretty-printed. */
  public String toJson() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("accountId", accountId);
    ObjectNode regionsNode = root.putObject("regions");
    regions.forEach((name, data) -> {
      ObjectNode region = regionsNode.putObject(name);
      region.putArray("streamGroups").addAll(data.streamGroups());
      region.putArray("applications").addAll(data.applications());
      region.putArray("streamSessions").addAll(data.streamSessions());
    });
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The stream group whose Id or Arn is {@code identifier}. */
  Optional<ObjectNode> findStreamGroup(String region, String identifier) {
    return streamGroups(region).stream()
        .filter(g -> identifier.equals(streamGroupId(g)) || identifier.equals(g.path("Arn").asText()))
        .findFirst();
  }

  /** The session of group {@code streamGroupId} whose id or Arn is {@code identifier}. */
  Optional<ObjectNode> findSession(String region, String streamGroupId, String identifier) {
    Map<String, ObjectNode> byKey = region(region).sessionsByKey();
    ObjectNode byId = byKey.get(streamGroupId + "/" + identifier);
    if (byId != null) {
      return Optional.of(byId);
    }
    return Optional.ofNullable(byKey.get(identifier))
        .filter(s -> identifier.equals(s.path("Arn").asText()) && streamGroupIdOfSession(s).equals(streamGroupId));
  }

  List<ObjectNode> sessionsOfGroup(String region, String streamGroupId) {
    return region(region).sessionsByGroup().getOrDefault(streamGroupId, List.of());
  }

  static String streamGroupId(ObjectNode group) {
    return group.path("Id").asText();
  }

  /** {@code sg-...} from {@code arn:aws:gameliftstreams:REGION:ACCOUNT:streamsession/sg-.../ID}. */
  static String streamGroupIdOfSession(ObjectNode session) {
    String arn = session.path("Arn").asText();
    int start = arn.indexOf(SESSION_ARN_MARKER);
    int end = arn.lastIndexOf('/');
    if (start < 0 || end <= start + SESSION_ARN_MARKER.length()) {
      throw new IllegalArgumentException("not a stream session ARN: '" + arn + "'");
    }
    return arn.substring(start + SESSION_ARN_MARKER.length(), end);
  }

  static String sessionId(ObjectNode session) {
    return lastSegment(session.path("Arn").asText());
  }

  private static String lastSegment(String arn) {
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  private RegionData region(String region) {
    return regions.getOrDefault(region, EMPTY_REGION);
  }

  private static List<ObjectNode> objects(Map.Entry<String, JsonNode> region, String member, String... required) {
    JsonNode array = region.getValue().path(member);
    if (array.isMissingNode()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException(region.getKey() + "." + member + " must be an array");
    }
    List<ObjectNode> objects = new ArrayList<>();
    for (JsonNode item : array) {
      if (!(item instanceof ObjectNode object)) {
        throw new IllegalArgumentException(region.getKey() + "." + member + " must hold objects only");
      }
      for (String name : required) {
        if (!object.path(name).isTextual() || object.get(name).asText().isEmpty()) {
          throw new IllegalArgumentException(region.getKey() + "." + member + "[" + objects.size()
              + "] lacks the required member " + name);
        }
      }
      objects.add(object);
    }
    return objects;
  }
}
