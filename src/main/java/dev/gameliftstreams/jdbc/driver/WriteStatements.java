package dev.gameliftstreams.jdbc.driver;

import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Set;

/**
 * Rejects statements that would change data or schema before Calcite plans them (it would fail
 * late, with a planner dump): the driver reads a service's API and has nothing to write to.
 * Every such statement starts with its verb, so the first keyword decides.
 */
final class WriteStatements {
  private static final Set<String> VERBS = Set.of("INSERT", "UPSERT", "UPDATE", "DELETE", "MERGE", "CREATE",
      "ALTER", "DROP", "TRUNCATE", "GRANT", "REVOKE", "RENAME", "COMMENT");

  private WriteStatements() {
  }

  static void reject(String sql) throws SQLFeatureNotSupportedException {
    String verb = firstKeyword(sql);
    if (VERBS.contains(verb)) {
      throw new SQLFeatureNotSupportedException("The GameLift Streams driver is read-only: " + verb
          + " is not supported", SqlErrors.NOT_SUPPORTED);
    }
  }

  /** The first word of {@code sql} after whitespace, comments and opening parentheses, upper case. */
  static String firstKeyword(String sql) {
    if (sql == null) {
      return "";
    }
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    int start = i;
    while (i < n && Character.isLetter(sql.charAt(i))) {
      i++;
    }
    return sql.substring(start, i).toUpperCase(Locale.ROOT);
  }
}
