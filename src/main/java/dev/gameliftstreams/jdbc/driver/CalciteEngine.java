package dev.gameliftstreams.jdbc.driver;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeSystem;

/**
 * Calcite's JDBC engine as this driver runs it: connections that describe themselves as this
 * driver over Amazon GameLift Streams, start read-only with auto-commit on, and read string
 * literals as UTF-8. Never registered with DriverManager; {@link GameLiftStreamsDriver}
 * opens its connections through {@link #open}.
 */
final class CalciteEngine extends org.apache.calcite.jdbc.Driver {
  static final CalciteEngine INSTANCE = new CalciteEngine();

  /** The version of the service API the driver speaks. */
  static final String API_VERSION = "2018-05-10";

  private CalciteEngine() {
  }

  /**
   * A Calcite connection with its own type factory; {@code url} is what
   * {@code DatabaseMetaData.getURL()} reports, so it must hold no secret.
   */
  CalciteConnection open(String url, Properties calciteProperties) throws SQLException {
    AvaticaConnection connection = ((CalciteFactory) factory).newConnection(this, factory, url,
        calciteProperties, null, new Utf8TypeFactory());
    handler.onConnectionInit(connection);
    connection.setAutoCommit(true);
    connection.setReadOnly(true);
    return (CalciteConnection) connection;
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
