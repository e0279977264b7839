package dev.gameliftstreams.jdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The read operations of the GameLift Streams rest-json API (2018-05-10): routing, input validation with the
 * model's constraints, filtering and paging. Transport concerns (auth, faults, logging) live in {@link Emulator}.
 */
final class StreamsApi {

  static final String LIST_STREAM_SESSIONS = "ListStreamSessions";
  static final String LIST_STREAM_SESSIONS_BY_ACCOUNT = "ListStreamSessionsByAccount";
  static final String GET_STREAM_SESSION = "GetStreamSession";
  static final String LIST_STREAM_GROUPS = "ListStreamGroups";
  static final String LIST_APPLICATIONS = "ListApplications";

  /** Enum values of the model shapes StreamSessionStatus and ExportFilesStatus, in model order. */
  private static final List<String> SESSION_STATUSES = List.of("ACTIVATING", "ACTIVE", "CONNECTED",
      "PENDING_CLIENT_RECONNECTION", "RECONNECTING", "TERMINATING", "TERMINATED", "ERROR");
  private static final List<String> EXPORT_FILES_STATUSES = List.of("SUCCEEDED", "FAILED", "PENDING");

  private static final Pattern IDENTIFIER =
      Pattern.compile("(^[a-zA-Z0-9-]+$)|(^arn:aws:gameliftstreams:([^: ]*):([0-9]{12}):([^: ]*)$)");
  private static final int IDENTIFIER_MAX = 128;
  private static final int DEFAULT_MAX_RESULTS = 25;

  /** Members of the model's StreamSessionSummary: what the list operations answer per session. */
  private static final List<String> SUMMARY_MEMBERS = List.of("Arn", "UserId", "Status", "StatusReason", "Protocol",
      "LastUpdatedAt", "CreatedAt", "ApplicationArn", "ExportFilesMetadata", "Location");
  /** Members of GetStreamSessionOutput a data file may hold (StreamGroupId comes from the ARN; no signaling). */
  private static final List<String> DETAIL_MEMBERS = List.of("Arn", "Description", "UserId", "Status",
      "StatusReason", "Protocol", "Location", "ConnectionTimeoutSeconds", "SessionLengthSeconds",
      "AdditionalLaunchArgs", "AdditionalEnvironmentVariables", "PerformanceStatsConfiguration",
      "LogFileLocationUri", "WebSdkProtocolUrl", "LastUpdatedAt", "CreatedAt", "ApplicationArn",
      "ExportFilesMetadata");
  private static final int MAX_RESULTS_LIMIT = 100;

  /** A routed request: the API operation and its decoded path parameters. */
  record Call(String operation, List<String> pathParameters) {
  }

  private final EmulatorData data;
  private final List<String> sessionStatuses;
  private final List<String> exportFilesStatuses;

  StreamsApi(EmulatorData data) {
    this.data = data;
    // The service knows the statuses its sessions have, including ones newer than the model (e.g. PAUSED).
    this.sessionStatuses = withDataValues(SESSION_STATUSES, data, s -> s.path("Status"));
    this.exportFilesStatuses = withDataValues(EXPORT_FILES_STATUSES, data,
        s -> s.path("ExportFilesMetadata").path("Status"));
  }

  private static List<String> withDataValues(List<String> model, EmulatorData data,
      Function<ObjectNode, JsonNode> field) {
    Set<String> values = new LinkedHashSet<>(model);
    for (String region : data.regions()) {
      for (ObjectNode s : data.streamSessions(region)) {
        JsonNode v = field.apply(s);
        if (v.isTextual()) {
          values.add(v.asText());
        }
      }
    }
    return List.copyOf(values);
  }

