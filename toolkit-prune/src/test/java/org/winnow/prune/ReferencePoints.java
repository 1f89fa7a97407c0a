package org.winnow.prune;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The float32 points of src/test/resources/reference (see reference.py): points.csv, 40 x 8, and
 * near.csv, 60 x 64 nearly parallel rows.
 */
final class ReferencePoints {

  private ReferencePoints() {}

  static float[][] load() {
    return load("points.csv");
  }

  static float[][] load(String name) {
    try (InputStream in = ReferencePoints.class.getResourceAsStream("/reference/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(
              line -> {
                String[] parts = line.split(",");
                float[] row = new float[parts.length];
                for (int j = 0; j < parts.length; j++) {
                  row[j] = Float.parseFloat(parts[j]);
                }
                return row;
              })
          .toArray(float[][]::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double[][] unit() {
    float[][] x = load();
    return Cosine.unitRows(x, SemanticSelector.identity(x.length));
  }
}
