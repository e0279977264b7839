package dev.gameliftstreams.jdbc.driver;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteFactory;
import org.apache.calcite.jdbc.CalciteMetaImpl;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeSystem;

/**
 * Calcite's JDBC engine as this driver runs it: connections that describe themselves as this
 * driver over Amazon GameLift Streams, start read-only with auto-commit on, and read string
 * literals as UTF-8. Never registered with DriverManager; {@link GameLiftStreamsDriver}
 * opens its connections through {@link #open}.
 */
final class CalciteEngine extends org.apache.calcite.jdbc.Driver {
  /** The engine of {@code jdbc:gameliftstreams:} connections, whose schema is the driver's own. */
  static final CalciteEngine INSTANCE = new CalciteEngine(LeanPrepare::new);

  /** The engine of model connections: models may bring materialized views, lattices or streams. */
  static final CalciteEngine MODELS = new CalciteEngine(null);

  /** The version of the service API the driver speaks. */
  static final String API_VERSION = "2018-05-10";

  private CalciteEngine(Supplier<CalcitePrepare> prepare) {
    super(prepare);
  }

  /**
   * A Calcite connection with its own type factory; {@code url} is what
   * {@code DatabaseMetaData.getURL()} reports, so it must hold no secret.
   */
  CalciteConnection open(String url, Properties calciteProperties) throws SQLException {
    return open(url, calciteProperties, new Utf8TypeFactory());
  }

  /**
   * A connection to a Calcite model, with Calcite's default type factory: the JDBC adapter types a model's
   * JDBC schemas with its own factory (ISO-8859-1 strings), and strings of one charset only compare with each
   * other, so the model's GameLift Streams columns keep Calcite's default charset too.
   */
  CalciteConnection openModel(String url, Properties calciteProperties) throws SQLException {
    return open(url, calciteProperties, new JavaTypeFactoryImpl(RelDataTypeSystem.DEFAULT));
  }

  private CalciteConnection open(String url, Properties calciteProperties, JavaTypeFactoryImpl types)
      throws SQLException {
    AvaticaConnection connection = ((CalciteFactory) factory).newConnection(this, factory, url,
        calciteProperties, null, types);
    handler.onConnectionInit(connection);
    connection.setAutoCommit(true);
    connection.setReadOnly(true);
    return (CalciteConnection) connection;
  }

  /** Catalog rows with the remarks of the driver's table declarations (see {@link Metadata}). */
  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return CalciteMetaImpl.create((CalciteConnection) connection, Metadata.TABLES, Metadata.COLUMNS);
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return new DriverVersion(DriverInfo.NAME, DriverInfo.VERSION, "Amazon GameLift Streams", API_VERSION,
        false, DriverInfo.MAJOR, DriverInfo.MINOR, 2018, 5);
  }

  /**
   * Calcite's default charset for literals and VARCHAR types is ISO-8859-1 (JVM-wide, from a
   * system property); API values and user literals are Unicode, so this connection's is UTF-8.
   */
  private static final class Utf8TypeFactory extends JavaTypeFactoryImpl {
    Utf8TypeFactory() {
      super(RelDataTypeSystem.DEFAULT);
    }

    @Override
    public Charset getDefaultCharset() {
      return StandardCharsets.UTF_8;
    }
  }
}
