package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.REGION;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bind parameters of any integer width, and literals in any script. */
class ParametersTest {
  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(200, "region=" + REGION);

  /** Setting the parameter at an index, the way some client does. */
  private interface Binder {
    void bind(PreparedStatement ps, int index, int value) throws Exception;
  }

  private static final List<Binder> BINDERS = List.of(
      (ps, i, v) -> ps.setInt(i, v),
      (ps, i, v) -> ps.setLong(i, v),
      (ps, i, v) -> ps.setObject(i, (long) v),
      (ps, i, v) -> ps.setObject(i, v),
      (ps, i, v) -> ps.setShort(i, (short) v),
      (ps, i, v) -> ps.setBigDecimal(i, BigDecimal.valueOf(v)),
      (ps, i, v) -> ps.setObject(i, (long) v, java.sql.Types.BIGINT));

  private static List<String> sortedArns() {
    return fixture.sessions(REGION, s -> true).stream().map(s -> text(s, "Arn")).sorted()
        .collect(Collectors.toList());
  }

  private static List<String> list(PreparedStatement ps) throws Exception {
    List<String> arns = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        arns.add(rs.getString(1));
      }
    }
    return arns;
  }

  @Test
  void limitOffsetAndFetchTakeParametersOfAnyIntegerType() throws Exception {
    List<String> all = sortedArns();
    for (Binder binder : BINDERS) {
      try (PreparedStatement ps = fixture.connection().prepareStatement(
          "select arn from account_stream_sessions order by arn limit ?")) {
        binder.bind(ps, 1, 7);
        assertEquals(all.subList(0, 7), list(ps));
      }
      try (PreparedStatement ps = fixture.connection().prepareStatement(
          "select arn from account_stream_sessions order by arn limit ? offset ?")) {
        binder.bind(ps, 1, 5);
        binder.bind(ps, 2, 10);
        assertEquals(all.subList(10, 15), list(ps));
      }
      try (PreparedStatement ps = fixture.connection().prepareStatement(
          "select arn from account_stream_sessions order by arn offset ? rows fetch next ? rows only")) {
        binder.bind(ps, 1, 3);
        binder.bind(ps, 2, 4);
        assertEquals(all.subList(3, 7), list(ps));
      }
    }
  }

  @Test
  void aLimitParameterWithoutOrderStillLimits() throws Exception {
    try (PreparedStatement ps = fixture.connection().prepareStatement("select arn from stream_sessions limit ?")) {
      ps.setLong(1, 3);
      assertEquals(3, list(ps).size());
    }
  }

  @BeforeAll
  static void playersWithNamesInManyScripts() {
    List<ObjectNode> sessions = fixture.emulator.data().streamSessions(REGION);
    sessions.get(0).put("UserId", "プレイヤー");
    sessions.get(1).put("UserId", "€-spender");
    sessions.get(2).put("UserId", "игрок №1");
  }

  @Test
  void stringLiteralsInAnyScriptMatchAsBindParametersDo() throws Exception {
    for (String user : List.of("プレイヤー", "€-spender", "игрок №1")) {
      String arn = text(fixture.sessions(REGION, s -> user.equals(text(s, "UserId"))).get(0), "Arn");
      try (PreparedStatement literal = fixture.connection().prepareStatement(
          "select arn from account_stream_sessions where user_id = '" + user + "'");
           PreparedStatement bound = fixture.connection().prepareStatement(
               "select arn from account_stream_sessions where user_id = ?")) {
        bound.setString(1, user);
        assertEquals(List.of(arn), list(literal), user);
        assertEquals(List.of(arn), list(bound), user);
      }
      try (Statement st = fixture.connection().createStatement();
           ResultSet rs = st.executeQuery("select user_id, char_length(user_id) from "
               + "account_stream_sessions where user_id like '" + user.substring(0, 2) + "%'")) {
        rs.next();
        assertEquals(user, rs.getString(1));
        assertEquals(user.codePointCount(0, user.length()), rs.getInt(2));
      }
    }
  }
}
