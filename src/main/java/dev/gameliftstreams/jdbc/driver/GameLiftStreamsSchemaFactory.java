package dev.gameliftstreams.jdbc.driver;

import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.schema.GameLiftStreamsSchema;
import java.lang.ref.Cleaner;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Lets a Calcite model mount the GameLift Streams tables beside other data sources:
 * {@code {"type": "custom", "factory": "dev.gameliftstreams.jdbc.driver.GameLiftStreamsSchemaFactory",
 * "operand": {"region": "us-west-2"}}}; the operand takes the URL's keys. Open such a model with
 * {@code jdbc:gameliftstreams:model=FILE} to get this driver's JDBC behaviour (errors, time, metadata).
 */
public final class GameLiftStreamsSchemaFactory implements SchemaFactory {
  /**
   * While a {@code jdbc:gameliftstreams:model=FILE} connection loads its model (on the connecting thread), the
   * AWS accesses its schemas open, for the connection to close with itself.
   */
  static final ThreadLocal<List<GameLiftStreamsAccess>> OPENING = new ThreadLocal<>();
  /**
   * A plain {@code jdbc:calcite:model=...} connection never tells its schemas that it closed: the SDK
   * clients (sockets, timeout threads) of a schema are closed once the schema is unreachable.
   */
  private static final Cleaner CLEANER = Cleaner.create();

  @Override
  public Schema create(SchemaPlus parentSchema, String name, Map<String, Object> operand) {
    try {
      ConnectionConfig config = ConnectionConfig.fromOperand(operand);
      List<GameLiftStreamsAccess> accesses = GameLiftStreamsDriver.accesses(config);
      GameLiftStreamsSchema schema = new GameLiftStreamsSchema(accesses, config.pageSize());
      CLEANER.register(schema, () -> accesses.forEach(GameLiftStreamsAccess::close));
      List<GameLiftStreamsAccess> opening = OPENING.get();
      if (opening != null) {
        opening.addAll(accesses);
      }
      return schema;
    } catch (SQLException e) {
      throw new IllegalArgumentException("Schema " + name + ": " + e.getMessage(), e);
    }
  }
}
