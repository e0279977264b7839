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
import software.amazon.awssdk.services.gameliftstreams.model.ApplicationSummary;
import software.amazon.awssdk.services.gameliftstreams.model.RuntimeEnvironment;

/** {@code applications}: ListApplications. */
final class ApplicationsTable extends ApiTable<Regional<ApplicationSummary>> {
  static final List<Column<Regional<ApplicationSummary>>> COLUMNS = List.of(
      Column.varchar("arn", a -> a.item().arn()),
      Column.varchar("id", a -> a.item().id()),
      Column.varchar("description", a -> a.item().description()),
      Column.varchar("status", a -> a.item().statusAsString()),
      Column.varchar("runtime_type", a -> runtime(a).map(RuntimeEnvironment::typeAsString).orElse(null)),
      Column.varchar("runtime_version", a -> runtime(a).map(RuntimeEnvironment::version).orElse(null)),
      Column.timestamp("created_at", a -> a.item().createdAt()),
      Column.timestamp("last_updated_at", a -> a.item().lastUpdatedAt()),
      Column.varchar("region", Regional::region),
      Column.varchar("account_id", a -> Arns.account(a.item().arn())));

  ApplicationsTable(GameLiftStreamsAccess access, int pageSize) {
    super("applications", access, COLUMNS, List.of(), pageSize);
  }

  private static Optional<RuntimeEnvironment> runtime(Regional<ApplicationSummary> a) {
    return Optional.ofNullable(a.item().runtimeEnvironment());
  }

  @Override
  Iterator<Supplier<Iterator<Regional<ApplicationSummary>>>> chains(String region, Pushdown pushdown, ScanControl control,
      RowBudget budget) {
    return List.<Supplier<Iterator<Regional<ApplicationSummary>>>>of(() -> Iterators.transform(
        access.applications(region, control, budget), a -> new Regional<>(a, region))).iterator();
  }
}
