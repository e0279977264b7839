package dev.gameliftstreams.jdbc.schema;

import com.google.common.collect.Iterators;
import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.aws.GameLiftStreamsException;
import dev.gameliftstreams.jdbc.aws.SessionRecord;
import dev.gameliftstreams.jdbc.pushdown.KeyColumn;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;
import software.amazon.awssdk.services.gameliftstreams.model.GetStreamSessionResponse;
import java.util.Set;
import java.util.Collections;
import dev.gameliftstreams.jdbc.aws.SessionDetail;
import dev.gameliftstreams.jdbc.aws.ScanControl;
import dev.gameliftstreams.jdbc.aws.RowBudget;
import dev.gameliftstreams.jdbc.aws.Lookahead;
import dev.gameliftstreams.jdbc.pushdown.Pushdown;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.gameliftstreams.model.ExportFilesMetadata;
import software.amazon.awssdk.services.gameliftstreams.model.ExportFilesStatus;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionStatus;

/**
 * The columns of both session tables, and the API filters they share: {@code status} and
 * {@code export_status} go to the list calls' Status / ExportFilesStatus, one call chain per value.
 */
abstract class SessionTable extends ApiTable<SessionRecord> {
  private static final Column.Factory<SessionRecord> ON = new Column.Factory<>();
  private static final String STATUS_REASON = "status_reason";

  /** The one definition of the session tables' columns. */
  static final List<Column<SessionRecord>> COLUMNS = List.of(
      ON.varchar("arn", r -> r.summary().arn()).primaryKey().maxLength(128)
          .remarks("ARN that uniquely identifies the stream session"),
      ON.varchar("session_id", r -> Arns.resourceSegment(r.summary().arn(), 2)).notNull().maxLength(128)
          .remarks("ID of the stream session: the last segment of its ARN"),
      ON.varchar("stream_group_id", r -> Arns.resourceSegment(r.summary().arn(), 1)).notNull().maxLength(32)
          .remarks("ID of the stream group that hosts the session (sg-...), from the session ARN"),
      ON.varchar("stream_group_arn", r -> Arns.streamGroupArn(r.summary().arn())).notNull().maxLength(128)
          .references("stream_groups").remarks("ARN of the stream group that hosts the session, from the session ARN"),
      ON.varchar("user_id", r -> r.summary().userId()).maxLength(1024)
          .remarks("Opaque identifier of the end user, defined by the developer"),
      ON.varchar("status", r -> r.summary().statusAsString())
          .remarks("Current status of the stream session, e.g. ACTIVE, CONNECTED, ERROR, TERMINATED"),
      ON.varchar(STATUS_REASON, SessionRecord::statusReason)
          .remarks("Short reason for an ERROR or TERMINATED status"),
      ON.varchar("protocol", r -> r.summary().protocolAsString())
          .remarks("Data transfer protocol of the stream session"),
      ON.timestamp("created_at", r -> r.summary().createdAt()).remarks("When the stream session was created (UTC)"),
      ON.timestamp("last_updated_at", r -> r.summary().lastUpdatedAt())
          .remarks("When the stream session was last updated (UTC)"),
      ON.varchar("application_arn", r -> r.summary().applicationArn()).maxLength(128).references("applications")
          .remarks("ARN of the application streamed"),
      ON.varchar("application_id", r -> Arns.resourceSegment(r.summary().applicationArn(), 1)).maxLength(32)
          .remarks("ID of the application streamed (a-...), from its ARN"),
      ON.varchar("export_status", r -> export(r).map(ExportFilesMetadata::statusAsString).orElse(null))
          .remarks("Result of exporting the session's files: SUCCEEDED, FAILED or PENDING"),
      ON.varchar("export_status_reason", r -> export(r).map(ExportFilesMetadata::statusReason).orElse(null))
          .maxLength(1024).remarks("Short reason for a FAILED export"),
      ON.varchar("export_output_uri", r -> export(r).map(ExportFilesMetadata::outputUri).orElse(null))
          .maxLength(1024).remarks("S3 URI of the exported files"),
      ON.varchar("location", r -> r.summary().location()).maxLength(20)
          .remarks("Location that hosts and streams the session, e.g. us-east-1"),
      ON.varchar("region", SessionRecord::region).notNull().remarks("AWS Region whose endpoint listed the session"),
      ON.varchar("account_id", r -> Arns.account(r.summary().arn())).notNull().maxLength(12)
          .remarks("AWS account that owns the session, from its ARN"));

