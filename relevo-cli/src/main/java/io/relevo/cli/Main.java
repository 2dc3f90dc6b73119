package io.relevo.cli;

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
    return commandLine(context).execute(args);
  }

  static CommandLine commandLine(CliContext context) {
    CommandLine cli = new CommandLine(new RelevoCommand());
    cli.addSubcommand("deploy", new DeployCommand(context));
    cli.addSubcommand("promote", new PromoteCommand(context));
    cli.addSubcommand("promote-release", new PromoteReleaseCommand(context));
    cli.addSubcommand("abort", new AbortCommand(context));
    cli.addSubcommand("retry", new RetryCommand(context));
    cli.addSubcommand("rollback", new RollbackCommand(context));
    cli.addSubcommand("status", new StatusCommand(context));
    cli.addSubcommand("history", new HistoryCommand(context));
    cli.addSubcommand("logs", new LogsCommand(context));
    cli.addSubcommand("stop", new StopCommand(context));
    cli.addSubcommand(
        "backup",
        new CommandLine(new BackupCommand(context))
            .addSubcommand("verify", new BackupVerifyCommand(context)));
    cli.addSubcommand("backups", new BackupsCommand(context));
    cli.addSubcommand("restore", new RestoreCommand(context));
    cli.addSubcommand("incident", new IncidentCommand(context));
    cli.addSubcommand("validate", new ValidateCommand(context));
    cli.addSubcommand("agent", new AgentCommand(context));
    cli.addSubcommand(
        "proxy",
        new CommandLine(new ProxyCommand())
            .addSubcommand("status", new ProxyStatusCommand(context))
            .addSubcommand("restart", new ProxyRestartCommand(context))
            .addSubcommand("stop", new ProxyStopCommand(context)));
    cli.addSubcommand(
        "token",
        new CommandLine(new TokenCommand())
            .addSubcommand("create", new TokenCreateCommand(context))
            .addSubcommand("list", new TokenListCommand(context))
            .addSubcommand("revoke", new TokenRevokeCommand(context))
            .addSubcommand("whoami", new TokenWhoamiCommand(context)));
    cli.addSubcommand("demo", new DemoCommand(context));
    cli.addSubcommand("check", new CheckCommand(context));
    cli.addSubcommand("unlock", new UnlockCommand(context));
    cli.addSubcommand("approve", new ApproveCommand(context));
    cli.addSubcommand("init", new InitCommand(context));
    cli.addSubcommand(
        "secrets",
        new CommandLine(new SecretsCommand())
            .addSubcommand("generate", new SecretsGenerateCommand(context)));
    cli.addSubcommand(
        "monitoring",
        new CommandLine(new MonitoringCommand())
            .addSubcommand("generate", new MonitoringGenerateCommand(context)));
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
