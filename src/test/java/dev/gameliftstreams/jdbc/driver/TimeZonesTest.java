package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.REGION;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Timestamps are the API's instants, shown as UTC wall clock, whatever the JVM's default zone.
 * Surefire runs this class in its own JVM under {@code -Duser.timezone=America/Los_Angeles}
 * (pom.xml); alone: {@code mvn test -Dtest=TimeZonesTest -DargLine=-Duser.timezone=Asia/Tokyo}.
 */
class TimeZonesTest {
  private static final DateTimeFormatter UTC_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(20, "region=" + REGION);

  private static ObjectNode group;
  private static Instant created;

  @BeforeAll
  static void aGroupAndItsCreationInstant() {
    assertNotEquals(0, TimeZone.getDefault().getOffset(System.currentTimeMillis()),
        "this specification must run under a non-UTC default zone, see the class comment");
    group = fixture.emulator.data().streamGroups(REGION).get(0);
    BigDecimal seconds = new BigDecimal(text(group, "CreatedAt"));
    created = Instant.ofEpochMilli(seconds.movePointRight(3).longValueExact());
  }

  private static ResultSet createdAt(PreparedStatement ps) throws Exception {
    ps.setString(1, text(group, "Arn"));
    ResultSet rs = ps.executeQuery();
    assertTrue(rs.next());
    return rs;
  }

  @Test
  void valuesReadAsTheApisInstantInUtc() throws Exception {
    try (PreparedStatement ps = fixture.connection().prepareStatement(
        "select created_at, expires_at from stream_groups where arn = ?"); ResultSet rs = createdAt(ps)) {
      assertEquals(UTC_MILLIS.format(created), rs.getString(1), "UTC wall clock with milliseconds");
      assertEquals(UTC_MILLIS.format(created), rs.getString("created_at"));
      assertEquals(created, rs.getTimestamp(1).toInstant());
      assertEquals(created, ((Timestamp) rs.getObject(1)).toInstant());
      assertEquals(LocalDateTime.ofInstant(created, ZoneOffset.UTC), rs.getObject(1, LocalDateTime.class));
      assertEquals(created.atOffset(ZoneOffset.UTC), rs.getObject(1, OffsetDateTime.class));
      assertEquals(ZoneOffset.UTC, rs.getObject("created_at", OffsetDateTime.class).getOffset());
      assertEquals(created, rs.getObject("created_at", Instant.class));
      assertEquals(created.atZone(ZoneOffset.UTC), rs.getObject(1, ZonedDateTime.class));
      assertEquals(created.atOffset(ZoneOffset.UTC).toLocalDate(), rs.getObject(1, java.time.LocalDate.class));
      if (group.path("ExpiresAt").isMissingNode()) {
        assertNull(rs.getObject(2, LocalDateTime.class));
      }
    }
  }

  @Test
  void javaTimeValuesBindAsTheInstantTheyDenote() throws Exception {
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    List<Object> sameInstant = List.of(created, created.atOffset(ZoneOffset.UTC), created.atZone(tokyo),
        created.atZone(tokyo).toOffsetDateTime(), LocalDateTime.ofInstant(created, ZoneOffset.UTC),
        Timestamp.from(created));
    for (Object value : sameInstant) {
      try (PreparedStatement ps = fixture.connection().prepareStatement(
          "select arn from stream_groups where created_at = ?")) {
        ps.setObject(1, value);
        assertEquals(Set.of(text(group, "Arn")), arns(ps), value.getClass().getSimpleName() + " " + value);
      }
    }
    try (PreparedStatement ps = fixture.connection().prepareStatement(
        "select arn from stream_groups where created_at = timestamp '" + UTC_MILLIS.format(created) + "'")) {
      assertEquals(Set.of(text(group, "Arn")), arns(ps), "timestamp literals are UTC too");
    }
  }

  private static Set<String> arns(PreparedStatement ps) throws Exception {
    Set<String> arns = new TreeSet<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        arns.add(rs.getString(1));
      }
    }
    return arns;
  }
}
