package dev.gameliftstreams.jdbc.schema;

import com.google.common.collect.Iterators;
import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.aws.ScanControl;
import dev.gameliftstreams.jdbc.aws.SessionRecord;
import dev.gameliftstreams.jdbc.pushdown.Pushdown;
import java.util.Iterator;
import java.util.Set;
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
  Iterator<SessionRecord> list(String region, Pushdown pushdown, ScanControl control) {
    Set<String> groups = pushdown.values("stream_group_id");
    Iterator<String> groupIds = groups != null
        ? groups.iterator()
        : Iterators.transform(access.streamGroups(region, control), StreamGroupSummary::id);
    return chain(groupIds, group -> eachFilter(pushdown,
        (status, export) -> access.streamSessions(region, group, status, export, control)));
  }
}
