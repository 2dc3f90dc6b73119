package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relevo token ...} and the exit codes of refused tokens, against a stand-in agent. */
class TokenCommandsTest {

  @TempDir Path dir;
  private StandInAgent agent;
  private Path state;

  @BeforeEach
  void setUp() throws Exception {
    state = Files.createDirectories(dir.resolve("state"));
    agent = StandInAgent.start(state);
  }

  @AfterEach
  void stopStandIn() {
    agent.close();
  }

  @Test
  void createPrintsTheTokenAloneOnStdoutAndSaysItIsShownOnce() {
    agent.answer(
        "POST /api/v1/tokens",
        201,
        Map.of(
            "name", "ci-bot",
            "role", "deployer",
            "expiresAt", "2027-01-06T08:00:00Z",
            "token", "relevo_secret"));

    CliRun run = cli("token", "create", "ci-bot", "--role", "deployer", "--expires", "30d");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("relevo_secret\n");
    assertThat(run.err())
        .isEqualTo(
            "token ci-bot (deployer, expires 2027-01-06T08:00:00Z): shown once; keep it in a"
                + " secret store and send it as RELEVO_TOKEN\n");
    assertThat(agent.received())
        .containsExactly(
            "POST /api/v1/tokens {\"name\":\"ci-bot\",\"role\":\"deployer\",\"expires\":\"30d\"}");
  }

  @Test
  void createWithoutARoleIsAUsageErrorAndSendsNothing() {
    CliRun run = cli("token", "create", "ci-bot");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("Missing required option: '--role=ROLE'");
    assertThat(agent.received()).isEmpty();
  }

  @Test
  void listShowsEachTokensRoleAndDates() {
    Map<String, Object> token = new LinkedHashMap<>();
    token.put("name", "ci-bot");
    token.put("role", "deployer");
    token.put("createdBy", "local");
    token.put("createdAt", "2026-12-07T08:00:30Z");
    token.put("expiresAt", null);
    token.put("lastUsedAt", null);
    token.put("expired", false);
    agent.answer("GET /api/v1/tokens", 200, List.of(token));

    CliRun run = cli("token", "list");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String created = Formats.time(Instant.parse("2026-12-07T08:00:30Z"));
    assertThat(run.out().lines().toList())
        .containsExactly(
            "NAME    ROLE      CREATED              BY     EXPIRES  LAST USED",
            "ci-bot  deployer  " + created + "  local  never    never");
  }

  @Test
  void revokingAnUnknownTokenIsOneLineAndExitsTwo() {
    agent.answer(
        "DELETE /api/v1/tokens/nobody",
        404,
        Map.of("kind", "NOT_FOUND", "message", "token nobody does not exist"));

    CliRun run = cli("token", "revoke", "nobody");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).isEqualTo("relevo: token nobody does not exist\n");
  }

  @Test
  void aTokenLackingTheRoleExitsFiveWithTheAgentsWords() {
    agent.answer(
        "POST /api/v1/apps/shop/approve",
        403,
        Map.of(
            "type", "https://relevo.dev/problems/forbidden",
            "status", 403,
            "kind", "FORBIDDEN",
            "detail", "token ci-bot (deployer) may not POST ...: that needs the approver role"));

    CliRun run = cli("approve", "shop", "--rollout", "1");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
    assertThat(run.err()).contains("that needs the approver role");
  }

  @Test
  void aTokenFileIsSentToTheAgentNamedWithApi() throws Exception {
    Files.writeString(state.resolve("token"), "not-this-one\n");
    Path tokenFile = Files.writeString(dir.resolve("ci.token"), "tok\n");
    String url =
        Files.readString(state.resolve("agent.json"))
            .replaceAll(".*\"url\":\"([^\"]+)\".*", "$1")
            .strip();
    agent.answer("GET /api/v1/whoami", 200, Map.of("name", "ci-bot", "role", "deployer"));

    CliRun withFile = cli("token", "whoami", "--api", url, "--token-file", tokenFile.toString());
    CliRun without = cli("token", "whoami", "--api", url);

    assertThat(withFile.exitCode()).as(withFile.err()).isZero();
    assertThat(withFile.out()).isEqualTo("ci-bot (deployer)\n");
    assertThat(without.exitCode()).isEqualTo(ExitCodes.UNAUTHORIZED);
    assertThat(without.err()).contains("refused the token");
  }

  @Test
  void aTokenFileWithMoreThanTheTokenIsBadInputNotABug() throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("ci.token"), "tok\nexit 0\n");

    CliRun run = cli("status", "--token-file", tokenFile.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err())
        .isEqualTo(
            "relevo: --token-file "
                + tokenFile
                + ": not a token (it holds spaces or other lines) (expected: the token alone, as"
                + " `relevo token create` printed it)\n");
  }

  private CliRun cli(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--state-dir";
    all[args.length + 1] = state.toString();
    return CliRun.of(Map.of("USER", "tester"), all);
  }
}
