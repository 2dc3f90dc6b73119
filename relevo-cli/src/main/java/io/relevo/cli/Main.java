package io.relevo.cli;

import java.util.Optional;
import picocli.CommandLine;

/**
 * The {@code relevo} command line. Commands are registered here by hand, in the order help lists
 * them; each lives in its own class.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    // JUL (used by the core) on one line, like the agent's slf4j lines; read when JUL first logs
    System.setProperty(
        "java.util.logging.SimpleFormatter.format",
        "%1$tH:%1$tM:%1$tS.%1$tL [%4$s] %3$s - %5$s%6$s%n");
    int code = run(args, CliContext.system());
    System.exit(code);
  }

  /** Runs one command line and returns its exit code; never exits the JVM. */
  public static int run(String[] args, CliContext context) {
    Optional<AgentCommand> agent = AgentLine.parse(args, context); // no picocli on a restart
    if (agent.isPresent()) {
      return AgentLine.run(agent.get(), context);
    }
    return commandLine(context, args.length > 0 ? args[0] : null).execute(args);
  }

  /** The full command line: every subcommand. */
  static CommandLine commandLine(CliContext context) {
    return commandLine(context, null);
  }

  /** The command line for arguments starting with {@code first}; see {@link Subcommands}. */
  static CommandLine commandLine(CliContext context, String first) {
    CommandLine cli = new CommandLine(new RelevoCommand());
    Subcommands commands = new Subcommands();
    commands.add("deploy", () -> new DeployCommand(context));
    commands.add("promote", () -> new PromoteCommand(context));
    commands.add("promote-release", () -> new PromoteReleaseCommand(context));
    commands.add("abort", () -> new AbortCommand(context));
    commands.add("retry", () -> new RetryCommand(context));
    commands.add("rollback", () -> new RollbackCommand(context));
    commands.add("status", () -> new StatusCommand(context));
    commands.add("history", () -> new HistoryCommand(context));
    commands.add("logs", () -> new LogsCommand(context));
    commands.add("stop", () -> new StopCommand(context));
    commands.add(
        "backup",
        () ->
            new CommandLine(new BackupCommand(context))
                .addSubcommand("verify", new BackupVerifyCommand(context)));
    commands.add("backups", () -> new BackupsCommand(context));
    commands.add("restore", () -> new RestoreCommand(context));
    commands.add("incident", () -> new IncidentCommand(context));
    commands.add("validate", () -> new ValidateCommand(context));
    commands.add("agent", () -> new AgentCommand(context));
    commands.add(
        "proxy",
        () ->
            new CommandLine(new ProxyCommand())
                .addSubcommand("status", new ProxyStatusCommand(context))
                .addSubcommand("restart", new ProxyRestartCommand(context))
                .addSubcommand("stop", new ProxyStopCommand(context)));
    commands.add(
        "token",
        () ->
            new CommandLine(new TokenCommand())
                .addSubcommand("create", new TokenCreateCommand(context))
                .addSubcommand("list", new TokenListCommand(context))
                .addSubcommand("revoke", new TokenRevokeCommand(context))
                .addSubcommand("whoami", new TokenWhoamiCommand(context)));
    commands.add("demo", () -> new DemoCommand(context));
    commands.add("check", () -> new CheckCommand(context));
    commands.add("unlock", () -> new UnlockCommand(context));
    commands.add("approve", () -> new ApproveCommand(context));
    commands.add("init", () -> new InitCommand(context));
    commands.add(
        "secrets",
        () ->
            new CommandLine(new SecretsCommand())
                .addSubcommand("generate", new SecretsGenerateCommand(context)));
    commands.add(
        "monitoring",
        () ->
            new CommandLine(new MonitoringCommand())
                .addSubcommand("generate", new MonitoringGenerateCommand(context)));
    commands.installInto(cli, first);
    cli.setOut(context.out());
    cli.setErr(context.err());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine failed = e.getCommandLine();
          failed.getErr().println("relevo: " + e.getMessage());
          failed.getErr().println("see `" + failed.getCommandSpec().qualifiedName() + " --help`");
          failed.getErr().flush();
          return ExitCodes.BAD_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (e, failed, parseResult) -> ExitCodes.report(e, context.err()));
    return cli;
  }
}
