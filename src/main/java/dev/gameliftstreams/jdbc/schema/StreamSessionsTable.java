package dev.gameliftstreams.jdbc.schema;

import com.google.common.collect.Iterators;
import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.aws.RowBudget;
import dev.gameliftstreams.jdbc.aws.ScanControl;
import dev.gameliftstreams.jdbc.aws.SessionRecord;
import dev.gameliftstreams.jdbc.pushdown.Pushdown;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.gameliftstreams.model.StreamGroupSummary;

/**
 * {@code stream_sessions}: sessions listed per stream group (ListStreamSessions). A
 * {@code stream_group_id} predicate picks the groups; without one the scan lists the groups first.
 */
final class StreamSessionsTable extends SessionTable {
  StreamSessionsTable(GameLiftStreamsAccess access, int pageSize) {
    super("stream_sessions", access, pageSize);
  }

  @Override
  Iterator<Supplier<Iterator<SessionRecord>>> listings(String region, Pushdown pushdown, ScanControl control,
      RowBudget budget) {
    Set<String> groups = pushdown.values("stream_group_id");
    Iterator<String> groupIds = groups != null
        ? groups.iterator()
        : Iterators.transform(access.streamGroups(region, control, RowBudget.unlimited()), StreamGroupSummary::id);
    return each(groupIds, group -> eachFilter(pushdown,
        (status, export) -> access.streamSessions(region, group, status, export, control, budget)));
  }
}
