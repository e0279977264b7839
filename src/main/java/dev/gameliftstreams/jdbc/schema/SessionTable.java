package dev.gameliftstreams.jdbc.schema;

import com.google.common.collect.Iterators;
import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.aws.Lookahead;
import dev.gameliftstreams.jdbc.aws.RowBudget;
import dev.gameliftstreams.jdbc.aws.ScanControl;
import dev.gameliftstreams.jdbc.aws.SessionDetail;
import dev.gameliftstreams.jdbc.aws.SessionRecord;
import dev.gameliftstreams.jdbc.pushdown.PushableColumn;
import dev.gameliftstreams.jdbc.pushdown.Pushdown;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.gameliftstreams.model.ExportFilesMetadata;
import software.amazon.awssdk.services.gameliftstreams.model.ExportFilesStatus;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamSessionResponse;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionStatus;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

/**
 * The columns of both session tables, and the API filters they share: {@code status} and
 * {@code export_status} go to the list calls' Status / ExportFilesStatus, one call chain per value.
 */
abstract class SessionTable extends ApiTable<SessionRecord> {
  /** The one definition of the session tables' columns. */
  static final List<Column<SessionRecord>> COLUMNS = List.of(
      Column.varchar("arn", r -> r.summary().arn()),
      Column.varchar("session_id", r -> Arns.resourceSegment(r.summary().arn(), 2)),
      Column.varchar("stream_group_id", r -> Arns.resourceSegment(r.summary().arn(), 1)),
      Column.varchar("user_id", r -> r.summary().userId()),
      Column.varchar("status", r -> r.summary().statusAsString()),
      Column.varchar("status_reason", SessionRecord::statusReason),
      Column.varchar("protocol", r -> r.summary().protocolAsString()),
      Column.timestamp("created_at", r -> r.summary().createdAt()),
      Column.timestamp("last_updated_at", r -> r.summary().lastUpdatedAt()),
      Column.varchar("application_arn", r -> r.summary().applicationArn()),
      Column.varchar("application_id", r -> Arns.resourceSegment(r.summary().applicationArn(), 1)),
      Column.varchar("export_status", r -> export(r).map(ExportFilesMetadata::statusAsString).orElse(null)),
      Column.varchar("export_status_reason", r -> export(r).map(ExportFilesMetadata::statusReason).orElse(null)),
      Column.varchar("export_output_uri", r -> export(r).map(ExportFilesMetadata::outputUri).orElse(null)),
      Column.varchar("location", r -> r.summary().location()),
      Column.varchar("region", SessionRecord::region),
      Column.varchar("account_id", r -> Arns.account(r.summary().arn())));

  private static final List<String> UNFILTERED = Arrays.asList((String) null);

  /** ListStreamSessionsByAccount items show only the export's Status; these two need GetStreamSession then. */
  private static final Set<String> EXPORT_DETAIL_COLUMNS = Set.of("export_output_uri", "export_status_reason");

  SessionTable(String name, GameLiftStreamsAccess access, int pageSize) {
    super(name, access, COLUMNS, List.of(
        new PushableColumn("status", names(StreamSessionStatus.knownValues())::contains, true),
        new PushableColumn("export_status", names(ExportFilesStatus.knownValues())::contains, true),
        SessionKeys.ARN, SessionKeys.STREAM_GROUP_ID, SessionKeys.SESSION_ID), pageSize);
  }

  /** The call chains that list one region's sessions under the pushed filters (status, export status, group). */
  abstract Iterator<Supplier<Iterator<SessionRecord>>> listings(String region, Pushdown pushdown, ScanControl control,
      RowBudget budget);