  /** The key columns of both session tables: filters of their list call, and the keys of GetStreamSession. */
  static final List<KeyColumn> KEYS = List.of(
      KeyColumn.enumFilter("status", "Status", StreamSessionStatus.knownValues()),
      KeyColumn.enumFilter("export_status", "ExportFilesStatus", ExportFilesStatus.knownValues()),
      SessionKeys.ARN, SessionKeys.SESSION_ID);

  /** ListStreamSessionsByAccount items show only the export's Status; these two need GetStreamSession then. */
  private static final Set<String> EXPORT_DETAIL_COLUMNS = Set.of("export_output_uri", "export_status_reason");

  private static final List<String> UNFILTERED = Arrays.asList((String) null);

  SessionTable(TableDeclaration<SessionRecord> declaration, GameLiftStreamsAccess access, int pageSize) {
    super(declaration, access, pageSize);
  }

  static List<KeyColumn> keys(KeyColumn... more) {
    List<KeyColumn> keys = new ArrayList<>(KEYS);
    keys.addAll(Arrays.asList(more));
    return keys;
  }

  /** The call chains that list one region's sessions under the pushed filters (status, export status, group). */
  abstract Iterator<Supplier<Iterator<SessionRecord>>> listings(String region, Pushdown pushdown,
      boolean statusReasons, ScanControl control, RowBudget budget);

  @Override
  String call(ScanSpec spec) {
    return SessionKeys.named(spec.filter()) ? SessionKeys.describe(spec.filter()) : super.call(spec);
  }

  /** Sessions named by their keys are looked up (GetStreamSession, no list call); the others are listed. */
  @Override
  final Iterator<Supplier<Iterator<SessionRecord>>> chains(String region, Pushdown pushdown, Set<String> used,
      ScanControl control, RowBudget budget) {
    List<SessionKeys.Key> keys = SessionKeys.of(region, pushdown);
    if (keys == null) {
      // Status reasons cost a second parse of each page: read only for queries that use them.
      return listings(region, pushdown, used.contains(STATUS_REASON), control, budget);
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
        chains.add(() -> sdkKnows(status, export) ? call.list(status, export)
            : new RejectedIsEmpty<>(call.list(status, export)));
      }
    }
    return chains.iterator();
  }

  private static boolean sdkKnows(String status, String exportStatus) {
    return (status == null || StreamSessionStatus.fromValue(status) != StreamSessionStatus.UNKNOWN_TO_SDK_VERSION)
        && (exportStatus == null || ExportFilesStatus.fromValue(exportStatus) != ExportFilesStatus.UNKNOWN_TO_SDK_VERSION);
  }

  /**
   * The rows of a call with a filter value the SDK does not know. The service may know it (a status
   * added since); if the service rejects it as invalid, no session has it: no rows, not an error.
   */
  private static final class RejectedIsEmpty<T> implements Iterator<T> {
    private final Iterator<T> rows;
    private boolean answered;
    private boolean rejected;

    RejectedIsEmpty(Iterator<T> rows) {
      this.rows = rows;
    }

    @Override
    public boolean hasNext() {
      if (rejected) {
        return false;
      }
      if (answered) {
        return rows.hasNext();
      }
      try {
        boolean more = rows.hasNext();
        answered = true;
        return more;
      } catch (GameLiftStreamsException e) {
        if (!GameLiftStreamsException.INVALID_PARAMETER.equals(e.sqlState())) {
          throw e;
        }
        rejected = true;
        return false;
      }
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return rows.next();
    }
  }
}
