package dev.gameliftstreams.jdbc.aws;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The driver's one Jackson ObjectMapper, created when first needed: only detail columns use it, and creating it
 * costs a cold JVM's first query about a tenth of a second.
 */
public final class LazyJson {
  private LazyJson() {
  }

  public static ObjectMapper mapper() {
    return Holder.MAPPER;
  }

  private static final class Holder {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
