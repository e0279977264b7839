package dev.gameliftstreams.jdbc.emulator;

import java.nio.charset.StandardCharsets;

/** An AWS rest-json error answer: HTTP status, {@code x-amzn-ErrorType} name and message. */
final class ApiException extends Exception {

  private final int status;
  private final String errorType;

  private ApiException(int status, String errorType, String message) {
    super(message, null, false, false);
    this.status = status;
    this.errorType = errorType;
  }

  static ApiException of(int status, String errorType, String message) {
    return new ApiException(status, errorType, message);
  }

  static ApiException validation(String message) {
    return new ApiException(400, "ValidationException", message);
  }

  static ApiException accessDenied(String message) {
    return new ApiException(403, "AccessDeniedException", message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, "ResourceNotFoundException", message);
  }

  static ApiException unknownOperation(String message) {
    return new ApiException(404, "UnknownOperationException", message);
  }

  static ApiException throttling(String message) {
    return new ApiException(429, "ThrottlingException", message);
  }

  static ApiException internal(String message) {
    return new ApiException(500, "InternalServerException", message);
  }

  int status() {
    return status;
  }

  String errorType() {
    return errorType;
  }

  /** The body {@code {"message": "..."}} that both the AWS SDKs and botocore read the message from. */
  byte[] body() {
    return Json.MAPPER.createObjectNode().put("message", getMessage()).toString()
        .getBytes(StandardCharsets.UTF_8);
  }
}
