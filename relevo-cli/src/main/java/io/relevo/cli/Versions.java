package io.relevo.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code relevo --version}: the version in the jar's manifest, or {@code dev} from a build tree.
 */
final class Versions implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "relevo " + (version == null ? "dev" : version) + " (Java " + Runtime.version() + ")"
    };
  }
}
