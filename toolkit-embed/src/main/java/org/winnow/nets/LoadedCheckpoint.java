package org.winnow.nets;

import java.nio.file.Path;

/**
 * A checkpoint read back: where it was, what it records, and the model rebuilt from it. Closing it
 * closes the model.
 *
 * @param directory the checkpoint folder
 * @param info the architecture, input, classes and dataset hash it records
 * @param model the rebuilt network with the saved parameters
 */
public record LoadedCheckpoint(Path directory, CheckpointInfo info, NetworkModel model)
    implements AutoCloseable {

  @Override
  public void close() {
    model.close();
  }
}
