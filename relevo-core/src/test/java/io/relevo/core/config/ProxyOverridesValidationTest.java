package io.relevo.core.config;

import static io.relevo.core.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyOverridesValidationTest {

  @Test
  void overridesAreOffAndNoRevisionHeaderIsSentByDefault() {
    ProxyConfig proxy = Configs.parse(Configs.MINIMAL).proxy();

    assertThat(proxy.overrides().enabled()).isFalse();
    assertThat(proxy.revisionHeader()).isNull();
    assertThat(proxy.limits()).isEqualTo(FrontDoorLimits.defaults());
  }

  @Test
  void aTokenFromTheEnvironmentAndNetworksTurnOverridesOn() {
    ProxyConfig proxy =
        Configs.parse(
                Configs.MINIMAL
                    + "proxy:\n"
                    + "  overrides: {header: X-Preview, token: \"${RELEVO_PREVIEW_TOKEN}\","
                    + " allow: [10.0.0.0/8, \"::1\"]}\n"
                    + "  revision_header: X-Relevo-Revision\n",
                Map.of("RELEVO_PREVIEW_TOKEN", "0123456789abcdef0123"))
            .proxy();

    assertThat(proxy.overrides())
        .isEqualTo(
            new RevisionOverrides(
                "X-Preview",
                "X-Relevo-Token",
                "0123456789abcdef0123",
                List.of("10.0.0.0/8", "::1")));
    assertThat(proxy.overrides().enabled()).isTrue();
    assertThat(proxy.overrides().toString()).doesNotContain("0123456789abcdef0123");
    assertThat(proxy.revisionHeader()).isEqualTo("X-Relevo-Revision");
  }

  @Test
  void badOverridesNameFileLineAndKeyWithoutShowingTheToken() {
    assertThat(
            problems(
                Configs.MINIMAL
                    + "proxy:\n"
                    + "  overrides:\n"
                    + "    header: \"X Bad\"\n"
                    + "    token: short-secret\n"
                    + "    allow: [10.0.0.0/33, example.com, 192.168.1.7]\n"
                    + "  revision_header: \"a:b\"\n"))
        .containsExactly(
            "relevo.yml:6: proxy.overrides.header: \"X Bad\" (expected: a header name like"
                + " X-Relevo-Revision)",
            "relevo.yml:7: proxy.overrides.token: a token of 12 characters (expected: at least 16,"
                + " like the output of openssl rand -hex 16)",
            "relevo.yml:8: proxy.overrides.allow[0]: \"10.0.0.0/33\" (expected: a network like"
                + " 10.0.0.0/8, 192.168.1.7 or fd00::/8)",
            "relevo.yml:8: proxy.overrides.allow[1]: \"example.com\" (expected: a network like"
                + " 10.0.0.0/8, 192.168.1.7 or fd00::/8)",
            "relevo.yml:9: proxy.revision_header: \"a:b\" (expected: a header name like"
                + " X-Relevo-Revision)");
  }

  @Test
  void overridesWithNeitherTokenNorNetworkAreRefusedRatherThanSilentlyOff() {
    assertThat(problems(Configs.MINIMAL + "proxy:\n  overrides: {header: X-Preview}\n"))
        .containsExactly(
            "relevo.yml:5: proxy.overrides: neither token nor allow is set (expected: token:"
                + " \"${RELEVO_PREVIEW_TOKEN}\" and/or allow: [10.0.0.0/8]; leave overrides out to"
                + " keep them off)");
  }

  @Test
  void theFrontDoorLimitsAreRead() {
    ProxyConfig proxy =
        Configs.parse(
                Configs.MINIMAL
                    + "proxy: {max_request_line: 4k, max_header_size: 32k, max_headers: 50,"
                    + " header_timeout: 5s, idle_timeout: 30s}\n")
            .proxy();

    assertThat(proxy.limits())
        .isEqualTo(
            new FrontDoorLimits(4096, 32768, 50, Duration.ofSeconds(5), Duration.ofSeconds(30)));
    assertThat(
            problems(
                Configs.MINIMAL
                    + "proxy: {max_request_line: 10, max_header_size: 2g, max_headers: 0}\n"))
        .containsExactly(
            "relevo.yml:4: proxy.max_request_line: 10 (expected: a size from 256 to 1m, like 8k"
                + " or 16k)",
            "relevo.yml:4: proxy.max_header_size: \"2g\" (expected: a size from 256 to 1m, like 8k"
                + " or 16k)",
            "relevo.yml:4: proxy.max_headers: 0 (expected: 1..10000)");
  }

  @Test
  void cidrsMatchTheirNetworkOnly() throws Exception {
    Cidr ten = Cidr.parse("10.1.0.0/16");
    assertThat(ten.contains(java.net.InetAddress.getByName("10.1.200.3"))).isTrue();
    assertThat(ten.contains(java.net.InetAddress.getByName("10.2.0.1"))).isFalse();
    assertThat(Cidr.parse("10.0.0.1/31").contains(java.net.InetAddress.getByName("10.0.0.0")))
        .isTrue();
    assertThat(Cidr.parse("::1").contains(java.net.InetAddress.getByName("127.0.0.1"))).isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").contains(java.net.InetAddress.getByName("8.8.8.8")))
        .isTrue();
  }
}
