package org.winnow.datasets.manifest;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes pretty-printed JSON (two-space indent, one member per line) into a string. It checks
 * nesting as it goes, so a caller cannot produce malformed output: a name outside an object, a
 * value without a name inside one, or an unclosed container at {@link #toString()} all throw {@link
 * IllegalStateException}.
 *
 * <pre>{@code
 * String json = new JsonWriter().beginObject().name("n").value(3).endObject().toString();
 * }</pre>
 */
public final class JsonWriter {

  private enum Scope {
    OBJECT,
    ARRAY
  }

  private final StringBuilder out = new StringBuilder();
  private final Deque<Scope> scopes = new ArrayDeque<>();
  private final Deque<Boolean> empty = new ArrayDeque<>();
  private boolean nameWritten;
  private boolean topLevelDone;

  /** Opens an object, as a value. */
  public JsonWriter beginObject() {
    return open(Scope.OBJECT, '{');
  }

  /** Closes the innermost object. */
  public JsonWriter endObject() {
    return close(Scope.OBJECT, '}');
  }

  /** Opens an array, as a value. */
  public JsonWriter beginArray() {
    return open(Scope.ARRAY, '[');
  }

  /** Closes the innermost array. */
  public JsonWriter endArray() {
    return close(Scope.ARRAY, ']');
  }

  /** The name of the next member of the innermost object. */
  public JsonWriter name(String name) {
    if (scopes.peek() != Scope.OBJECT || nameWritten) {
      throw new IllegalStateException("a name belongs directly inside an object: " + name);
    }
    separate();
    quote(name);
    out.append(": ");
    nameWritten = true;
    return this;
  }

  /** A string value, or {@code null}. */
  public JsonWriter value(String value) {
    beforeValue();
    if (value == null) {
      out.append("null");
    } else {
      quote(value);
    }
    return this;
  }

  /** An integer value. */
  public JsonWriter value(long value) {
    beforeValue();
    out.append(value);
    return this;
  }

  /** A number; NaN and infinities, which JSON cannot hold, become {@code null}. */
  public JsonWriter value(double value) {
    beforeValue();
    out.append(Double.isFinite(value) ? Double.toString(value) : "null");
    return this;
  }

  /** A boolean value. */
  public JsonWriter value(boolean value) {
    beforeValue();
    out.append(value);
    return this;
  }

  /** The document, ending with a newline. */
  @Override
  public String toString() {
    if (!scopes.isEmpty() || !topLevelDone) {
      throw new IllegalStateException("incomplete JSON document");
    }
    return out + "\n";
  }

  private JsonWriter open(Scope scope, char bracket) {
    beforeValue();
    out.append(bracket);
    scopes.push(scope);
    empty.push(true);
    return this;
  }

  private JsonWriter close(Scope scope, char bracket) {
    if (scopes.peek() != scope || nameWritten) {
      throw new IllegalStateException("cannot close " + scope + " here");
    }
    scopes.pop();
    if (!empty.pop()) {
      newline();
    }
    out.append(bracket);
    if (scopes.isEmpty()) {
      topLevelDone = true;
    }
    return this;
  }

  private void beforeValue() {
    if (scopes.isEmpty()) {
      if (topLevelDone || !out.isEmpty()) {
        throw new IllegalStateException("a JSON document holds one top-level value");
      }
      return;
    }
    if (scopes.peek() == Scope.OBJECT) {
      if (!nameWritten) {
        throw new IllegalStateException("a value inside an object needs a name first");
      }
      nameWritten = false;
    } else {
      separate();
    }
  }

  private void separate() {
    if (!empty.peek()) {
      out.append(',');
    }
    empty.pop();
    empty.push(false);
    newline();
  }

  private void newline() {
    out.append('\n').append("  ".repeat(scopes.size()));
  }

  private void quote(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
