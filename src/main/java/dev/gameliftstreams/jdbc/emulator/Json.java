package dev.gameliftstreams.jdbc.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import java.math.BigDecimal;

/** The emulator's one Jackson configuration, so data files and responses agree on number formatting. */
final class Json {

  /**
   * Timestamps are epoch seconds with a millisecond fraction (1732675200.123). Reading them as BigDecimal,
   * keeping their scale and writing them plain keeps them exact and out of scientific notation, which
   * AWS SDK timestamp parsers would not all accept.
   */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();

  private Json() {
  }

  /** A data file's tree; throws {@link IllegalArgumentException} when the text is not JSON. */
  static JsonNode readTree(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A timestamp in the API's wire form: epoch seconds with a millisecond fraction. */
  static DecimalNode timestamp(long epochMillis) {
    return DecimalNode.valueOf(BigDecimal.valueOf(epochMillis, 3));
  }
}
