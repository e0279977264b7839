package dev.gameliftstreams.jdbc.pushdown;

import com.google.common.collect.Range;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;

/**
 * Finds, in the filters Calcite offers a table scan, the equality predicates the source can answer:
 * {@code col = 'v'} (either operand order), {@code col IN (...)} (Calcite's SEARCH with points),
 * ORs of such equalities on one column, and {@code col = ?} with the value read from the
 * {@link DataContext}. Each offered filter is one node, often an AND: it is removed from the list
 * only when every conjunct was pushed to a column the source answers exactly.
 */
public final class FilterAnalyzer {
  private final Map<Integer, PushableColumn> pushable = new HashMap<>();

  /** @param fieldNames the table's columns in order; columns not in {@code columns} are never pushed */
  public FilterAnalyzer(List<String> fieldNames, List<PushableColumn> columns) {
    for (PushableColumn c : columns) {
      int index = fieldNames.indexOf(c.name());
      if (index < 0) {
        throw new IllegalArgumentException("No column " + c.name());
      }
      pushable.put(index, c);
    }
  }

  public Pushdown analyze(List<RexNode> filters, DataContext root) {
    Pushdown pushdown = new Pushdown();
    for (Iterator<RexNode> it = filters.iterator(); it.hasNext(); ) {
      boolean handled = true;
      for (RexNode conjunct : RelOptUtil.conjunctions(it.next())) {
        Constraint c = constraint(conjunct, root);
        if (c == null) {
          handled = false;
          continue;
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (String v : c.values) {
          // SQL's col = NULL matches nothing; values the source rejects match no row either.
          if (v != null && c.column.valid().test(v)) {
            allowed.add(v);
          }
        }
        pushdown.restrict(c.column.name(), allowed);
        handled &= c.column.exact();
      }
      if (handled) {
        it.remove();
      }
    }
    return pushdown;
  }

  private static final class Constraint {
    final PushableColumn column;
    final Set<String> values;

    Constraint(PushableColumn column, Set<String> values) {
      this.column = column;
      this.values = values;
    }
  }

  /** The constraint one conjunct puts on a pushable column, or null when it is not of a pushable form. */
  private Constraint constraint(RexNode node, DataContext root) {
    switch (node.getKind()) {
      case EQUALS:
        return equality((RexCall) node, root);
      case SEARCH:
        return search((RexCall) node);
      case OR:
        return disjunction(node, root);
      default:
        return null;
    }
  }

  private Constraint equality(RexCall call, DataContext root) {
    for (int side = 0; side < 2; side++) {
      PushableColumn column = column(call.getOperands().get(side));
      RexNode other = stripCharCast(call.getOperands().get(1 - side));
      if (column == null) {
        continue;
      }
      Set<String> values = new LinkedHashSet<>();
      if (other instanceof RexLiteral) {
        values.add(((RexLiteral) other).getValueAs(String.class));
      } else if (other instanceof RexDynamicParam) {
        Object v = root.get("?" + ((RexDynamicParam) other).getIndex());
        values.add(v == null ? null : v.toString());
      } else {
        return null;
      }
      return new Constraint(column, values);
    }
    return null;
  }

  private Constraint search(RexCall call) {
    PushableColumn column = column(call.getOperands().get(0));
    RexNode arg = call.getOperands().get(1);
    if (column == null || !(arg instanceof RexLiteral)) {
      return null;
    }
    Sarg<?> sarg = ((RexLiteral) arg).getValueAs(Sarg.class);
    // Only a plain IN list: no ranges, no NOT IN, no "OR col IS NULL".
    if (sarg == null || !sarg.isPoints() || sarg.nullAs == RexUnknownAs.TRUE) {
      return null;
    }
    Set<String> values = new LinkedHashSet<>();
    for (Range<?> range : sarg.rangeSet.asRanges()) {
      Object point = range.lowerEndpoint();
      if (!(point instanceof NlsString)) {
        return null;
      }
      values.add(((NlsString) point).getValue());
    }
    return new Constraint(column, values);
  }

  private Constraint disjunction(RexNode node, DataContext root) {
    PushableColumn column = null;
    Set<String> values = new LinkedHashSet<>();
    for (RexNode d : RelOptUtil.disjunctions(node)) {
      Constraint c = constraint(d, root);
      if (c == null || (column != null && column != c.column)) {
        return null;
      }
      column = c.column;
      values.addAll(c.values);
    }
    return column == null ? null : new Constraint(column, values);
  }

  private PushableColumn column(RexNode node) {
    RexNode stripped = stripCharCast(node);
    return stripped instanceof RexInputRef ? pushable.get(((RexInputRef) stripped).getIndex()) : null;
  }

  /**
   * A widening cast of a string to VARCHAR does not change which strings are equal; any other
   * cast (to a number, to CHAR with padding, to a shorter VARCHAR) may, so it stops the match.
   */
  private static RexNode stripCharCast(RexNode node) {
    while (node.getKind() == SqlKind.CAST) {
      RexNode operand = ((RexCall) node).getOperands().get(0);
      RelDataType to = node.getType();
      int from = operand.getType().getPrecision();
      boolean widening = to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
          || (from != RelDataType.PRECISION_NOT_SPECIFIED && to.getPrecision() >= from);
      if (to.getSqlTypeName() != SqlTypeName.VARCHAR || !SqlTypeUtil.inCharFamily(operand.getType())
          || !widening) {
        break;
      }
      node = operand;
    }
    return node;
  }
}
