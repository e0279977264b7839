package dev.gameliftstreams.jdbc.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Seeded demo data in API shape: two regions with stream groups, applications and stream sessions. Uses only
 * {@link Random} with a fixed seed and a fixed clock, so output depends on nothing but (seed, sessions).
 */
final class DemoDataGenerator {

  static final String ACCOUNT_ID = "123456789012";

  private static final long START_MILLIS = Instant.parse("2024-11-01T00:00:00Z").toEpochMilli();
  private static final long SESSION_SPAN_MILLIS = Duration.ofDays(30).toMillis();
  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
  private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** A region's shape; the first location is the home region, the others are remote stream locations. */
  private record RegionPlan(String name, List<String> locations, int streamGroups, int applications) {
  }

  private static final List<RegionPlan> REGIONS = List.of(
      new RegionPlan("us-west-2", List.of("us-west-2", "us-east-1", "ap-northeast-1"), 4, 4),
      new RegionPlan("us-east-1", List.of("us-east-1", "eu-central-1", "us-west-2"), 3, 3));

  /** (Status, StatusReason, ExportFilesMetadata.Status) that every region gets once, so each enum value occurs. */
  private static final String[][] COVERAGE = {
      {"ACTIVATING", null, null},
      {"ACTIVE", null, "PENDING"},
      {"CONNECTED", null, "PENDING"},
      {"PENDING_CLIENT_RECONNECTION", null, null},
      {"RECONNECTING", null, "PENDING"},
      {"TERMINATING", "apiTerminated", "PENDING"},
      {"TERMINATED", "applicationExit", "SUCCEEDED"},
      {"TERMINATED", "connectionTimeout", null},
      {"TERMINATED", "reconnectionTimeout", "FAILED"},
      {"TERMINATED", "maxSessionLengthTimeout", "SUCCEEDED"},
      {"TERMINATED", "idleTimeout", null},
      {"TERMINATED", "apiTerminated", "SUCCEEDED"},
      {"ERROR", "internalError", "FAILED"},
      {"ERROR", "invalidSignalRequest", null},
      {"ERROR", "placementTimeout", null},
      {"ERROR", "applicationLogS3DestinationError", "FAILED"},
  };

  /** Status mix of the remaining sessions, in percent: most sessions of a busy account have ended. */
  private static final String[] STATUSES = {"TERMINATED", "CONNECTED", "ERROR", "ACTIVE", "ACTIVATING",
      "TERMINATING", "PENDING_CLIENT_RECONNECTION", "RECONNECTING"};
  private static final int[] STATUS_PERCENT = {62, 10, 7, 6, 4, 4, 4, 3};

  private static final String[] ERROR_REASONS = {"placementTimeout", "internalError", "invalidSignalRequest",
      "applicationLogS3DestinationError"};
  private static final String[] END_REASONS = {"apiTerminated", "applicationExit", "connectionTimeout",
      "reconnectionTimeout", "maxSessionLengthTimeout", "idleTimeout"};

  private static final String[] GROUP_DESCRIPTIONS = {"Production streaming", "Staging", "Load test",
      "Trade show demo"};
  private static final String[] STREAM_CLASSES = {"gen4n_high", "gen5n_ultra", "gen6n_medium", "gen5n_win2022"};
  private static final String[] GROUP_STATUSES = {"ACTIVE", "ACTIVE", "ACTIVE_WITH_ERRORS", "UPDATING_LOCATIONS"};
  private static final String[] APP_DESCRIPTIONS = {"Racing game 1.4.2", "Puzzle adventure", "Arena shooter beta",
      "Racing game 1.5.0-rc1"};
  private static final String[] APP_STATUSES = {"READY", "READY", "READY", "PROCESSING"};
  private static final String[][] RUNTIMES = {{"PROTON", "20241007"}, {"WINDOWS", "2022"},
      {"UBUNTU", "22_04_LTS"}, {"PROTON", "20250516"}};

  /** GetStreamSession-only members: labels of StartStreamSession's Description. */
  private static final String[] SESSION_DESCRIPTIONS = {"Ranked match", "Playtest build 1.4.2", "Tournament qualifier",
      "Support repro", "Demo kiosk 3"};
  private static final String[][] LAUNCH_ARGS = {{"-windowed", "-lang=en"}, {"--map", "harbor", "--bots=4"},
      {"-benchmark"}, {"-lang=ja", "-subtitles"}, {"--replay", "s3://gls-replays/match-0142.rpl"}};
  private static final String[] LOG_LEVELS = {"info", "debug", "warn"};
  private static final String[] GAME_MODES = {"ranked", "casual", "coop"};

  private final Random random;
  private final String accountId;
  /** Draws the detail members, so adding them left every summary member as it was for a given seed. */
  private final Random details;
  private final Set<String> issuedIds = new HashSet<>();

  private DemoDataGenerator(long seed, String accountId) {
    this.random = new Random(seed);
    this.details = new Random(~seed);
    this.accountId = accountId;
  }

