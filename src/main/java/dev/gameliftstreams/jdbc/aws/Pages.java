package dev.gameliftstreams.jdbc.aws;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Flattens an SDK paginator into its items, lazily: the next page is requested only when the
 * consumer wants a row past the current page, so {@code LIMIT} stops paging.
 */
final class Pages<P, I> implements Iterator<I> {
  private final Iterator<P> pages;
  private final Function<P, List<I>> items;
  private final ScanControl control;
  private final String operation;
  private final String region;
  private final boolean notFoundIsEmpty;
  private Iterator<I> current = Collections.emptyIterator();
  private boolean done;

  Pages(Iterable<P> paginator, Function<P, List<I>> items, ScanControl control, String operation,
      String region, boolean notFoundIsEmpty) {
    this.pages = paginator.iterator();
    this.items = items;
    this.control = control;
    this.operation = operation;
    this.region = region;
    this.notFoundIsEmpty = notFoundIsEmpty;
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext() && !done) {
      control.check();
      try {
        if (pages.hasNext()) {
          current = items.apply(pages.next()).iterator();
        } else {
          done = true;
        }
      } catch (SdkException e) {
        GameLiftStreamsException failure = AwsErrors.translate(e, operation, region);
        if (!(notFoundIsEmpty && GameLiftStreamsException.NOT_FOUND.equals(failure.sqlState()))) {
          throw failure;
        }
        done = true;
      }
    }
    return current.hasNext();
  }

  @Override
  public I next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }
}
