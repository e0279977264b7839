package dev.gameliftstreams.jdbc.driver;

import dev.gameliftstreams.jdbc.aws.ClientSettings;
import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.emulator.Emulator;
import dev.gameliftstreams.jdbc.schema.GameLiftStreamsSchema;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;

/**
 * {@code jdbc:gameliftstreams:key=value;...}: a Calcite connection whose default schema holds the
 * GameLift Streams tables. Unquoted and quoted names resolve case-insensitively; timestamps are UTC.
 */
public final class GameLiftStreamsDriver implements Driver {
  public static final String SCHEMA = "gameliftstreams";
  /** The parent of the driver's loggers. */
  public static final String LOGGER = "dev.gameliftstreams.jdbc";

  static {
    SecretLoggers.install();
    try {
      DriverManager.registerDriver(new GameLiftStreamsDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(ConnectionConfig.URL_PREFIX);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    ClassPreloader.start();
    ConnectionConfig config = ConnectionConfig.parse(url, info);
    if (config.model() != null) {
      return connectModel(url, config.model());
    }
    return connect(url, config, CalciteEngine.INSTANCE);
  }

  /** A connection to the driver's own schema, planned by {@code engine}'s prepare. */
  static Connection connect(String url, ConnectionConfig config, CalciteEngine engine) throws SQLException {
    List<GameLiftStreamsAccess> identities = accesses(config);
    Runnable close = () -> identities.forEach(GameLiftStreamsAccess::close);
    try {
      CalciteConnection calcite = engine.open(ConnectionConfig.withoutSecrets(url), calciteProperties());
      calcite.getRootSchema().add(SCHEMA, new GameLiftStreamsSchema(identities, config.pageSize()));
      calcite.setSchema(SCHEMA);
      CalciteSchema root = CalciteSchema.from(calcite.getRootSchema());
      return JdbcProxies.connection(calcite, () -> {
        LeanPrepare.forget(root);
        close.run();
      });
    } catch (SQLException | RuntimeException e) {
      close.run();
      throw e;
    }
  }

  /**
   * A connection to a Calcite model: Calcite loads it (its GameLiftStreamsSchemaFactory schemas, file adapter
   * schemas...) with this driver's name rules and time zone, and the connection is this driver's.
   */
  private static Connection connectModel(String url, String model) throws SQLException {
    List<GameLiftStreamsAccess> accesses = new ArrayList<>();
    Runnable closeAccesses = () -> accesses.forEach(GameLiftStreamsAccess::close);
    Properties properties = calciteProperties();
    properties.setProperty("model", model);
    GameLiftStreamsSchemaFactory.OPENING.set(accesses);
    try {
      return JdbcProxies.connection(CalciteEngine.MODELS.openModel(ConnectionConfig.withoutSecrets(url), properties),
          closeAccesses);
    } catch (SQLException | RuntimeException e) {
      closeAccesses.run();
      throw new SQLException("Cannot open model " + model + ": " + rootMessage(e), "HY024", e);
    } finally {
      GameLiftStreamsSchemaFactory.OPENING.remove();
    }
  }

  /** Calcite reports a model's failure as "Error while ..." around the cause that says what is wrong. */
  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() != null ? c.getMessage() : c.toString();
  }

  /** One access per identity of the connection; demo mode points them at the embedded emulator. */
  static List<GameLiftStreamsAccess> accesses(ConnectionConfig config) throws SQLException {
    List<ClientSettings> identities;
    if (config.demo()) {
      Emulator emulator = EmbeddedEmulator.get();
      identities = config.identities(emulator.endpoint(), new ArrayList<>(emulator.data().regions()));
    } else {
      identities = config.identities(null, List.of());
    }
    List<GameLiftStreamsAccess> accesses = new ArrayList<>();
    identities.forEach(s -> accesses.add(new GameLiftStreamsAccess(s)));
    return accesses;
  }

  static Properties calciteProperties() {
    Properties p = new Properties();
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("timeZone", "UTC");
    return p;
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    List<DriverPropertyInfo> list = new ArrayList<>();
    for (ConnectionConfig.Property p : ConnectionConfig.Property.values()) {
      DriverPropertyInfo i = new DriverPropertyInfo(p.key, info == null ? null : info.getProperty(p.key));
      i.description = p.description;
      list.add(i);
    }
    return list.toArray(new DriverPropertyInfo[0]);
  }

  @Override
  public int getMajorVersion() {
    return DriverInfo.MAJOR;
  }

  @Override
  public int getMinorVersion() {
    return DriverInfo.MINOR;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger(LOGGER);
  }
}
