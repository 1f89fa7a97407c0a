package org.winnow.prune.audit;

import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.winnow.datasets.manifest.JsonFormat;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.prune.Quantiles;

/**
 * The content of a leakage audit's {@code summary.json}: per held-out split, how many samples have
 * a train twin, per class, and the distribution of every sample's nearest-train cosine (quantiles,
 * and counts at a ladder of thresholds), so that a threshold can be judged from the data.
 */
public final class LeakageSummary {

  /** The quantiles reported, as fractions. */
  static final double[] QUANTILES = {0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999, 1};

  /** The thresholds counted beside the chosen one. */
  static final double[] LADDER = {0.9, 0.95, 0.99, 0.995, 0.999, 0.9995, 0.9998, 0.9999};

  private LeakageSummary() {}

  /** The {@code p} quantile of sorted values ({@link Quantiles#linear}). */
  public static double quantile(double[] sorted, double p) {
    return Quantiles.linear(sorted, p);
  }

  /** The summary as JSON. */
  static JsonObject toJson(Leakage leakage, Manifest manifest) {
    JsonObject json = new JsonObject();
    json.add("threshold", JsonFormat.number(leakage.threshold()));
    json.addProperty("train_samples", leakage.train().size());
    List<Leakage.Twin> twins = leakage.twins();
    json.addProperty("twins", twins.size());
    JsonObject splits = new JsonObject();
    for (Leakage.SplitNearest s : leakage.splits()) {
      splits.add(s.split(), split(leakage, s, twins));
    }
    json.add("splits", splits);
    json.add("manifest", manifest.toJsonObject());
    return json;
  }

  private static JsonObject split(
      Leakage leakage, Leakage.SplitNearest s, List<Leakage.Twin> twins) {
    JsonObject json = new JsonObject();
    int n = s.samples().size();
    json.addProperty("samples", n);
    List<Leakage.Twin> mine = twins.stream().filter(t -> t.split().equals(s.split())).toList();
    json.addProperty("twins", mine.size());
    json.addProperty("twins_same_label", mine.stream().filter(Leakage.Twin::sameLabel).count());
    if (n > 0) {
      double[] sorted = s.cosine().clone();
      Arrays.sort(sorted);
      JsonObject q = new JsonObject();
      for (double p : QUANTILES) {
        q.add(
            String.format(Locale.ROOT, "p%s", percent(p)), JsonFormat.number(quantile(sorted, p)));
      }
      json.add("nearest_cosine", q);
      JsonObject ladder = new JsonObject();
      for (double t : LADDER) {
        ladder.addProperty(Double.toString(t), atLeast(sorted, t));
      }
      json.add("at_least", ladder);
    }
    JsonObject classes = new JsonObject();
    for (Leakage.ClassCount c : leakage.perClass(s)) {
      JsonObject o = new JsonObject();
      o.addProperty("samples", c.samples());
      o.addProperty("twins", c.twins());
      o.addProperty("twins_same_label", c.twinsSameLabel());
      classes.add(c.name(), o);
    }
    json.add("per_class", classes);
    return json;
  }

  /** How many of the sorted values are at least {@code t}. */
  static int atLeast(double[] sorted, double t) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] >= t) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return sorted.length - lo;
  }

  private static String percent(double p) {
    double v = p * 100;
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
