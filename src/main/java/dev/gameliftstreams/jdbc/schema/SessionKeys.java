package dev.gameliftstreams.jdbc.schema;

import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.aws.Lookahead;
import dev.gameliftstreams.jdbc.aws.ScanControl;
import dev.gameliftstreams.jdbc.aws.SessionDetail;
import dev.gameliftstreams.jdbc.pushdown.KeyColumn;
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

  static final KeyColumn ARN = new KeyColumn("arn", "GetStreamSession", "Identifier",
      "session ARNs (one call per ARN of a scanned region, no list call); other values match no row",
      v -> SESSION_ARN.matcher(v).matches(), false);
  static final KeyColumn STREAM_GROUP_ID = new KeyColumn("stream_group_id", "GetStreamSession", "Identifier",
      "with `session_id`: one call per pair, no list call", v -> ID.matcher(v).matches(), false);
  static final KeyColumn SESSION_ID = new KeyColumn("session_id", "GetStreamSession", "StreamSessionIdentifier",
      "with `stream_group_id`: one call per pair and scanned region, no list call", v -> ID.matcher(v).matches(),
      false);

  /** A session to look up in one region: its stream group and its id or ARN. */
  record Key(String streamGroup, String session) {
  }

  private SessionKeys() {
  }

  /** True when the pushed keys name sessions, so the scan looks them up instead of listing. */
  static boolean named(dev.gameliftstreams.jdbc.pushdown.KeyFilter filter) {
    return filter.constrains(ARN.column())
        || (filter.constrains(STREAM_GROUP_ID.column()) && filter.constrains(SESSION_ID.column()));
  }

  /** The lookups of a scan whose keys name sessions, for EXPLAIN. */
  static String describe(dev.gameliftstreams.jdbc.pushdown.KeyFilter filter) {
    java.util.Map<KeyColumn, String> sent = filter.describe();
    for (java.util.Map.Entry<KeyColumn, String> e : sent.entrySet()) {
      if (e.getKey().column().equals(ARN.column())) {
        return "GetStreamSession(Identifier=" + e.getValue() + ") per ARN";
      }
    }
    String groups = null;
    String sessions = null;
    for (java.util.Map.Entry<KeyColumn, String> e : sent.entrySet()) {
      if (e.getKey().column().equals(STREAM_GROUP_ID.column())) {
        groups = e.getValue();
      } else if (e.getKey().column().equals(SESSION_ID.column())) {
        sessions = e.getValue();
      }
    }
    return "GetStreamSession(Identifier=" + groups + ", StreamSessionIdentifier=" + sessions + ") per pair";
  }

  /**
   * The sessions of {@code region} the pushdown names, or null when it names none (the scan must list). ARNs of
   * other regions name nothing in this one; ids name a session in every region scanned.
   */
  static List<Key> of(String region, Pushdown pushdown) {
    Set<String> arns = pushdown.values(ARN.column());
    if (arns != null) {
      List<Key> keys = new ArrayList<>();
      for (String arn : arns) {
        if (region.equals(regionOf(arn))) {
          keys.add(keyOf(arn));
        }
      }
      return keys;
    }
    Set<String> groups = pushdown.values(STREAM_GROUP_ID.column());
    Set<String> sessions = pushdown.values(SESSION_ID.column());
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