  /** Sessions named by their keys are looked up (GetStreamSession, no list call); the others are listed. */
  @Override
  final Iterator<Supplier<Iterator<SessionRecord>>> chains(String region, Pushdown pushdown, ScanControl control,
      RowBudget budget) {
    List<SessionKeys.Key> keys = SessionKeys.of(region, pushdown);
    if (keys == null) {
      return listings(region, pushdown, control, budget);
    }
    // Calcite does not re-check the exactly pushed status and export status: the lookup must.
    Set<String> statuses = pushdown.values("status");
    Set<String> exports = pushdown.values("export_status");
    Supplier<Iterator<SessionRecord>> lookups = () -> Iterators.filter(
        SessionKeys.lookUp(access, region, keys, control, SessionTable::record),
        r -> (statuses == null || statuses.contains(r.summary().statusAsString()))
            && (exports == null || exports.contains(export(r).map(ExportFilesMetadata::statusAsString).orElse(null))));
    return List.of(lookups).iterator();
  }

  /** A looked-up session in the shape of a listed one; GetStreamSession's answer has every summary member. */
  private static SessionRecord record(SessionDetail detail) {
    GetStreamSessionResponse r = detail.response();
    StreamSessionSummary summary = StreamSessionSummary.builder().arn(r.arn()).userId(r.userId())
        .status(r.statusAsString()).protocol(r.protocolAsString()).lastUpdatedAt(r.lastUpdatedAt())
        .createdAt(r.createdAt()).applicationArn(r.applicationArn()).exportFilesMetadata(r.exportFilesMetadata())
        .location(r.location()).build();
    return new SessionRecord(summary, r.statusReasonAsString(), detail.region());
  }

  private static Set<String> names(Set<?> values) {
    return values.stream().map(Object::toString).collect(Collectors.toSet());
  }

  private static Optional<ExportFilesMetadata> export(SessionRecord r) {
    return Optional.ofNullable(r.summary().exportFilesMetadata());
  }

  /**
   * Fills the export's output URI and reason from GetStreamSession, for the rows whose list item lacks both
   * although the export finished, and only when the query uses one of the two columns.
   */
  @Override
  Iterator<SessionRecord> complete(Iterator<SessionRecord> rows, Set<String> usedColumns, ScanControl control) {
    if (Collections.disjoint(usedColumns, EXPORT_DETAIL_COLUMNS)) {
      return rows;
    }
    return new Lookahead<>(rows, SessionTable::lacksExportDetails,
        r -> lacksExportDetails(r) ? withExportDetails(r, control) : r, Lookahead.DEFAULT_WINDOW, control);
  }

  private static boolean lacksExportDetails(SessionRecord r) {
    ExportFilesMetadata export = r.summary().exportFilesMetadata();
    return export != null && export.outputUri() == null && export.statusReason() == null
        && (export.status() == ExportFilesStatus.SUCCEEDED || export.status() == ExportFilesStatus.FAILED);
  }

  /** The row with GetStreamSession's export metadata; as listed if the session is gone by now. */
  private SessionRecord withExportDetails(SessionRecord r, ScanControl control) {
    String arn = r.summary().arn();
    SessionDetail detail = access.streamSession(r.region(), Arns.resourceSegment(arn, 1), arn, control);
    if (detail == null) {
      return r;
    }
    return new SessionRecord(r.summary().toBuilder().exportFilesMetadata(detail.response().exportFilesMetadata())
        .build(), r.statusReason(), r.region());
  }

  /** Sessions for one (status, export status) pair; null means unfiltered. */
  interface FilteredCall {
    Iterator<SessionRecord> list(String status, String exportStatus);
  }

  /** One independent call chain per (status, export status) pair the pushdown allows. */
  static Iterator<Supplier<Iterator<SessionRecord>>> eachFilter(Pushdown pushdown, FilteredCall call) {
    List<String> statuses = pushdown.valuesOr("status", UNFILTERED);
    List<String> exports = pushdown.valuesOr("export_status", UNFILTERED);
    List<Supplier<Iterator<SessionRecord>>> chains = new ArrayList<>();
    for (String status : statuses) {
      for (String export : exports) {
        chains.add(() -> call.list(status, export));
      }
    }
    return chains.iterator();
  }
}
