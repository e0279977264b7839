import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The README's Spark read: one JDBC partition per region predicate. SparkJdbcIT runs this file with the shaded
 * driver jar first on Spark's class path (as --driver-class-path puts it) and reads what it prints.
 */
public class SparkRead {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("gameliftstreams-jdbc")
        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate();
    Properties properties = new Properties();
    properties.setProperty("driver", "dev.gameliftstreams.jdbc.driver.GameLiftStreamsDriver");
    Dataset<Row> sessions = spark.read().jdbc(args[0], "account_stream_sessions",
        new String[] {"region = 'us-west-2'", "region = 'us-east-1'"}, properties);
    System.out.println("spark=" + spark.version());
    System.out.println("partitions=" + sessions.rdd().getNumPartitions());
    for (Row r : sessions.groupBy("region").count().orderBy("region").collectAsList()) {
      System.out.println("region=" + r.getString(0) + " sessions=" + r.getLong(1));
    }
    Row first = sessions.orderBy("created_at").select("created_at").first();
    System.out.println("earliest=" + first.getTimestamp(0).toInstant());
    spark.stop();
  }
}
