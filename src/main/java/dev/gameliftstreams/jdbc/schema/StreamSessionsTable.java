package dev.gameliftstreams.jdbc.schema;

import com.google.common.collect.Iterators;
import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.aws.RowBudget;
import dev.gameliftstreams.jdbc.aws.ScanControl;
import dev.gameliftstreams.jdbc.aws.SessionRecord;
import dev.gameliftstreams.jdbc.pushdown.KeyColumn;
import dev.gameliftstreams.jdbc.pushdown.Pushdown;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.gameliftstreams.model.StreamGroupSummary;

/**
 * {@code stream_sessions}: sessions listed per stream group (ListStreamSessions). A
 * {@code stream_group_id} predicate picks the groups; without one the scan lists the groups first.
 */
final class StreamSessionsTable extends SessionTable {
  /** The model's Id pattern: an ARN or anything else can never equal a stream group id. */
  private static final Pattern GROUP_ID = Pattern.compile("[a-zA-Z0-9-]{1,32}");

  /** Not exact: Calcite re-checks stream_group_id, in case the service matches ids loosely. */
  static final KeyColumn GROUP = new KeyColumn("stream_group_id", null, "Identifier",
      "stream group ids (`[a-zA-Z0-9-]{1,32}`), other values match no row; without one, each group"
          + " ListStreamGroups lists; with `session_id`, GetStreamSession per pair instead",
      v -> GROUP_ID.matcher(v).matches(), false);

  static final TableDeclaration<SessionRecord> DECLARATION = new TableDeclaration<>("stream_sessions",
      "ListStreamSessions", COLUMNS, keys(GROUP));

  StreamSessionsTable(GameLiftStreamsAccess access, int pageSize) {
    super(DECLARATION, access, pageSize);
  }

  @Override
  String call(ScanSpec spec) {
    String sessions = super.call(spec);
    return spec.filter().constrains(GROUP.column()) || SessionKeys.named(spec.filter()) ? sessions
        : "ListStreamGroups(MaxResults=" + pageSize + ") then " + sessions;
  }

  @Override
  String unconstrained(KeyColumn key) {
    return key == GROUP ? "[each Id listed]" : null;
  }

  @Override
  public String remarks() {
    return "Stream sessions of each stream group (ListStreamSessions)";
  }

  @Override
  Iterator<Supplier<Iterator<SessionRecord>>> listings(String region, Pushdown pushdown, boolean statusReasons,
      ScanControl control, RowBudget budget) {
    Set<String> groups = pushdown.values(GROUP.column());
    Iterator<String> groupIds = groups != null
        ? groups.iterator()
        : Iterators.transform(access.streamGroups(region, control, RowBudget.unlimited()), StreamGroupSummary::id);
    return each(groupIds, group -> eachFilter(pushdown,
        (status, export) -> access.streamSessions(region, group, status, export, statusReasons, control, budget)));
  }
}