  static Call route(String method, String rawPath) throws ApiException {
    String[] segments = rawPath.replaceAll("^/+|/+$", "").split("/", -1);
    List<String> params = new ArrayList<>();
    String operation = null;
    if (segments.length == 1) {
      operation = switch (segments[0]) {
        case "streamsessions" -> LIST_STREAM_SESSIONS_BY_ACCOUNT;
        case "streamgroups" -> LIST_STREAM_GROUPS;
        case "applications" -> LIST_APPLICATIONS;
        default -> null;
      };
    } else if ((segments.length == 3 || segments.length == 4)
        && segments[0].equals("streamgroups") && segments[2].equals("streamsessions")) {
      operation = segments.length == 3 ? LIST_STREAM_SESSIONS : GET_STREAM_SESSION;
      for (int i = 1; i < segments.length; i += 2) {
        params.add(decodePathSegment(segments[i]));
      }
    }
    if (operation == null || !method.equals("GET")) {
      throw ApiException.unknownOperation("No operation matches " + method + " " + rawPath);
    }
    return new Call(operation, params);
  }

  /** Answers a routed call for the caller's region; {@code query} holds the decoded query parameters. */
  ObjectNode invoke(Call call, String region, Map<String, String> query) throws ApiException {
    return switch (call.operation()) {
      case LIST_STREAM_GROUPS -> listResources(call.operation(), region, query, data.streamGroups(region));
      case LIST_APPLICATIONS -> listResources(call.operation(), region, query, data.applications(region));
      case LIST_STREAM_SESSIONS, LIST_STREAM_SESSIONS_BY_ACCOUNT -> listSessions(call, region, query);
      case GET_STREAM_SESSION -> getStreamSession(region, call.pathParameters());
      default -> throw new IllegalStateException("unrouted operation " + call.operation());
    };
  }

  private ObjectNode listResources(String operation, String region, Map<String, String> query,
                   List<ObjectNode> items) throws ApiException {
    List<String> violations = new ArrayList<>();
    int maxResults = maxResults(query, violations);
    throwIfInvalid(violations);
    return page(items, query, maxResults, PageToken.scope(operation, region), item -> item);
  }

  private ObjectNode listSessions(Call call, String region, Map<String, String> query) throws ApiException {
    boolean inGroup = call.operation().equals(LIST_STREAM_SESSIONS);
    List<String> violations = new ArrayList<>();
    if (inGroup) {
      checkIdentifier("identifier", call.pathParameters().get(0), violations);
    }
    int maxResults = maxResults(query, violations);
    String status = enumFilter(query, "Status", sessionStatuses, violations);
    String exportStatus = enumFilter(query, "ExportFilesStatus", exportFilesStatuses, violations);
    throwIfInvalid(violations);

    String groupId = "";
    List<ObjectNode> sessions = data.streamSessions(region);
    if (inGroup) {
      groupId = EmulatorData.streamGroupId(requireStreamGroup(region, call.pathParameters().get(0)));
      sessions = data.sessionsOfGroup(region, groupId);
    }
    if (status != null || exportStatus != null) {
      sessions = sessions.stream()
          .filter(s -> status == null || status.equals(s.path("Status").asText()))
          .filter(s -> exportStatus == null
              || exportStatus.equals(s.path("ExportFilesMetadata").path("Status").asText()))
          .toList();
    }
    String scope = PageToken.scope(call.operation(), region, groupId, String.valueOf(status),
        String.valueOf(exportStatus));
    // "In the returned list of stream sessions, the ExportFilesMetadata property only shows the Status value"
    // (ListStreamSessionsByAccount's documentation); ListStreamSessions items carry all of it.
    return page(sessions, query, maxResults, scope, s -> summary(s, !inGroup));
  }

  /** A session as a list item: the summary's members only. */
  private static ObjectNode summary(ObjectNode session, boolean exportStatusOnly) {
    ObjectNode item = select(session, SUMMARY_MEMBERS);
    JsonNode export = session.get("ExportFilesMetadata");
    if (exportStatusOnly && export != null) {
      ObjectNode statusOnly = item.putObject("ExportFilesMetadata");
      if (export.has("Status")) {
        statusOnly.set("Status", export.get("Status"));
      }
    }
    return item;
  }

  private static ObjectNode select(ObjectNode session, List<String> members) {
    ObjectNode item = Json.MAPPER.createObjectNode();
    for (String member : members) {
      JsonNode value = session.get(member);
      if (value != null) {
        item.set(member, value);
      }
    }
    return item;
  }

