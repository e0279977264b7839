package dev.gameliftstreams.jdbc.credentials;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Runs in a JVM of its own with a controlled environment (HOME, AWS_CONFIG_FILE, AWS_* variables), as a user's JDBC
 * host would: reads requests {@code URL TAB SQL [TAB key=value | TAB -Dname=value]...} from stdin, runs each through
 * DriverManager on a fresh connection (connection properties key=value; system properties -Dname=value set for this
 * request only, as the SDK reads each of its AWS_* settings from a system property before the environment) and
 * answers one line: {@code OK TAB first column of the first row} or
 * {@code ERR TAB SQLState TAB message} (line breaks as \n). Uses only the JDK and the driver, so it runs on the
 * shaded jar too.
 */
public final class ForkedDriver {

  private ForkedDriver() {
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] parts = line.split("\t");
      Properties info = new Properties();
      Properties system = new Properties();
      for (int i = 2; i < parts.length; i++) {
        int eq = parts[i].indexOf('=');
        if (parts[i].startsWith("-D")) {
          system.setProperty(parts[i].substring(2, eq), parts[i].substring(eq + 1));
        } else {
          info.setProperty(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
      }
      system.forEach((k, v) -> System.setProperty((String) k, (String) v));
      try (Connection c = DriverManager.getConnection(parts[0], info); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery(parts[1])) {
        out.println("OK\t" + (rs.next() ? rs.getString(1) : ""));
      } catch (SQLException e) {
        out.println("ERR\t" + e.getSQLState() + "\t" + String.valueOf(e.getMessage()).replace("\n", "\\n"));
      } catch (RuntimeException e) {
        out.println("ERR\tunexpected\t" + e.toString().replace("\n", "\\n"));
      } finally {
        system.keySet().forEach(k -> System.clearProperty((String) k));
      }
    }
  }
}
