package dev.gameliftstreams.jdbc.driver;

import dev.gameliftstreams.jdbc.schema.GameLiftStreamsSchema;
import java.sql.SQLException;
import java.util.Map;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Lets a Calcite model mount the GameLift Streams tables beside other data sources:
 * {@code {"type": "custom", "factory": "dev.gameliftstreams.jdbc.driver.GameLiftStreamsSchemaFactory",
 * "operand": {"region": "us-west-2"}}}; the operand takes the URL's keys.
 */
public final class GameLiftStreamsSchemaFactory implements SchemaFactory {
  @Override
  public Schema create(SchemaPlus parentSchema, String name, Map<String, Object> operand) {
    try {
      ConnectionConfig config = ConnectionConfig.fromOperand(operand);
      return new GameLiftStreamsSchema(GameLiftStreamsDriver.accesses(config), config.pageSize());
    } catch (SQLException e) {
      throw new IllegalArgumentException("Schema " + name + ": " + e.getMessage(), e);
    }
  }
}
