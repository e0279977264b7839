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
import software.amazon.awssdk.services.gameliftstreams.model.ApplicationSummary;
import software.amazon.awssdk.services.gameliftstreams.model.RuntimeEnvironment;

/** {@code applications}: ListApplications. */
final class ApplicationsTable extends ApiTable<Regional<ApplicationSummary>> {
  private static final Column.Factory<Regional<ApplicationSummary>> ON = new Column.Factory<>();

  static final List<Column<Regional<ApplicationSummary>>> COLUMNS = List.of(
      ON.varchar("arn", a -> a.item().arn()).primaryKey().maxLength(128)
          .remarks("ARN that uniquely identifies the application across all Regions"),
      ON.varchar("id", a -> a.item().id()).notNull().maxLength(32)
          .remarks("ID that uniquely identifies the application, e.g. a-9ZY8X7Wv6"),
      ON.varchar("description", a -> a.item().description()).maxLength(80)
          .remarks("Human-readable label for the application"),
      ON.varchar("status", a -> a.item().statusAsString())
          .remarks("Current status of the application, e.g. INITIALIZED, PROCESSING, READY, ERROR"),
      ON.varchar("runtime_type", a -> runtime(a).map(RuntimeEnvironment::typeAsString).orElse(null))
          .remarks("Operating system of the application's runtime environment, e.g. UBUNTU, WINDOWS, PROTON"),
      ON.varchar("runtime_version", a -> runtime(a).map(RuntimeEnvironment::version).orElse(null))
          .maxLength(256).remarks("Version of the application's runtime environment"),
      ON.timestamp("created_at", a -> a.item().createdAt()).remarks("When the application was created (UTC)"),
      ON.timestamp("last_updated_at", a -> a.item().lastUpdatedAt())
          .remarks("When the application was last updated (UTC)"),
      ON.varchar("region", Regional::region).notNull().remarks("AWS Region whose endpoint listed the application"),
      ON.varchar("account_id", a -> Arns.account(a.item().arn())).notNull().maxLength(12)
          .remarks("AWS account that owns the application, from its ARN"));

  static final TableDeclaration<Regional<ApplicationSummary>> DECLARATION = new TableDeclaration<>("applications", "ListApplications", COLUMNS,
      List.of());

  ApplicationsTable(GameLiftStreamsAccess access, int pageSize) {
    super(DECLARATION, access, pageSize);
  }

  @Override
  public String remarks() {
    return "Applications: content for streaming (ListApplications)";
  }

  private static Optional<RuntimeEnvironment> runtime(Regional<ApplicationSummary> a) {
    return Optional.ofNullable(a.item().runtimeEnvironment());
  }

  @Override
  Iterator<Supplier<Iterator<Regional<ApplicationSummary>>>> chains(String region, Pushdown pushdown, Set<String> used,
      ScanControl control, RowBudget budget) {
    return List.<Supplier<Iterator<Regional<ApplicationSummary>>>>of(() -> Iterators.transform(
        access.applications(region, control, budget), x -> new Regional<>(x, region))).iterator();
  }
}
