package org.winnow.prune;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.winnow.datasets.manifest.JsonFormat;
import org.winnow.datasets.manifest.Manifest;

/**
 * What {@code winnow prune --against} did, per class and overall: the content of its {@code
 * summary.json}.
 *
 * @param earlierFolder the earlier run's folder
 * @param earlierMethod the method of the earlier run
 * @param thresholdFrom where the thresholds came from: {@code --threshold}, {@code epsilon} (the
 *     earlier semdedup run's), {@code groups.csv} (the earlier semantic run's largest removed
 *     dissimilarity per class) or {@code earlier --against run} (carried over from it)
 * @param classes one row per class, by label
 * @param overall the sums over classes (label -1, threshold NaN)
 */
public record ArrivalsSummary(
    String earlierFolder,
    String earlierMethod,
    String thresholdFrom,
    List<Counts> classes,
    Counts overall) {

  /** Copies the list. */
  public ArrivalsSummary {
    classes = List.copyOf(classes);
  }

  /**
   * Counts of one class, or of all (label -1).
   *
   * @param label the label, -1 for all
   * @param className the class name, {@code all} for all
   * @param threshold the largest {@code 1 - cos} to a kept sample at which a new one was dropped
   * @param arrivals new samples
   * @param kept new samples kept
   * @param redundantWithEarlier new samples dropped for a kept sample of the earlier run
   * @param redundantAmongArrivals new samples dropped for an earlier new sample that was kept
   * @param keptInAll the earlier run's kept samples plus the new kept ones
   */
  public record Counts(
      int label,
      String className,
      double threshold,
      int arrivals,
      int kept,
      int redundantWithEarlier,
      int redundantAmongArrivals,
      int keptInAll) {

    Counts plus(Counts o) {
      return new Counts(
          -1,
          "all",
          Double.NaN,
          arrivals + o.arrivals,
          kept + o.kept,
          redundantWithEarlier + o.redundantWithEarlier,
          redundantAmongArrivals + o.redundantAmongArrivals,
          keptInAll + o.keptInAll);
    }

    static Counts none() {
      return new Counts(-1, "all", Double.NaN, 0, 0, 0, 0, 0);
    }
  }

  /** The summary with the manifest, as {@link JsonFormat} writes it. */
  public JsonObject toJson(Manifest manifest) {
    JsonObject json = new JsonObject();
    json.addProperty("method", EarlierRun.AGAINST);
    JsonObject earlier = new JsonObject();
    earlier.addProperty("folder", earlierFolder);
    earlier.addProperty("method", earlierMethod);
    earlier.addProperty("threshold_from", thresholdFrom);
    json.add("earlier", earlier);
    json.add("overall", toJson(overall));
    JsonArray array = new JsonArray();
    classes.forEach(c -> array.add(toJson(c)));
    json.add("classes", array);
    json.add("manifest", manifest.toJsonObject());
    return json;
  }

  private static JsonObject toJson(Counts c) {
    JsonObject json = new JsonObject();
    if (c.label() >= 0) {
      json.addProperty("label", c.label());
      json.addProperty("class_name", c.className());
      json.add("threshold", JsonFormat.number(c.threshold()));
    }
    json.addProperty("arrivals", c.arrivals());
    json.addProperty("kept", c.kept());
    json.addProperty("redundant_with_earlier", c.redundantWithEarlier());
    json.addProperty("redundant_among_arrivals", c.redundantAmongArrivals());
    json.addProperty("kept_in_all", c.keptInAll());
    return json;
  }
}
