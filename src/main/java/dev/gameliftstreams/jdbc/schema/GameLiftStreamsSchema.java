package dev.gameliftstreams.jdbc.schema;

import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** The driver's tables, reading through one {@link GameLiftStreamsAccess} per identity of the connection. */
public final class GameLiftStreamsSchema extends AbstractSchema {
  private final Map<String, Table> tables;

  public GameLiftStreamsSchema(GameLiftStreamsAccess access, int pageSize) {
    this(List.of(access), pageSize);
  }

  /** @param identities one access per identity of the connection (several accounts), all of the same regions */
  public GameLiftStreamsSchema(List<GameLiftStreamsAccess> identities, int pageSize) {
    this.tables = Map.of(
        "stream_sessions", table(identities, a -> new StreamSessionsTable(a, pageSize)),
        "account_stream_sessions", table(identities, a -> new AccountStreamSessionsTable(a, pageSize)),
        "stream_groups", table(identities, a -> new StreamGroupsTable(a, pageSize)),
        "applications", table(identities, a -> new ApplicationsTable(a, pageSize)),
        "stream_session_details", table(identities, a -> new StreamSessionDetailsTable(a, pageSize)));
  }

  private static <X extends ApiTable<?>> X table(List<GameLiftStreamsAccess> identities,
      java.util.function.Function<GameLiftStreamsAccess, X> create) {
    return ApiTable.across(identities.stream().map(create).collect(Collectors.toList()));
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  @Override
  protected Multimap<String, Function> getFunctionMultimap() {
    return ImmutableMultimap.of(ClearCacheFunction.NAME, ClearCacheFunction.create());
  }
}
