package org.winnow.prune.plot;

/** Escaping for XML and HTML text and attribute values, shared by the SVG plots and the report. */
public final class Markup {

  private Markup() {}

  /** {@code s} with {@code < > & " '} replaced by entities. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
