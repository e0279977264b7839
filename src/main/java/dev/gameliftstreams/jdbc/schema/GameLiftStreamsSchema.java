package dev.gameliftstreams.jdbc.schema;

import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** The driver's tables, all reading through one {@link GameLiftStreamsAccess}. */
public final class GameLiftStreamsSchema extends AbstractSchema {
  private final Map<String, Table> tables;

  public GameLiftStreamsSchema(GameLiftStreamsAccess access, int pageSize) {
    this(List.of(access), pageSize);
  }

  /** @param identities one access per identity of the connection (several accounts), all of the same regions */
  public GameLiftStreamsSchema(List<GameLiftStreamsAccess> identities, int pageSize) {
    this.tables = Map.of(
        "stream_sessions", new StreamSessionsTable(identities, pageSize),
        "account_stream_sessions", new AccountStreamSessionsTable(identities, pageSize),
        "stream_groups", new StreamGroupsTable(identities, pageSize),
        "applications", new ApplicationsTable(identities, pageSize));
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
