package dev.gameliftstreams.jdbc.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** This driver's name and version, as the build wrote them into {@code driver.properties}. */
final class DriverInfo {
  static final String NAME;
  static final String VERSION;
  static final int MAJOR;
  static final int MINOR;

  static {
    Properties p = new Properties();
    try (InputStream in = DriverInfo.class.getResourceAsStream("driver.properties")) {
      if (in == null) {
        throw new IllegalStateException("driver.properties is missing from the driver's classes");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    NAME = p.getProperty("name");
    VERSION = p.getProperty("version");
    String[] parts = VERSION.split("[.-]");
    MAJOR = Integer.parseInt(parts[0]);
    MINOR = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
  }

  private DriverInfo() {
  }
}
