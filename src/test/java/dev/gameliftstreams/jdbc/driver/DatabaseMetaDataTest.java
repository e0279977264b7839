package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.REGION;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DatabaseMetaData as BI tools (DBeaver, DataGrip, Tableau) read it to list, draw and join tables. */
class DatabaseMetaDataTest {
  private static final List<String> TABLES =
      List.of("account_stream_sessions", "applications", "stream_groups", "stream_session_details", "stream_sessions");

  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(100, "region=" + REGION);

  private static DatabaseMetaData md() throws SQLException {
    return fixture.connection().getMetaData();
  }

  /** The rows of a metadata result, each as column label to string value. */
  private static List<Map<String, String>> rows(ResultSet rs) throws SQLException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (rs) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i), rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static List<String> values(List<Map<String, String>> rows, String column) {
    return rows.stream().map(r -> r.get(column)).collect(Collectors.toList());
  }

  @Test
  void theDatabaseIsGameLiftStreamsAndTheDriverThisProject() throws Exception {
    DatabaseMetaData md = md();
    assertEquals("Amazon GameLift Streams", md.getDatabaseProductName());
    assertEquals("2018-05-10", md.getDatabaseProductVersion(), "the service API version");
    assertEquals("gameliftstreams-jdbc", md.getDriverName());
    Matcher pom = Pattern.compile("<artifactId>gameliftstreams-jdbc</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(Path.of("pom.xml")));
    assertTrue(pom.find());
    assertEquals(pom.group(1), md.getDriverVersion(), "the build's version");
    Driver driver = DriverManager.getDriver(md.getURL());
    assertEquals(md.getDriverMajorVersion(), driver.getMajorVersion());
    assertEquals(md.getDriverMinorVersion(), driver.getMinorVersion());
    assertEquals(pom.group(1).split("[.-]")[0], String.valueOf(driver.getMajorVersion()));
    assertEquals("dev.gameliftstreams.jdbc", driver.getParentLogger().getName());
  }

  @Test
  void theUrlIsTheConnectionsWithoutSecrets() throws Exception {
    assertEquals("jdbc:gameliftstreams:endpoint=" + fixture.emulator.endpoint() + ";region=" + REGION, md().getURL());
    assertEquals("jdbc:gameliftstreams:region=us-west-2;secretAccessKey=***;sessionToken=***;profile=p",
        ConnectionConfig.withoutSecrets(
            "jdbc:gameliftstreams:region=us-west-2;secretAccessKey=wJalr;sessionToken=IQoJb3;profile=p"));
  }

  @Test
  void onlyTheDriversSchemaIsListed() throws Exception {
    assertEquals(List.of("gameliftstreams"), values(rows(md().getSchemas()), "TABLE_SCHEM"));
    assertEquals(List.of("gameliftstreams"), values(rows(md().getSchemas(null, "%")), "TABLE_SCHEM"));
    List<Map<String, String>> tables = rows(md().getTables(null, null, "%", null));
    List<String> all = new ArrayList<>(TABLES);
    all.add(all.indexOf("stream_groups"), "pushdown_columns");
    assertEquals(all, values(tables, "TABLE_NAME"), "the API's tables and the pushdown catalogue");
    assertEquals(Set.of("gameliftstreams"), Set.copyOf(values(tables, "TABLE_SCHEM")));
    Set<String> catalogs = new TreeSet<>(values(rows(md().getCatalogs()), "TABLE_CAT").stream()
        .map(String::valueOf).collect(Collectors.toList()));
    assertEquals(catalogs, tables.stream().map(t -> String.valueOf(t.get("TABLE_CAT"))).collect(Collectors.toSet()),
        "getCatalogs names the catalog of every table");
  }

  @Test
  void namePatternsMatchCaseInsensitivelyAsSqlNamesDo() throws Exception {
    assertEquals(List.of("stream_sessions"), values(rows(md().getTables(null, null, "STREAM_SESSIONS", null)),
        "TABLE_NAME"));
    assertEquals(List.of("stream_groups", "stream_session_details", "stream_sessions"),
        values(rows(md().getTables(null, "GameLiftStreams", "Stream\\_%", new String[] {"TABLE"})), "TABLE_NAME"));
    assertEquals(List.of(), values(rows(md().getTables(null, null, "STREAM%SESSION", null)), "TABLE_NAME"));
    assertEquals(List.of("stream_group_arn", "stream_group_id"),
        values(rows(md().getColumns(null, "GAMELIFTSTREAMS", "Stream_Sessions", "STREAM_GROUP_%")), "COLUMN_NAME")
            .stream().sorted().collect(Collectors.toList()));
    assertEquals(List.of("stream_sessions"),
        values(rows(md().getPrimaryKeys(null, null, "STREAM_SESSIONS")), "TABLE_NAME"));
  }

  @Test
  void everyTableAndColumnHasAShortRemark() throws Exception {
    for (Map<String, String> t : rows(md().getTables(null, null, "%", null))) {
      String remarks = t.get("REMARKS");
      assertTrue(remarks != null && !remarks.isBlank() && remarks.length() <= 100, t.toString());
    }
    List<Map<String, String>> columns = rows(md().getColumns(null, null, "%", "%"));
    assertTrue(columns.size() > 40);
    for (Map<String, String> c : columns) {
      String remarks = c.get("REMARKS");
      assertTrue(remarks != null && !remarks.isBlank() && remarks.length() <= 100, c.toString());
    }
  }

  private static Map<String, Map<String, String>> columnsOf(String table) throws SQLException {
    Map<String, Map<String, String>> columns = new LinkedHashMap<>();
    for (Map<String, String> c : rows(md().getColumns(null, null, table, "%"))) {
      columns.put(c.get("COLUMN_NAME"), c);
    }
    return columns;
  }

  @Test
  void identifiersAndArnDerivedColumnsAreNotNullAndOptionalMembersNullable() throws Exception {
    Map<String, Set<String>> notNull = Map.of(
        "stream_sessions", Set.of("arn", "session_id", "stream_group_id", "stream_group_arn", "region", "account_id"),
        "account_stream_sessions",
        Set.of("arn", "session_id", "stream_group_id", "stream_group_arn", "region", "account_id"),
        "stream_groups", Set.of("arn", "id", "region", "account_id"),
        "applications", Set.of("arn", "id", "region", "account_id"),
        "stream_session_details", Set.of("arn", "session_id", "stream_group_id", "region", "account_id"));
    for (String table : TABLES) {
      for (Map.Entry<String, Map<String, String>> c : columnsOf(table).entrySet()) {
        boolean required = notNull.get(table).contains(c.getKey());
        assertEquals(required ? "NO" : "YES", c.getValue().get("IS_NULLABLE"), table + "." + c.getKey());
        assertEquals(String.valueOf(required ? DatabaseMetaData.columnNoNulls : DatabaseMetaData.columnNullable),
            c.getValue().get("NULLABLE"), table + "." + c.getKey());
      }
    }
    try (Statement st = fixture.connection().createStatement();
         ResultSet rs = st.executeQuery("select arn, user_id from stream_sessions limit 1")) {
      assertEquals(ResultSetMetaData.columnNoNulls, rs.getMetaData().isNullable(1));
      assertEquals(ResultSetMetaData.columnNullable, rs.getMetaData().isNullable(2));
    }
  }

  @Test
  void varcharSizesComeFromTheModelsLengthConstraints() throws Exception {
    Map<String, Map<String, String>> sessions = columnsOf("stream_sessions");
    Map<String, Map<String, String>> groups = columnsOf("stream_groups");
    Map<String, Map<String, String>> apps = columnsOf("applications");
    assertEquals("128", sessions.get("arn").get("COLUMN_SIZE"));
    assertEquals("1024", sessions.get("user_id").get("COLUMN_SIZE"));
    assertEquals("20", sessions.get("location").get("COLUMN_SIZE"));
    assertEquals("32", groups.get("id").get("COLUMN_SIZE"));
    assertEquals("80", groups.get("description").get("COLUMN_SIZE"));
    assertEquals("256", apps.get("runtime_version").get("COLUMN_SIZE"));
    for (String table : TABLES) {
      for (Map<String, String> c : columnsOf(table).values()) {
        if (c.get("DATA_TYPE").equals(String.valueOf(Types.VARCHAR))) {
          assertTrue(Integer.parseInt(c.get("COLUMN_SIZE")) > 0, c.toString());
        }
      }
    }
  }

  @Test
  void everyApiTablesPrimaryKeyIsItsArn() throws Exception {
    for (String table : TABLES) {
      List<Map<String, String>> keys = rows(md().getPrimaryKeys(null, "gameliftstreams", table));
      assertEquals(1, keys.size(), table);
      assertEquals("arn", keys.get(0).get("COLUMN_NAME"));
      assertEquals(table, keys.get(0).get("TABLE_NAME"));
      assertEquals("1", keys.get(0).get("KEY_SEQ"));
    }
    assertEquals(Map.of("table_name", "1", "column_name", "2"), rows(md().getPrimaryKeys(null, null,
        "pushdown_columns")).stream().collect(Collectors.toMap(k -> k.get("COLUMN_NAME"), k -> k.get("KEY_SEQ"))),
        "the pushdown catalogue's key is its table and column");
    assertEquals(List.of(), rows(md().getPrimaryKeys(null, null, "nope")));
  }

  private static Set<String> references(ResultSet rs) throws SQLException {
    return rows(rs).stream().map(r -> r.get("FKTABLE_NAME") + "." + r.get("FKCOLUMN_NAME") + " -> "
        + r.get("PKTABLE_NAME") + "." + r.get("PKCOLUMN_NAME")).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void foreignKeysLeadFromSessionsToTheirGroupAndApplication() throws Exception {
    assertEquals(Set.of("stream_sessions.application_arn -> applications.arn",
        "stream_sessions.stream_group_arn -> stream_groups.arn"),
        references(md().getImportedKeys(null, null, "stream_sessions")));
    assertEquals(Set.of("account_stream_sessions.stream_group_arn -> stream_groups.arn",
        "stream_sessions.stream_group_arn -> stream_groups.arn"),
        references(md().getExportedKeys(null, null, "stream_groups")));
    assertEquals(Set.of("account_stream_sessions.application_arn -> applications.arn",
        "stream_groups.default_application_arn -> applications.arn",
        "stream_sessions.application_arn -> applications.arn"),
        references(md().getExportedKeys(null, null, "applications")));
    assertEquals(Set.of("account_stream_sessions.application_arn -> applications.arn"),
        references(md().getCrossReference(null, null, "applications", null, null, "ACCOUNT_STREAM_SESSIONS")));
    assertEquals(Set.of(), references(md().getImportedKeys(null, null, "applications")));
    assertEquals(Set.of("stream_session_details.arn -> stream_sessions.arn"),
        references(md().getImportedKeys(null, null, "stream_session_details")));
    ResultSet rs = md().getImportedKeys(null, null, "stream_sessions");
    assertEquals(Types.SMALLINT, rs.getMetaData().getColumnType(rs.findColumn("KEY_SEQ")));
    rs.close();
  }

  @Test
  void theStreamGroupArnJoinsEachSessionToItsGroup() throws Exception {
    Map<String, String> groupArns = fixture.emulator.data().streamGroups(REGION).stream()
        .collect(Collectors.toMap(g -> text(g, "Id"), g -> text(g, "Arn")));
    int sessions = 0;
    try (Statement st = fixture.connection().createStatement(); ResultSet rs = st.executeQuery(
        "select s.stream_group_id, s.stream_group_arn, g.arn from account_stream_sessions s "
            + "join stream_groups g on g.arn = s.stream_group_arn")) {
      while (rs.next()) {
        sessions++;
        assertEquals(groupArns.get(rs.getString(1)), rs.getString(2));
        assertEquals(rs.getString(2), rs.getString(3));
      }
    }
    assertEquals(fixture.sessions(REGION, s -> true).size(), sessions, "every session joins its group");
  }

  @Test
  void identifierCaseIsReportedAsCaseInsensitive() throws Exception {
    DatabaseMetaData md = md();
    assertFalse(md.supportsMixedCaseIdentifiers(), "unquoted names are case-insensitive");
    assertFalse(md.supportsMixedCaseQuotedIdentifiers(), "quoted names are case-insensitive");
    assertEquals(1, List.of(md.storesMixedCaseIdentifiers(), md.storesLowerCaseIdentifiers(),
        md.storesUpperCaseIdentifiers()).stream().filter(b -> b).count());
    assertEquals(1, List.of(md.storesMixedCaseQuotedIdentifiers(), md.storesLowerCaseQuotedIdentifiers(),
        md.storesUpperCaseQuotedIdentifiers()).stream().filter(b -> b).count());
    assertEquals("\"", md.getIdentifierQuoteString());
    assertTrue(md.isReadOnly());
    try (Statement st = fixture.connection().createStatement();
         ResultSet rs = st.executeQuery("select \"ARN\" from \"Stream_Groups\" limit 1")) {
      assertTrue(rs.next());
    }
  }
}
