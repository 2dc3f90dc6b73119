package io.relevo.cli;

import io.relevo.core.RelevoException;
import io.relevo.core.config.HostPort;
import io.relevo.server.Agent;
import io.relevo.server.AgentOptions;
import io.relevo.server.ApiTls;
import io.relevo.server.StateDir;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code relevo agent}: runs the agent in the foreground, logging to stderr, until Ctrl-C. Stopping
 * it leaves the apps' revisions running; the next agent on the same state dir adopts them.
 */
@Command(
    name = "agent",
    description = {
      "Run the agent in the foreground: the rollout engine and the admin API; it starts or",
      "re-adopts the proxy process. Ctrl-C stops it; revisions and front doors keep running",
      "and the next agent adopts them."
    })
final class AgentCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "history, logs and the API token (default: $RELEVO_STATE_DIR, else ~/.relevo)")
  Path stateDir;

  @Option(
      names = "--api",
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:7070",
      description =
          "where the admin API listens: loopback, or any address with TLS (default:"
              + " ${DEFAULT-VALUE})")
  String api = "127.0.0.1:7070";

  @Option(
      names = "--api-tls-cert",
      paramLabel = "FILE",
      description =
          "the API's certificate chain (PEM); with --api-tls-key the API speaks HTTPS and may"
              + " listen beyond loopback")
  Path tlsCert;

  @Option(
      names = "--api-tls-key",
      paramLabel = "FILE",
      description = "the private key of --api-tls-cert (PEM, unencrypted)")
  Path tlsKey;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text or json: json lines carry the app, revision and rollout ids (default:"
              + " ${DEFAULT-VALUE})")
  LogFormat logFormat = LogFormat.TEXT;

  @Mixin HelpOption help;

  AgentCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    HostPort bind;
    try {
      bind = HostPort.parse(api);
    } catch (IllegalArgumentException e) {
      throw new RelevoException(RelevoException.Kind.BAD_INPUT, "--api: " + e.getMessage());
    }
    logFormat.install(System.err);
    StateDir dir = StateDir.resolve(stateDir, context.env());
    Agent agent = Agent.start(new AgentOptions(dir, bind, new ApiTls(tlsCert, tlsKey)));
    Thread hook = Thread.ofPlatform().name("relevo-shutdown").unstarted(agent::close);
    Runtime.getRuntime().addShutdownHook(hook);
    if (logFormat == LogFormat.JSON) {
      // every stderr line is JSON then; the agent's own "agent up" line says the same
      agent.awaitClosed();
      return ExitCodes.OK;
    }
    context
        .err()
        .println(
            "relevo agent: API on "
                + agent.url()
                + ", state dir "
                + dir.display()
                + "; Ctrl-C stops the agent and leaves the apps' revisions and front doors running");
    context.err().flush();
    agent.awaitClosed();
    return ExitCodes.OK;
  }
}
