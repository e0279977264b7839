package dev.gameliftstreams.jdbc.schema;

import com.google.common.collect.Iterators;
import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.aws.RowBudget;
import dev.gameliftstreams.jdbc.aws.ScanControl;
import dev.gameliftstreams.jdbc.pushdown.Pushdown;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.gameliftstreams.model.DefaultApplication;
import software.amazon.awssdk.services.gameliftstreams.model.StreamGroupSummary;

/** {@code stream_groups}: ListStreamGroups. */
final class StreamGroupsTable extends ApiTable<Regional<StreamGroupSummary>> {
  private static final Column.Factory<Regional<StreamGroupSummary>> ON = new Column.Factory<>();

  static final List<Column<Regional<StreamGroupSummary>>> COLUMNS = List.of(
      ON.varchar("arn", g -> g.item().arn()).primaryKey().maxLength(128)
          .remarks("ARN that uniquely identifies the stream group"),
      ON.varchar("id", g -> g.item().id()).notNull().maxLength(32)
          .remarks("ID that uniquely identifies the stream group, e.g. sg-1AB2C3De4"),
      ON.varchar("description", g -> g.item().description()).maxLength(80)
          .remarks("Descriptive label for the stream group"),
      ON.varchar("status", g -> g.item().statusAsString())
          .remarks("Current status of the stream group, e.g. ACTIVATING, ACTIVE, ACTIVE_WITH_ERRORS, ERROR"),
      ON.varchar("stream_class", g -> g.item().streamClassAsString())
          .remarks("Target stream quality of the group's hosts, e.g. gen5n_win2022"),
      ON.varchar("default_application_id", g -> defaultApp(g).map(DefaultApplication::id).orElse(null))
          .maxLength(32).remarks("ID of the application the group streams by default"),
      ON.varchar("default_application_arn", g -> defaultApp(g).map(DefaultApplication::arn).orElse(null))
          .maxLength(128).references("applications").remarks("ARN of the application the group streams by default"),
      ON.timestamp("created_at", g -> g.item().createdAt()).remarks("When the stream group was created (UTC)"),
      ON.timestamp("last_updated_at", g -> g.item().lastUpdatedAt())
          .remarks("When the stream group was last updated (UTC)"),
      ON.timestamp("expires_at", g -> g.item().expiresAt())
          .remarks("When the stream group expires (UTC); after it, it can no longer start stream sessions"),
      ON.varchar("region", Regional::region).notNull().remarks("AWS Region whose endpoint listed the stream group"),
      ON.varchar("account_id", g -> Arns.account(g.item().arn())).notNull().maxLength(12)
          .remarks("AWS account that owns the stream group, from its ARN"));

  static final TableDeclaration<Regional<StreamGroupSummary>> DECLARATION = new TableDeclaration<>("stream_groups", "ListStreamGroups", COLUMNS,
      List.of());

  StreamGroupsTable(GameLiftStreamsAccess access, int pageSize) {
    super(DECLARATION, access, pageSize);
  }

  @Override
  public String remarks() {
    return "Stream groups that host content streams (ListStreamGroups)";
  }

  private static Optional<DefaultApplication> defaultApp(Regional<StreamGroupSummary> g) {
    return Optional.ofNullable(g.item().defaultApplication());
  }

  @Override
  Iterator<Supplier<Iterator<Regional<StreamGroupSummary>>>> chains(String region, Pushdown pushdown, Set<String> used,
      ScanControl control, RowBudget budget) {
    return List.<Supplier<Iterator<Regional<StreamGroupSummary>>>>of(() -> Iterators.transform(
        access.streamGroups(region, control, budget), x -> new Regional<>(x, region))).iterator();
  }
}
