package dev.gameliftstreams.jdbc.schema;

import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.aws.Lookahead;
import dev.gameliftstreams.jdbc.aws.ScanControl;
import dev.gameliftstreams.jdbc.aws.SessionDetail;
import dev.gameliftstreams.jdbc.pushdown.PushableColumn;
import dev.gameliftstreams.jdbc.pushdown.Pushdown;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key columns that name stream sessions for GetStreamSession: {@code arn}, or {@code stream_group_id} together
 * with {@code session_id}. A scan whose filters name sessions this way looks each up (one call per key and
 * region) instead of listing. Calcite re-checks the key predicates, so a lookup that answers more loosely than SQL
 * compares (e.g. a session ARN given as the id) cannot add rows.
 */
final class SessionKeys {
  /** {@code arn:PARTITION:gameliftstreams:REGION:ACCOUNT:streamsession/GROUP/SESSION}, per the model's pattern. */
  private static final Pattern SESSION_ARN = Pattern.compile(
      "arn:aws[a-z-]*:gameliftstreams:([a-z0-9-]+):[0-9]{12}:streamsession/([a-zA-Z0-9-]+)/([a-zA-Z0-9-]+)");
  /** The model's Id pattern: an ARN or anything else can never equal a stream group or session id. */
  private static final Pattern ID = Pattern.compile("[a-zA-Z0-9-]{1,128}");

  static final PushableColumn ARN = new PushableColumn("arn", v -> SESSION_ARN.matcher(v).matches(), false);
  static final PushableColumn STREAM_GROUP_ID =
      new PushableColumn("stream_group_id", v -> ID.matcher(v).matches(), false);
  static final PushableColumn SESSION_ID = new PushableColumn("session_id", v -> ID.matcher(v).matches(), false);

  /** A session to look up in one region: its stream group and its id or ARN. */
  record Key(String streamGroup, String session) {
  }

  private SessionKeys() {
  }

  /**
   * The sessions of {@code region} the pushdown names, or null when it names none (the scan must list). ARNs of
   * other regions name nothing in this one; ids name a session in every region scanned.
   */
  static List<Key> of(String region, Pushdown pushdown) {
    Set<String> arns = pushdown.values(ARN.name());
    if (arns != null) {
      List<Key> keys = new ArrayList<>();
      for (String arn : arns) {
        if (region.equals(regionOf(arn))) {
          keys.add(keyOf(arn));
        }
      }
      return keys;
    }
    Set<String> groups = pushdown.values(STREAM_GROUP_ID.name());
    Set<String> sessions = pushdown.values(SESSION_ID.name());
    if (groups == null || sessions == null) {
      return null;
    }
    List<Key> keys = new ArrayList<>();
    for (String group : groups) {
      for (String session : sessions) {
        keys.add(new Key(group, session));
      }
    }
    return keys;
  }

  /** The region of a stream session ARN, or null when {@code arn} is not one. */
  static String regionOf(String arn) {
    Matcher m = SESSION_ARN.matcher(arn);
    return m.matches() ? m.group(1) : null;
  }

  /** The key of a stream session ARN ({@link #regionOf} must have accepted it). */
  static Key keyOf(String arn) {
    Matcher m = SESSION_ARN.matcher(arn);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a stream session ARN: " + arn);
    }
    return new Key(m.group(2), arn);
  }

  /** One GetStreamSession per key, a window of them in parallel; sessions the service does not find give no row. */
  static <T> Iterator<T> lookUp(GameLiftStreamsAccess access, String region, List<Key> keys, ScanControl control,
      Function<SessionDetail, T> row) {
    return new Lookahead<Key, T>(keys.iterator(), k -> true, k -> {
      SessionDetail detail = access.streamSession(region, k.streamGroup(), k.session(), control);
      return detail == null ? null : row.apply(detail);
    }, Lookahead.DEFAULT_WINDOW, control);
  }
}
