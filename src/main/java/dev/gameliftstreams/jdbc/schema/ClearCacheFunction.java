package dev.gameliftstreams.jdbc.schema;

import dev.gameliftstreams.jdbc.aws.ResultCache;
import org.apache.calcite.linq4j.function.NonDeterministic;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;

/**
 * {@code gameliftstreams_clear_cache()}: empties the JVM's result cache (every identity's), so the next
 * query lists from the service again; returns the number of rows dropped. Reading is all the driver does,
 * so this is a function a query calls, not a statement.
 */
public final class ClearCacheFunction {
  public static final String NAME = "gameliftstreams_clear_cache";

  private ClearCacheFunction() {
  }

  static Function create() {
    return ScalarFunctionImpl.create(ClearCacheFunction.class, "eval");
  }

  /** Non-deterministic, so neither the planner nor the code generator evaluates it once for all rows. */
  @NonDeterministic
  public static long eval() {
    return ResultCache.SHARED.clear();
  }
}
