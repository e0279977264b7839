package dev.gameliftstreams.jdbc.schema;

import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.aws.RowBudget;
import dev.gameliftstreams.jdbc.aws.ScanControl;
import dev.gameliftstreams.jdbc.aws.SessionRecord;
import dev.gameliftstreams.jdbc.pushdown.Pushdown;
import java.util.Iterator;

/** {@code account_stream_sessions}: every session of the account, from ListStreamSessionsByAccount. */
final class AccountStreamSessionsTable extends SessionTable {
  static final TableDeclaration<SessionRecord> DECLARATION = new TableDeclaration<>("account_stream_sessions",
      "ListStreamSessionsByAccount", COLUMNS, KEYS);

  AccountStreamSessionsTable(GameLiftStreamsAccess access, int pageSize) {
    super(DECLARATION, access, pageSize);
  }

  @Override
  Iterator<SessionRecord> rows(String region, Pushdown pushdown, RowBudget budget, ScanControl control) {
    return eachFilter(pushdown,
        (status, export) -> access.accountStreamSessions(region, status, export, budget, control));
  }
}
