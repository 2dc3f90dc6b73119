package io.relevo.checks;

import io.relevo.core.runtime.Endpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the HTTP probe and the smoke runner share: the client, URIs, deadlines and wording. */
final class Http {

  private Http() {}

  /**
   * HTTP/1.1, as revisions behind the proxy speak it; redirects are not followed, because a check
   * expects a status of its own endpoint, not of where it points.
   */
  static HttpClient newClient() {
    return PlainHttp.builder() // uri() makes http:// only: no TLS to set up at the agent's start
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  static URI uri(Endpoint endpoint, String path) {
    String host = endpoint.host().contains(":") ? "[" + endpoint.host() + "]" : endpoint.host();
    String p = path == null || path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path;
    return URI.create("http://" + host + ":" + endpoint.port() + p);
  }

  /**
   * Sends the request and waits at most {@code timeout} for the whole response, body included: the
   * client's own request timeout stops at the headers, and a revision that stalls mid-body must
   * fail the check too.
   */
  static HttpResponse<String> send(HttpClient client, HttpRequest request, Duration timeout)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<String>> future =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new HttpTimeoutException("timed out");
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    }
  }

  /**
   * Why a request got no response, for people: {@code connection refused}, {@code timed out after
   * 1s}.
   */
  static String describe(IOException e, Duration timeout) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
        return "timed out after " + human(timeout);
      }
      if (t instanceof ConnectException) {
        String message = t.getMessage();
        return message == null || message.toLowerCase().contains("refused")
            ? "connection refused"
            : "cannot connect: " + message;
      }
    }
    return "request failed: "
        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }

  /** {@code 500ms}, {@code 1s}, {@code 1.5s}: how a config would write it. */
  static String human(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
  }

  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
