package dev.gameliftstreams.jdbc.schema;

import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.aws.RowBudget;
import dev.gameliftstreams.jdbc.aws.ScanControl;
import dev.gameliftstreams.jdbc.aws.SessionRecord;
import dev.gameliftstreams.jdbc.pushdown.Pushdown;
import java.util.Iterator;
import java.util.function.Supplier;

/** {@code account_stream_sessions}: every session of the account, from ListStreamSessionsByAccount. */
final class AccountStreamSessionsTable extends SessionTable {
  static final TableDeclaration<SessionRecord> DECLARATION = new TableDeclaration<>("account_stream_sessions",
      "ListStreamSessionsByAccount", COLUMNS, keys(SessionKeys.STREAM_GROUP_ID));

  AccountStreamSessionsTable(GameLiftStreamsAccess access, int pageSize) {
    super(DECLARATION, access, pageSize);
  }

  @Override
  public String remarks() {
    return "Stream sessions of the account in every stream group (ListStreamSessionsByAccount)";
  }

  @Override
  Iterator<Supplier<Iterator<SessionRecord>>> listings(String region, Pushdown pushdown, boolean statusReasons,
      ScanControl control, RowBudget budget) {
    return eachFilter(pushdown,
        (status, export) -> access.accountStreamSessions(region, status, export, statusReasons, control, budget));
  }
}
