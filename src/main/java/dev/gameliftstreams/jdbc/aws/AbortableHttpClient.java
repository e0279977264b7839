package dev.gameliftstreams.jdbc.aws;

import java.io.IOException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Registers each HTTP request with the {@link ScanControl} of the calling thread until its API
 * call ends (the response body is read after {@code call()} returns), so cancel and the deadline
 * can abort it: interrupting a thread does not unblock its socket read, aborting the request does.
 */
final class AbortableHttpClient implements SdkHttpClient {
  private final SdkHttpClient delegate;

  AbortableHttpClient(SdkHttpClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    ExecutableHttpRequest prepared = delegate.prepareRequest(request);
    ScanControl control = ScanControl.current();
    if (control == null) {
      return prepared;
    }
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        control.register(prepared);
        return prepared.call();
      }

      @Override
      public void abort() {
        prepared.abort();
      }
    };
  }

  @Override
  public String clientName() {
    return delegate.clientName();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
