package dev.gameliftstreams.jdbc.schema;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.schema.Table;

/**
 * A table whose rows can be looked up by key, called from the code Calcite generates for {@link DetailsLookupScan}
 * (hence public): a batch nested-loop join hands it the ARNs of a batch of outer rows.
 */
public interface SessionLookupTable extends Table {
  /**
   * The rows, reduced to {@code fields}, of the sessions whose ARN is one of {@code arns} (null and repeated
   * entries are ignored).
   */
  Enumerable<Object[]> lookUp(DataContext root, Object[] arns, int[] fields);
}
