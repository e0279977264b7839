package dev.gameliftstreams.jdbc.schema;

/**
 * Reads the parts of GameLift Streams ARNs that the list APIs do not return as fields,
 * e.g. {@code arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/sg-1AB2C3De4/ABC123def4567}.
 */
final class Arns {
  private Arns() {
  }

  static String account(String arn) {
    return field(arn, 4);
  }

  /**
   * The ARN of the stream group that hosts a stream session: same partition, Region and account,
   * resource {@code streamgroup/sg-...}.
   */
  static String streamGroupArn(String sessionArn) {
    String group = resourceSegment(sessionArn, 1);
    return group == null ? null : sessionArn.substring(0, sessionArn.lastIndexOf(':') + 1) + "streamgroup/" + group;
  }

  /** The n-th '/'-separated segment of the resource part (0 is the resource type). */
  static String resourceSegment(String arn, int n) {
    String resource = field(arn, 5);
    if (resource == null) {
      return null;
    }
    String[] segments = resource.split("/");
    return n < segments.length ? segments[n] : null;
  }

  private static String field(String arn, int index) {
    if (arn == null) {
      return null;
    }
    String[] fields = arn.split(":", 6);
    return fields.length == 6 ? fields[index] : null;
  }
}
