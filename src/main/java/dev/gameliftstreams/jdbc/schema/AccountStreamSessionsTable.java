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
  AccountStreamSessionsTable(GameLiftStreamsAccess access, int pageSize) {
    super("account_stream_sessions", access, pageSize);
  }

  @Override
  Iterator<Supplier<Iterator<SessionRecord>>> listings(String region, Pushdown pushdown, ScanControl control,
      RowBudget budget) {
    return eachFilter(pushdown,
        (status, export) -> access.accountStreamSessions(region, status, export, control, budget));
  }
}
