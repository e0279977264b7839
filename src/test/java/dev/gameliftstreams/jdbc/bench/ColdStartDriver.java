package dev.gameliftstreams.jdbc.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** A fresh JVM's first row through the driver (see {@link ColdStartBenchmark}); args[0] is the endpoint. */
public final class ColdStartDriver {
  private ColdStartDriver() {
  }

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:gameliftstreams:endpoint=" + args[0] + ";region=us-west-2",
        "AKIDEXAMPLE", "secret");
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select arn from account_stream_sessions limit 1")) {
      if (!rs.next()) {
        System.exit(1);
      }
      System.out.println(rs.getString(1));
    }
    System.exit(0);
  }
}
