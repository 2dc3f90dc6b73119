package io.relevo.server;

import com.fasterxml.jackson.core.type.TypeReference;
import io.relevo.core.RelevoException;
import io.relevo.server.v1.TokenCreateBody;
import io.relevo.server.v1.TokenCreated;
import io.relevo.server.v1.TokenView;
import io.relevo.server.v1.WhoAmI;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The token endpoints of an {@link AgentClient}: who the caller is, and named tokens (admin). */
public final class TokensClient {

  private final AgentHttp client;

  TokensClient(AgentHttp client) {
    this.client = client;
  }

  /** Who the token is: {@code GET /api/v1/whoami}. */
  public WhoAmI whoami() {
    return client.getJson(TokensApi.WHOAMI, new TypeReference<>() {});
  }

  /** Every named token, by name, without secrets. */
  public List<TokenView> list() {
    return client.getJson(TokensApi.TOKENS, new TypeReference<>() {});
  }

  /** Creates a named token; the answer holds its secret, which the agent never shows again. */
  public TokenCreated create(TokenCreateBody body) {
    HttpResponse<InputStream> response =
        client.send(client.post(TokensApi.TOKENS, body).timeout(AgentClient.READ_TIMEOUT).build());
    client.throwIfError(response);
    try (InputStream in = response.body()) {
      return Json.mapper().readValue(in, TokenCreated.class);
    } catch (IOException e) {
      throw client.lost(e);
    }
  }

  /**
   * Revokes the named token at once.
   *
   * @throws RelevoException NOT_FOUND for an unknown token
   */
  public void revoke(String name) {
    client.drainOrThrow(
        client.send(
            client
                .request(TokensApi.TOKENS + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                .DELETE()
                .timeout(AgentClient.READ_TIMEOUT)
                .build()));
  }
}
