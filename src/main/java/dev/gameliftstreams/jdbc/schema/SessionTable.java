package dev.gameliftstreams.jdbc.schema;

import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.aws.SessionRecord;
import dev.gameliftstreams.jdbc.pushdown.PushableColumn;
import dev.gameliftstreams.jdbc.pushdown.Pushdown;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.gameliftstreams.model.ExportFilesMetadata;
import software.amazon.awssdk.services.gameliftstreams.model.ExportFilesStatus;
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionStatus;

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

  SessionTable(String name, List<GameLiftStreamsAccess> identities, int pageSize, PushableColumn... more) {
    super(name, identities, COLUMNS, pushable(more), pageSize);
  }

  private static List<PushableColumn> pushable(PushableColumn... more) {
    List<PushableColumn> columns = new ArrayList<>(List.of(
        new PushableColumn("status", names(StreamSessionStatus.knownValues())::contains, true),
        new PushableColumn("export_status", names(ExportFilesStatus.knownValues())::contains, true)));
    columns.addAll(Arrays.asList(more));
    return columns;
  }

  private static Set<String> names(Set<?> values) {
    return values.stream().map(Object::toString).collect(Collectors.toSet());
  }

  private static Optional<ExportFilesMetadata> export(SessionRecord r) {
    return Optional.ofNullable(r.summary().exportFilesMetadata());
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
