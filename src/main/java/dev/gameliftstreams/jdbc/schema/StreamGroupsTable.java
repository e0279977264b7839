package dev.gameliftstreams.jdbc.schema;

import com.google.common.collect.Iterators;
import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.aws.RowBudget;
import dev.gameliftstreams.jdbc.aws.ScanControl;
import dev.gameliftstreams.jdbc.pushdown.Pushdown;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.gameliftstreams.model.DefaultApplication;
import software.amazon.awssdk.services.gameliftstreams.model.StreamGroupSummary;

/** {@code stream_groups}: ListStreamGroups. */
final class StreamGroupsTable extends ApiTable<Regional<StreamGroupSummary>> {
  static final List<Column<Regional<StreamGroupSummary>>> COLUMNS = List.of(
      Column.varchar("arn", g -> g.item().arn()),
      Column.varchar("id", g -> g.item().id()),
      Column.varchar("description", g -> g.item().description()),
      Column.varchar("status", g -> g.item().statusAsString()),
      Column.varchar("stream_class", g -> g.item().streamClassAsString()),
      Column.varchar("default_application_id", g -> defaultApp(g).map(DefaultApplication::id).orElse(null)),
      Column.varchar("default_application_arn", g -> defaultApp(g).map(DefaultApplication::arn).orElse(null)),
      Column.timestamp("created_at", g -> g.item().createdAt()),
      Column.timestamp("last_updated_at", g -> g.item().lastUpdatedAt()),
      Column.timestamp("expires_at", g -> g.item().expiresAt()),
      Column.varchar("region", Regional::region),
      Column.varchar("account_id", g -> Arns.account(g.item().arn())));

  StreamGroupsTable(GameLiftStreamsAccess access, int pageSize) {
    super("stream_groups", access, COLUMNS, List.of(), pageSize);
  }

  private static Optional<DefaultApplication> defaultApp(Regional<StreamGroupSummary> g) {
    return Optional.ofNullable(g.item().defaultApplication());
  }

  @Override
  Iterator<Supplier<Iterator<Regional<StreamGroupSummary>>>> chains(String region, Pushdown pushdown, ScanControl control,
      RowBudget budget) {
    return List.<Supplier<Iterator<Regional<StreamGroupSummary>>>>of(() -> Iterators.transform(
        access.streamGroups(region, control, budget), g -> new Regional<>(g, region))).iterator();
  }
}
