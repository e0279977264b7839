package dev.gameliftstreams.jdbc.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.common.collect.Iterators;
import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.aws.LazyJson;
import dev.gameliftstreams.jdbc.aws.Lookahead;
import dev.gameliftstreams.jdbc.aws.RowBudget;
import dev.gameliftstreams.jdbc.aws.ScanControl;
import dev.gameliftstreams.jdbc.aws.SessionDetail;
import dev.gameliftstreams.jdbc.aws.SessionRecord;
import dev.gameliftstreams.jdbc.pushdown.KeyColumn;
import dev.gameliftstreams.jdbc.pushdown.Pushdown;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.gameliftstreams.model.ExportFilesMetadata;
import software.amazon.awssdk.services.gameliftstreams.model.ExportFilesStatus;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamSessionResponse;

/**
 * {@code stream_session_details}: one row per session with what only GetStreamSession answers. Sessions named by
 * key ({@code arn}, or {@code stream_group_id} and {@code session_id}) are looked up directly; otherwise the scan
 * lists the sessions (per stream group when {@code stream_group_id} is given, filtered by {@code export_status})
 * and looks each up, lazily, a bounded window ahead of the consumer.
 */
final class StreamSessionDetailsTable extends ApiTable<StreamSessionDetailsTable.DetailRow>
    implements SessionLookupTable {

  /** A session to look up (region, stream group, id or ARN) and, once looked up, its details. */
  record DetailRow(String region, String streamGroup, String session, SessionDetail detail) {
    DetailRow with(SessionDetail found) {
      return new DetailRow(region, streamGroup, session, found);
    }

    GetStreamSessionResponse response() {
      return detail.response();
    }

    /** Names the session only: the details may hold secrets (environment variables). */
    @Override
    public String toString() {
      return "DetailRow[" + region + " " + streamGroup + " " + session + "]";
    }
  }

  private static final Column.Factory<DetailRow> ON = new Column.Factory<>();

  static final List<Column<DetailRow>> COLUMNS = List.of(
      ON.varchar("arn", r -> r.response().arn()).primaryKey().maxLength(128).references("stream_sessions")
          .remarks("ARN that uniquely identifies the stream session"),
      ON.varchar("session_id", r -> Arns.resourceSegment(r.response().arn(), 2)).notNull().maxLength(128)
          .remarks("ID of the stream session: the last segment of its ARN"),
      ON.varchar("stream_group_id", r -> r.response().streamGroupId()).notNull().maxLength(32)
          .remarks("ID of the stream group that hosts the session (sg-...)"),
      ON.varchar("region", DetailRow::region).notNull().remarks("AWS Region whose endpoint answered"),
      ON.varchar("account_id", r -> Arns.account(r.response().arn())).notNull().maxLength(12)
          .remarks("AWS account that owns the session, from its ARN"),
      ON.varchar("description", r -> r.response().description()).maxLength(80)
          .remarks("Human-readable label for the stream session"),
      ON.integer("connection_timeout_seconds", r -> r.response().connectionTimeoutSeconds())
          .remarks("Seconds to wait for a client to connect or reconnect (1..3600)"),
      ON.integer("session_length_seconds", r -> r.response().sessionLengthSeconds())
          .remarks("Maximum duration of the session in seconds (1..86400)"),
      ON.varchar("additional_launch_args",
          r -> r.response().hasAdditionalLaunchArgs() ? json(r.response().additionalLaunchArgs()) : null)
          .remarks("CLI arguments sent to the streaming server at launch, as a JSON array"),
      ON.varchar("additional_environment_variables", r -> r.response().hasAdditionalEnvironmentVariables()
          ? json(new TreeMap<>(r.response().additionalEnvironmentVariables())) : null)
          .remarks("Environment variables of the session's runtime, as a JSON object"),
      ON.bool("performance_stats_shared_with_client", r -> r.detail().performanceStatsSharedWithClient())
          .remarks("Whether performance stats are shared with the client"),
      ON.varchar("log_file_location_uri", r -> r.response().logFileLocationUri())
          .remarks("Where the log files that the content writes are uploaded at the end of the session"),
      ON.varchar("web_sdk_protocol_url", r -> r.response().webSdkProtocolUrl())
          .remarks("URL of the S3 bucket that stores the Amazon GameLift Streams WebSDK files"),
      ON.varchar("export_status", r -> export(r, ExportFilesMetadata::statusAsString))
          .remarks("Result of exporting the session's files: SUCCEEDED, FAILED or PENDING"),
      ON.varchar("export_status_reason", r -> export(r, ExportFilesMetadata::statusReason)).maxLength(1024)
          .remarks("Short reason for a FAILED export"),
      ON.varchar("export_output_uri", r -> export(r, ExportFilesMetadata::outputUri)).maxLength(1024)
          .remarks("S3 URI of the exported files"));

  /** Not exact: the listing filters by export status, but the looked-up answer is what Calcite checks. */
  private static final KeyColumn EXPORT_STATUS = new KeyColumn("export_status", "the session listing",
      "ExportFilesStatus", "the SDK's export statuses (" + String.join(", ", Arrays.stream(ExportFilesStatus.values())
          .filter(s -> s != ExportFilesStatus.UNKNOWN_TO_SDK_VERSION).map(Object::toString).toList())
          + "); other values match no row",
      Arrays.stream(ExportFilesStatus.values()).filter(s -> s != ExportFilesStatus.UNKNOWN_TO_SDK_VERSION)
          .map(Object::toString).collect(Collectors.toSet())::contains, false);

  static final TableDeclaration<DetailRow> DECLARATION = new TableDeclaration<>("stream_session_details",
      "GetStreamSession", COLUMNS,
      List.of(SessionKeys.ARN, SessionKeys.STREAM_GROUP_ID, SessionKeys.SESSION_ID, EXPORT_STATUS));

  StreamSessionDetailsTable(GameLiftStreamsAccess access, int pageSize) {
    super(DECLARATION, access, pageSize);
  }

  /** A listed session may be gone when it is looked up, giving no row: the listing must not stop at LIMIT. */
  @Override
  boolean limitPushable() {
    return false;
  }

  @Override
  String call(ScanSpec spec) {
    if (SessionKeys.named(spec.filter())) {
      return SessionKeys.describe(spec.filter());
    }
    Map<KeyColumn, String> sent = spec.filter().describe();
    String export = sent.containsKey(EXPORT_STATUS) ? "ExportFilesStatus=" + sent.get(EXPORT_STATUS) + ", " : "";
    String groups = sent.get(SessionKeys.STREAM_GROUP_ID);
    String list = groups == null ? "ListStreamSessionsByAccount(" : "ListStreamSessions(Identifier=" + groups + ", ";
    return list + export + "MaxResults=" + pageSize + ") then GetStreamSession per session";
  }

  @Override
  public String remarks() {
    return "What GetStreamSession tells of each session beyond the listings";
  }

  /**
   * Every listing or lookup costs API calls, so the planner must take this table for large: a join then
   * prefers looking up the outer rows' keys ({@link DetailsJoinRules}) to scanning it whole.
   */
  @Override
  public Statistic getStatistic() {
    return Statistics.of(1e9, List.of());
  }

  /** The logical scan, plus the rules that turn a join on {@code arn} into lookups of the outer rows' ARNs. */
  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    DetailsJoinRules.register(context.getCluster().getPlanner());
    return super.toRel(context, relOptTable);
  }

  /** A join batch's ARNs: one GetStreamSession each (in this connection's regions), a window in parallel. */
  @Override
  public Enumerable<Object[]> lookUp(DataContext root, Object[] arns, int[] fields) {
    ScanControl control = control(root);
    List<DetailRow> keys = new ArrayList<>();
    for (Object arn : new LinkedHashSet<>(Arrays.asList(arns))) {
      String region = arn == null ? null : SessionKeys.regionOf(arn.toString());
      if (region != null && access.regions().contains(region)) {
        SessionKeys.Key key = SessionKeys.keyOf(arn.toString());
        keys.add(new DetailRow(region, key.streamGroup(), key.session(), null));
      }
    }
    // Exactly the named sessions, whatever identifier form the service matched.
    Set<Object> named = new HashSet<>(Arrays.asList(arns));
    return Linq4j.asEnumerable(() -> Iterators.transform(Iterators.filter(complete(keys.iterator(), Set.of(), control),
        r -> named.contains(r.response().arn())), r -> project(r, fields)));
  }

  /** The sessions to look up: the keys the filters name, or else the listed sessions (a chain per list call). */
  @Override
  Iterator<Supplier<Iterator<DetailRow>>> chains(String region, Pushdown pushdown, Set<String> used,
      ScanControl control, RowBudget budget) {
    List<SessionKeys.Key> keys = SessionKeys.of(region, pushdown);
    if (keys != null) {
      Supplier<Iterator<DetailRow>> named = () -> Iterators.transform(keys.iterator(),
          k -> new DetailRow(region, k.streamGroup(), k.session(), null));
      return List.of(named).iterator();
    }
    Set<String> groups = pushdown.values("stream_group_id");
    List<String> exports = pushdown.valuesOr("export_status", Arrays.asList((String) null));
    List<Supplier<Iterator<DetailRow>>> listings = new ArrayList<>();
    for (String export : exports) {
      if (groups == null) {
        listings.add(() -> toLookUp(access.accountStreamSessions(region, null, export, false, control, budget),
            region));
      } else {
        for (String group : groups) {
          listings.add(() -> toLookUp(access.streamSessions(region, group, null, export, false, control, budget),
              region));
        }
      }
    }
    return listings.iterator();
  }

  private static Iterator<DetailRow> toLookUp(Iterator<SessionRecord> listed, String region) {
    return Iterators.transform(listed, s -> new DetailRow(region, Arns.resourceSegment(s.summary().arn(), 1),
        s.summary().arn(), null));
  }

  /** One GetStreamSession per row, in a bounded window after the region fan-out; gone sessions give no row. */
  @Override
  Iterator<DetailRow> complete(Iterator<DetailRow> rows, Set<String> usedColumns, ScanControl control) {
    return new Lookahead<DetailRow, DetailRow>(rows, r -> true, r -> {
      SessionDetail detail = access.streamSession(r.region(), r.streamGroup(), r.session(), control);
      return detail == null ? null : r.with(detail);
    }, Lookahead.DEFAULT_WINDOW, control);
  }

  private static String export(DetailRow r, Function<ExportFilesMetadata, String> member) {
    return Optional.ofNullable(r.response().exportFilesMetadata()).map(member).orElse(null);
  }

  private static String json(Object value) {
    try {
      return LazyJson.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
