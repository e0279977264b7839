package dev.gameliftstreams.jdbc.schema;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The rows of one scan, fetched once however often Calcite enumerates them (a nested-loop join
 * enumerates its inner input once per outer row). The source is pulled lazily and what it
 * yielded is kept, so a first enumerator that stops early (LIMIT) leaves the rest unfetched.
 */
final class ReplayableEnumerable<T> extends AbstractEnumerable<T> {
  private final Supplier<Iterator<T>> sourceFactory;
  private final List<T> fetched = new ArrayList<>();
  private Iterator<T> source;

  ReplayableEnumerable(Supplier<Iterator<T>> sourceFactory) {
    this.sourceFactory = sourceFactory;
  }

  /** Row {@code index}, fetching up to it if needed; false when the source has fewer rows. */
  private synchronized boolean ensure(int index) {
    if (source == null) {
      source = sourceFactory.get();
    }
    while (fetched.size() <= index && source.hasNext()) {
      fetched.add(source.next());
    }
    return index < fetched.size();
  }

  private synchronized T get(int index) {
    return fetched.get(index);
  }

  @Override
  public Enumerator<T> enumerator() {
    return new Enumerator<T>() {
      private int index = -1;
      private T current;

      @Override
      public T current() {
        return current;
      }

      @Override
      public boolean moveNext() {
        if (!ensure(index + 1)) {
          return false;
        }
        current = get(++index);
        return true;
      }

      @Override
      public void reset() {
        index = -1;
        current = null;
      }

      @Override
      public void close() {
      }
    };
  }
}
