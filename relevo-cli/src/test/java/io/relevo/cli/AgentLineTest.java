package io.relevo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class AgentLineTest {

  private final StringWriter err = new StringWriter();
  private final CliContext context =
      new CliContext(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "agent",
        "agent --state-dir /tmp/s",
        "agent --state-dir=/tmp/s --api 127.0.0.1:0",
        "agent --api=0.0.0.0:7443 --api-tls-cert c.pem --api-tls-key=k.pem",
        "agent --log-format json --state-dir rel/dir",
        "agent --log-format=Text",
        "agent --state-dir=a=b",
      })
  void readsWhatPicocliReads(String line) {
    String[] args = line.split(" ");

    Optional<AgentCommand> fast = AgentLine.parse(args, context);

    assertThat(fast).isPresent();
    AgentCommand picocli = picocli(args);
    assertThat(fast.get())
        .usingRecursiveComparison()
        .comparingOnlyFields("stateDir", "api", "tlsCert", "tlsKey", "logFormat")
        .isEqualTo(picocli);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "agent --help",
        "agent -h",
        "agent --state-dir",
        "agent --nope x",
        "agent --state-dir a --state-dir b",
        "agent @args.txt",
        "agent --log-format xml",
        "agent --api --state-dir",
        "agent --state-dir=",
        "agent extra",
        "agent -- --state-dir",
        "status",
        "--help agent",
      })
  void leavesEverythingElseToPicocli(String line) {
    assertThat(AgentLine.parse(line.split(" "), context)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"agent --log-format xml", "agent --nope x", "agent --state-dir"})
  void badLinesGetPicoclisMessage(String line) {
    int code = Main.run(line.split(" "), context);

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).startsWith("relevo: ").contains("see `relevo agent --help`");
  }

  @org.junit.jupiter.api.Test
  void aBadApiAddressIsReportedAsPicocliReportedIt() {
    int code = Main.run(new String[] {"agent", "--api", "nohost"}, context);

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).startsWith("relevo: --api: ");
  }

  private AgentCommand picocli(String[] args) {
    CommandLine.ParseResult parsed = Main.commandLine(context, "agent").parseArgs(args);
    return (AgentCommand) parsed.subcommand().commandSpec().userObject();
  }
}
