package dev.gameliftstreams.jdbc.aws;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Flattens a list operation's pages into their items, lazily: the next page is requested only when
 * the consumer wants a row past the current page, and asks for no more rows than the
 * {@link RowBudget} still wants (MaxResults = min(page size, rows wanted)), so {@code LIMIT} stops paging.
 */
final class Pages<P, I> implements Iterator<I> {
  /** One call of the operation: the page after {@code nextToken} (null: the first), of at most maxResults items. */
  interface Call<P> {
    P page(String nextToken, int maxResults);
  }

  private final Call<P> call;
  private final Function<P, String> nextToken;
  private final Function<P, List<I>> items;
  private final int pageSize;
  private final RowBudget budget;
  private final ScanControl control;
  private final String operation;
  private final String region;
  private final boolean notFoundIsEmpty;
  private Iterator<I> current = Collections.emptyIterator();
  private String token;
  private boolean done;

  Pages(Call<P> call, Function<P, String> nextToken, Function<P, List<I>> items, int pageSize, RowBudget budget,
      ScanControl control, String operation, String region, boolean notFoundIsEmpty) {
    this.call = call;
    this.nextToken = nextToken;
    this.items = items;
    this.pageSize = pageSize;
    this.budget = budget;
    this.control = control;
    this.operation = operation;
    this.region = region;
    this.notFoundIsEmpty = notFoundIsEmpty;
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext() && !done) {
      control.check();
      int max = budget.reserve(pageSize);
      if (max == 0) {
        done = true;
        break;
      }
      List<I> page;
      try {
        P response = call.page(token, max);
        page = items.apply(response);
        token = nextToken.apply(response);
      } catch (SdkException e) {
        budget.release(max);
        GameLiftStreamsException failure = AwsErrors.translate(e, operation, region);
        if (!(notFoundIsEmpty && GameLiftStreamsException.NOT_FOUND.equals(failure.sqlState()))) {
          throw failure;
        }
        done = true;
        break;
      }
      budget.release(Math.max(0, max - page.size()));
      done = token == null || token.isEmpty();
      current = page.iterator();
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
