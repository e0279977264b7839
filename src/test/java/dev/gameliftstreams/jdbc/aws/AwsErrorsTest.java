package dev.gameliftstreams.jdbc.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.gameliftstreams.model.ValidationException;

/** How SDK failures are classified for JDBC (the service-side ones are also exercised end to end). */
class AwsErrorsTest {
  @Test
  void validationErrorsAreDataErrorsCarryingTheAwsCodeAndMessage() {
    ValidationException e = (ValidationException) ValidationException.builder()
        .statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
            .errorMessage("1 validation error detected: Value '0' at 'maxResults'").build())
        .build();
    SQLException sql = AwsErrors.translate(e, "ListStreamSessions", "us-west-2").toSQLException();
    assertTrue(sql instanceof SQLDataException, sql.toString());
    assertEquals("22023", sql.getSQLState());
    assertEquals(400, sql.getErrorCode());
    assertEquals("GameLift Streams ListStreamSessions in us-west-2 failed: ValidationException:"
        + " 1 validation error detected: Value '0' at 'maxResults' (HTTP 400)", sql.getMessage());
  }

  @Test
  void missingCredentialsAreAnAuthorizationError() {
    SdkClientException e = SdkClientException.create("Unable to load credentials from any of the providers");
    SQLException sql = AwsErrors.translate(e, "ListStreamGroups", "us-east-1").toSQLException();
    assertTrue(sql instanceof SQLInvalidAuthorizationSpecException, sql.toString());
    assertEquals("28000", sql.getSQLState());
  }

  @Test
  void ioFailuresAreConnectionErrors() {
    SdkClientException e = SdkClientException.create("Unable to execute HTTP request", new IOException("reset"));
    assertEquals("08001", AwsErrors.translate(e, "ListApplications", "us-east-1").sqlState());
  }
}
