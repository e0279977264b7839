package dev.gameliftstreams.jdbc.schema;

import com.google.common.collect.Iterators;
import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.aws.RowBudget;
import dev.gameliftstreams.jdbc.aws.ScanControl;
import dev.gameliftstreams.jdbc.aws.SessionRecord;
import dev.gameliftstreams.jdbc.pushdown.PushableColumn;
import dev.gameliftstreams.jdbc.pushdown.Pushdown;
import java.util.Iterator;
import java.util.List;
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

  StreamSessionsTable(List<GameLiftStreamsAccess> identities, int pageSize) {
    // Not exact: Calcite re-checks stream_group_id, in case the service matches ids loosely.
    super("stream_sessions", identities, pageSize,
        new PushableColumn("stream_group_id", v -> GROUP_ID.matcher(v).matches(), false));
  }

  @Override
  Iterator<Supplier<Iterator<SessionRecord>>> chains(GameLiftStreamsAccess access, String region,
      Pushdown pushdown, ScanControl control, RowBudget budget) {
    Set<String> groups = pushdown.values("stream_group_id");
    Iterator<String> groupIds = groups != null
        ? groups.iterator()
        : Iterators.transform(access.streamGroups(region, control, RowBudget.unlimited()), StreamGroupSummary::id);
    return each(groupIds, group -> eachFilter(pushdown,
        (status, export) -> access.streamSessions(region, group, status, export, control, budget)));
  }
}
