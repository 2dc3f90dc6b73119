package io.relevo.core.config;

import java.util.List;

/**
 * Who may send a request to a revision of their choice (a canary, a revision at 0%, an old warm
 * one) with the override header or cookie, instead of the split's pick. Off unless a token or a
 * network is set: without them the header and cookie are ignored (and still stripped).
 *
 * @param header the request header that names the revision: a number, {@code canary} or {@code
 *     stable}; default {@code X-Relevo-Revision}. The cookie {@code relevo_override} works the same
 * @param tokenHeader the request header that carries the token; default {@code X-Relevo-Token}
 * @param token the secret a request must carry to be obeyed; null for none
 * @param allow client networks whose requests are obeyed without a token, as CIDRs ({@code
 *     10.0.0.0/8}, {@code ::1/128}); a plain address is one host
 */
public record RevisionOverrides(
    String header, String tokenHeader, String token, List<String> allow) {

  public static final String DEFAULT_HEADER = "X-Relevo-Revision";
  public static final String DEFAULT_TOKEN_HEADER = "X-Relevo-Token";

  public RevisionOverrides {
    header = header == null || header.isBlank() ? DEFAULT_HEADER : header;
    tokenHeader = tokenHeader == null || tokenHeader.isBlank() ? DEFAULT_TOKEN_HEADER : tokenHeader;
    token = token == null || token.isEmpty() ? null : token;
    allow = allow == null ? List.of() : List.copyOf(allow);
    for (String network : allow) {
      Cidr.parse(network); // throws IllegalArgumentException naming it
    }
  }

  /** Nobody may override: the default. */
  public static RevisionOverrides off() {
    return new RevisionOverrides(null, null, null, null);
  }

  /** Whether anyone may override at all. */
  public boolean enabled() {
    return token != null || !allow.isEmpty();
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "RevisionOverrides[header="
        + header
        + ", tokenHeader="
        + tokenHeader
        + ", token="
        + (token == null ? "none" : "(set)")
        + ", allow="
        + allow
        + "]";
  }
}
