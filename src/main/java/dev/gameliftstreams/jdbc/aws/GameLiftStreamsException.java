package dev.gameliftstreams.jdbc.aws;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;

/**
 * A failure of a scan, already classified for JDBC. It is unchecked because it
 * surfaces from inside Calcite's enumerators; the driver's JDBC layer turns it
 * into the {@link SQLException} subclass its SQLState calls for.
 */
public final class GameLiftStreamsException extends RuntimeException {
  /** SQLStates the driver reports; the class (first two characters) follows SQL:2016 and JDBC. */
  public static final String ACCESS_DENIED = "28000";
  public static final String INVALID_PARAMETER = "22023";
  public static final String NOT_FOUND = "42S02";
  public static final String THROTTLED = "53400";
  public static final String SERVICE_ERROR = "58000";
  public static final String CONNECTION_FAILURE = "08001";
  /** The service answered, but not in its protocol (unparseable body): PostgreSQL's protocol_violation. */
  public static final String MALFORMED_RESPONSE = "08P01";
  public static final String CANCELED = "57014";
  public static final String TIMEOUT = "HYT00";
  public static final String GENERAL = "HY000";

  private final String sqlState;
  private final String awsErrorCode;
  private final int httpStatus;

  public GameLiftStreamsException(String message, String sqlState, String awsErrorCode,
      int httpStatus, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
    this.awsErrorCode = awsErrorCode;
    this.httpStatus = httpStatus;
  }

  public String sqlState() {
    return sqlState;
  }

  /** The service's error code (e.g. {@code ThrottlingException}), or null for client-side failures. */
  public String awsErrorCode() {
    return awsErrorCode;
  }

  /** HTTP status of the service's answer, or 0 for client-side failures. */
  public int httpStatus() {
    return httpStatus;
  }

  public SQLException toSQLException() {
    String message = getMessage();
    switch (sqlState) {
      case ACCESS_DENIED:
        return new SQLInvalidAuthorizationSpecException(message, sqlState, httpStatus, this);
      case INVALID_PARAMETER:
        return new SQLDataException(message, sqlState, httpStatus, this);
      case THROTTLED:
      case SERVICE_ERROR:
        return new SQLTransientException(message, sqlState, httpStatus, this);
      case CONNECTION_FAILURE:
        return new SQLTransientConnectionException(message, sqlState, httpStatus, this);
      case MALFORMED_RESPONSE:
        return new SQLNonTransientConnectionException(message, sqlState, httpStatus, this);
      case TIMEOUT:
        return new SQLTimeoutException(message, sqlState, httpStatus, this);
      default:
        return new SQLException(message, sqlState, httpStatus, this);
    }
  }
}