  static EmulatorData generate(long seed, int sessions) {
    return generate(seed, sessions, ACCOUNT_ID);
  }

  /** Two thirds of the sessions go to us-west-2, the rest to us-east-1. */
  static EmulatorData generate(long seed, int sessions, String accountId) {
    DemoDataGenerator generator = new DemoDataGenerator(seed, accountId);
    int west = sessions - sessions / 3;
    Map<String, EmulatorData.RegionData> regions = new LinkedHashMap<>();
    regions.put(REGIONS.get(0).name(), generator.region(REGIONS.get(0), west));
    regions.put(REGIONS.get(1).name(), generator.region(REGIONS.get(1), sessions - west));
    return new EmulatorData(accountId, regions);
  }

  private EmulatorData.RegionData region(RegionPlan plan, int sessionCount) {
    List<ObjectNode> applications = new ArrayList<>();
    for (int i = 0; i < plan.applications(); i++) {
      applications.add(application(plan, i));
    }
    List<ObjectNode> groups = new ArrayList<>();
    for (int i = 0; i < plan.streamGroups(); i++) {
      // Only the first three applications are READY, so every default application can stream.
      groups.add(streamGroup(plan, i, applications.get(i % 3)));
    }
    List<String[]> kinds = sessionKinds(sessionCount);
    List<ObjectNode> sessions = new ArrayList<>();
    long createdAt = START_MILLIS;
    long meanGap = SESSION_SPAN_MILLIS / Math.max(1, sessionCount);
    for (String[] kind : kinds) {
      createdAt += 1 + (long) (random.nextDouble() * 2 * meanGap);
      sessions.add(session(plan, groups.get(random.nextInt(groups.size())), kind, createdAt, sessionCount));
    }
    return new EmulatorData.RegionData(groups, applications, sessions);
  }

