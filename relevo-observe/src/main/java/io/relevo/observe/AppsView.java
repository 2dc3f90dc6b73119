package io.relevo.observe;

import io.relevo.core.engine.AppStatus;
import java.util.List;

/** The apps the agent knows now, with their env and running revisions' versions. */
@FunctionalInterface
public interface AppsView {

  List<AppStatus> apps();

  static AppsView none() {
    return List::of;
  }
}
