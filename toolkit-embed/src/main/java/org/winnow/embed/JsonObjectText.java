package org.winnow.embed;

/** Builds the text of a flat JSON object, for the options recorded in a file's attributes. */
final class JsonObjectText {

  private final StringBuilder sb = new StringBuilder("{");

  JsonObjectText put(String key, String value) {
    return raw(key, quote(value));
  }

  JsonObjectText put(String key, long value) {
    return raw(key, Long.toString(value));
  }

  JsonObjectText put(String key, boolean value) {
    return raw(key, Boolean.toString(value));
  }

  private JsonObjectText raw(String key, String json) {
    sb.append(sb.length() == 1 ? "" : ", ").append(quote(key)).append(": ").append(json);
    return this;
  }

  private static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\r' -> q.append("\\r");
        case '\t' -> q.append("\\t");
        default -> {
          if (c < 0x20) {
            q.append(String.format("\\u%04x", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    return q.append('"').toString();
  }

  @Override
  public String toString() {
    return sb + "}";
  }
}
