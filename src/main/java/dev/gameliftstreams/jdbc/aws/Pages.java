package dev.gameliftstreams.jdbc.aws;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The items of a list operation, page by page, lazily: the next page is requested only when the
 * consumer wants a row past the current one. Each page asks the {@link RowBudget} for its
 * MaxResults (so LIMIT stops paging, over all chains of a scan) and runs under the
 * {@link ScanControl}, which bounds it by the query's deadline and cancel.
 */
final class Pages<I> implements Iterator<I> {
  /** One list call: the page after {@code token} (null first), at most {@code maxResults} items. */
  interface Fetch<I> {
    Page<I> fetch(String token, int maxResults);
  }

  record Page<I>(List<I> items, String nextToken) {
  }

  private final Fetch<I> fetch;
  private final int pageSize;
  private final ScanControl control;
  private final RowBudget budget;
  private final String operation;
  private final String region;
  private final boolean notFoundIsEmpty;
  private Iterator<I> current = Collections.emptyIterator();
  private String token;
  private boolean done;
  private boolean truncated;

  Pages(Fetch<I> fetch, int pageSize, ScanControl control, RowBudget budget, String operation, String region,
      boolean notFoundIsEmpty) {
    this.fetch = fetch;
    this.pageSize = pageSize;
    this.control = control;
    this.budget = budget;
    this.operation = operation;
    this.region = region;
    this.notFoundIsEmpty = notFoundIsEmpty;
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext() && !done) {
      // A limited budget may make this chain wait for others' pages: cancel and the deadline end that wait.
      int maxResults = budget.isLimited() ? control.call(() -> budget.reserve(pageSize)) : pageSize;
      if (maxResults == 0) {
        done = true;
        truncated = true;
        break;
      }
      int returned = 0;
      try {
        Page<I> page = control.call(() -> fetch.fetch(token, maxResults));
        returned = page.items().size();
        current = page.items().iterator();
        token = page.nextToken();
        done = token == null || token.isEmpty();
      } catch (SdkException e) {
        GameLiftStreamsException failure = AwsErrors.translate(e, operation, region);
        if (!(notFoundIsEmpty && GameLiftStreamsException.NOT_FOUND.equals(failure.sqlState()))) {
          throw failure;
        }
        done = true;
      } finally {
        budget.release(maxResults - returned);
      }
    }
    return current.hasNext();
  }

  /** True when the budget, not the last page, ended the chain: its rows are not all the operation lists. */
  boolean truncated() {
    return truncated;
  }

  @Override
  public I next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }
}
