package io.relevo.observe.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** One JSON POST with a timeout; 2xx is done, 5xx/429/IO errors may be retried, others not. */
final class HttpPost {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private HttpPost() {}

  static void json(URI url, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ChannelSender.Retryable(url.getHost() + ": " + e, e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String message = url.getHost() + " answered HTTP " + status + " " + abbreviate(response.body());
    if (status >= 500 || status == 429) {
      throw new ChannelSender.Retryable(message, null);
    }
    throw new IllegalStateException(message);
  }

  private static String abbreviate(String body) {
    String one = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return one.length() > 120 ? one.substring(0, 120) + "…" : one;
  }
}
