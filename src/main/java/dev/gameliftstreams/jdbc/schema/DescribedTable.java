package dev.gameliftstreams.jdbc.schema;

import java.util.List;

/** What DatabaseMetaData reports of a table: its remarks and its columns' declarations. */
public interface DescribedTable {
  String remarks();

  List<? extends Column<?>> columns();
}