  /** Every member of GetStreamSessionOutput the data holds, plus StreamGroupId (no SignalRequest/Response). */
  private ObjectNode getStreamSession(String region, List<String> ids) throws ApiException {
    List<String> violations = new ArrayList<>();
    checkIdentifier("identifier", ids.get(0), violations);
    checkIdentifier("streamSessionIdentifier", ids.get(1), violations);
    throwIfInvalid(violations);
    String groupId = EmulatorData.streamGroupId(requireStreamGroup(region, ids.get(0)));
    ObjectNode session = data.findSession(region, groupId, ids.get(1))
        .orElseThrow(() -> ApiException.notFound(
            "Stream session " + ids.get(1) + " not found in stream group " + groupId + "."));
    ObjectNode answer = select(session, DETAIL_MEMBERS);
    answer.put("StreamGroupId", groupId);
    return answer;
  }

  private ObjectNode requireStreamGroup(String region, String identifier) throws ApiException {
    return data.findStreamGroup(region, identifier)
        .orElseThrow(() -> ApiException.notFound("Stream group " + identifier + " not found."));
  }

  private static ObjectNode page(List<ObjectNode> items, Map<String, String> query, int maxResults, String scope,
      UnaryOperator<ObjectNode> shape) throws ApiException {
    String token = query.get("NextToken");
    int from = token == null || token.isEmpty() ? 0 : PageToken.decode(token, scope, items.size());
    int to = Math.min(items.size(), from + maxResults);
    ObjectNode answer = Json.MAPPER.createObjectNode();
    ArrayNode page = answer.putArray("Items");
    items.subList(from, to).forEach(item -> page.add(shape.apply(item)));
    if (to < items.size()) {
      answer.put("NextToken", PageToken.encode(to, scope));
    }
    return answer;
  }

  private static int maxResults(Map<String, String> query, List<String> violations) {
    String value = query.get("MaxResults");
    if (value == null) {
      return DEFAULT_MAX_RESULTS;
    }
    int maxResults;
    try {
      maxResults = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      violations.add(violation(value, "maxResults", "Member must be an integer"));
      return DEFAULT_MAX_RESULTS;
    }
    if (maxResults < 1) {
      violations.add(violation(value, "maxResults", "Member must have value greater than or equal to 1"));
    } else if (maxResults > MAX_RESULTS_LIMIT) {
      violations.add(violation(value, "maxResults",
          "Member must have value less than or equal to " + MAX_RESULTS_LIMIT));
    }
    return maxResults;
  }

  private static String enumFilter(Map<String, String> query, String name, List<String> allowed,
                   List<String> violations) {
    String value = query.get(name);
    if (value != null && !allowed.contains(value)) {
      violations.add(violation(value, memberName(name), "Member must satisfy enum value set: " + allowed));
    }
    return value;
  }

  private static void checkIdentifier(String member, String value, List<String> violations) {
    if (value.isEmpty()) {
      violations.add(violation(value, member, "Member must have length greater than or equal to 1"));
    } else if (value.length() > IDENTIFIER_MAX) {
      violations.add(violation(value, member,
          "Member must have length less than or equal to " + IDENTIFIER_MAX));
    } else if (!IDENTIFIER.matcher(value).find()) {
      violations.add(violation(value, member,
          "Member must satisfy regular expression pattern: " + IDENTIFIER.pattern()));
    }
  }

  /** AWS names the member in camelCase in validation messages: ExportFilesStatus -> exportFilesStatus. */
  private static String memberName(String queryName) {
    return Character.toLowerCase(queryName.charAt(0)) + queryName.substring(1);
  }

  private static String violation(String value, String member, String constraint) {
    return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint;
  }

  /** One ValidationException listing every violation, worded like AWS's Coral validation. */
  private static void throwIfInvalid(List<String> violations) throws ApiException {
    if (!violations.isEmpty()) {
      throw ApiException.validation(violations.size() + " validation error"
          + (violations.size() == 1 ? "" : "s") + " detected: " + String.join("; ", violations));
    }
  }

  /** Path labels arrive percent-encoded ('/' and ':' of ARNs included); '+' is literal in a path. */
  private static String decodePathSegment(String segment) throws ApiException {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.validation("Malformed percent-encoding in path segment '" + segment + "'.");
    }
  }
}