  /** The coverage rows (as far as the count allows) plus random ones, shuffled into a random order. */
  private List<String[]> sessionKinds(int count) {
    List<String[]> kinds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      kinds.add(i < COVERAGE.length ? COVERAGE[i] : randomKind());
    }
    Collections.shuffle(kinds, random);
    return kinds;
  }

  private String[] randomKind() {
    String status = STATUSES[weightedIndex()];
    String reason = switch (status) {
      case "ERROR" -> pick(ERROR_REASONS);
      case "TERMINATED", "TERMINATING" -> pick(END_REASONS);
      default -> null;
    };
    String export = null;
    if (random.nextInt(100) < 35) {
      export = switch (status) {
        case "TERMINATED" -> random.nextInt(100) < 85 ? "SUCCEEDED" : "FAILED";
        case "ERROR" -> "FAILED";
        default -> "PENDING";
      };
    }
    return new String[] {status, reason, export};
  }

  private int weightedIndex() {
    int roll = random.nextInt(100);
    int i = 0;
    while (roll >= STATUS_PERCENT[i]) {
      roll -= STATUS_PERCENT[i++];
    }
    return i;
  }

  private ObjectNode application(RegionPlan plan, int index) {
    String id = uniqueId("a-", 9);
    long created = START_MILLIS - (60 + random.nextInt(300)) * DAY_MILLIS - random.nextInt(86_400_000);
    String[] runtime = RUNTIMES[index % RUNTIMES.length];
    ObjectNode app = Json.MAPPER.createObjectNode();
    app.put("Arn", arn(plan, "application/" + id));
    app.put("Id", id);
    app.put("Description", APP_DESCRIPTIONS[index % APP_DESCRIPTIONS.length]);
    app.put("Status", APP_STATUSES[index % APP_STATUSES.length]);
    app.set("CreatedAt", Json.timestamp(created));
    app.set("LastUpdatedAt", Json.timestamp(created + random.nextInt(30) * DAY_MILLIS + random.nextInt(86_400_000)));
    app.putObject("RuntimeEnvironment").put("Type", runtime[0]).put("Version", runtime[1]);
    return app;
  }

  private ObjectNode streamGroup(RegionPlan plan, int index, ObjectNode defaultApplication) {
    String id = uniqueId("sg-", 9);
    long created = START_MILLIS - (30 + random.nextInt(60)) * DAY_MILLIS - random.nextInt(86_400_000);
    ObjectNode group = Json.MAPPER.createObjectNode();
    group.put("Arn", arn(plan, "streamgroup/" + id));
    group.put("Id", id);
    group.put("Description", GROUP_DESCRIPTIONS[index % GROUP_DESCRIPTIONS.length]);
    group.putObject("DefaultApplication")
        .put("Id", defaultApplication.get("Id").asText())
        .put("Arn", defaultApplication.get("Arn").asText());
    group.put("StreamClass", STREAM_CLASSES[index % STREAM_CLASSES.length]);
    group.put("Status", GROUP_STATUSES[index % GROUP_STATUSES.length]);
    group.set("CreatedAt", Json.timestamp(created));
    group.set("LastUpdatedAt", Json.timestamp(created + random.nextInt(20) * DAY_MILLIS + random.nextInt(86_400_000)));
    group.set("ExpiresAt", Json.timestamp(created + 365 * DAY_MILLIS));
    return group;
  }

  private ObjectNode session(RegionPlan plan, ObjectNode group, String[] kind, long createdAt, int sessionCount) {
    String groupId = group.get("Id").asText();
    String id = uniqueId("", 13);
    String status = kind[0];
    boolean ended = status.equals("TERMINATED") || status.equals("ERROR");
    long lifetime = ended ? 30_000 + random.nextInt(4 * 3_600_000) : 1_000 + random.nextInt(20 * 60_000);
    ObjectNode session = Json.MAPPER.createObjectNode();
    session.put("Arn", arn(plan, "streamsession/" + groupId + "/" + id));
    session.put("UserId", String.format("player-%05d", random.nextInt(Math.max(1, sessionCount / 4))));
    session.put("Status", status);
    if (kind[1] != null) {
      session.put("StatusReason", kind[1]);
    }
    session.put("Protocol", "WebRTC");
    session.set("LastUpdatedAt", Json.timestamp(createdAt + lifetime));
    session.set("CreatedAt", Json.timestamp(createdAt));
    session.put("ApplicationArn", group.get("DefaultApplication").get("Arn").asText());
    if (kind[2] != null) {
      // The output URI is where the files went (or would have gone); only a failure has a reason.
      ObjectNode export = session.putObject("ExportFilesMetadata");
      export.put("Status", kind[2]);
      if (!kind[2].equals("PENDING")) {
        export.put("OutputUri", "s3://gls-exports-" + plan.name() + "/sessions/" + groupId + "/"
            + (details.nextBoolean() ? id + "/" : id + ".zip"));
      }
      if (kind[2].equals("FAILED")) {
        export.put("StatusReason", details.nextBoolean()
            ? "Could not upload exported files: access denied to the S3 bucket."
            : "The stream session ended before its files could be collected.");
      }
    }
    // Most sessions stream from the home region; a quarter from the group's remote locations.
    List<String> locations = plan.locations();
    session.put("Location", random.nextInt(4) > 0 ? locations.get(0)
        : locations.get(1 + random.nextInt(locations.size() - 1)));
    addDetails(plan, session, id, ended);
    return session;
  }

  /** The members only GetStreamSession answers, as StartStreamSession callers typically set them. */
  private void addDetails(RegionPlan plan, ObjectNode session, String id, boolean ended) {
    if (details.nextInt(100) < 40) {
      session.put("Description", SESSION_DESCRIPTIONS[details.nextInt(SESSION_DESCRIPTIONS.length)]);
    }
    session.put("ConnectionTimeoutSeconds", details.nextInt(100) < 80 ? 120 : 600);
    session.put("SessionLengthSeconds", details.nextInt(100) < 70 ? 43_200 : 3_600 * (1 + details.nextInt(8)));
    if (details.nextInt(100) < 30) {
      ArrayNode args = session.putArray("AdditionalLaunchArgs");
      for (String arg : LAUNCH_ARGS[details.nextInt(LAUNCH_ARGS.length)]) {
        args.add(arg);
      }
    }
    if (details.nextInt(100) < 25) {
      ObjectNode env = session.putObject("AdditionalEnvironmentVariables");
      env.put("GAME_MODE", GAME_MODES[details.nextInt(GAME_MODES.length)]);
      env.put("LOG_LEVEL", LOG_LEVELS[details.nextInt(LOG_LEVELS.length)]);
      if (details.nextInt(100) < 30) {
        // Callers pass credentials this way too: the driver must never log these values.
        env.put("MATCH_SERVICE_TOKEN", randomString(details, "mst-", 24));
      }
    }
    if (details.nextInt(100) < 60) {
      session.putObject("PerformanceStatsConfiguration").put("SharedWithClient", details.nextInt(100) < 30);
    }
    if (ended && details.nextInt(100) < 70) {
      session.put("LogFileLocationUri", "s3://gls-logs-" + plan.name() + "/" + id + "/");
    }
    session.put("WebSdkProtocolUrl", "https://gameliftstreams-websdk-" + plan.name() + ".s3." + plan.name()
        + ".amazonaws.com/protocol/v1/" + id);
  }

  private static String randomString(Random source, String prefix, int length) {
    StringBuilder value = new StringBuilder(prefix);
    for (int i = 0; i < length; i++) {
      value.append(ALPHANUMERIC.charAt(source.nextInt(ALPHANUMERIC.length())));
    }
    return value.toString();
  }

  private String arn(RegionPlan plan, String resource) {
    return "arn:aws:gameliftstreams:" + plan.name() + ":" + accountId + ":" + resource;
  }

  private String uniqueId(String prefix, int length) {
    while (true) {
      String id = randomString(random, prefix, length);
      if (issuedIds.add(id)) {
        return id;
      }
    }
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }
}
