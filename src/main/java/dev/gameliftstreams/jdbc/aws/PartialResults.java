package dev.gameliftstreams.jdbc.aws;

import java.sql.SQLWarning;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * {@code ignoreErrors}: a call chain that fails with one of the listed AWS error codes ends quietly, so
 * its source (a region, a stream group, an account) contributes no further rows, and the statement gets
 * one {@link SQLWarning} naming the account, region, operation and error; the same line is logged at
 * WARN for clients that never read warnings. Other failures fail the query as before.
 */
final class PartialResults {
  private static final Logger LOG = Logger.getLogger(PartialResults.class.getName());
  /** SQLState of the warnings: class 01 (warning), subclass 000 (no subclass). */
  static final String WARNING = "01000";

  private final Set<String> ignoredErrors;

  PartialResults(Set<String> ignoredErrors) {
    this.ignoredErrors = ignoredErrors;
  }

  /**
   * @param account    the account the chain reads (null when not known), asked only when a source is skipped
   * @param parameters the request's filter parameters (e.g. a stream group's Identifier)
   */
  <T> Iterator<T> guard(Iterator<T> chain, Supplier<String> account, String region, String operation,
      Map<String, String> parameters, ScanControl control) {
    if (ignoredErrors.isEmpty()) {
      return chain;
    }
    return new Iterator<>() {
      private boolean skipped;

      @Override
      public boolean hasNext() {
        if (skipped) {
          return false;
        }
        try {
          return chain.hasNext();
        } catch (GameLiftStreamsException e) {
          if (e.awsErrorCode() == null || !ignoredErrors.contains(e.awsErrorCode())) {
            throw e;
          }
          skipped = true;
          String accountId = account.get();
          String line = "Partial result (ignoreErrors): skipped "
              + (accountId == null ? "" : "account " + accountId + ", ")
              + "region " + region + ", " + operation + (parameters.isEmpty() ? "" : " " + parameters)
              + " after " + e.awsErrorCode() + ": " + e.getMessage();
          LOG.warning(line);
          control.warnings().add(new SQLWarning(line, WARNING, e.httpStatus(), e));
          return false;
        }
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return chain.next();
      }
    };
  }
}
