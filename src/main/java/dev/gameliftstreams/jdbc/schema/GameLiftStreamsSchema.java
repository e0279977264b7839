package dev.gameliftstreams.jdbc.schema;

import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import java.util.Map;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** The driver's tables, all reading through one {@link GameLiftStreamsAccess}. */
public final class GameLiftStreamsSchema extends AbstractSchema {
  private final Map<String, Table> tables;

  public GameLiftStreamsSchema(GameLiftStreamsAccess access, int pageSize) {
    this.tables = Map.of(
        "stream_sessions", new StreamSessionsTable(access, pageSize),
        "account_stream_sessions", new AccountStreamSessionsTable(access, pageSize),
        "stream_groups", new StreamGroupsTable(access, pageSize),
        "applications", new ApplicationsTable(access, pageSize),
        "stream_session_details", new StreamSessionDetailsTable(access, pageSize));
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
