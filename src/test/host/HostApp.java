import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * A host application as Spark or a Spring service is one: its own Jackson 2.21 and SLF4J 2 with a binding
 * (slf4j-simple) on the class path, the driver's shaded jar first. ShadedJarIT runs it in a JVM of its own, as a
 * single source file ({@code java -cp ... HostApp.java URL SQL}), and reads what it prints.
 */
public class HostApp {
  public static void main(String[] args) throws Exception {
    // The README's route for the driver's log lines into a host's logging: bridge java.util.logging to SLF4J.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    Logger log = LoggerFactory.getLogger("host");
    log.info("host logging: {}", LoggerFactory.getILoggerFactory().getClass().getName());
    log.info("host jackson: {}", PackageVersion.VERSION);
    ObjectMapper mapper = new ObjectMapper();
    try (Connection c = DriverManager.getConnection(args[0]);
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery(args[1])) {
      rs.next();
      System.out.println("result=" + mapper.writeValueAsString(Map.of("n", rs.getLong(1))));
    }
    log.info("host done");
  }
}
