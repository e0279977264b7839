package dev.gameliftstreams.jdbc.pushdown;

import org.apache.calcite.DataContext;

/**
 * One value of a pushed predicate as planned: a literal, or a {@code ?} parameter bound at execution.
 *
 * @param literal the literal (null for SQL NULL), when {@code param} is negative
 * @param param   the parameter's index, or -1 for a literal
 */
public record Operand(String literal, int param) {
  static Operand literal(String value) {
    return new Operand(value, -1);
  }

  static Operand param(int index) {
    return new Operand(null, index);
  }

  boolean isParam() {
    return param >= 0;
  }

  /** The value at execution; null is SQL NULL, which equals nothing. */
  String value(DataContext root) {
    if (!isParam()) {
      return literal;
    }
    Object v = root.get("?" + param);
    return v == null ? null : v.toString();
  }

  @Override
  public String toString() {
    return isParam() ? "?" + param : literal;
  }
}
