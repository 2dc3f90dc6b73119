package io.relevo.server;

import com.fasterxml.jackson.core.type.TypeReference;
import io.relevo.core.RelevoException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link AgentClient} talks to the agent: requests with its token, JSON both ways, and every
 * failure turned into a {@link RelevoException} (the agent's problem details with their kind, an
 * agent that cannot be reached as UNAVAILABLE saying how to start one). A plain-http GET goes
 * through {@link PlainGet}; {@code java.net.http}'s client is made only when a call needs it.
 */
final class AgentHttp {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final URI url;
  private final String token;
  private final String whereToLook;
  private final AgentCredentials credentials;
  private HttpClient http; // made on first use: a plain-http GET needs none (PlainGet)

  AgentHttp(URI url, String token, String whereToLook, AgentCredentials credentials) {
    this.url = url;
    this.token = token;
    this.whereToLook = whereToLook;
    this.credentials = credentials;
  }

  URI url() {
    return url;
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http = credentials.httpClient(url, CONNECT_TIMEOUT);
    }
    return http;
  }

  /** A GET's answer as it came, for a caller that reads only part of it. */
  byte[] getBytes(String path) {
    if (PlainGet.handles(url)) {
      return plainGet(path).body();
    }
    HttpResponse<InputStream> response = send(request(path).GET().timeout(READ_TIMEOUT).build());
    throwIfError(response);
    try (InputStream body = response.body()) {
      return body.readAllBytes();
    } catch (IOException e) {
      throw lost(e);
    }
  }

  <T> T postJson(String path, Object body, Duration timeout, Class<T> type) {
    HttpResponse<InputStream> response = send(post(path, body).timeout(timeout).build());
    throwIfError(response);
    try (InputStream in = response.body()) {
      return Json.mapper().readValue(in, type);
    } catch (IOException e) {
      throw lost(e);
    }
  }

  <T> T getJson(String path, TypeReference<T> type) {
    if (PlainGet.handles(url)) {
      return plainGetJson(path, type);
    }
    HttpResponse<InputStream> response = send(request(path).GET().timeout(READ_TIMEOUT).build());
    throwIfError(response);
    try (InputStream body = response.body()) {
      return Json.mapper().readValue(body, type);
    } catch (IOException e) {
      throw lost(e);
    }
  }

  private <T> T plainGetJson(String path, TypeReference<T> type) {
    PlainGet.Answer answer = plainGet(path);
    try {
      return Json.mapper().readValue(answer.body(), type);
    } catch (IOException e) {
      throw lost(e);
    }
  }

  /** A GET over {@link PlainGet}; an error answer is thrown as {@link #getJson} throws it. */
  private PlainGet.Answer plainGet(String path) {
    PlainGet.Answer answer;
    try {
      answer = PlainGet.get(url.resolve(path), token, CONNECT_TIMEOUT, READ_TIMEOUT);
    } catch (PlainGet.NotConnected e) {
      throw unreachable(url, whereToLook);
    } catch (IOException e) {
      throw lost(e);
    }
    throwIfError(answer.status(), answer.body());
    return answer;
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(url.resolve(path)).header("Authorization", "Bearer " + token);
  }

  HttpRequest.Builder post(String path, Object body) {
    try {
      return request(path)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + body, e);
    }
  }

  HttpResponse<InputStream> send(HttpRequest request) {
    try {
      return http().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw unreachable(url, whereToLook);
    } catch (javax.net.ssl.SSLException e) {
      throw new RelevoException(
          RelevoException.Kind.UNAVAILABLE,
          "the agent at "
              + url
              + whereToLook
              + ": TLS failed: "
              + e.getMessage()
              + " (expected: a certificate the CLI trusts, naming the host in the URL; for a"
              + " private CA give --ca-cert FILE)",
          e);
    } catch (IOException e) {
      throw lost(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RelevoException(RelevoException.Kind.UNAVAILABLE, "interrupted", e);
    }
  }

  void throwIfError(HttpResponse<InputStream> response) {
    if (response.statusCode() / 100 == 2) {
      return;
    }
    byte[] bytes;
    try (InputStream body = response.body()) {
      bytes = body.readAllBytes();
    } catch (IOException e) {
      throw lost(e);
    }
    throwIfError(response.statusCode(), bytes);
  }

  private void throwIfError(int status, byte[] bytes) {
    if (status / 100 == 2) {
      return;
    }
    if (AccessDenied.isRefusal(status)) {
      throw AccessDenied.toClientException(status, bytes, url);
    }
    ApiError error = ApiErrors.fromAnswer(bytes);
    throw ApiErrors.toException(Objects.requireNonNullElse(error, new ApiError("", "")), status);
  }

  void drainOrThrow(HttpResponse<InputStream> response) {
    throwIfError(response);
    try (InputStream body = response.body()) {
      body.readAllBytes();
    } catch (IOException e) {
      throw lost(e);
    }
  }

  static BufferedReader reader(HttpResponse<InputStream> response) {
    return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
  }

  RelevoException lost(IOException e) {
    return new RelevoException(
        RelevoException.Kind.UNAVAILABLE,
        "lost the agent at " + url + whereToLook + ": " + e.getMessage(),
        e);
  }

  static RelevoException unreachable(URI url, String where) {
    return new RelevoException(
        RelevoException.Kind.UNAVAILABLE,
        "no agent at " + url + where + ": start one with `relevo agent`");
  }
}
