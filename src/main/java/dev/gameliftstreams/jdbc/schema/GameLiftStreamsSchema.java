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

/** The driver's tables, all reading through one {@link GameLiftStreamsAccess}. */
public final class GameLiftStreamsSchema extends AbstractSchema {
  /** Every table's declaration, in the order the documentation lists them. */
  public static final List<TableDeclaration<?>> DECLARATIONS = List.of(StreamSessionsTable.DECLARATION,
      AccountStreamSessionsTable.DECLARATION, StreamGroupsTable.DECLARATION, ApplicationsTable.DECLARATION,
      StreamSessionDetailsTable.DECLARATION);

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
        "stream_session_details", table(identities, a -> new StreamSessionDetailsTable(a, pageSize)),
        PushdownColumnsTable.NAME, new PushdownColumnsTable());
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

  /** README's table of what is sent to the API: the rows of {@code pushdown_columns}, as Markdown. */
  public static String pushdownTable() {
    StringBuilder md = new StringBuilder("| table | column | sent as | values sent | re-checked by Calcite |\n"
        + "| --- | --- | --- | --- | --- |\n");
    for (PushdownColumnsTable.Row r : PushdownColumnsTable.rows()) {
      md.append("| `").append(r.table()).append("` | `").append(r.column()).append("` | ")
          .append(r.operation() == null ? r.sentAs() : r.operation() + " `" + r.sentAs() + "`")
          .append(" | ").append(r.valuesSent()).append(" | ").append(r.recheckedByCalcite() ? "yes" : "no")
          .append(" |\n");
    }
    return md.toString();
  }
}
