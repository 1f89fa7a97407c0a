package org.winnow.datasets.manifest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names what differs between two manifests as {@link Manifest#toJson()} writes them (one member per
 * line), so that a stage refusing an output made with other options can say which: {@code epochs,
 * embeddings.sha256}. Members of an input are prefixed with its role.
 */
public final class ManifestDiff {

  private static final Pattern MEMBER = Pattern.compile("^\\s*\"([^\"]+)\": (.*?),?$");

  private ManifestDiff() {}

  /** The names of the members that differ, sorted and comma-separated; {@code none} if none. */
  public static String differingKeys(String before, String after) {
    Set<String> a = members(before);
    Set<String> b = members(after);
    TreeSet<String> keys = new TreeSet<>();
    for (String m : a) {
      if (!b.contains(m)) {
        keys.add(key(m));
      }
    }
    for (String m : b) {
      if (!a.contains(m)) {
        keys.add(key(m));
      }
    }
    return keys.isEmpty() ? "none" : String.join(", ", keys);
  }

  /** Each member line as {@code name=value}, names of input members prefixed by the role. */
  private static Set<String> members(String json) {
    List<String> out = new ArrayList<>();
    String role = "";
    for (String line : json.split("\n")) {
      Matcher m = MEMBER.matcher(line);
      if (!m.matches() || m.group(2).equals("{") || m.group(2).equals("[")) {
        continue;
      }
      if (m.group(1).equals("role")) {
        role = m.group(2).replace("\"", "") + ".";
        continue;
      }
      out.add(role + m.group(1) + "=" + m.group(2));
    }
    return new LinkedHashSet<>(out);
  }

  private static String key(String member) {
    return member.substring(0, member.indexOf('='));
  }
}
